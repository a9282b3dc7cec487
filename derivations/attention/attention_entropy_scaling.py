"""Claims of ``docs/posts/mathematics/attention/attention-entropy-scaling.md``.

Entropy of softmax attention over n keys: H = log Z - sum p_i s_i; the bound log n, attained by
uniform attention (Gibbs' inequality, from t log t - t + 1 >= 0); for i.i.d. scores with a fixed
scale the entropy is log n minus a constant (Gaussian scores: log n - beta^2/2), so it grows like
log n; with scores lambda log(n) x_i, what no longer depends on n is the exponent that decides
whether a key outweighs the n others; in a model with k relevant keys the entropy then tends to
log k for every lambda > 1.

What is proved in which generality: the identities over the softmax and the bound H <= log n
for a symbolic number n of keys, with the scores s(i) any real sequence (:func:`softmax_sums`
works on the sums term by term; wrong variants are refuted at n = 3); the Gaussian moments are
sympy integrals; limits are sympy limits of exact expressions, for a symbolic lambda in each
regime. The law-of-large-numbers step that turns sums over i.i.d. keys into expectations is
cited, not checked.
"""

from __future__ import annotations

import sympy as sp
from sympy.calculus.util import minimum

from derivations import GENERAL, Symbolic, Wrong, cited, claim, definition
from derivations.helpers import eq, ge, gt, le, lt, real_function

SU_ENTROPY = (
    "Su, 'Looking at the scale operation of attention from entropy invariance', "
    "https://kexue.fm/archives/8823"
)
CHIANG_CHOLAK = (
    "Chiang, Cholak, 'Overcoming a Theoretical Limitation of Self-Attention', "
    "https://arxiv.org/abs/2202.12172"
)
DURRETT = (
    "Durrett, 'Probability: Theory and Examples', 5th edition, Theorem 2.4.1 (strong law of "
    "large numbers), https://services.math.duke.edu/~rtd/PTE/PTE5_011119.pdf"
)

n = sp.Symbol("n", positive=True, integer=True)
i = sp.Symbol("i", positive=True, integer=True)
j = sp.Symbol("j", positive=True, integer=True)
k, beta, lam, mu, nu = sp.symbols("k beta lambda mu nu", positive=True)
x, x_i, x_0 = sp.symbols("x x_i x_0", real=True)
t = sp.Symbol("t", positive=True)


score = real_function("s")  # s(i): any real scores

# Every n: sums over the keys, the scores an undefined real sequence.
Z = sp.Sum(sp.exp(score(j)), (j, 1, n))
p = sp.exp(score(i)) / Z
H = -sp.Sum(p * sp.log(p), (i, 1, n))

# n = 3 with plain symbols, for the wrong variants.
s3 = sp.symbols("s_1:4", real=True)
Z3 = sum(sp.exp(v) for v in s3)
p3 = [sp.exp(v) / Z3 for v in s3]
H3 = -sum(pi * sp.log(pi) for pi in p3)
UNIFORM3 = dict.fromkeys(s3, 0)  # equal scores: uniform attention
PEAKED3 = {s3[0]: 1, s3[1]: 0, s3[2]: 0}


def g_of(arg: sp.Expr) -> sp.Expr:
    """``g(arg) = arg log arg - arg + 1``."""
    return arg * sp.log(arg) - arg + 1


g = g_of(t)


def _split(total: sp.Sum) -> sp.Expr:
    """One sum over a single index as a sum of sums, constants pulled out, index renamed ``i``.

    A sum of a constant is evaluated (``Sum(1, (i, 1, n)) = n``).
    """
    (var, lo, hi), body = total.limits[0], total.function
    body = sp.expand(body.xreplace({var: i}) if var != i else body)
    out = sp.Integer(0)
    for term in sp.Add.make_args(body):
        const, dep = term.as_independent(i, as_Add=False)
        out += const * (
            sp.Sum(dep, (i, lo, hi)).doit() if not dep.has(i) else sp.Sum(dep, (i, lo, hi))
        )
    return out


