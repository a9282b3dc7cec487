"""Claims of ``docs/posts/mathematics/probability/entropy-and-information.md`` (prefix ``info``).

Why information is -log p (additivity over independent events, differentiated and integrated;
the monotone case cited from the theory of Cauchy's functional equation); entropy as expected
information, the binary entropy and its maximum; Gibbs' inequality from the integral form of
the remainder t - 1 - ln t; entropy is largest for the uniform distribution (ln n - H(p) is a KL
divergence); conditional entropy, mutual information as the KL divergence between the joint
distribution and the product of its marginals, the binary symmetric channel; maximum entropy
under a variance constraint gives the Gaussian (stationarity, the exponential family it
selects, its entropy, and the global argument h(q) = h(phi) - D(q || phi)); Laplace and uniform
rivals; cross-entropy = entropy + KL and the softmax gradient q - p.

Sums over a symbolic number ``n`` of terms use undefined positive functions ``p(i)``, ``q(i)``;
sympy's generic simplification combines sums with equal limits and cancels the summand. Wrong
variants of such sums are refuted at ``n = 3`` with symbolic entries: a counterexample there is
a counterexample to the general formula. Entropies of joint tables are proved for a 2 x 3 table
with every entry symbolic (the identities are term by term). Gaussian statements are sympy
integrals with symbolic mean and variance.

Sources: Shannon (1948); Cover and Thomas, "Elements of Information Theory" (2006); Jaynes (1957);
Aczel (1966) for the functional equation; the original post on xuquant.com.
"""

from __future__ import annotations

import sympy as sp

from derivations import GENERAL, Instance, Wrong, cited, claim, definition
from derivations.helpers import gt

SHANNON = (
    "Shannon, 'A Mathematical Theory of Communication', Bell System Technical Journal 27 (1948), "
    "https://doi.org/10.1002/j.1538-7305.1948.tb01338.x"
)
COVER_THOMAS = (
    "Cover, Thomas, 'Elements of Information Theory', 2nd ed., Wiley 2006, "
    "https://doi.org/10.1002/047174882X"
)
JAYNES = (
    "Jaynes, 'Information Theory and Statistical Mechanics', Physical Review 106 (1957), "
    "https://doi.org/10.1103/PhysRev.106.620"
)
ACZEL = (
    "Aczel, 'Lectures on Functional Equations and Their Applications', Academic Press 1966, "
    "section 2.1 (Cauchy's equation: monotone solutions are linear)"
)


SUMS_NOT_COMPARED = "sums over a symbolic number n of terms: the parser reads p_i as one symbol"

# ------------------------------------------------------------------ symbols

p, q, k, u = sp.symbols("p q k u", positive=True)
t, s, r = sp.symbols("t s r", positive=True)
n = sp.Symbol("n", positive=True, integer=True)
i = sp.Symbol("i", positive=True, integer=True)
pf = sp.Function("p", positive=True)  # p_i, i = 1..n
qf = sp.Function("q", positive=True)  # q_i, i = 1..n
P3 = sp.symbols("p_1:4", positive=True)  # the n = 3 instance used to refute wrong variants
Q3 = sp.symbols("q_1:4", positive=True)
I_fn = sp.Function("I")


def total(expr: sp.Expr) -> sp.Sum:
    """``sum_{i=1}^n expr`` (unevaluated)."""
    return sp.Sum(expr, (i, 1, n))


def g(x: sp.Expr) -> sp.Expr:
    """``g(x) = x - 1 - ln x``, the gap in ``ln x <= x - 1``."""
    return x - 1 - sp.log(x)


# ------------------------------------------------------------------ information of an event

definition(
    "info.axioms",
    r"I(pq) = I(p) + I(q) \quad \text{for independent events}, \qquad "
    r"I \text{ decreasing on } (0, 1], \qquad I(\tfrac{1}{2}) = 1",
    note="What a measure of surprise should satisfy: it depends only on the probability, it "
    "adds over independent events, rarer is more informative; the last condition fixes the "
    "unit (one bit = the outcome of a fair coin).",
)

_chain = sp.Subs(sp.Derivative(I_fn(p * q), q), q, 1)
_rhs_diff = sp.Subs(sp.Derivative(I_fn(p) + I_fn(q), q), q, 1)
_integral = sp.Integral(-k / u, (u, 1, p))

