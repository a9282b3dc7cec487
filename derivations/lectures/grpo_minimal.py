"""Claims of ``docs/posts/mathematics/lectures/grpo-minimal.md`` (prefix ``grpo``).

A minimal GRPO (section 5 of the lecture "Mathematics for large models"): a toy bandit, the
group-normalised advantages (they sum to zero and have unit mean square, with closed forms for
binary rewards and the chance that a group carries no signal), PPO's clipped ratio (its value by
cases and its gradient, which vanishes outside the clip range in the direction the advantage
pushes; at the sampling policy the ratio's gradient is the score), and Schulman's k3 estimator
of the KL penalty (nonnegative by Taylor's formula with integral remainder, unbiased for
KL(pi || pi_ref); differentiated as a loss it gives the gradient of the other direction,
KL(pi_ref || pi), as Tang and Munos point out).

Sums over a symbolic group size ``G`` or a symbolic number ``n`` of actions are proved with a
local simplification that splits each sum into sums of its terms and takes factors that do not
depend on the index out of it (confirmed at random points by the build); rewards, logits and
their derivatives are undefined real functions, so each statement holds for every reward
sequence and every parametrisation of the logits. The clipped objective is decided region by
region, each region of the ratio written with positive offsets so that sympy resolves every
``min`` and ``max``.

Sources: Shao et al. (2024, DeepSeekMath) for GRPO; Schulman et al. (2017) for the clipped
ratio; Schulman (2020) for k3; Tang and Munos (2025) for the gradient of k3 used as a loss;
Liu et al. (2025) on the bias of the standard-deviation normalisation; the lecture.
"""

from __future__ import annotations

import sympy as sp

from derivations import GENERAL, Instance, Symbolic, Wrong, claim, definition
from derivations.helpers import eq, ge, gt, real_function

SHAO = (
    "Shao et al., 'DeepSeekMath: Pushing the Limits of Mathematical Reasoning in Open Language "
    "Models' (2024), section 4.1 (GRPO), https://arxiv.org/abs/2402.03300"
)
PPO = (
    "Schulman, Wolski, Dhariwal, Radford, Klimov, 'Proximal Policy Optimization Algorithms' "
    "(2017), https://arxiv.org/abs/1707.06347"
)
SCHULMAN_KL = (
    "Schulman, 'Approximating KL Divergence' (2020), http://joschu.net/blog/kl-approx.html"
)
TANG_MUNOS = (
    "Tang, Munos, 'On a few pitfalls in KL divergence gradient estimation for RL' (2025), "
    "https://arxiv.org/abs/2506.09477"
)
LECTURE = (
    "Lecture 17, 'Mathematics for large models', section 5 (a minimal GRPO), multimodal large "
    "models course, Sun Yat-sen University"
)
SUMS = "sums over a symbolic number of terms: the parser reads A_i and pi(a) as plain symbols"
CASES = "a case split over the ratio and the sign of the advantage"


# ------------------------------------------------------------------ sums with symbolic bounds


def _split_factor(term: sp.Expr, index: sp.Symbol) -> tuple[sp.Expr, sp.Expr]:
    """``term = dependent * constant`` with respect to the summation ``index``."""
    dependent, constant = [], []
    for factor in sp.Mul.make_args(term):
        (dependent if index in factor.free_symbols else constant).append(factor)
    return sp.Mul(*dependent), sp.Mul(*constant)


_INDEX = sp.Symbol("k_sum", integer=True)  # the canonical summation index of expand_sums