def softmax_sums(expr: sp.Basic) -> sp.Basic:
    """Work on sums over the keys term by term, so that sum_i p_i = 1 is recognised.

    Logarithms are split (every argument is a product or quotient of positive factors: the
    weights, Z, n), each sum is split into a sum of sums with the factors that do not depend on
    the index taken out, and every sum is written with the same index, so that
    ``sum_i e^{s_i}`` and ``Z = sum_j e^{s_j}`` are the same expression and cancel.
    """
    expr = sp.expand(sp.expand_log(expr, force=True))
    for _ in range(2):  # Z inside a sum over i: the inner sum first, then the outer
        expr = expr.replace(lambda e: isinstance(e, sp.Sum), _split)
        expr = sp.expand(expr)
    return sp.cancel(expr)


# ------------------------------------------------------------------ definitions

definition(
    "entropy.softmax",
    r"p_i = \frac{e^{s_i}}{Z}, \qquad Z = \sum_{j=1}^{n} e^{s_j}, \qquad "
    r"H = -\sum_{i=1}^{n} p_i \ln p_i",
)

# ------------------------------------------------------------------ exact identities

s_i, Zs = sp.Symbol("s_i", real=True), sp.Symbol("Z", positive=True)
claim(
    "entropy.log-p",
    sp.Eq(sp.log(sp.exp(s_i) / Zs), s_i - sp.log(Zs)),
    scope=GENERAL,
    latex=r"\ln \frac{e^{s_i}}{Z} = s_i - \ln Z",
    wrong={"sign of log Z": sp.Eq(sp.log(sp.exp(s_i) / Zs), s_i + sp.log(Zs))},
    uses=["entropy.softmax"],
    note="Any real score s_i and any Z > 0 (a sum of exponentials is positive), so for every i "
    "and every n.",
)

_mean = sp.Sum(p * score(i), (i, 1, n))
claim(
    "entropy.log-partition",
    sp.Eq(H, sp.log(Z) - _mean),
    scope=GENERAL,
    latex=r"H = \ln Z - \sum_{i=1}^{n} p_i\, s_i",
    method=Symbolic(simplify=softmax_sums, doit=False),
    wrong={
        "plus the mean score (n = 3)": Wrong(
            sp.Eq(H3, sp.log(Z3) + sum(pi * si for pi, si in zip(p3, s3))), at=(PEAKED3,)
        ),
        "unweighted mean score (n = 3)": Wrong(sp.Eq(H3, sp.log(Z3) - sum(s3) / 3), at=(PEAKED3,)),
    },
    uses=["entropy.log-p"],
    source=SU_ENTROPY,
    compare="sums over the keys of an undefined sequence of scores",
    note="n symbolic and s(i) any real scores: log p_i = s_i - log Z and sum_i p_i = 1, "
    "term by term.",
)

uniform_H = -sp.Sum(sp.log(1 / n) / n, (i, 1, n))
claim(
    "entropy.uniform",
    sp.Eq(uniform_H, sp.log(n)),
    scope=GENERAL,
    latex=r"-\sum_{i=1}^{n} \tfrac{1}{n} \ln \tfrac{1}{n} = \ln n",
    wrong={"log(n)/n": Wrong(sp.Eq(uniform_H, sp.log(n) / n), at=({n: 2},))},
    uses=["entropy.softmax"],
)

_kl = sp.Sum(p * sp.log(n * p), (i, 1, n))
_kl3 = sum(pi * sp.log(3 * pi) for pi in p3)
claim(
    "entropy.gap-kl",
    sp.Eq(sp.log(n) - H, _kl),
    scope=GENERAL,
    latex=r"\ln n - H = \sum_{i=1}^{n} p_i \ln (n p_i) = "
    r"\operatorname{KL}\big(p \,\Vert\, \tfrac{1}{n}\mathbf{1}\big)",
    method=Symbolic(simplify=softmax_sums, doit=False),
    wrong={
        "log(p_i / n) in place of log(n p_i) (n = 3)": Wrong(
            sp.Eq(sp.log(3) - H3, sum(pi * sp.log(pi / 3) for pi in p3)), at=(UNIFORM3,)
        )
    },
    uses=["entropy.softmax"],
    compare="sums over the keys of an undefined sequence of scores, and KL",
    note="n symbolic, s(i) any real scores. The last member is the definition of the "
    "Kullback-Leibler divergence from the uniform distribution.",
)

