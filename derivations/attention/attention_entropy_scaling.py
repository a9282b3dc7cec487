"""Claims of ``docs/posts/mathematics/attention/attention-entropy-scaling.md``.

Entropy of softmax attention over n keys: H = log Z - sum p_i s_i; the bound log n, attained by
uniform attention (through Gibbs' inequality, proved from the convexity of t log t - t + 1);
for i.i.d. scores with a fixed scale the entropy is log n minus a constant (Gaussian scores:
log n - beta^2/2), so it grows like log n; with scores lambda log(n) x_i, what no longer depends
on n is the exponent that decides whether a key outweighs the n others; in a model with k
relevant keys the entropy then tends to log k when lambda > 1.

What is exact and what is not: identities over the softmax are proved for n = 3 symbolic scores
(each step is a term-by-term identity, the same for any n); the Gaussian moments are sympy
integrals; limits are sympy limits of exact expressions. The law-of-large-numbers step that
turns sums over i.i.d. keys into expectations is a modelling assumption, not a checked claim:
the page measures it numerically instead. The bound H <= log n is also evaluated numerically at
random scores as a check of the chain.
"""

from __future__ import annotations

import sympy as sp

from derivations import Numeric, Symbolic, claim, definition

SU_ENTROPY = (
    "Su, 'Looking at the scale operation of attention from entropy invariance', "
    "https://kexue.fm/archives/8823"
)
CHIANG_CHOLAK = (
    "Chiang, Cholak, 'Overcoming a Theoretical Limitation of Self-Attention', "
    "https://arxiv.org/abs/2202.12172"
)

s = sp.symbols("s_1:4", real=True)  # three scores
Z = sum(sp.exp(t) for t in s)
p = [sp.exp(t) / Z for t in s]
H = -sum(pi * sp.log(pi) for pi in p)
n = sp.Symbol("n", positive=True, integer=True)
i = sp.Symbol("i", positive=True, integer=True)
k, beta, lam = sp.symbols("k beta lambda", positive=True)
x, x_i, x_0 = sp.symbols("x x_i x_0", real=True)
t = sp.Symbol("t", positive=True)


def log_expand(expr: sp.Basic) -> sp.Basic:
    """Split logarithms of products and quotients of positive factors, then expand."""
    return sp.expand(sp.expand_log(expr, force=True))


# ------------------------------------------------------------------ definitions

definition(
    "entropy.softmax",
    r"p_i = \frac{e^{s_i}}{Z}, \qquad Z = \sum_{j=1}^{n} e^{s_j}, \qquad "
    r"H = -\sum_{i=1}^{n} p_i \log p_i",
)

# ------------------------------------------------------------------ exact identities

claim(
    "entropy.log-p",
    sp.Eq(sp.log(p[0]), s[0] - sp.log(Z)),
    latex=r"\log p_i = s_i - \log Z",
    method=Symbolic(simplify=log_expand),
    wrong={"sign of log Z": sp.Eq(sp.log(p[0]), s[0] + sp.log(Z))},
    uses=["entropy.softmax"],
    note="Checked for i = 1 of n = 3 symbolic scores.",
)

claim(
    "entropy.log-partition",
    sp.Eq(H, sp.log(Z) - sum(pi * si for pi, si in zip(p, s))),
    latex=r"H = \log Z - \sum_{i=1}^{n} p_i\, s_i",
    method=Symbolic(simplify=log_expand),
    wrong={
        "plus the mean score": sp.Eq(H, sp.log(Z) + sum(pi * si for pi, si in zip(p, s))),
        "unweighted mean score": sp.Eq(H, sp.log(Z) - sum(s) / 3),
    },
    uses=["entropy.log-p"],
    source=SU_ENTROPY,
    note="n = 3 symbolic scores; the step is log p_i = s_i - log Z and sum p_i = 1, for any n.",
)