claim(
    "info.log-derivation",
    sp.And(
        sp.Eq(_chain, p * sp.Derivative(I_fn(p), p)),
        sp.Eq(_rhs_diff, sp.Subs(sp.Derivative(I_fn(q), q), q, 1)),
        sp.Eq(_integral, -k * sp.log(p)),
    ),
    scope=GENERAL,
    latex=r"\frac{\partial}{\partial q}\Big|_{q=1}\colon\quad p\, I'(p) = I'(1) =: -k "
    r"\qquad\Longrightarrow\qquad I(p) = I(1) + \int_1^p \frac{-k}{u}\, du = -k \ln p",
    compare="I is an unknown function; the statement checks the chain rule, the derivative of "
    "the right side and the integral",
    wrong={
        "chain rule without the factor p (fails for I = -ln)": Wrong(
            sp.Eq(sp.diff(-sp.log(p * q), q).subs(q, 1), sp.diff(-sp.log(p), p)),
            at=({p: sp.Rational(1, 2)},),
        ),
        "integral with the sign lost": sp.Eq(_integral, k * sp.log(p)),
        "integral of 1/u taken as 1/u^2": sp.Eq(_integral, -k * (1 - 1 / p)),
    },
    uses=["info.axioms"],
    source=SHANNON,
    note="Assumes I differentiable. Differentiate I(pq) = I(p) + I(q) in q at q = 1: the left "
    "side gives p I'(p) (chain rule), the right side I'(1). I(1) = 0 follows from "
    "I(1) = I(1 * 1) = 2 I(1); I decreasing gives k = -I'(1) >= 0.",
)

cited(
    "info.cauchy",
    r"I(pq) = I(p) + I(q) \text{ and } I \text{ monotone on } (0, 1] "
    r"\quad\Longrightarrow\quad I(p) = -k \ln p \text{ for a constant } k \ge 0",
    source=ACZEL,
    uses=["info.axioms"],
    note="Without differentiability: f(x) = I(e^{-x}) satisfies f(x + y) = f(x) + f(y) on "
    "[0, oo), and a monotone solution of Cauchy's equation is linear.",
)

definition(
    "info.units",
    r"I(p) = -\log_2 p \ \text{bits} \;\; (k = 1/\ln 2), \qquad "
    r"I(p) = -\ln p \ \text{nats} \;\; (k = 1)",
    note="The two usual choices of the constant; I(1/2) = 1 selects bits.",
)

# ------------------------------------------------------------------ entropy

definition(
    "info.entropy",
    r"H(p) = \sum_{i=1}^{n} p_i\, I(p_i) = -\sum_{i=1}^{n} p_i \ln p_i, \qquad 0 \ln 0 := 0",
)

claim(
    "info.zero-log-zero",
    sp.Eq(sp.Limit(p * sp.log(p), p, 0, "+"), 0),
    scope=GENERAL,
    latex=r"\lim_{p \to 0^{+}} p \ln p = 0",
    wrong={
        "limit -1": sp.Eq(sp.Limit(p * sp.log(p), p, 0, "+"), -1),
        "limit of ln p itself": sp.Eq(sp.Limit(sp.log(p), p, 0, "+"), 0),
    },
    uses=["info.entropy"],
    note="Why impossible outcomes may be dropped from the sum: the convention 0 ln 0 = 0 is "
    "the continuous extension.",
)

hq = -q * sp.log(q) - (1 - q) * sp.log(1 - q)

claim(
    "info.bernoulli",
    sp.And(
        sp.Eq(sp.diff(hq, q), sp.log((1 - q) / q)),
        sp.Eq(sp.Derivative(sp.log((1 - q) / q), q), -1 / (q * (1 - q))),
        sp.Eq(sp.Subs(hq, q, sp.Rational(1, 2)), sp.log(2)),
    ),
    scope=GENERAL,
    latex=r"\frac{d}{dq}\big(-q \ln q - (1-q) \ln(1-q)\big) = \ln\frac{1-q}{q}, \qquad "
    r"\frac{d}{dq}\ln\frac{1-q}{q} = -\frac{1}{q(1-q)}, \qquad "
    r"-\frac{1}{2}\ln\frac{1}{2} - \frac{1}{2}\ln\frac{1}{2} = \ln 2",
    wrong={
        "derivative ln(q/(1-q))": sp.Eq(sp.diff(hq, q), sp.log(q / (1 - q))),
        "second derivative without the minus": sp.Eq(
            sp.diff(sp.log((1 - q) / q), q), 1 / (q * (1 - q)), evaluate=False
        ),
        "maximum 1 in nats": sp.Eq(sp.Subs(hq, q, sp.Rational(1, 2)), 1),
    },
    domain={q: (0.0, 1.0)},
    uses=["info.entropy"],
    note="h is strictly concave on (0, 1) (its second derivative is negative there) and its "
    "derivative vanishes only at q = 1/2: the maximum is ln 2 nats = 1 bit.",
)

# ------------------------------------------------------------------ Gibbs' inequality