def expand_sums(expr: sp.Basic) -> sp.Basic:
    """Split every ``Sum`` into sums of its terms, constants taken out (innermost sums first).

    ``sum_i (c f(i) + g) = c sum_i f(i) + (upper - lower + 1) g`` for ``c, g`` free of ``i``.

    Examples:
        >>> i, n = sp.symbols("i n", integer=True, positive=True)
        >>> f = sp.Function("f")
        >>> c = sp.Symbol("c")
        >>> expand_sums(sp.Sum(c * f(i) + 2, (i, 1, n)))
        c*Sum(f(k_sum), (k_sum, 1, n)) + 2*n
    """
    if isinstance(expr, sp.Sum):
        ((index, lower, upper),) = expr.limits
        terms = []
        for term in sp.Add.make_args(sp.expand(expand_sums(expr.function))):
            dependent, constant = _split_factor(term, index)
            count = upper - lower + 1
            if dependent == 1:
                terms.append(constant * count)
            else:  # one name for every summation index, so equal sums are recognised
                renamed = dependent.xreplace({index: _INDEX})
                terms.append(constant * sp.Sum(renamed, (_INDEX, lower, upper)))
        return sp.Add(*terms)
    if not expr.args:
        return expr
    return expr.func(*(expand_sums(a) for a in expr.args))


def sum_algebra(expr: sp.Basic) -> sp.Basic:
    """Logs of products apart, sums split, then one rational function of the remaining sums."""
    return sp.cancel(sp.together(expand_sums(sp.expand_log(expr, force=True))))


SUM_METHOD = Symbolic(simplify=sum_algebra, doit=False)
DERIVATIVE_SUM_METHOD = Symbolic(simplify=lambda e: sum_algebra(e.doit()), doit=False)
#: The gradients of the KL take longer to evaluate at the points that confirm the proof.
SLOW_DERIVATIVE_SUM_METHOD = Symbolic(
    simplify=lambda e: sum_algebra(e.doit()), doit=False, budget=60.0
)

# ------------------------------------------------------------------ the toy

definition(
    "grpo.bandit",
    r"R(q, a) = \begin{cases} 1 & a \equiv q \pmod 8 \\ 0 & \text{otherwise} \end{cases}, "
    r"\qquad \pi_\theta(a \mid q) = \operatorname{softmax}\big(z_\theta(q)\big)_a, \qquad "
    r"q \in \{0, \dots, 31\}, \quad a \in \{0, \dots, 7\}",
    note="The lecture's toy: 32 prompts, 8 actions, one correct action per prompt; the logits "
    "z_theta(q) come from a small network (the page says which).",
)

definition(
    "grpo.advantage",
    r"A_i = \frac{R_i - \bar R}{\sigma_R}, \qquad \bar R = \frac{1}{G}\sum_{j=1}^{G} R_j, "
    r"\qquad \sigma_R^2 = \frac{1}{G}\sum_{j=1}^{G} \big(R_j - \bar R\big)^2",
    note="R_1, ..., R_G are the rewards of G actions sampled for one prompt; sigma_R is the "
    "population standard deviation of the group. A group with sigma_R = 0 gets A_i = 0.",
)

# ------------------------------------------------------------------ group-normalised advantages

G = sp.Symbol("G", positive=True, integer=True)
i = sp.Symbol("i", positive=True, integer=True)
j = sp.Symbol("j", positive=True, integer=True)
R = real_function("R")
#: Group sizes at which a statement over symbolic G is evaluated (refutation, confirmation).
GROUP_BOX = {G: (2.0, 5.0)}


def group_sum(expr: sp.Expr, index: sp.Symbol = i) -> sp.Sum:
    """``sum_{index=1}^G expr`` (unevaluated)."""
    return sp.Sum(expr, (index, 1, G))


R_mean = group_sum(R(j), j) / G
centred_sq = group_sum((R(j) - R_mean) ** 2, j)
sigma = sp.sqrt(centred_sq / G)
adv = (R(i) - R_mean) / sigma

claim(
    "grpo.adv-sum",
    eq(group_sum(R(i) - R_mean), 0),
    scope=GENERAL,
    latex=r"\sum_{i=1}^{G} \big(R_i - \bar R\big) = \sum_{i=1}^{G} R_i - G \bar R = 0",
    method=SUM_METHOD,
    domain=GROUP_BOX,
    wrong={
        "mean taken with 1/(G - 1)": eq(group_sum(R(i) - group_sum(R(j), j) / (G - 1)), 0),
        "the centred rewards sum to one, like weights": eq(group_sum(R(i) - R_mean), 1),
    },
    uses=["grpo.advantage"],
    source=SHAO,
    note="Symbolic G, every real reward sequence. Since sigma_R does not depend on i, the "
    "advantages A_i = (R_i - Rbar)/sigma_R sum to zero as well. (Stated for the centred "
    "rewards: at a point, an exactly vanishing sum with sigma_R in every term cannot be "
    "certified by evalf, so the confirmation could not evaluate the form with A_i.)",
    compare=SUMS,
)