claim(
    "entropy.gibbs-convex",
    sp.And(
        sp.Eq(sp.Subs(g, t, 1), 0, evaluate=False),
        sp.Eq(sp.Derivative(g, t), sp.log(t), evaluate=False),
        sp.Eq(sp.Derivative(g, (t, 2)), 1 / t, evaluate=False),
    ),
    scope=GENERAL,
    latex=r"g(t) = t \ln t - t + 1: \qquad g(1) = 0, \quad g'(t) = \ln t, \quad "
    r"g''(t) = \tfrac{1}{t} > 0",
    wrong={
        "g'(t) = log t + 1": Wrong(
            sp.Eq(sp.Derivative(g, t), sp.log(t) + 1, evaluate=False), at=({t: 1},)
        ),
        "g''(t) = -1/t^2": Wrong(
            sp.Eq(sp.Derivative(g, (t, 2)), -1 / t**2, evaluate=False), at=({t: 1},)
        ),
    },
    compare="g is the function defined in the display",
    note="t > 0, so g''(t) = 1/t > 0: g is strictly convex, with its stationary point at t = 1.",
)


def lower_bound_by_minimum(expr: sp.Basic) -> sp.Basic:
    """Replace ``expr``, a function of t > 0, by its minimum over t > 0 (computed by sympy).

    Used only for a statement ``expr >= 0``: the minimum is a lower bound of ``expr``, so showing
    that it is nonnegative shows that ``expr`` is.
    """
    return minimum(expr, t, sp.Interval.open(0, sp.oo))


claim(
    "entropy.gibbs",
    ge(g, 0),
    scope=GENERAL,
    latex=r"t \ln t - t + 1 \ge 0, \qquad t > 0",
    method=Symbolic(simplify=lower_bound_by_minimum),
    wrong={
        "strict: t log t - t + 1 > 0": Wrong(gt(g, 0), at=({t: 1},)),
        "t log t >= t (the -1 lost)": Wrong(ge(t * sp.log(t), t), at=({t: 1},)),
    },
    uses=["entropy.gibbs-convex"],
    note="sympy computes min_{t > 0} g(t) = g(1) = 0 (the stationary point of the convex g), "
    "and the statement is confirmed at random t > 0.",
)

_g_sum = sp.Sum(g_of(n * p), (i, 1, n)) / n
claim(
    "entropy.kl-as-g",
    sp.Eq(_kl, _g_sum),
    scope=GENERAL,
    latex=r"\sum_{i=1}^{n} p_i \ln(n p_i) = \frac{1}{n} \sum_{i=1}^{n} g(n p_i)",
    method=Symbolic(simplify=softmax_sums, doit=False),
    wrong={
        "without the 1/n (n = 3)": Wrong(sp.Eq(_kl3, sum(g_of(3 * pi) for pi in p3)), at=(PEAKED3,))
    },
    uses=["entropy.gibbs-convex", "entropy.gap-kl"],
    compare="sums over the keys of an undefined sequence of scores, and g",
    note="n symbolic, s(i) any real scores; the -t + 1 terms of g cancel because sum_i p_i = 1.",
)

G_MIN = minimum(g, t, sp.Interval.open(0, sp.oo))


def gibbs_bound(expr: sp.Basic) -> sp.Basic:
    """Bound ``log n - H`` below: it is (1/n) sum_i g(n p_i), and each term is at least min g.

    The identity is checked here (the difference reduces to zero with :func:`softmax_sums`, as
    entropy.gap-kl and entropy.kl-as-g prove); if it does not reduce, ``expr`` is returned
    unchanged and the proof fails. Every term is then replaced by min_{t > 0} g(t) = 0
    (entropy.gibbs), which gives a lower bound of ``expr``: used only for ``log n - H >= 0``.
    """
    if softmax_sums(expr - _g_sum) != 0:
        return expr
    return sp.Sum(G_MIN, (i, 1, n)).doit() / n


claim(
    "entropy.bound",
    le(H, sp.log(n)),
    scope=GENERAL,
    latex=r"H \le \ln n",
    method=Symbolic(simplify=gibbs_bound, doit=False),
    wrong={
        "bound log(n) - 1/2 (n = 3)": Wrong(le(H3, sp.log(3) - sp.Rational(1, 2)), at=(UNIFORM3,)),
        "strict: H < log n (n = 3)": Wrong(lt(H3, sp.log(3)), at=(UNIFORM3,)),
    },
    uses=["entropy.gap-kl", "entropy.kl-as-g", "entropy.gibbs", "entropy.uniform"],
    compare="H is a sum over the keys of an undefined sequence of scores",
    note="n symbolic, s(i) any real scores: log n - H = (1/n) sum_i g(n p_i) (entropy.gap-kl, "
    "entropy.kl-as-g) and every term is >= min_{t > 0} g(t) = 0 (entropy.gibbs).",
)