_remainder = s * (t - 1) ** 2 / (1 - s + s * t)

claim(
    "info.log-bound",
    sp.And(
        sp.Eq(g(t), sp.Integral(_remainder, (s, 0, 1))),
        sp.Ge(_remainder.subs(s, 1 / (1 + r)), 0),
    ),
    scope=GENERAL,
    latex=r"t - 1 - \ln t = \int_0^1 \frac{s\,(t-1)^2}{1 - s + s t}\, ds \ge 0 "
    r"\qquad t \in (0, \infty)",
    wrong={
        "remainder without the factor s": sp.Eq(
            g(t), sp.Integral((t - 1) ** 2 / (1 - s + s * t), (s, 0, 1))
        ),
        "ln t <= 1 - 1/t (the bound from the other side)": Wrong(
            sp.Le(sp.log(t), 1 - 1 / t), at=({t: 2},)
        ),
    },
    uses=[],
    source=COVER_THOMAS,
    note="Taylor's formula with integral remainder for ln at 1. For 0 < s < 1 the denominator "
    "1 - s + s t is a convex combination of 1 and t, hence positive: the statement checks this "
    "by writing s = 1/(1 + r) with r > 0, where the integrand becomes (t - 1)^2/(r + t). The "
    "integral of a nonnegative function is nonnegative, and it is 0 only at t = 1.",
)

definition(
    "info.kl",
    r"D(p \,\Vert\, q) = \sum_{i=1}^{n} p_i \ln\frac{p_i}{q_i}",
    note="The Kullback-Leibler divergence (relative entropy) of p from q, for q_i > 0.",
)


def kl3(a: tuple, b: tuple) -> sp.Expr:
    """``D(a || b)`` for three entries."""
    return sum(x * sp.log(x / y) for x, y in zip(a, b))


claim(
    "info.gibbs",
    sp.Eq(
        total(pf(i) * sp.log(pf(i) / qf(i))),
        total(pf(i) * g(qf(i) / pf(i))) + total(pf(i)) - total(qf(i)),
    ),
    scope=GENERAL,
    latex=r"\sum_{i=1}^{n} p_i \ln\frac{p_i}{q_i} = \sum_{i=1}^{n} p_i\, "
    r"g\Big(\frac{q_i}{p_i}\Big) + \sum_{i=1}^{n} p_i - \sum_{i=1}^{n} q_i, \qquad "
    r"g(t) = t - 1 - \ln t",
    compare=SUMS_NOT_COMPARED,
    wrong={
        "g(p_i/q_i) in place of g(q_i/p_i) (n = 3)": sp.Eq(
            kl3(P3, Q3),
            sum(a * g(a / b) for a, b in zip(P3, Q3)) + sum(P3) - sum(Q3),
        ),
        "weights q_i in place of p_i (n = 3)": sp.Eq(
            kl3(P3, Q3),
            sum(b * g(b / a) for a, b in zip(P3, Q3)) + sum(P3) - sum(Q3),
        ),
    },
    uses=["info.kl", "info.log-bound"],
    source=COVER_THOMAS,
    note="Symbolic n, no normalisation assumed. For probability vectors the last two sums are "
    "both 1 and cancel, every term p_i g(q_i/p_i) is nonnegative (info.log-bound), so "
    "D(p || q) >= 0 with equality only when q_i = p_i for every i (Gibbs' inequality).",
)

claim(
    "info.uniform-entropy",
    sp.Eq(-total(sp.log(1 / n) / n), sp.log(n)),
    scope=GENERAL,
    latex=r"-\sum_{i=1}^{n} \frac{1}{n} \ln\frac{1}{n} = \ln n",
    wrong={
        "ln(n)/n": sp.Eq(-total(sp.log(1 / n) / n), sp.log(n) / n),
        "n ln n": sp.Eq(-total(sp.log(1 / n) / n), n * sp.log(n)),
    },
    uses=["info.entropy"],
)

claim(
    "info.uniform-gap",
    sp.Eq(
        sp.log(n) * total(pf(i)) + total(pf(i) * sp.log(pf(i))),
        total(pf(i) * sp.log(pf(i) / (1 / n))),
    ),
    scope=GENERAL,
    latex=r"\ln n \sum_{i=1}^{n} p_i - \Big(-\sum_{i=1}^{n} p_i \ln p_i\Big) = "
    r"\sum_{i=1}^{n} p_i \ln\frac{p_i}{1/n}",
    compare=SUMS_NOT_COMPARED,
    wrong={
        "ln(p_i / n) in place of ln(n p_i) (n = 3)": sp.Eq(
            sp.log(3) * sum(P3) + sum(x * sp.log(x) for x in P3),
            sum(x * sp.log(x / 3) for x in P3),
        ),
        "plus the entropy (n = 3)": sp.Eq(
            sp.log(3) * sum(P3) - sum(x * sp.log(x) for x in P3),
            sum(x * sp.log(3 * x) for x in P3),
        ),
    },
    uses=["info.uniform-entropy", "info.kl", "info.gibbs"],
    note="Symbolic n. For a probability vector the first sum is 1, so ln n - H(p) = "
    "D(p || u) with u the uniform distribution; by Gibbs' inequality H(p) <= ln n, with "
    "equality only for p = u.",
)