s_sample = sp.sqrt(centred_sq / (G - 1))

claim(
    "grpo.adv-var",
    sp.And(
        eq(group_sum(adv**2) / G, 1),
        eq(group_sum(((R(i) - R_mean) / s_sample) ** 2) / G, (G - 1) / G),
    ),
    scope=GENERAL,
    latex=r"\frac{1}{G}\sum_{i=1}^{G} A_i^2 = 1, \qquad \frac{1}{G}\sum_{i=1}^{G} "
    r"\Big(\frac{R_i - \bar R}{s_R}\Big)^2 = \frac{G-1}{G} \quad \text{with } "
    r"s_R^2 = \frac{1}{G-1}\sum_{j=1}^{G} \big(R_j - \bar R\big)^2",
    method=SUM_METHOD,
    domain=GROUP_BOX,
    wrong={
        "unit mean square with the sample standard deviation too": eq(
            group_sum(((R(i) - R_mean) / s_sample) ** 2) / G, 1
        ),
        "the squares sum to one": eq(group_sum(adv**2), 1),
    },
    uses=["grpo.advantage", "grpo.adv-sum"],
    source=SHAO,
    note="Symbolic G, sigma_R > 0 (and G >= 2 for s_R). Since the advantages have mean zero, "
    "their mean square is their variance. Dividing by the sample standard deviation s_R "
    "(torch.std's default) gives mean square (G - 1)/G instead, 7/8 for G = 8.",
    compare=SUMS,
)

p = sp.Symbol("p", positive=True)
w = sp.Symbol("w", positive=True)  # p = 1/(1 + w) and s = 1/(1 + w) run over (0, 1)
variance = p * (1 - p) ** 2 + (1 - p) * p**2  # (k (1 - p)^2 + (G - k) p^2) / G with k = p G

claim(
    "grpo.adv-binary",
    sp.And(
        eq(variance, p * (1 - p)),
        eq((1 - p) / sp.sqrt(variance), sp.sqrt((1 - p) / p)),
        eq(-p / sp.sqrt(variance), -sp.sqrt(p / (1 - p))),
    ),
    scope=GENERAL,
    latex=r"\sigma_R = \sqrt{p(1-p)^2 + (1-p)\,p^2} \implies \sigma_R^2 = p(1-p), \qquad "
    r"\frac{1-p}{\sigma_R} = \sqrt{\frac{1-p}{p}}, \qquad -\frac{p}{\sigma_R} = "
    r"-\sqrt{\frac{p}{1-p}}",
    method=Symbolic(simplify=lambda e: sp.simplify(e.subs(p, 1 / (1 + w)))),
    domain={p: (0.0, 1.0)},
    wrong={
        "variance p^2 (1 - p)^2": eq(variance, p**2 * (1 - p) ** 2),
        "advantage of a success (1 - p)/p, without the square root": eq(
            (1 - p) / sp.sqrt(variance), (1 - p) / p
        ),
        "success and failure advantages swapped": eq(
            (1 - p) / sp.sqrt(variance), sp.sqrt(p / (1 - p))
        ),
    },
    uses=["grpo.advantage", "grpo.adv-sum"],
    source=SHAO,
    note="k of the G rewards are 1 and the rest 0, 0 < k < G, p = k/G: the mean is p and the "
    "variance is (k (1 - p)^2 + (G - k) p^2)/G, the expression under the root; a success gets "
    "A_+ = (1 - p)/sigma_R and a failure A_- = -p/sigma_R. Proved for every 0 < p < 1: the "
    "page's simplification writes p = 1/(1 + w) with w > 0, so that sympy knows 1 - p > 0.",
)