# ------------------------------------------------------------------ i.i.d. scores, fixed scale

density = sp.exp(-(x**2) / 2) / sp.sqrt(2 * sp.pi)
cited(
    "entropy.lln",
    r"s_i = \beta x_i,\ x_i \text{ i.i.d.},\ \mathbb{E}\big[(1 + |x|)\, e^{\beta x}\big] < \infty:"
    r" \qquad H - \ln n \;\xrightarrow{\ n \to \infty\ }\; \ln \mathbb{E}\big[e^{\beta x}\big]"
    r" - \frac{\mathbb{E}\big[\beta x\, e^{\beta x}\big]}{\mathbb{E}\big[e^{\beta x}\big]}"
    r" \quad \text{almost surely}",
    source=DURRETT,
    uses=["entropy.log-partition"],
    note="By entropy.log-partition, H - log n = log(Z/n) - (sum_i s_i e^{s_i} / n) / (Z/n); "
    "the strong law of large numbers applies to Z/n and to sum_i s_i e^{s_i} / n (the moment "
    "condition makes both expectations finite), and log and the ratio are continuous. Not "
    "checked here.",
)

mgf = sp.Integral(sp.exp(beta * x) * density, (x, -sp.oo, sp.oo))
tilted = sp.Integral(beta * x * sp.exp(beta * x) * density, (x, -sp.oo, sp.oo))
b_real = sp.Symbol("beta", real=True)
mgf_r = mgf.subs(beta, b_real)
tilted_r = tilted.subs(beta, b_real)

claim(
    "entropy.gauss-moments",
    sp.And(
        sp.Eq(mgf_r, sp.exp(b_real**2 / 2)),
        sp.Eq(tilted_r, b_real**2 * sp.exp(b_real**2 / 2)),
    ),
    scope=GENERAL,
    latex=r"x \sim \mathcal{N}(0, 1): \qquad \mathbb{E}\big[e^{\beta x}\big] = e^{\beta^2/2}, "
    r"\qquad \mathbb{E}\big[\beta x\, e^{\beta x}\big] = \beta^2 e^{\beta^2/2}",
    wrong={
        "moment generating function e^{beta^2}": Wrong(
            sp.Eq(mgf_r, sp.exp(b_real**2)), at=({b_real: 1},)
        ),
        "(1 + beta^2) e^{beta^2/2}, the second moment's value": Wrong(
            sp.Eq(tilted_r, (1 + b_real**2) * sp.exp(b_real**2 / 2)), at=({b_real: 0},)
        ),
    },
    compare="expectations over a Gaussian",
    note="beta any real number; both integrals evaluated by sympy.",
)

deficit = sp.log(mgf) - tilted / mgf  # evaluated by the check, from the integrals above
claim(
    "entropy.gauss-fixed-scale",
    sp.Eq(deficit, -(beta**2) / 2),
    scope=GENERAL,
    latex=r"\ln \mathbb{E}\big[e^{\beta x}\big] - "
    r"\frac{\mathbb{E}[\beta x\, e^{\beta x}]}{\mathbb{E}[e^{\beta x}]} = -\frac{\beta^2}{2}"
    r" \qquad (x \sim \mathcal{N}(0, 1))",
    wrong={
        "plus beta^2/2 (integrals evaluated)": Wrong(
            eq(sp.log(sp.exp(beta**2 / 2)) - beta**2, beta**2 / 2), at=({beta: 1},)
        )
    },
    uses=["entropy.lln", "entropy.gauss-moments"],
    compare="expectations over a Gaussian",
    note="Exact: sympy evaluates both integrals and simplifies. With entropy.lln, the entropy of "
    "n i.i.d. Gaussian scores of scale beta is log n - beta^2/2 + o(1) for fixed beta.",
)