# ------------------------------------------------------------------ two variables

definition(
    "info.joint",
    r"p_{ij} = P(X = i, Y = j), \quad a_i = \sum_j p_{ij}, \quad b_j = \sum_i p_{ij}, \qquad "
    r"H(X \mid Y) = -\sum_{i,j} p_{ij} \ln\frac{p_{ij}}{b_j}, \qquad "
    r"I(X; Y) = H(X) + H(Y) - H(X, Y)",
    note="H(X | Y) is the expected information of X once Y is known: -ln p(x | y) averaged "
    "over the joint distribution.",
)

T23 = sp.Matrix(2, 3, sp.symbols("p_11 p_12 p_13 p_21 p_22 p_23", positive=True))
a_marg = [sum(T23[x, y] for y in range(3)) for x in range(2)]
b_marg = [sum(T23[x, y] for x in range(2)) for y in range(3)]
cells = [(x, y) for x in range(2) for y in range(3)]
H_xy = -sum(T23[c] * sp.log(T23[c]) for c in cells)
H_x = -sum(a * sp.log(a) for a in a_marg)
H_y = -sum(b * sp.log(b) for b in b_marg)
H_x_given_y = -sum(T23[x, y] * sp.log(T23[x, y] / b_marg[y]) for x, y in cells)
MI_kl = sum(T23[x, y] * sp.log(T23[x, y] / (a_marg[x] * b_marg[y])) for x, y in cells)
TABLE = Instance(
    "a 2 x 3 table with all six entries symbolic (not normalised)",
    "each identity holds term by term: ln(p_ij / (a_i b_j)) = ln p_ij - ln a_i - ln b_j, and "
    "summing p_ij over j gives a_i, over i gives b_j, for a table of any size",
)

claim(
    "info.chain-rule",
    sp.Eq(H_x_given_y, H_xy - H_y),
    scope=TABLE,
    latex=r"H(X \mid Y) = H(X, Y) - H(Y)",
    compare="entropies named, not written out (a 2 x 3 instance)",
    wrong={
        "minus H(X) instead of H(Y)": sp.Eq(H_x_given_y, H_xy - H_x),
        "plus H(Y)": sp.Eq(H_x_given_y, H_xy + H_y),
    },
    uses=["info.joint", "info.entropy"],
    source=COVER_THOMAS,
)

claim(
    "info.mi-kl",
    sp.And(
        sp.Eq(H_x + H_y - H_xy, MI_kl),
        sp.Eq(H_x - H_x_given_y, MI_kl),
    ),
    scope=TABLE,
    latex=r"I(X; Y) = \sum_{i,j} p_{ij} \ln\frac{p_{ij}}{a_i\, b_j} "
    r"= D\big(p_{XY} \,\Vert\, p_X \otimes p_Y\big) = H(X) - H(X \mid Y)",
    compare="entropies and divergences named, not written out (a 2 x 3 instance)",
    wrong={
        "marginals not multiplied": sp.Eq(
            H_x + H_y - H_xy,
            sum(T23[x, y] * sp.log(T23[x, y] / (a_marg[x] + b_marg[y])) for x, y in cells),
        ),
        "H(X) + H(X | Y)": sp.Eq(H_x + H_x_given_y, MI_kl),
    },
    uses=["info.joint", "info.chain-rule", "info.kl", "info.gibbs"],
    source=COVER_THOMAS,
    note="So I(X; Y) >= 0 by Gibbs' inequality, with equality exactly when p_ij = a_i b_j "
    "(independence); and conditioning never increases entropy: H(X | Y) <= H(X).",
)

eps = sp.Symbol("varepsilon", positive=True)
bsc = {(0, 0): (1 - eps) / 2, (0, 1): eps / 2, (1, 0): eps / 2, (1, 1): (1 - eps) / 2}
MI_bsc = sum(v * sp.log(v / (sp.Rational(1, 2) * sp.Rational(1, 2))) for v in bsc.values())