k = sp.Symbol("k", integer=True, nonnegative=True)
G8 = 8
no_signal = p**G8 + (1 - p) ** G8

claim(
    "grpo.no-signal",
    sp.And(
        eq(
            sp.Sum(sp.binomial(G8, k) * p**k * (1 - p) ** (G8 - k), (k, 1, G8 - 1)),
            1 - no_signal,
        ),
        eq(sp.Subs(no_signal, p, sp.Rational(1, 8)), sp.Rational(7**8 + 1, 8**8)),
    ),
    scope=Instance(
        "G = 8 with p symbolic, and its value at p = 1/8",
        "for any G the binomial theorem, (p + (1 - p))^G = 1, leaves p^G + (1 - p)^G for the "
        "two constant groups",
    ),
    latex=r"\sum_{k=1}^{7} \binom{8}{k} p^k (1-p)^{8-k} = 1 - p^8 - (1-p)^8, \qquad "
    r"p^8 + (1-p)^8 \Big|_{p = 1/8} = \frac{7^8 + 1}{8^8}",
    wrong={
        "only the all-failure group is signal-free": eq(
            sp.Sum(sp.binomial(G8, k) * p**k * (1 - p) ** (G8 - k), (k, 1, G8 - 1)),
            1 - (1 - p) ** G8,
        ),
        "value (7/8)^7": eq(sp.Subs(no_signal, p, sp.Rational(1, 8)), sp.Rational(7, 8) ** 7),
    },
    uses=["grpo.advantage"],
    note="Each of the G actions is correct with probability p, independently. A group whose "
    "rewards are all 0 or all 1 has sigma_R = 0, so all its advantages are 0 and it adds "
    "nothing to the gradient but the KL term. At the uniform start of the toy (p = 1/8) that "
    "is about a third of the groups.",
    compare="the second part evaluates a polynomial at a point",
)

# ------------------------------------------------------------------ the clipped ratio

definition(
    "grpo.objective",
    r"J(\theta) = \frac{1}{G}\sum_{i=1}^{G} \Big[\min\big(\rho_i A_i,\ "
    r"\operatorname{clip}(\rho_i, 1 - \epsilon, 1 + \epsilon)\, A_i\big) - \beta\, \hat k_i\Big], "
    r"\qquad \rho_i = \frac{\pi_\theta(a_i \mid q)}{\pi_{\theta_{\mathrm{old}}}(a_i \mid q)}, "
    r"\qquad \operatorname{clip}(x, l, h) = \min\big(\max(x, l), h\big)",
    note="a_1, ..., a_G are sampled from pi_theta_old for one prompt q; the loss is -J averaged "
    "over the batch's prompts; k_i is the KL estimate of grpo.k3 at a_i.",
)

eps = sp.Symbol("epsilon", positive=True)
a_pos = sp.Symbol("A", positive=True)  # |A|: the advantage is a_pos or -a_pos
t = sp.Symbol("t", positive=True)


def clip(x: sp.Expr, low: sp.Expr, high: sp.Expr) -> sp.Expr:
    """``min(max(x, low), high)``, left unevaluated."""
    return sp.Min(sp.Max(x, low, evaluate=False), high, evaluate=False)


def surrogate(ratio: sp.Expr, advantage: sp.Expr) -> sp.Expr:
    """``min(rho A, clip(rho, 1 - eps, 1 + eps) A)``, left unevaluated."""
    return sp.Min(ratio * advantage, clip(ratio, 1 - eps, 1 + eps) * advantage, evaluate=False)


# Every real ratio, written with positive offsets t and w (0 < 2 eps / (1 + w) < 2 eps).
BELOW = 1 - eps - t
INSIDE = 1 - eps + 2 * eps / (1 + w)
ABOVE = 1 + eps + t
EDGES = (1 - eps, 1 + eps)