claim(
    "entropy.fixed-scale-grows",
    sp.Eq(sp.Limit((sp.log(n) - beta**2 / 2) / sp.log(n), n, sp.oo), 1),
    scope=GENERAL,
    latex=r"\lim_{n \to \infty} \frac{\ln n - \beta^2/2}{\ln n} = 1",
    wrong={"limit 0": sp.Eq(sp.Limit((sp.log(n) - beta**2 / 2) / sp.log(n), n, sp.oo), 0)},
    uses=["entropy.gauss-fixed-scale"],
)

# ------------------------------------------------------------------ what the log n scale fixes

ratio_scaled = sp.log(sp.exp(lam * sp.log(n) * x_i) / (n * sp.exp(lam * sp.log(n) * x_0)))
ratio_fixed = sp.log(sp.exp(beta * x_i) / (n * sp.exp(beta * x_0)))
claim(
    "entropy.invariant",
    sp.Eq(ratio_scaled / sp.log(n), lam * (x_i - x_0) - 1),
    scope=GENERAL,
    latex=r"\frac{1}{\ln n} \ln \frac{e^{\lambda \ln(n)\, x_i}}{n\, e^{\lambda \ln(n)\, x_0}}"
    r" = \lambda (x_i - x_0) - 1, \qquad n \ge 2",
    compare="at exact random points sympy tries to evaluate n^{lambda x} as an exact power, "
    "which does not finish",
    wrong={
        "without the -1 for the n keys": Wrong(
            sp.Eq(ratio_scaled / sp.log(n), lam * (x_i - x_0)), at=({n: 2, x_i: 0, x_0: 0},)
        )
    },
    uses=["entropy.softmax"],
    source=SU_ENTROPY,
    note="One key with value x_i against n background keys with value x_0, scores "
    "s_j = lambda log(n) x_j: the exponent that decides which side carries the weight does not "
    "depend on n. (At n = 1, ln n = 0 and the left side is undefined.)",
)

claim(
    "entropy.fixed-swamped",
    sp.Eq(sp.Limit(ratio_fixed / sp.log(n), n, sp.oo), -1),
    scope=GENERAL,
    latex=r"\lim_{n \to \infty} \frac{1}{\ln n} \ln \frac{e^{\beta x_i}}{n\, e^{\beta x_0}} = -1",
    wrong={"limit 0": sp.Eq(sp.Limit(ratio_fixed / sp.log(n), n, sp.oo), 0)},
    uses=["entropy.softmax"],
    source=CHIANG_CHOLAK,
    note="Scores s_j = beta x_j with a fixed scale: any single key is eventually outweighed by "
    "the background, whatever its margin.",
)

definition(
    "entropy.two-level",
    r"x_i = 1 \text{ for } k \text{ relevant keys}, \quad x_i = 0 \text{ for the other } "
    r"n - k, \qquad s_i = \beta x_i, \qquad 1 \le k < n",
)

Z2 = k * sp.exp(beta) + n - k
H2 = sp.log(Z2) - beta * k * sp.exp(beta) / Z2
m_bg = sp.Symbol("m", positive=True)  # n - k background keys: then sympy sees Z > 0
_Zm = k * sp.exp(beta) + m_bg
_H2_direct_m = -k * (sp.exp(beta) / _Zm) * sp.log(sp.exp(beta) / _Zm) - m_bg * (1 / _Zm) * sp.log(
    1 / _Zm
)
claim(
    "entropy.two-level-H",
    sp.Eq(_H2_direct_m, H2.subs(n, k + m_bg)),
    scope=GENERAL,
    latex=r"H = \ln\big(k e^{\beta} + n - k\big) - "
    r"\frac{\beta\, k e^{\beta}}{k e^{\beta} + n - k}",
    wrong={
        "relevant keys counted once": sp.Eq(
            _H2_direct_m, (sp.log(Z2) - beta * sp.exp(beta) / Z2).subs(n, k + m_bg)
        )
    },
    uses=["entropy.two-level", "entropy.log-partition"],
    compare="H stands for the two-level entropy on the left of the statement",
    note="k, beta > 0 and m = n - k > 0 background keys (the statement is written in m, so "
    "that Z = k e^beta + m is visibly positive).",
)