claim(
    "info.bsc",
    sp.Eq(MI_bsc, sp.log(2) + eps * sp.log(eps) + (1 - eps) * sp.log(1 - eps)),
    scope=GENERAL,
    latex=r"2\cdot\frac{1-\varepsilon}{2}\ln\frac{(1-\varepsilon)/2}{1/4} + "
    r"2\cdot\frac{\varepsilon}{2}\ln\frac{\varepsilon/2}{1/4} = "
    r"\ln 2 + \varepsilon \ln \varepsilon + (1-\varepsilon)\ln(1-\varepsilon)",
    domain={eps: (0.0, 1.0)},
    wrong={
        "ln 2 plus the binary entropy": sp.Eq(
            MI_bsc, sp.log(2) - eps * sp.log(eps) - (1 - eps) * sp.log(1 - eps)
        ),
        "without ln 2": sp.Eq(MI_bsc, eps * sp.log(eps) + (1 - eps) * sp.log(1 - eps)),
    },
    uses=["info.mi-kl", "info.bernoulli"],
    source=COVER_THOMAS,
    note="X a fair bit, Y = X flipped with probability epsilon: the joint table has entries "
    "(1 - epsilon)/2 on the diagonal and epsilon/2 off it, both marginals are (1/2, 1/2). "
    "I(X; Y) = ln 2 - h(epsilon).",
)

# ------------------------------------------------------------------ maximum entropy

x = sp.Symbol("x", real=True)
mu, b = sp.symbols("mu b", real=True)
sigma, gamma = sp.symbols("sigma gamma", positive=True)
lam0, lam1, lam2 = sp.symbols("lambda_0 lambda_1 lambda_2", real=True)
Pd = sp.Symbol("P", positive=True)


#: Moderate boxes for refuting variants and comparing displays of integrals (evaluated there).
GAUSS_BOX = {mu: (-3.0, 3.0), sigma: (0.3, 3.0), b: (-3.0, 3.0), gamma: (0.1, 10.0)}


def gauss(m: sp.Expr, v: sp.Expr) -> sp.Expr:
    """The normal density with mean ``m`` and variance ``v`` at ``x``."""
    return sp.exp(-((x - m) ** 2) / (2 * v)) / sp.sqrt(2 * sp.pi * v)


def over_line(f: sp.Expr) -> sp.Integral:
    """``int_{-oo}^{oo} f dx`` (unevaluated)."""
    return sp.Integral(f, (x, -sp.oo, sp.oo))


definition(
    "info.maxent-problem",
    r"h(p) = -\int p(x) \ln p(x)\, dx \;\to\; \max \quad \text{subject to} \quad "
    r"\int p = 1, \;\; \int x\, p(x)\, dx = \mu, \;\; \int (x - \mu)^2 p(x)\, dx = \sigma^2",
    note="Differential entropy, maximised over densities with a given mean and variance.",
)

_multipliers = lam0 + lam1 * x + lam2 * (x - mu) ** 2
_lagrangian = -Pd * sp.log(Pd) + _multipliers * Pd
_stationary = -sp.log(Pd) - 1 + _multipliers
_solution = sp.exp(_multipliers - 1)

claim(
    "info.maxent-stationary",
    sp.And(
        sp.Eq(sp.Derivative(_lagrangian, Pd), _stationary),
        sp.Eq(
            -sp.log(_solution, evaluate=False) - 1 + _multipliers,
            0,
            evaluate=False,
        ),
    ),
    scope=GENERAL,
    latex=r"\frac{\partial}{\partial P}\Big[-P \ln P + \big(\lambda_0 + \lambda_1 x + "
    r"\lambda_2 (x-\mu)^2\big) P\Big] = -\ln P - 1 + \lambda_0 + \lambda_1 x + "
    r"\lambda_2 (x-\mu)^2 = 0 \iff P = e^{\lambda_0 - 1 + \lambda_1 x + \lambda_2 (x-\mu)^2}",
    compare="the display solves the stationarity condition for P (ln is one to one); the "
    "statement checks the derivative and that the solution makes it vanish",
    wrong={
        "derivative of -P ln P taken as -ln P": sp.Eq(
            sp.diff(_lagrangian, Pd), -sp.log(Pd) + _multipliers, evaluate=False
        ),
        "solution without the -1": sp.Eq(
            -sp.log(sp.exp(_multipliers), evaluate=False) - 1 + _multipliers, 0, evaluate=False
        ),
    },
    uses=["info.maxent-problem"],
    source=JAYNES,
    note="The Lagrangian of the problem is an integral over x of this expression with P = p(x); "
    "its variation in p(x) at each x is the partial derivative, which must vanish.",
)

_family = sp.exp(b * x - gamma * (x - mu) ** 2)
_shift = mu + b / (2 * gamma)