claim(
    "grpo.clip-form",
    sp.And(
        *(eq(surrogate(r, a_pos), a_pos * r) for r in (BELOW, EDGES[0], INSIDE, EDGES[1])),
        eq(surrogate(ABOVE, a_pos), a_pos * (1 + eps)),
        eq(surrogate(BELOW, -a_pos), -a_pos * (1 - eps)),
        *(eq(surrogate(r, -a_pos), -a_pos * r) for r in (EDGES[0], INSIDE, EDGES[1], ABOVE)),
    ),
    scope=GENERAL,
    latex=r"A > 0:\ \min\big(\rho A,\ \operatorname{clip}(\rho, 1-\epsilon, 1+\epsilon) A\big) "
    r"= A \min(\rho,\ 1 + \epsilon), \qquad A < 0:\ \min\big(\rho A,\ "
    r"\operatorname{clip}(\rho, 1-\epsilon, 1+\epsilon) A\big) = A \max(\rho,\ 1 - \epsilon)",
    wrong={
        "clipped on both sides for A > 0": eq(surrogate(BELOW, a_pos), a_pos * (1 - eps)),
        "for A < 0 the cap is at 1 + eps": eq(surrogate(ABOVE, -a_pos), -a_pos * (1 + eps)),
        "the plain clipped term clip(rho) A (no min) for A < 0": eq(
            clip(ABOVE, 1 - eps, 1 + eps) * (-a_pos), -a_pos * ABOVE
        ),
    },
    uses=["grpo.objective"],
    source=PPO,
    note="Every real rho and eps > 0, A = a or A = -a with a > 0 (A = 0 makes both sides 0): "
    "rho is written as 1 - eps - t, 1 - eps, 1 - eps + 2 eps/(1 + w), 1 + eps or 1 + eps + t "
    "with t, w > 0, and sympy resolves every min and max. The min makes the objective a "
    "pessimistic bound: the clip caps a gain, never a loss.",
    compare=CASES,
)


def slope(ratio: sp.Expr, param: sp.Symbol, advantage: sp.Expr) -> sp.Expr:
    """D surrogate / d rho along ``ratio(param)``: the chain rule divided out."""
    return sp.Derivative(surrogate(ratio, advantage), param) / sp.Derivative(ratio, param)


claim(
    "grpo.clip-grad",
    sp.And(
        eq(slope(BELOW, t, a_pos), a_pos),
        eq(slope(INSIDE, w, a_pos), a_pos),
        eq(slope(ABOVE, t, a_pos), 0),
        eq(slope(BELOW, t, -a_pos), 0),
        eq(slope(INSIDE, w, -a_pos), -a_pos),
        eq(slope(ABOVE, t, -a_pos), -a_pos),
    ),
    scope=GENERAL,
    latex=r"\frac{\partial}{\partial \rho} \min\big(\rho A,\ "
    r"\operatorname{clip}(\rho, 1-\epsilon, 1+\epsilon) A\big) = \begin{cases} 0 & "
    r"A > 0,\ \rho > 1 + \epsilon \ \text{ or } \ A < 0,\ \rho < 1 - \epsilon, \\ A & "
    r"\text{otherwise}, \end{cases} \qquad \rho \ne 1 \pm \epsilon",
    wrong={
        "zero gradient whenever rho leaves [1 - eps, 1 + eps]": eq(slope(BELOW, t, a_pos), 0),
        "zero gradient for A < 0 above the range": eq(slope(ABOVE, t, -a_pos), 0),
        "the clipped term's own slope is kept for A < 0 below the range": eq(
            slope(BELOW, t, -a_pos), -a_pos
        ),
    },
    uses=["grpo.clip-form"],
    source=PPO,
    note="Each region of grpo.clip-form (kinks excluded), the derivative with respect to rho "
    "taken along the region's parametrisation. A positive advantage asks for a larger ratio: "
    "past 1 + eps it gets no more gradient; a negative one asks for a smaller ratio: below "
    "1 - eps it gets none. A sample that moved the wrong way keeps its full gradient.",
    compare=CASES,
)

theta = sp.Symbol("theta", real=True)
theta_old = sp.Symbol(r"\theta_{\mathrm{old}}", real=True)
pi_f = sp.Function("pi", positive=True)