P_rel = k * sp.exp(lam * sp.log(n)) / (k * sp.exp(lam * sp.log(n)) + n - k)
claim(
    "entropy.two-level-odds",
    sp.And(
        sp.Eq(P_rel / (1 - P_rel), k * n**lam / (n - k)),
        sp.Eq(k * n**lam / (n - k), k * n ** (lam - 1) / (1 - k / n)),
    ),
    scope=GENERAL,
    latex=r"\beta = \lambda \ln n: \qquad \frac{P}{1 - P} = \frac{k\, n^{\lambda}}{n - k} "
    r"= \frac{k\, n^{\lambda - 1}}{1 - k/n}, \qquad P = \sum_{i \text{ relevant}} p_i",
    wrong={"n^{lambda - 1} lost": sp.Eq(P_rel / (1 - P_rel), k * n / (n - k))},
    uses=["entropy.two-level", "entropy.invariant"],
    source=CHIANG_CHOLAK,
    compare="P is the total weight of the relevant keys",
)

H2_scaled = H2.subs(beta, lam * sp.log(n))  # beta = lambda log n


u = sp.Symbol("u", positive=True)  # log n, for the regimes of a symbolic lambda
_above, _below = 1 + mu, 1 / (1 + nu)  # every lambda > 1, every lambda in (0, 1)


def _H_u(lam_: sp.Expr) -> sp.Expr:
    """The two-level entropy at beta = lambda log n, written in u = log n."""
    return H2_scaled.subs(lam, lam_).subs(n, sp.exp(u))


def _Z_u(lam_: sp.Expr) -> sp.Expr:
    return sp.exp(u) + k * (sp.exp(lam_ * u) - 1)


_near = [  # H - log k for lambda > 1: both terms tend to 0
    sp.log(_Z_u(_above) / (k * sp.exp(_above * u))),
    _above * u * (sp.exp(u) - k) / _Z_u(_above),
]
_spread = [sp.log(_Z_u(_below)) / u, _below * k * sp.exp(_below * u) / _Z_u(_below)]


def limit_u(expr: sp.Expr) -> sp.Limit:
    """``lim_{u -> oo} expr`` (n = e^u -> oo), left unevaluated."""
    return sp.Limit(expr, u, sp.oo)


def limit(expr: sp.Expr) -> sp.Limit:
    """``lim_{n -> oo} expr``, left unevaluated."""
    return sp.Limit(expr, n, sp.oo)


claim(
    "entropy.two-level-limits",
    sp.And(
        eq(limit(H2 / sp.log(n)), 1),
        eq(limit(H2_scaled.subs(lam, 1) / sp.log(n)), 1 / (k + 1)),
        sp.Eq(_H_u(_above) - sp.log(k), _near[0] + _near[1]),
        eq(limit_u(_near[0]), 0),
        eq(limit_u(_near[1]), 0),
        sp.Eq(_H_u(_below) / u, _spread[0] - _spread[1]),
        eq(limit_u(_spread[0]), 1),
        eq(limit_u(_spread[1]), 0),
    ),
    scope=GENERAL,
    latex=r"\beta \text{ fixed}: \ \frac{H}{\ln n} \to 1; \qquad "
    r"\beta = \lambda \ln n: \ \frac{H}{\ln n} \to 1 \ (0 < \lambda < 1), \quad "
    r"\frac{H}{\ln n} \to \frac{1}{k+1} \ (\lambda = 1), \quad "
    r"H \to \ln k \ (\lambda > 1)",
    wrong={
        "limit log(k) + 1 for lambda > 1 (at lambda = 2)": eq(
            limit(H2_scaled.subs(lam, 2)), sp.log(k) + 1
        ),
        "H / log n -> 1 for lambda > 1 (at lambda = 2)": eq(
            limit(H2_scaled.subs(lam, 2) / sp.log(n)), 1
        ),
        "threshold ratio 1/k": eq(limit(H2_scaled.subs(lam, 1) / sp.log(n)), 1 / k),
    },
    uses=["entropy.two-level-H", "entropy.two-level-odds"],
    source=SU_ENTROPY,
    compare="a list of limits in several regimes",
    note="k, beta > 0 symbolic. For every lambda > 1 (lambda = 1 + mu, mu > 0) H - log k is "
    "split exactly into two terms whose limits sympy takes, in u = log n; for every lambda in "
    "(0, 1) (lambda = 1/(1 + nu), nu > 0) likewise for H / log n. (sympy does not take the "
    "limit of H itself for a symbolic lambda.)",
)