uniform_H = -sp.Sum(sp.log(1 / n) / n, (i, 1, n))
claim(
    "entropy.uniform",
    sp.Eq(uniform_H, sp.log(n)),
    latex=r"p_i = \tfrac{1}{n} \implies "
    r"H = -\sum_{i=1}^{n} \tfrac{1}{n} \log \tfrac{1}{n} = \log n",
    method=Symbolic(simplify=log_expand),
    wrong={"log(n)/n": sp.Eq(uniform_H, sp.log(n) / n)},
    uses=["entropy.softmax"],
)

claim(
    "entropy.gap-kl",
    sp.Eq(sp.log(3) - H, sum(pi * sp.log(3 * pi) for pi in p)),
    latex=r"\log n - H = \sum_{i=1}^{n} p_i \log (n p_i) = "
    r"\operatorname{KL}\big(p \,\Vert\, \tfrac{1}{n}\mathbf{1}\big)",
    method=Symbolic(simplify=log_expand),
    wrong={
        "log(p_i / n) in place of log(n p_i)": sp.Eq(
            sp.log(3) - H, sum(pi * sp.log(pi / 3) for pi in p)
        )
    },
    uses=["entropy.softmax"],
    note="n = 3 symbolic scores.",
)

g = t * sp.log(t) - t + 1
claim(
    "entropy.gibbs-convex",
    sp.And(
        sp.Eq(g.subs(t, 1), 0, evaluate=False),
        sp.Eq(sp.diff(g, t), sp.log(t), evaluate=False),
        sp.Gt(sp.diff(g, t, 2), 0, evaluate=False),
    ),
    latex=r"g(t) = t \log t - t + 1: \qquad g(1) = 0, \quad g'(t) = \log t, \quad "
    r"g''(t) = \tfrac{1}{t} > 0 \implies g(t) \ge 0 \text{ for } t > 0",
    wrong={"g'(t) = log t + 1": sp.Eq(sp.diff(g, t), sp.log(t) + 1)},
    note="g is strictly convex with a stationary point at t = 1, hence its minimum, g(1) = 0; "
    "the implication is the standard convexity argument, the three facts are checked.",
)

claim(
    "entropy.kl-as-g",
    sp.Eq(
        sum(g.subs(t, 3 * pi) / 3 for pi in p),
        sum(pi * sp.log(3 * pi) for pi in p),
        evaluate=False,
    ),
    latex=r"\sum_{i=1}^{n} p_i \log(n p_i) = \frac{1}{n} \sum_{i=1}^{n} g(n p_i) \ge 0",
    method=Symbolic(simplify=log_expand),
    wrong={
        "without the 1/n": sp.Eq(
            sum(g.subs(t, 3 * pi) for pi in p), sum(pi * sp.log(3 * pi) for pi in p)
        )
    },
    uses=["entropy.gibbs-convex", "entropy.gap-kl"],
    note="n = 3 symbolic scores; the -t + 1 terms cancel because sum p_i = 1.",
)

claim(
    "entropy.bound",
    sp.Le(H, sp.log(3)),
    latex=r"H \le \log n",
    method=Numeric(samples=400, tol=1e-12, seed=1, domain={si: (-6.0, 6.0) for si in s}),
    wrong={"bound log(n) - 1/2": sp.Le(H, sp.log(3) - sp.Rational(1, 2))},
    uses=["entropy.kl-as-g", "entropy.uniform"],
    note="Follows from entropy.gap-kl and entropy.kl-as-g (KL >= 0); sympy cannot decide the "
    "sign of a sum of logarithms, so the inequality itself is also evaluated at 400 random "
    "score vectors (n = 3).",
)

# ------------------------------------------------------------------ i.i.d. scores, fixed scale

density = sp.exp(-(x**2) / 2) / sp.sqrt(2 * sp.pi)

definition(
    "entropy.lln",
    r"s_i = \beta x_i,\ x_i \text{ i.i.d.}: \qquad "
    r"\tfrac{1}{n} Z \to \mathbb{E}\big[e^{\beta x}\big], \qquad "
    r"\sum_i p_i s_i \to \frac{\mathbb{E}\big[\beta x\, e^{\beta x}\big]}"
    r"{\mathbb{E}\big[e^{\beta x}\big]} \qquad (n \to \infty,\ \beta \text{ fixed})",
    note="Law of large numbers applied to the numerator and denominator separately; a "
    "modelling step, not checked symbolically (see the page's numerical run).",
)