claim(
    "info.maxent-family",
    sp.And(
        sp.Eq(over_line(x * _family) / over_line(_family), _shift),
        sp.Eq(over_line((x - _shift) ** 2 * _family) / over_line(_family), 1 / (2 * gamma)),
    ),
    scope=GENERAL,
    latex=r"\frac{\int_{-\infty}^{\infty} x\, e^{b x - \gamma (x-\mu)^2}\, dx}"
    r"{\int_{-\infty}^{\infty} e^{b x - \gamma (x-\mu)^2}\, dx} = \mu + \frac{b}{2\gamma}, "
    r"\qquad \frac{\int_{-\infty}^{\infty} \big(x - \mu - \frac{b}{2\gamma}\big)^2 "
    r"e^{b x - \gamma (x-\mu)^2}\, dx}{\int_{-\infty}^{\infty} e^{b x - \gamma (x-\mu)^2}\, dx}"
    r" = \frac{1}{2\gamma}",
    compare="the display's improper integrals are the statement's; evaluating them at every "
    "sample point is slow, and the statement evaluates them symbolically",
    domain=GAUSS_BOX,
    wrong={
        "mean shifted by b/gamma (against the mean proved above)": sp.Eq(
            _shift, mu + b / gamma, evaluate=False
        ),
        "variance 1/gamma": Wrong(
            sp.Eq(over_line((x - _shift) ** 2 * _family) / over_line(_family), 1 / gamma),
            at=({b: 0, gamma: 1, mu: 0},),
        ),
    },
    uses=["info.maxent-stationary"],
    note="The stationary densities are exp(lambda_0 - 1 + lambda_1 x + lambda_2 (x - mu)^2); "
    "they are integrable only for lambda_2 = -gamma < 0, with b = lambda_1. The mean "
    "constraint forces b = 0 and the variance constraint gamma = 1/(2 sigma^2).",
)

claim(
    "info.gauss-normaliser",
    sp.Eq(over_line(sp.exp(-((x - mu) ** 2) / (2 * sigma**2))), sp.sqrt(2 * sp.pi * sigma**2)),
    scope=GENERAL,
    latex=r"\int_{-\infty}^{\infty} e^{-(x-\mu)^2/(2\sigma^2)}\, dx = \sqrt{2\pi\sigma^2}",
    domain=GAUSS_BOX,
    wrong={
        "sqrt(pi sigma^2)": sp.Eq(
            over_line(sp.exp(-((x - mu) ** 2) / (2 * sigma**2))), sp.sqrt(sp.pi * sigma**2)
        ),
        "2 pi sigma^2 without the root": sp.Eq(
            over_line(sp.exp(-((x - mu) ** 2) / (2 * sigma**2))), 2 * sp.pi * sigma**2
        ),
    },
    uses=["info.maxent-family"],
    note="The normalisation constraint fixes e^{lambda_0 - 1} = 1/sqrt(2 pi sigma^2): the "
    "maximiser is the normal density phi.",
)

phi = gauss(mu, sigma**2)
h_gauss = sp.log(2 * sp.pi * sp.E * sigma**2) / 2
neg_log_phi = sp.log(2 * sp.pi * sigma**2) / 2 + (x - mu) ** 2 / (2 * sigma**2)

claim(
    "info.gauss-log-density",
    sp.Eq(-sp.log(phi), neg_log_phi),
    scope=GENERAL,
    latex=r"-\ln\frac{e^{-(x-\mu)^2/(2\sigma^2)}}{\sqrt{2\pi\sigma^2}} = "
    r"\frac{1}{2}\ln(2\pi\sigma^2) + \frac{(x-\mu)^2}{2\sigma^2}",
    domain=GAUSS_BOX,
    wrong={
        "variance term without the 1/2": sp.Eq(
            -sp.log(phi), sp.log(2 * sp.pi * sigma**2) / 2 + (x - mu) ** 2 / sigma**2
        ),
        "normaliser with the wrong sign": sp.Eq(
            -sp.log(phi), -sp.log(2 * sp.pi * sigma**2) / 2 + (x - mu) ** 2 / (2 * sigma**2)
        ),
    },
    uses=["info.gauss-normaliser"],
)