claim(
    "grpo.ratio-score",
    eq(
        sp.Subs(sp.Derivative(pi_f(theta) / pi_f(theta_old), theta), theta, theta_old),
        sp.Subs(sp.Derivative(sp.log(pi_f(theta)), theta), theta, theta_old),
    ),
    scope=GENERAL,
    latex=r"\frac{\partial \rho}{\partial \theta}\bigg|_{\theta = \theta_{\mathrm{old}}} = "
    r"\frac{\partial_\theta \pi_\theta(a)}{\pi_{\theta_{\mathrm{old}}}(a)}\bigg|_{\theta = "
    r"\theta_{\mathrm{old}}} = \frac{\partial}{\partial \theta} \ln \pi_\theta(a)"
    r"\bigg|_{\theta = \theta_{\mathrm{old}}}",
    wrong={
        "the ratio's gradient is that of pi itself": eq(
            sp.Subs(sp.Derivative(pi_f(theta) / pi_f(theta_old), theta), theta, theta_old),
            sp.Subs(sp.Derivative(pi_f(theta), theta), theta, theta_old),
        ),
        "no gradient, because rho = 1 there": eq(
            sp.Subs(sp.Derivative(pi_f(theta) / pi_f(theta_old), theta), theta, theta_old), 0
        ),
    },
    uses=["grpo.objective"],
    source=PPO,
    note="One parameter direction theta, any positive differentiable pi (the denominator is a "
    "constant: pi_theta_old is the sampling policy, detached). At theta = theta_old the ratio is "
    "1, inside the clip range, so by grpo.clip-grad the gradient of J's first term is "
    "(1/G) sum_i A_i d ln pi(a_i)/d theta: REINFORCE with the group's advantages.",
    compare="derivatives at a point of an undefined function",
)

# ------------------------------------------------------------------ the k3 estimator

definition(
    "grpo.k3",
    r"\hat k = r - 1 - \ln r = e^{\ell_{\mathrm{ref}} - \ell} - (\ell_{\mathrm{ref}} - \ell) - 1,"
    r" \qquad r = \frac{\pi_{\mathrm{ref}}(a \mid q)}{\pi_\theta(a \mid q)}, \quad "
    r"\ell = \ln \pi_\theta(a \mid q), \quad "
    r"\ell_{\mathrm{ref}} = \ln \pi_{\mathrm{ref}}(a \mid q)",
    note="Schulman's k3 at an action a sampled from pi_theta; the second form (ln r = ell_ref - "
    "ell) is how the code computes it from log-probabilities. The target is KL(pi_theta || "
    "pi_ref).",
)

r = sp.Symbol("r", positive=True)
s = sp.Symbol("s", positive=True)
u = sp.Symbol("u", positive=True)
k3_of = r - 1 - sp.log(r)
remainder = (r - 1) ** 2 * (1 - s) / (1 - s + s * r) ** 2
on_unit = sp.factor(remainder.subs(s, 1 / (1 + w)))  # s = 1/(1 + w) runs over (0, 1)

claim(
    "grpo.k3-nonneg",
    sp.And(
        eq(k3_of, (r - 1) ** 2 * sp.Integral((1 - s) / (1 - s + s * r) ** 2, (s, 0, 1))),
        ge(on_unit, 0),
        gt(on_unit.subs(r, 1 + u), 0),
        gt(on_unit.subs(r, 1 / (1 + u)), 0),
        eq(sp.Subs(k3_of, r, 1), 0),
    ),
    scope=GENERAL,
    latex=r"r - 1 - \ln r = (r - 1)^2 \int_0^1 \frac{1 - s}{(1 - s + s r)^2}\, ds \ge 0 "
    r"\qquad r > 0",
    wrong={
        "k1 = -ln r is nonnegative as well": Wrong(ge(-sp.log(r), 0), at=({r: 2},)),
        "remainder without the weight 1 - s": eq(
            k3_of, (r - 1) ** 2 * sp.Integral(1 / (1 - s + s * r) ** 2, (s, 0, 1))
        ),
        "(r - 1) not squared": Wrong(
            ge((r - 1) * (1 - s) / (1 - s + s * r) ** 2, 0), at=({r: sp.Rational(1, 2)},)
        ),
    },
    uses=["grpo.k3"],
    source=SCHULMAN_KL,
    note="Every r > 0. Taylor's formula at 1 with integral remainder for f(r) = r - 1 - ln r, "
    "where f(1) = f'(1) = 0 and f''(x) = 1/x^2. For 0 < s < 1 (s = 1/(1 + w), w > 0) the "
    "integrand times (r - 1)^2 is w (w + 1)(r - 1)^2/(r + w)^2: nonnegative, and positive "
    "when r > 1 (r = 1 + u) or r < 1 (r = 1/(1 + u)), so k3 = 0 only at r = 1.",
)