mgf = sp.Integral(sp.exp(beta * x) * density, (x, -sp.oo, sp.oo))
tilted = sp.Integral(beta * x * sp.exp(beta * x) * density, (x, -sp.oo, sp.oo))

claim(
    "entropy.gauss-moments",
    sp.And(
        sp.Eq(mgf, sp.exp(beta**2 / 2)),
        sp.Eq(tilted, beta**2 * sp.exp(beta**2 / 2)),
    ),
    latex=r"x \sim \mathcal{N}(0, 1): \qquad \mathbb{E}\big[e^{\beta x}\big] = e^{\beta^2/2}, "
    r"\qquad \mathbb{E}\big[\beta x\, e^{\beta x}\big] = \beta^2 e^{\beta^2/2}",
    wrong={
        "tilted mean beta e^{beta^2/2}": sp.Eq(tilted, beta * sp.exp(beta**2 / 2)),
    },
    note="Both integrals evaluated by sympy.",
)

deficit = sp.log(mgf) - tilted / mgf  # evaluated by the check, from the integrals above
claim(
    "entropy.gauss-fixed-scale",
    sp.Eq(sp.log(n) + deficit, sp.log(n) - beta**2 / 2),
    latex=r"H \approx \log n + \log \mathbb{E}\big[e^{\beta x}\big] - "
    r"\frac{\mathbb{E}[\beta x\, e^{\beta x}]}{\mathbb{E}[e^{\beta x}]} "
    r"= \log n - \frac{\beta^2}{2}",
    wrong={"plus beta^2/2": sp.Eq(sp.log(n) + deficit, sp.log(n) + beta**2 / 2)},
    uses=["entropy.log-partition", "entropy.lln", "entropy.gauss-moments"],
    note="Exact: sympy evaluates both integrals and simplifies; the approximation sign is the "
    "law of large numbers (entropy.lln), which for Gaussian scores needs beta^2 well below "
    "2 log n.",
)

claim(
    "entropy.fixed-scale-grows",
    sp.Eq(sp.Limit((sp.log(n) - beta**2 / 2) / sp.log(n), n, sp.oo), 1),
    latex=r"\lim_{n \to \infty} \frac{\log n - \beta^2/2}{\log n} = 1",
    wrong={"limit 0": sp.Eq(sp.Limit((sp.log(n) - beta**2 / 2) / sp.log(n), n, sp.oo), 0)},
    uses=["entropy.gauss-fixed-scale"],
)

# ------------------------------------------------------------------ what the log n scale fixes

ratio_scaled = sp.log(sp.exp(lam * sp.log(n) * x_i) / (n * sp.exp(lam * sp.log(n) * x_0)))
ratio_fixed = sp.log(sp.exp(beta * x_i) / (n * sp.exp(beta * x_0)))
claim(
    "entropy.invariant",
    sp.Eq(ratio_scaled / sp.log(n), lam * (x_i - x_0) - 1),
    latex=r"s_j = \lambda \log(n)\, x_j: \qquad "
    r"\frac{1}{\log n} \log \frac{e^{s_i}}{n\, e^{s_0}} = \lambda (x_i - x_0) - 1",
    method=Symbolic(simplify=lambda e: sp.cancel(log_expand(e))),
    wrong={"without the -1 for the n keys": sp.Eq(ratio_scaled / sp.log(n), lam * (x_i - x_0))},
    uses=["entropy.softmax"],
    source=SU_ENTROPY,
    note="One key with value x_i against n background keys with value x_0: the exponent "
    "that decides which side carries the weight does not depend on n.",
)

claim(
    "entropy.fixed-swamped",
    sp.Eq(sp.Limit(ratio_fixed / sp.log(n), n, sp.oo), -1),
    latex=r"s_j = \beta x_j: \qquad "
    r"\lim_{n \to \infty} \frac{1}{\log n} \log \frac{e^{s_i}}{n\, e^{s_0}} = -1",
    wrong={"limit 0": sp.Eq(sp.Limit(ratio_fixed / sp.log(n), n, sp.oo), 0)},
    uses=["entropy.softmax"],
    source=CHIANG_CHOLAK,
    note="With a fixed scale any single key is eventually outweighed by the background, "
    "whatever its margin.",
)