claim(
    "info.gauss-entropy",
    sp.Eq(over_line(phi * neg_log_phi), h_gauss),
    scope=GENERAL,
    latex=r"h(\varphi) = \int_{-\infty}^{\infty} \varphi(x) \Big(\frac{1}{2}\ln(2\pi\sigma^2) "
    r"+ \frac{(x-\mu)^2}{2\sigma^2}\Big) dx = \frac{1}{2}\ln(2\pi\sigma^2) + \frac{1}{2} "
    r"= \frac{1}{2}\ln\big(2\pi e \sigma^2\big)",
    compare="the display names the density phi; the statement integrates it written out",
    domain=GAUSS_BOX,
    wrong={
        "without e": sp.Eq(over_line(phi * neg_log_phi), sp.log(2 * sp.pi * sigma**2) / 2),
        "ln sigma without the 1/2 on 2 pi e": sp.Eq(
            over_line(phi * neg_log_phi), sp.log(2 * sp.pi * sp.E) + sp.log(sigma)
        ),
    },
    uses=["info.gauss-log-density", "info.entropy"],
    source=COVER_THOMAS,
    note="The second moment of phi about mu is sigma^2, so the quadratic term contributes 1/2.",
)

qd, fd = sp.symbols("q varphi", positive=True)  # values of a density q and of phi at a point

claim(
    "info.maxent-global",
    sp.And(
        sp.Eq(sp.log(2 * sp.pi * sigma**2) / 2 + sigma**2 / (2 * sigma**2), h_gauss),
        sp.Eq(-qd * sp.log(qd), -qd * sp.log(fd) - qd * g(fd / qd) - qd + fd),
    ),
    scope=GENERAL,
    latex=r"-\int q \ln\varphi\, dx = \frac{1}{2}\ln(2\pi\sigma^2) + "
    r"\frac{\sigma^2}{2\sigma^2} = h(\varphi), \qquad "
    r"-q \ln q = -q \ln\varphi - q\, g\Big(\frac{\varphi}{q}\Big) - q + \varphi "
    r"\qquad\Longrightarrow\qquad h(q) = h(\varphi) - "
    r"\int q\, g\Big(\frac{\varphi}{q}\Big) dx = h(\varphi) - D(q \,\Vert\, \varphi)",
    compare="the display integrates pointwise identities over an unspecified density q with "
    "mean mu and variance sigma^2",
    wrong={
        "variance term sigma^2/sigma^2": sp.Eq(
            sp.log(2 * sp.pi * sigma**2) / 2 + sigma**2 / sigma**2, h_gauss
        ),
        "g(q/varphi) in place of g(varphi/q)": sp.Eq(
            -qd * sp.log(qd), -qd * sp.log(fd) - qd * g(qd / fd) - qd + fd
        ),
    },
    uses=["info.gauss-log-density", "info.gauss-entropy", "info.log-bound", "info.gibbs"],
    source=COVER_THOMAS,
    note="For any density q with mean mu and variance sigma^2: integrating -ln phi "
    "(info.gauss-log-density) against q gives h(phi), since only the variance enters; "
    "integrating the pointwise identity (int q = int phi = 1) gives "
    "h(q) = h(phi) - int q g(phi/q) <= h(phi), with equality only for q = phi.",
)

bl, w = sp.symbols("b w", positive=True)
RIVALS_BOX = {bl: (0.3, 3.0), w: (0.3, 3.0), sigma: (0.3, 3.0), x: (0.0, 5.0)}
laplace_half = sp.exp(-x / bl) / (2 * bl)  # the Laplace density on x > 0 (it is even)
neg_log_laplace = sp.log(2 * bl) + x / bl  # -ln of it
h_laplace = 1 + sp.log(2 * bl)
h_uniform = sp.log(w)
_diff_laplace = h_gauss - h_laplace.subs(bl, sigma / sp.sqrt(2))
_diff_uniform = h_gauss - h_uniform.subs(w, 2 * sp.sqrt(3) * sigma)