n = sp.Symbol("n", positive=True, integer=True)
a = sp.Symbol("a", positive=True, integer=True)
#: Numbers of actions at which a statement over symbolic n is evaluated.
ACTION_BOX = {n: (2.0, 3.0)}
#: For the gradients of the KL: evaluating them at n = 3 takes seconds a point, so the points
#: that confirm the simplification (and refute the variants) have two actions.
PAIR_BOX = {n: (2.0, 2.0)}
z = real_function("z")  # logits of pi_theta
d = real_function("d")  # a direction in logit space
z_ref = real_function("z_ref")  # logits of pi_ref


def action_sum(expr: sp.Expr) -> sp.Sum:
    """``sum_{a=1}^n expr`` (unevaluated)."""
    return sp.Sum(expr, (a, 1, n))


def softmax(logit: sp.Expr) -> sp.Expr:
    """``exp(logit(a)) / sum_a exp(logit(a))``; ``logit`` is an expression in ``a``."""
    return sp.exp(logit) / action_sum(sp.exp(logit))


pi_a = softmax(z(a))
ref_a = softmax(z_ref(a))
k3_a = ref_a / pi_a - 1 - sp.log(ref_a / pi_a)


def kl_sum(first: sp.Expr, second: sp.Expr) -> sp.Sum:
    """``KL(first || second) = sum_a first ln(first / second)``."""
    return action_sum(first * sp.log(first / second))


claim(
    "grpo.k3-unbiased",
    eq(action_sum(pi_a * k3_a), kl_sum(pi_a, ref_a)),
    scope=GENERAL,
    latex=r"\mathbb{E}_{a \sim \pi_\theta}\big[\hat k\big] = \sum_{a=1}^{n} \pi_\theta(a)"
    r"\Big(\frac{\pi_{\mathrm{ref}}(a)}{\pi_\theta(a)} - 1 - \ln\frac{\pi_{\mathrm{ref}}(a)}"
    r"{\pi_\theta(a)}\Big) = \sum_{a=1}^{n} \pi_\theta(a) \ln\frac{\pi_\theta(a)}"
    r"{\pi_{\mathrm{ref}}(a)} = \mathrm{KL}(\pi_\theta \,\Vert\, \pi_{\mathrm{ref}})",
    method=SUM_METHOD,
    domain=ACTION_BOX,
    wrong={
        "unbiased for the other direction KL(pi_ref || pi)": eq(
            action_sum(pi_a * k3_a), kl_sum(ref_a, pi_a)
        ),
        "E[r] taken as 0 (KL - 1)": eq(action_sum(pi_a * k3_a), kl_sum(pi_a, ref_a) - 1),
    },
    uses=["grpo.k3", "grpo.k3-nonneg"],
    source=SCHULMAN_KL,
    note="Symbolic n; pi_theta and pi_ref are softmaxes of arbitrary real logits z and z_ref, "
    "which is every pair of distributions with full support. The control variate r - 1 has "
    "mean sum_a pi_ref(a) - 1 = 0 under pi_theta, so k3 keeps the mean of k1 = -ln r and, by "
    "grpo.k3-nonneg, is never negative.",
    compare=SUMS,
)

# Logits along a line z + theta d: any parametrisation's derivative d/d theta is the
# derivative along its direction d(a) = dz(a)/d theta (chain rule), so this is every case.
z_t = z(a) + theta * d(a)
pi_t = softmax(z_t)
k3_t = ref_a / pi_t - 1 - sp.log(ref_a / pi_t)