definition(
    "entropy.two-level",
    r"x_i = 1 \text{ for } k \text{ relevant keys}, \quad x_i = 0 \text{ for the other } "
    r"n - k, \qquad s_i = \beta x_i",
)

Z2 = k * sp.exp(beta) + n - k
p_rel, p_bg = sp.exp(beta) / Z2, 1 / Z2
H2_direct = -k * p_rel * sp.log(p_rel) - (n - k) * p_bg * sp.log(p_bg)
H2 = sp.log(Z2) - beta * k * sp.exp(beta) / Z2
claim(
    "entropy.two-level-H",
    sp.Eq(H2_direct, H2),
    latex=r"H = \log\big(k e^{\beta} + n - k\big) - "
    r"\frac{\beta\, k e^{\beta}}{k e^{\beta} + n - k}",
    method=Symbolic(simplify=log_expand),
    wrong={"relevant keys counted once": sp.Eq(H2_direct, sp.log(Z2) - beta * sp.exp(beta) / Z2)},
    uses=["entropy.two-level", "entropy.log-partition"],
)

P_rel = k * sp.exp(lam * sp.log(n)) / (k * sp.exp(lam * sp.log(n)) + n - k)
claim(
    "entropy.two-level-odds",
    sp.Eq(P_rel / (1 - P_rel), k * n**lam / (n - k)),
    latex=r"\beta = \lambda \log n: \qquad \frac{P}{1 - P} = \frac{k\, n^{\lambda}}{n - k} "
    r"= \frac{k\, n^{\lambda - 1}}{1 - k/n}, \qquad P = \sum_{i \text{ relevant}} p_i",
    method=Symbolic(simplify=lambda e: sp.cancel(sp.powsimp(sp.expand_log(e, force=True)))),
    wrong={"n^{lambda - 1} lost": sp.Eq(P_rel / (1 - P_rel), k * n / (n - k))},
    uses=["entropy.two-level", "entropy.invariant"],
    source=CHIANG_CHOLAK,
)

H2_scaled = H2.subs(beta, lam * sp.log(n))
claim(
    "entropy.two-level-limits",
    sp.And(
        sp.Eq(sp.Limit(H2 / sp.log(n), n, sp.oo), 1),
        sp.Eq(sp.Limit(H2_scaled.subs(lam, 2), n, sp.oo), sp.log(k)),
        sp.Eq(sp.Limit(H2_scaled.subs(lam, sp.Rational(3, 2)), n, sp.oo), sp.log(k)),
        sp.Eq(sp.Limit(H2_scaled.subs(lam, 1) / sp.log(n), n, sp.oo), 1 / (k + 1)),
        sp.Eq(sp.Limit(H2_scaled.subs(lam, sp.Rational(1, 2)) / sp.log(n), n, sp.oo), 1),
    ),
    latex=r"\beta \text{ fixed}: \ \frac{H}{\log n} \to 1; \qquad "
    r"\beta = \lambda \log n: \ H \to \log k \ (\lambda = 2, \tfrac{3}{2}), \quad "
    r"\frac{H}{\log n} \to \frac{1}{k+1} \ (\lambda = 1), \quad "
    r"\frac{H}{\log n} \to 1 \ (\lambda = \tfrac{1}{2})",
    wrong={
        "scaled limit log(k) + 1": sp.Eq(sp.Limit(H2_scaled.subs(lam, 2), n, sp.oo), sp.log(k) + 1),
        "threshold ratio 1/k": sp.Eq(sp.Limit(H2_scaled.subs(lam, 1) / sp.log(n), n, sp.oo), 1 / k),
    },
    uses=["entropy.two-level-H", "entropy.two-level-odds"],
    source=SU_ENTROPY,
    note="sympy limits of the exact two-level entropy, for k symbolic and the listed "
    "values of lambda (sympy does not take the limit for a symbolic lambda).",
)