claim(
    "info.maxent-rivals",
    sp.And(
        sp.Eq(-sp.log(laplace_half), neg_log_laplace),
        sp.Eq(2 * sp.Integral(laplace_half * neg_log_laplace, (x, 0, sp.oo)), h_laplace),
        sp.Eq(2 * sp.Integral(x**2 * laplace_half, (x, 0, sp.oo)), 2 * bl**2),
        sp.Eq(sp.Integral(-sp.log(1 / w) / w, (x, -w / 2, w / 2)), h_uniform),
        sp.Eq(sp.Integral(x**2 / w, (x, -w / 2, w / 2)), w**2 / 12),
        sp.Eq(_diff_laplace, (sp.log(sp.pi) - 1) / 2),
        sp.Eq(_diff_uniform, sp.log(sp.pi * sp.E / 6) / 2),
        gt((sp.log(sp.pi) - 1) / 2, 0),
        gt(sp.log(sp.pi * sp.E / 6) / 2, 0),
    ),
    scope=GENERAL,
    latex=r"\text{Laplace}(b)\colon\ h = 1 + \ln(2b),\ \sigma^2 = 2b^2; \qquad "
    r"\text{uniform of width } w\colon\ h = \ln w,\ \sigma^2 = \frac{w^2}{12}; \qquad "
    r"\text{same } \sigma\colon\ h(\varphi) - h_{\text{Laplace}} = \frac{\ln\pi - 1}{2} > 0, "
    r"\quad h(\varphi) - h_{\text{uniform}} = \frac{1}{2}\ln\frac{\pi e}{6} > 0",
    compare="a summary of several integrals, named by distribution",
    domain=RIVALS_BOX,
    wrong={
        "Laplace entropy ln(2b)": sp.Eq(
            2 * sp.Integral(laplace_half * neg_log_laplace, (x, 0, sp.oo)), sp.log(2 * bl)
        ),
        "uniform variance w^2/4": sp.Eq(sp.Integral(x**2 / w, (x, -w / 2, w / 2)), w**2 / 4),
        "Laplace gap (ln pi + 1)/2": sp.Eq(_diff_laplace, (sp.log(sp.pi) + 1) / 2),
    },
    uses=["info.gauss-entropy", "info.maxent-global"],
    note="Entropies in nats; the Laplace density is (1/(2b)) e^{-|x|/b}, even, so its "
    "integrals are twice those over x > 0. The gaps are about 0.072 and 0.177 nats.",
)

# ------------------------------------------------------------------ cross-entropy

definition(
    "info.cross-entropy-def",
    r"H(p, q) = -\sum_{i=1}^{n} p_i \ln q_i",
    note="The expected information, under p, of outcomes scored with q: the loss of a "
    "classifier with predicted distribution q and target p.",
)

claim(
    "info.cross-entropy",
    sp.Eq(
        -total(pf(i) * sp.log(qf(i))),
        -total(pf(i) * sp.log(pf(i))) + total(pf(i) * sp.log(pf(i) / qf(i))),
    ),
    scope=GENERAL,
    latex=r"-\sum_{i=1}^{n} p_i \ln q_i = -\sum_{i=1}^{n} p_i \ln p_i + "
    r"\sum_{i=1}^{n} p_i \ln\frac{p_i}{q_i}, \qquad \text{i.e.} \quad "
    r"H(p, q) = H(p) + D(p \,\Vert\, q)",
    compare=SUMS_NOT_COMPARED,
    wrong={
        "entropy minus KL (n = 3)": sp.Eq(
            -sum(a * sp.log(c) for a, c in zip(P3, Q3)),
            -sum(a * sp.log(a) for a in P3) - kl3(P3, Q3),
        ),
        "KL in the other direction (n = 3)": sp.Eq(
            -sum(a * sp.log(c) for a, c in zip(P3, Q3)),
            -sum(a * sp.log(a) for a in P3) + kl3(Q3, P3),
        ),
    },
    uses=["info.cross-entropy-def", "info.entropy", "info.kl", "info.gibbs"],
    source=COVER_THOMAS,
    note="Symbolic n. H(p) does not depend on q, so minimising the cross-entropy over q is "
    "minimising D(p || q): the minimum is at q = p, where the loss equals H(p).",
)

Z3 = sp.symbols("z_1:4", real=True)
_den = sum(sp.exp(z) for z in Z3)
_softmax = [sp.exp(z) / _den for z in Z3]
_ce = -sum(a * sp.log(qq) for a, qq in zip(P3, _softmax))

claim(
    "info.softmax-gradient",
    sp.Eq(
        sp.Matrix([sp.diff(_ce, z) for z in Z3]),
        sp.Matrix([sum(P3) * qq - a for a, qq in zip(P3, _softmax)]),
    ),
    scope=Instance(
        "n = 3 symbolic logits z_j and symbolic targets p_j, every coordinate j",
        "every logit enters ln sum_k e^{z_k} in the same way, so the derivative in one "
        "coordinate is the same computation for any n",
    ),
    latex=r"q = \operatorname{softmax}(z)\colon\quad \frac{\partial}{\partial z_j} "
    r"\Big(-\sum_{i} p_i \ln q_i\Big) = \Big(\sum_i p_i\Big) q_j - p_j = q_j - p_j",
    compare="the display names the softmax; the statement writes it out for n = 3",
    wrong={
        "p_j - q_j (sign)": sp.Eq(
            sp.diff(_ce, Z3[0]), P3[0] - sum(P3) * _softmax[0], evaluate=False
        ),
        "gradient q_j (1 - q_j) p_j of the probability": sp.Eq(
            sp.diff(_ce, Z3[0]), -P3[0] * _softmax[0] * (1 - _softmax[0])
        ),
    },
    uses=["info.cross-entropy"],
    note="With a one-hot target y this is the familiar softmax(z) - e_y.",
)