baseline = sp.Symbol("b", real=True)
score_t = sp.Derivative(sp.log(pi_t), theta)

claim(
    "grpo.score",
    eq(
        action_sum(pi_t * (R(a) - baseline) * score_t),
        action_sum(pi_t * R(a) * score_t),
    ),
    scope=GENERAL,
    latex=r"\sum_{a=1}^{n} \pi_\theta(a) \big(R(a) - b\big)\, \partial_\theta \ln "
    r"\pi_\theta(a) = \sum_{a=1}^{n} \pi_\theta(a)\, R(a)\, \partial_\theta \ln "
    r"\pi_\theta(a)",
    method=DERIVATIVE_SUM_METHOD,
    domain=ACTION_BOX,
    wrong={
        "the baseline may be dropped without the weights pi": eq(
            action_sum((R(a) - baseline) * score_t), action_sum(R(a) * score_t)
        ),
        "weights squared": eq(
            action_sum(pi_t**2 * (R(a) - baseline) * score_t),
            action_sum(pi_t**2 * R(a) * score_t),
        ),
        "the baseline scales the gradient by (1 - b)": eq(
            action_sum(pi_t * (R(a) - baseline) * score_t),
            (1 - baseline) * action_sum(pi_t * R(a) * score_t),
        ),
    },
    uses=["grpo.bandit"],
    note="Symbolic n, every real reward R(a) and baseline b, logits z(a) + theta d(a) with z "
    "and d arbitrary real functions: by the chain rule every parametrisation's derivative is "
    "one along such a line. The difference is b sum_a pi_theta(a) d ln pi_theta(a) = "
    "b d/dtheta sum_a pi_theta(a) = 0: the score has mean zero. (Stated with a baseline because "
    "a point evaluation cannot certify an exactly vanishing sum.) So a baseline that does not "
    "depend on the sampled action adds nothing to the expected policy gradient, and the "
    "gradient of k1 = ln pi_theta - ln pi_ref, the sample held fixed, is zero in expectation.",
    compare=SUMS,
)

claim(
    "grpo.k3-grad",
    eq(
        action_sum(pi_t * sp.Derivative(k3_t, theta)),
        sp.Derivative(kl_sum(ref_a, pi_t), theta),
    ),
    scope=GENERAL,
    latex=r"\mathbb{E}_{a \sim \pi_\theta}\big[\partial_\theta \hat k(a)\big] = "
    r"\sum_{a=1}^{n} \pi_\theta(a)\, \partial_\theta \Big(\frac{\pi_{\mathrm{ref}}(a)}"
    r"{\pi_\theta(a)} - 1 - \ln\frac{\pi_{\mathrm{ref}}(a)}{\pi_\theta(a)}\Big) = "
    r"\partial_\theta\, \mathrm{KL}(\pi_{\mathrm{ref}} \,\Vert\, \pi_\theta)",
    method=SLOW_DERIVATIVE_SUM_METHOD,
    domain=PAIR_BOX,
    wrong={
        "the gradient of the divergence it estimates, KL(pi || pi_ref)": eq(
            action_sum(pi_t * sp.Derivative(k3_t, theta)),
            action_sum(pi_t * sp.log(pi_t / ref_a) * score_t),
        ),
        "zero in expectation, like k1": eq(action_sum(pi_t * sp.Derivative(k3_t, theta)), 0),
    },
    uses=["grpo.k3", "grpo.score"],
    source=TANG_MUNOS,
    note="Symbolic n, logits z(a) + theta d(a) (every direction), reference logits fixed. The "
    "expectation weights pi_theta(a) are not differentiated: autograd sees a fixed sample. "
    "d k3 / d ln pi = 1 - r, and sum_a pi (1 - r) d ln pi = -sum_a pi_ref d ln pi by "
    "grpo.score: the gradient of the forward divergence, not of the reverse one that k3 "
    "estimates. For softmax logits it is pi_theta - pi_ref.",
    compare=SUMS,
)
