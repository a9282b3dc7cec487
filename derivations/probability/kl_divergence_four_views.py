"""Claims of ``docs/posts/mathematics/probability/kl-divergence-four-views.md`` (prefix ``kl``).

The Kullback-Leibler divergence seen four ways, then estimated:

1. coding: the expected excess length, in bits, of a code built for q and used on p (ideal
   lengths exactly; integer Shannon lengths within one bit, cited with the Kraft inequality);
2. likelihood ratio: the mean log-likelihood ratio, additive over independent coordinates; the
   closed form for two Gaussians; the Gaussian shift test whose error exponent is D (Stein's
   lemma, cited; measured on the page);
3. Bregman divergence of negative entropy: the generalised KL divergence, its integral
   remainder (nonnegative), its local quadratic form (Fisher information), and the
   compensation identity that makes the mixture the best forward-KL fit to several
   distributions;
4. the two directions of fitting one Gaussian to a two-component mixture: forward KL matches
   moments (mass-covering; the cost of missing a mode grows with its distance), reverse KL
   stays bounded by ln(1/w) on one mode (mode-seeking);

and Schulman's estimators k1, k2, k3 of D(q || p) from samples of q: k3 is unbiased and
nonnegative (a Bregman divergence of -ln), k2 agrees to second order; exact means and variances
for a pair of unit-variance Gaussians.

Sums over a symbolic number ``n`` of terms use undefined positive functions and sympy's generic
simplification; their wrong variants are refuted at n = 3 with symbolic entries. Product and
two-variable statements are proved on small tables with every entry symbolic; Gaussian and
mixture statements are sympy integrals with symbolic parameters (a mixture expectation is the
weighted sum of its components' expectations).

Sources: Kullback and Leibler (1951); Cover and Thomas (2006); Banerjee, Merugu, Dhillon, Ghosh
(2005) for Bregman divergences; Bishop (2006) and Minka (2005) for the two directions; Schulman
(2020) for the estimators; the original post on xuquant.com.
"""

from __future__ import annotations

import sympy as sp

from derivations import GENERAL, Instance, Symbolic, Wrong, cited, claim, definition
from derivations.helpers import ge

KULLBACK_LEIBLER = (
    "Kullback, Leibler, 'On Information and Sufficiency', Annals of Mathematical Statistics 22 "
    "(1951), https://doi.org/10.1214/aoms/1177729694"
)
COVER_THOMAS = (
    "Cover, Thomas, 'Elements of Information Theory', 2nd ed., Wiley 2006, "
    "https://doi.org/10.1002/047174882X"
)
BANERJEE = (
    "Banerjee, Merugu, Dhillon, Ghosh, 'Clustering with Bregman Divergences', JMLR 6 (2005), "
    "https://jmlr.org/papers/v6/banerjee05b.html"
)
BISHOP = (
    "Bishop, 'Pattern Recognition and Machine Learning', Springer 2006, section 10.1.2 "
    "(the two forms of KL divergence), https://www.microsoft.com/en-us/research/publication/"
    "pattern-recognition-machine-learning/"
)
SCHULMAN = "Schulman, 'Approximating KL Divergence' (2020), http://joschu.net/blog/kl-approx.html"
SUMS_NOT_COMPARED = "sums over a symbolic number n of terms: the parser reads p_i as one symbol"

# ------------------------------------------------------------------ symbols and helpers

n = sp.Symbol("n", positive=True, integer=True)
i = sp.Symbol("i", positive=True, integer=True)
pf = sp.Function("p", positive=True)
qf = sp.Function("q", positive=True)
af = sp.Function("a", positive=True)
bf = sp.Function("b", positive=True)
P3 = sp.symbols("p_1:4", positive=True)  # n = 3 entries for refuting wrong variants
Q3 = sp.symbols("q_1:4", positive=True)
R3 = sp.symbols("r_1:4", positive=True)
x = sp.Symbol("x", real=True)


def total(expr: sp.Expr) -> sp.Sum:
    """``sum_{i=1}^n expr`` (unevaluated)."""
    return sp.Sum(expr, (i, 1, n))


def kl_terms(a: sp.Expr, b: sp.Expr) -> sp.Sum:
    """``D(a || b) = sum_i a_i (ln a_i - ln b_i)`` over ``i = 1..n``."""
    return total(a * (sp.log(a) - sp.log(b)))


def kl3(a: tuple, b: tuple) -> sp.Expr:
    """``D(a || b)`` for three entries."""
    return sum(u * sp.log(u / v) for u, v in zip(a, b))


def gauss(m: sp.Expr, v: sp.Expr) -> sp.Expr:
    """The normal density with mean ``m`` and variance ``v`` at ``x``."""
    return sp.exp(-((x - m) ** 2) / (2 * v)) / sp.sqrt(2 * sp.pi * v)


def over_line(f: sp.Expr) -> sp.Integral:
    """``int_{-oo}^{oo} f dx`` (unevaluated)."""
    return sp.Integral(f, (x, -sp.oo, sp.oo))


definition(
    "kl.def",
    r"D(p \,\Vert\, q) = \sum_{i} p_i \ln\frac{p_i}{q_i} = "
    r"\mathbb{E}_{x \sim p}\Big[\ln\frac{p(x)}{q(x)}\Big], \qquad "
    r"D(p \,\Vert\, q) = \infty \text{ if } q_i = 0 < p_i \text{ for some } i",
    note="Nonnegative, zero only for p = q (Gibbs' inequality, info.gibbs), and not symmetric.",
)

# ------------------------------------------------------------------ view 1: code length

definition(
    "kl.code",
    r"\ell_i = \text{length in bits of the codeword of outcome } i, \qquad "
    r"\bar L_p(\ell) = \sum_i p_i\, \ell_i",
)

cited(
    "kl.kraft",
    r"\text{uniquely decodable} \implies \sum_i 2^{-\ell_i} \le 1, \qquad "
    r"\sum_i 2^{-\ell_i} \le 1 \implies \text{a prefix code with these lengths exists}",
    source=COVER_THOMAS + ", theorems 5.2.1 and 5.5.1 (Kraft, McMillan)",
    uses=["kl.code"],
)

claim(
    "kl.excess-length",
    sp.Eq(
        total(pf(i) * (-sp.log(qf(i), 2))) - total(pf(i) * (-sp.log(pf(i), 2))),
        total(pf(i) * sp.log(pf(i) / qf(i))) / sp.log(2),
    ),
    scope=GENERAL,
    latex=r"\sum_{i=1}^{n} p_i \big(-\log_2 q_i\big) - \sum_{i=1}^{n} p_i \big(-\log_2 p_i\big) "
    r"= \sum_{i=1}^{n} p_i \log_2\frac{p_i}{q_i} = \frac{D(p \,\Vert\, q)}{\ln 2}",
    compare=SUMS_NOT_COMPARED,
    wrong={
        "excess is D(q || p) (n = 3)": sp.Eq(
            sum(a * (-sp.log(c, 2)) for a, c in zip(P3, Q3)) - sum(a * (-sp.log(a, 2)) for a in P3),
            kl3(Q3, P3) / sp.log(2),
        ),
        "bits and nats confused (n = 3)": sp.Eq(
            sum(a * (-sp.log(c, 2)) for a, c in zip(P3, Q3)) - sum(a * (-sp.log(a, 2)) for a in P3),
            kl3(P3, Q3) * sp.log(2),
        ),
    },
    uses=["kl.def", "kl.code", "kl.kraft", "info.cross-entropy"],
    source=COVER_THOMAS,
    note="Symbolic n. The ideal lengths -log2 q_i satisfy Kraft's inequality with equality; "
    "used on data from p they cost H(p) + D(p || q) bits per symbol, D(p || q) more than the "
    "code built for p.",
)

cited(
    "kl.shannon-code",
    r"\ell_i = \lceil -\log_2 q_i \rceil\colon\quad \sum_i 2^{-\ell_i} \le 1, \qquad "
    r"H_2(p) + \frac{D(p \,\Vert\, q)}{\ln 2} \le \bar L_p(\ell) < "
    r"H_2(p) + \frac{D(p \,\Vert\, q)}{\ln 2} + 1",
    source=COVER_THOMAS + ", theorem 5.4.3 (wrong code)",
    uses=["kl.excess-length", "kl.kraft"],
    note="Rounding each ideal length up to an integer costs less than one bit per symbol; "
    "sympy cannot reason about the ceiling, so the page measures the bound instead.",
)

# ------------------------------------------------------------------ view 2: likelihood ratio

mu1, mu2 = sp.symbols("mu_1 mu_2", real=True)
s1, s2 = sp.symbols("sigma_1 sigma_2", positive=True)
_log_ratio = sp.log(s2 / s1) - (x - mu1) ** 2 / (2 * s1**2) + (x - mu2) ** 2 / (2 * s2**2)
_kl_gauss = sp.log(s2 / s1) + (s1**2 + (mu1 - mu2) ** 2) / (2 * s2**2) - sp.Rational(1, 2)

_phi1 = gauss(mu1, s1**2)
# E_p of the log-ratio by linearity, from the mass and the two second moments checked above
_combined = sp.Add(
    sp.log(s2 / s1),
    -sp.Mul(s1**2, 1 / (2 * s1**2), evaluate=False),
    sp.Mul(s1**2 + (mu1 - mu2) ** 2, 1 / (2 * s2**2), evaluate=False),
    evaluate=False,
)
GAUSS_BOX = {mu1: (-3.0, 3.0), mu2: (-3.0, 3.0), s1: (0.3, 3.0), s2: (0.3, 3.0)}

claim(
    "kl.gauss",
    sp.And(
        sp.Eq(sp.log(_phi1) - sp.log(gauss(mu2, s2**2)), _log_ratio),
        sp.Eq(over_line(_phi1), 1),
        sp.Eq(over_line((x - mu1) ** 2 * _phi1), s1**2),
        sp.Eq(over_line((x - mu2) ** 2 * _phi1), s1**2 + (mu1 - mu2) ** 2),
        sp.Eq(_combined, _kl_gauss),
    ),
    scope=GENERAL,
    latex=r"\ln\frac{p(x)}{q(x)} = \ln\frac{\sigma_2}{\sigma_1} - \frac{(x-\mu_1)^2}{2\sigma_1^2} "
    r"+ \frac{(x-\mu_2)^2}{2\sigma_2^2}, \qquad \mathbb{E}_p\big[(x-\mu_1)^2\big] = \sigma_1^2, "
    r"\quad \mathbb{E}_p\big[(x-\mu_2)^2\big] = \sigma_1^2 + (\mu_1 - \mu_2)^2 "
    r"\qquad\Longrightarrow\qquad D\big(\mathcal{N}(\mu_1, \sigma_1^2) \,\Vert\, "
    r"\mathcal{N}(\mu_2, \sigma_2^2)\big) = \ln\frac{\sigma_2}{\sigma_1} + "
    r"\frac{\sigma_1^2 + (\mu_1 - \mu_2)^2}{2\sigma_2^2} - \frac{1}{2}",
    compare="the display names the densities p and q; the statement writes them out",
    domain=GAUSS_BOX,
    wrong={
        "variances not squared": sp.Eq(
            _combined,
            sp.log(s2 / s1) + (s1 + (mu1 - mu2) ** 2) / (2 * s2) - sp.Rational(1, 2),
            evaluate=False,
        ),
        "sigma_1 and sigma_2 swapped in the log": sp.Eq(
            sp.log(_phi1) - sp.log(gauss(mu2, s2**2)),
            sp.log(s1 / s2) - (x - mu1) ** 2 / (2 * s1**2) + (x - mu2) ** 2 / (2 * s2**2),
        ),
        "without the -1/2": sp.Eq(
            _combined, sp.log(s2 / s1) + (s1**2 + (mu1 - mu2) ** 2) / (2 * s2**2), evaluate=False
        ),
    },
    uses=["kl.def"],
    source=KULLBACK_LEIBLER,
    note="All four parameters symbolic. The log-likelihood ratio is a quadratic in x, so its "
    "mean under p is a combination of p's total mass and two second moments (linearity of the "
    "expectation); the last conjunct is that combination.",
)

pa = list(sp.symbols("p_1 p_2", positive=True))  # first coordinate, not normalised
qa = list(sp.symbols("q_1 q_2", positive=True))
pb = list(sp.symbols("p'_1 p'_2", positive=True))  # second coordinate
qb = list(sp.symbols("q'_1 q'_2", positive=True))
_kl_pair = sum(
    pa[j] * pb[k] * sp.log(pa[j] * pb[k] / (qa[j] * qb[k])) for j in range(2) for k in range(2)
)


def _kl_list(a: list, b: list) -> sp.Expr:
    return sum(u * sp.log(u / v) for u, v in zip(a, b))


claim(
    "kl.product",
    sp.Eq(_kl_pair, sum(pb) * _kl_list(pa, qa) + sum(pa) * _kl_list(pb, qb)),
    scope=Instance(
        "two coordinates with two outcomes each, all eight entries symbolic (not normalised)",
        "the log of a product is the sum of the logs and each sum over the other coordinate "
        "factors out, for any numbers of outcomes; by induction n independent coordinates add",
    ),
    latex=r"\sum_{j,k} p_j p'_k \ln\frac{p_j p'_k}{q_j q'_k} = \Big(\sum_k p'_k\Big) "
    r"D(p \,\Vert\, q) + \Big(\sum_j p_j\Big) D(p' \,\Vert\, q') \qquad\Longrightarrow\qquad "
    r"D\big(p^{\otimes N} \,\Vert\, q^{\otimes N}\big) = N\, D(p \,\Vert\, q)",
    compare="divergences named, not written out (an instance)",
    wrong={
        "divergences multiply": sp.Eq(_kl_pair, _kl_list(pa, qa) * _kl_list(pb, qb)),
        "without the normalising factors": Wrong(
            sp.Eq(_kl_pair, _kl_list(pa, qa) + _kl_list(pb, qb)),
        ),
    },
    uses=["kl.def"],
    source=COVER_THOMAS,
    note="For distributions the factors are 1: the log-likelihood ratio of N independent "
    "samples is a sum of N independent terms, each of mean D(p || q).",
)

mu = sp.Symbol("mu", real=True)
_llr = mu * x - mu**2 / 2

claim(
    "kl.shift-llr",
    sp.And(
        sp.Eq(sp.log(gauss(mu, 1) / gauss(0, 1)), _llr),
        sp.Eq(over_line(gauss(mu, 1) * _llr), mu**2 / 2),
        sp.Eq(over_line(gauss(0, 1) * _llr), -(mu**2) / 2),
    ),
    scope=GENERAL,
    latex=r"p = \mathcal{N}(\mu, 1),\ q = \mathcal{N}(0, 1)\colon\quad "
    r"\ln\frac{p(x)}{q(x)} = \mu x - \frac{\mu^2}{2}, \qquad "
    r"\mathbb{E}_p\Big[\ln\frac{p}{q}\Big] = \frac{\mu^2}{2} = D(p \,\Vert\, q), \qquad "
    r"\mathbb{E}_q\Big[\ln\frac{p}{q}\Big] = -\frac{\mu^2}{2} = -D(q \,\Vert\, p)",
    compare="the display names the densities and expectations",
    domain={mu: (-3.0, 3.0)},
    wrong={
        "log-ratio mu x + mu^2/2": sp.Eq(sp.log(gauss(mu, 1) / gauss(0, 1)), mu * x + mu**2 / 2),
        "mean under p is mu^2": Wrong(sp.Eq(over_line(gauss(mu, 1) * _llr), mu**2), at=({mu: 1},)),
    },
    uses=["kl.gauss"],
    note="A likelihood-ratio test between the two is a threshold on the sample mean; the "
    "log-likelihood ratio of N samples has mean N mu^2/2 under p and -N mu^2/2 under q.",
)

cited(
    "kl.stein",
    r"\beta_N^\star(\alpha) = \min_{\text{tests with } P_p(\text{reject } p) \le \alpha} "
    r"P_q(\text{accept } p)\colon\qquad "
    r"\lim_{N \to \infty} -\frac{1}{N} \ln \beta_N^\star(\alpha) = D(p \,\Vert\, q) "
    r"\quad \text{for every } \alpha \in (0, 1)",
    source=COVER_THOMAS + ", theorem 11.8.3 (Chernoff-Stein lemma)",
    uses=["kl.product", "kl.shift-llr"],
    note="The page computes the exact error of the Neyman-Pearson test for the Gaussian shift "
    "and shows the exponent approaching mu^2/2.",
)

# ------------------------------------------------------------------ view 3: Bregman divergence

definition(
    "kl.bregman",
    r"D_F(x, y) = F(x) - F(y) - \langle \nabla F(y),\, x - y \rangle, \qquad "
    r"F \text{ strictly convex and differentiable}",
    note="How far F lies above its tangent plane at y, measured at x.",
)

tt = sp.Symbol("t", positive=True)
_F = total(pf(i) * sp.log(pf(i)))  # negative entropy
_Fq = total(qf(i) * sp.log(qf(i)))

claim(
    "kl.bregman-neg-entropy",
    sp.And(
        sp.Eq(sp.Derivative(tt * sp.log(tt), tt), sp.log(tt) + 1),
        sp.Eq(
            _F - _Fq - total((sp.log(qf(i)) + 1) * (pf(i) - qf(i))),
            total(pf(i) * sp.log(pf(i) / qf(i))) - total(pf(i)) + total(qf(i)),
        ),
    ),
    scope=GENERAL,
    latex=r"F(p) = \sum_{i=1}^{n} p_i \ln p_i,\;\; \frac{\partial F}{\partial p_i} = \ln p_i + 1"
    r"\colon\qquad D_F(p, q) = \sum_{i=1}^{n} p_i \ln\frac{p_i}{q_i} - \sum_{i=1}^{n} p_i + "
    r"\sum_{i=1}^{n} q_i",
    compare=SUMS_NOT_COMPARED,
    wrong={
        "gradient ln p_i without the +1 (n = 3)": sp.Eq(
            sum(a * sp.log(a) for a in P3)
            - sum(c * sp.log(c) for c in Q3)
            - sum(sp.log(c) * (a - c) for a, c in zip(P3, Q3)),
            kl3(P3, Q3) - sum(P3) + sum(Q3),
        ),
        "KL with the arguments swapped (n = 3)": sp.Eq(
            sum(a * sp.log(a) for a in P3)
            - sum(c * sp.log(c) for c in Q3)
            - sum((sp.log(c) + 1) * (a - c) for a, c in zip(P3, Q3)),
            kl3(Q3, P3) - sum(P3) + sum(Q3),
        ),
    },
    uses=["kl.bregman", "kl.def"],
    source=BANERJEE,
    note="Symbolic n. On probability vectors the two plain sums cancel and D_F is the KL "
    "divergence; off the simplex it is the generalised KL divergence of unnormalised measures.",
)

xb, yb, sb, rb = sp.symbols("x y s r", positive=True)
_breg_integrand = (1 - sb) * (xb - yb) ** 2 / (yb + sb * (xb - yb))

claim(
    "kl.bregman-remainder",
    sp.And(
        sp.Eq(
            xb * sp.log(xb / yb) - xb + yb, sp.Integral(_breg_integrand, (sb, 0, 1)), evaluate=False
        ),
        sp.Ge(_breg_integrand.subs(sb, 1 / (1 + rb)), 0),
    ),
    scope=GENERAL,
    latex=r"x \ln\frac{x}{y} - x + y = \int_0^1 \frac{(1 - s)(x - y)^2}{y + s(x - y)}\, ds "
    r"\ge 0 \qquad x, y \in (0, \infty)",
    wrong={
        "remainder without (1 - s)": sp.Eq(
            xb * sp.log(xb / yb) - xb + yb,
            sp.Integral((xb - yb) ** 2 / (yb + sb * (xb - yb)), (sb, 0, 1)),
        ),
        "F'' evaluated at y only": sp.Eq(
            xb * sp.log(xb / yb) - xb + yb,
            sp.Integral((1 - sb) * (xb - yb) ** 2 / yb, (sb, 0, 1)),
        ),
    },
    uses=["kl.bregman-neg-entropy"],
    source=BANERJEE,
    note="Taylor's formula with integral remainder for F(t) = t ln t, whose second derivative "
    "is 1/t: D_F(x, y) = int_0^1 (1 - s) (x - y)^2 F''(y + s (x - y)) ds. The denominator is "
    "a convex combination of x and y; the statement checks the sign of the integrand by "
    "writing s = 1/(1 + r), r > 0. Summed over coordinates this is Gibbs' inequality again.",
)

eps = sp.Symbol("varepsilon", real=True)
pp = sp.Symbol("p", positive=True)
vv = sp.Symbol("v", real=True)

claim(
    "kl.fisher",
    sp.And(
        sp.Eq(
            sp.Limit((pp * sp.log(pp / (pp + eps * vv)) + eps * vv) / eps**2, eps, 0, "+-"),
            vv**2 / (2 * pp),
        ),
        sp.Eq(
            sp.Limit(
                ((pp + eps * vv) * sp.log((pp + eps * vv) / pp) - eps * vv) / eps**2, eps, 0, "+-"
            ),
            vv**2 / (2 * pp),
        ),
    ),
    scope=GENERAL,
    latex=r"\lim_{\varepsilon \to 0} \frac{p \ln\frac{p}{p + \varepsilon v} + \varepsilon v}"
    r"{\varepsilon^2} = \frac{v^2}{2p}, \qquad \lim_{\varepsilon \to 0} "
    r"\frac{(p + \varepsilon v) \ln\frac{p + \varepsilon v}{p} - \varepsilon v}"
    r"{\varepsilon^2} = \frac{v^2}{2p}",
    wrong={
        "without the 1/2 (fails for v = 1)": sp.Eq(
            sp.Limit((pp * sp.log(pp / (pp + eps)) + eps) / eps**2, eps, 0, "+-"), 1 / pp
        ),
        "p in the numerator (fails for v = 1, p = 2)": sp.Eq(
            sp.Limit((2 * sp.log(2 / (2 + eps)) + eps) / eps**2, eps, 0, "+-"), 1
        ),
    },
    uses=["kl.bregman-neg-entropy"],
    note="One coordinate, both directions. Summed over i with sum_i v_i = 0 (a perturbation "
    "that stays on the simplex) the linear terms cancel: D(p || p + eps v) and "
    "D(p + eps v || p) both equal (eps^2/2) sum_i v_i^2/p_i to second order, the quadratic "
    "form of the Hessian of F, which is the Fisher information of the categorical family.",
)

w1, w2 = sp.symbols("w_1 w_2", positive=True)
_m = w1 * af(i) + w2 * bf(i)
_m3 = tuple(w1 * a + w2 * c for a, c in zip(P3, Q3))  # the mixture of a = P3 and b = Q3

claim(
    "kl.compensation",
    sp.Eq(
        w1 * kl_terms(af(i), qf(i)) + w2 * kl_terms(bf(i), qf(i)),
        w1 * kl_terms(af(i), _m) + w2 * kl_terms(bf(i), _m) + kl_terms(_m, qf(i)),
    ),
    scope=GENERAL,
    latex=r"m = w_1 a + w_2 b\colon\quad w_1 D(a \,\Vert\, q) + w_2 D(b \,\Vert\, q) = "
    r"w_1 D(a \,\Vert\, m) + w_2 D(b \,\Vert\, m) + D(m \,\Vert\, q)",
    method=Symbolic(budget=60.0),
    compare="divergences named; the statement writes them as sums over a symbolic number of terms",
    wrong={
        "D(q || m) in place of D(m || q) (n = 3)": sp.Eq(
            w1 * kl3(P3, R3) + w2 * kl3(Q3, R3),
            w1 * kl3(P3, _m3) + w2 * kl3(Q3, _m3) + kl3(R3, _m3),
        ),
        "without the compensation term (n = 3)": sp.Eq(
            w1 * kl3(P3, R3) + w2 * kl3(Q3, R3),
            w1 * kl3(P3, _m3) + w2 * kl3(Q3, _m3),
        ),
    },
    uses=["kl.def", "kl.bregman-neg-entropy"],
    source=BANERJEE,
    note="Symbolic n, any positive weights (for weights summing to 1, m is a distribution). "
    "Only the last term depends on q, and it is zero exactly at q = m: the distribution closest "
    "in forward KL to a weighted family is its mixture, the Bregman mean property.",
)

# ------------------------------------------------------------------ view 4: which direction

definition(
    "kl.mixture",
    r"p(x) = w\, \mathcal{N}(x; \mu_1, \sigma^2) + (1 - w)\, \mathcal{N}(x; \mu_2, \sigma^2), "
    r"\qquad q_\theta = \mathcal{N}(m, s^2), \qquad "
    r"\text{forward: } \min_\theta D(p \,\Vert\, q_\theta), \quad "
    r"\text{reverse: } \min_\theta D(q_\theta \,\Vert\, p)",
)

sigma, s = sp.symbols("sigma s", positive=True)
w = sp.Symbol("w", positive=True)
m = sp.Symbol("m", real=True)
M, V = sp.Symbol("M", real=True), sp.Symbol("V", positive=True)


mu_k = sp.Symbol("mu_k", real=True)  # the mean of one component
MIX_BOX = {
    mu1: (-3.0, 3.0),
    mu2: (-3.0, 3.0),
    mu_k: (-3.0, 3.0),
    sigma: (0.3, 3.0),
    w: (0.05, 0.95),
    m: (-3.0, 3.0),
}


def second_moment(mean: sp.Expr, centre: sp.Expr) -> sp.Expr:
    """``E[(x - centre)^2]`` for ``x ~ N(mean, sigma^2)`` (kl.mixture-moments, first part)."""
    return sigma**2 + (mean - centre) ** 2


_mean = w * mu1 + (1 - w) * mu2
_var = sigma**2 + w * (1 - w) * (mu1 - mu2) ** 2
_mix_second = w * second_moment(mu1, m) + (1 - w) * second_moment(mu2, m)

claim(
    "kl.mixture-moments",
    sp.And(
        sp.Eq(over_line(gauss(mu_k, sigma**2)), 1),
        sp.Eq(over_line(x * gauss(mu_k, sigma**2)), mu_k),
        sp.Eq(over_line((x - m) ** 2 * gauss(mu_k, sigma**2)), second_moment(mu_k, m)),
        sp.Eq(_mix_second, _var + (_mean - m) ** 2),
    ),
    scope=GENERAL,
    latex=r"\mathbb{E}_{\mathcal{N}(\mu_k, \sigma^2)}\big[(x - m)^2\big] = \sigma^2 + "
    r"(\mu_k - m)^2 \qquad\Longrightarrow\qquad \mathbb{E}_p[x] = w\mu_1 + (1 - w)\mu_2 =: "
    r"\bar\mu, \quad \mathbb{E}_p\big[(x - m)^2\big] = \sigma^2 + w(1 - w)(\mu_1 - \mu_2)^2 "
    r"+ (\bar\mu - m)^2",
    compare="the display names expectations; the statement integrates one component and "
    "combines the two by linearity",
    domain=MIX_BOX,
    wrong={
        "component moment without the shift": Wrong(
            sp.Eq(over_line((x - m) ** 2 * gauss(mu_k, sigma**2)), sigma**2),
            at=({mu_k: 1, sigma: 1, m: 0},),
        ),
        "variance without the between-modes term": sp.Eq(_mix_second, sigma**2 + (_mean - m) ** 2),
        "between-modes term w^2 (mu_1 - mu_2)^2": sp.Eq(
            _mix_second, sigma**2 + w**2 * (mu1 - mu2) ** 2 + (_mean - m) ** 2
        ),
    },
    uses=["kl.mixture"],
    note="One component with symbolic mean mu_k, variance sigma^2 and centre m is integrated; "
    "an expectation under the mixture is w times that under the first component plus 1 - w "
    "times that under the second (the last conjunct combines them). At m equal to the mean, "
    "the variance of the mixture is the within-component variance plus the spread between the "
    "two means.",
)

_F_fwd = sp.log(2 * sp.pi * s**2) / 2 + (V + (M - m) ** 2) / (2 * s**2)

claim(
    "kl.forward-moments",
    sp.And(
        sp.Eq(sp.Derivative(_F_fwd, m), (m - M) / s**2),
        sp.Eq(sp.Derivative(_F_fwd, s), (s**2 - V - (M - m) ** 2) / s**3),
    ),
    scope=GENERAL,
    latex=r"\frac{\partial}{\partial m}\Big[\frac{1}{2}\ln(2\pi s^2) + "
    r"\frac{V + (M - m)^2}{2 s^2}\Big] = \frac{m - M}{s^2}, \qquad "
    r"\frac{\partial}{\partial s}\Big[\frac{1}{2}\ln(2\pi s^2) + \frac{V + (M - m)^2}{2 s^2}\Big]"
    r" = \frac{s^2 - V - (M - m)^2}{s^3}",
    wrong={
        "d/ds without the 1/s from the normaliser": sp.Eq(
            sp.diff(_F_fwd, s), -(V + (M - m) ** 2) / s**3, evaluate=False
        ),
        "d/dm with the sign flipped": sp.Eq(sp.diff(_F_fwd, m), (M - m) / s**2, evaluate=False),
    },
    uses=["kl.mixture-moments", "info.cross-entropy", "info.gauss-log-density"],
    source=BISHOP,
    note="The bracket is E_p[-ln q] for q = N(m, s^2) and any p with mean M and variance V; "
    "D(p || q) is it minus h(p), which does not depend on q. Both derivatives vanish only at "
    "m = M, s^2 = V, and the bracket grows without bound as s -> 0 or s -> oo: the forward fit "
    "matches the first two moments.",
)

# E_p[-ln N(x; mu_1, sigma^2)]: -ln q is a quadratic, so two second moments about mu_1 enter
_cross_one_mode = sp.log(2 * sp.pi * sigma**2) / 2 + (
    w * second_moment(mu1, mu1) + (1 - w) * second_moment(mu2, mu1)
) / (2 * sigma**2)
_cross_one_mode_value = (
    sp.log(2 * sp.pi * sigma**2) / 2
    + sp.Rational(1, 2)
    + (1 - w) * (mu1 - mu2) ** 2 / (2 * sigma**2)
)
Hw = sp.Symbol("H_w", positive=True)  # the entropy of the weights (w, 1 - w)

claim(
    "kl.forward-penalty",
    sp.And(
        sp.Eq(_cross_one_mode, _cross_one_mode_value),
        sp.Eq(
            _cross_one_mode_value - (sp.log(2 * sp.pi * sp.E * sigma**2) / 2 + Hw),
            (1 - w) * (mu1 - mu2) ** 2 / (2 * sigma**2) - Hw,
        ),
    ),
    scope=GENERAL,
    latex=r"q = \mathcal{N}(\mu_1, \sigma^2)\colon\quad \mathbb{E}_p[-\ln q] = "
    r"\frac{1}{2}\ln(2\pi\sigma^2) + \frac{1}{2} + \frac{(1 - w)(\mu_1 - \mu_2)^2}{2\sigma^2}, "
    r"\qquad D(p \,\Vert\, q) \ge \mathbb{E}_p[-\ln q] - \Big(\frac{1}{2}\ln(2\pi e\sigma^2) "
    r"+ H_w\Big) = \frac{(1 - w)(\mu_1 - \mu_2)^2}{2\sigma^2} - H_w",
    compare="the display names the expectation and the divergence; the inequality uses the "
    "cited bound on the mixture's entropy",
    domain=MIX_BOX,
    wrong={
        "penalty weighted by w": sp.Eq(
            _cross_one_mode,
            sp.log(2 * sp.pi * sigma**2) / 2
            + sp.Rational(1, 2)
            + w * (mu1 - mu2) ** 2 / (2 * sigma**2),
        ),
        "penalty linear in the distance": sp.Eq(
            _cross_one_mode,
            sp.log(2 * sp.pi * sigma**2) / 2
            + sp.Rational(1, 2)
            + (1 - w) * sp.Abs(mu1 - mu2) / (2 * sigma**2),
        ),
    },
    uses=["kl.mixture-moments", "kl.mixture-entropy"],
    note="-ln q = ln(2 pi sigma^2)/2 + (x - mu_1)^2/(2 sigma^2), averaged under the mixture "
    "with the component second moments of kl.mixture-moments (centre mu_1). A fit that covers "
    "only the first mode pays a cross-entropy growing like the squared distance to the mode it "
    "ignores; with h(p) <= h(N(0, sigma^2)) + H_w (kl.mixture-entropy) the forward divergence "
    "grows at least as fast.",
)

cited(
    "kl.mixture-entropy",
    r"h(p) \le w\, h\big(\mathcal{N}(\mu_1, \sigma^2)\big) + (1 - w)\, "
    r"h\big(\mathcal{N}(\mu_2, \sigma^2)\big) + H_w = \frac{1}{2}\ln(2\pi e\sigma^2) + H_w, "
    r"\qquad H_w = -w\ln w - (1 - w)\ln(1 - w)",
    source=COVER_THOMAS + ", sections 2.5 and 8.6: with Z the component label, "
    "h(X) = h(X | Z) + I(X; Z) and I(X; Z) <= H(Z)",
    uses=["kl.mixture"],
)

qv, rv, uw = sp.symbols("q r u", positive=True)  # q(x), the other component r(x), u = 1 - w

claim(
    "kl.reverse-bound",
    sp.And(
        sp.Eq(sp.log(1 / w) - sp.log(qv / (w * qv + uw * rv)), sp.log(1 + uw * rv / (w * qv))),
        ge(sp.log(1 + uw * rv / (w * qv)), 0),
    ),
    scope=GENERAL,
    latex=r"\ln\frac{q}{w q + (1 - w) r} \le \ln\frac{1}{w} \qquad w \in (0, 1)",
    domain={w: (0.0, 1.0)},
    wrong={
        "bound ln(1/(1 - w)) (the other weight)": Wrong(
            sp.Le(sp.log(qv / (w * qv + uw * rv)), sp.log(1 / uw)),
            at=({qv: 1, rv: sp.Rational(1, 100), w: sp.Rational(1, 10), uw: sp.Rational(9, 10)},),
        ),
        "bound 0 (p above q everywhere)": Wrong(
            sp.Le(sp.log(qv / (w * qv + uw * rv)), 0),
            at=({qv: 1, rv: sp.Rational(1, 100), w: sp.Rational(1, 2), uw: sp.Rational(1, 2)},),
        ),
    },
    uses=["kl.mixture"],
    source=BISHOP,
    note="Pointwise, with q and r the two component densities at x and u standing for 1 - w "
    "(the bound holds for any positive u). Averaging over x ~ q: the reverse divergence of "
    "the fit to the first mode is at most ln(1/w), whatever the distance between the modes.",
)

# ------------------------------------------------------------------ estimators k1, k2, k3

definition(
    "kl.estimators",
    r"x \sim q, \quad r = \frac{p(x)}{q(x)}\colon\qquad k_1 = -\ln r, \qquad "
    r"k_2 = \frac{1}{2}(\ln r)^2, \qquad k_3 = (r - 1) - \ln r, \qquad "
    r"\text{target } D(q \,\Vert\, p) = \mathbb{E}_q[-\ln r]",
    note="Schulman's notation; k1 is unbiased by definition.",
)

claim(
    "kl.k3-unbiased",
    sp.Eq(
        total(qf(i) * (pf(i) / qf(i) - 1 - sp.log(pf(i) / qf(i)))),
        total(qf(i) * sp.log(qf(i) / pf(i))) + total(pf(i)) - total(qf(i)),
    ),
    scope=GENERAL,
    latex=r"\mathbb{E}_q[k_3] = \sum_{i=1}^{n} q_i \Big(\frac{p_i}{q_i} - 1 - "
    r"\ln\frac{p_i}{q_i}\Big) = \sum_{i=1}^{n} q_i \ln\frac{q_i}{p_i} + \sum_{i=1}^{n} p_i - "
    r"\sum_{i=1}^{n} q_i",
    compare=SUMS_NOT_COMPARED,
    wrong={
        "E[r] taken as 0 (n = 3)": sp.Eq(
            sum(c * (a / c - 1 - sp.log(a / c)) for a, c in zip(P3, Q3)),
            kl3(Q3, P3) - sum(Q3),
        ),
        "unbiased for D(p || q) (n = 3)": sp.Eq(
            sum(c * (a / c - 1 - sp.log(a / c)) for a, c in zip(P3, Q3)),
            kl3(P3, Q3) + sum(P3) - sum(Q3),
        ),
    },
    uses=["kl.estimators", "kl.def"],
    source=SCHULMAN,
    note="Symbolic n. For distributions with p_i > 0 wherever q_i > 0 the two plain sums are 1 "
    "(E_q[r] = 1), so E_q[k3] = D(q || p): k3 adds to k1 the control variate r - 1 of mean "
    "zero.",
)

rr = sp.Symbol("r", positive=True)
tv = sp.Symbol("t", positive=True)
_neg_log = -sp.log(tv)

claim(
    "kl.k3-bregman",
    sp.Eq(
        _neg_log.subs(tv, rr)
        - sp.Subs(_neg_log, tv, 1)
        - sp.Subs(sp.Derivative(_neg_log, tv), tv, 1) * (rr - 1),
        rr - 1 - sp.log(rr),
    ),
    scope=GENERAL,
    latex=r"-\ln r - \big(-\ln 1\big) - (-1)(r - 1) = r - 1 - \ln r",
    wrong={
        "F'(1) taken as +1": sp.Eq(-sp.log(rr) - 0 - (rr - 1), rr - 1 - sp.log(rr)),
        "F = ln instead of -ln": sp.Eq(sp.log(rr) - 0 - 1 * (rr - 1), rr - 1 - sp.log(rr)),
    },
    uses=["kl.bregman", "kl.estimators", "info.log-bound"],
    source=SCHULMAN,
    note="F(t) = -ln t, F(1) = 0, F'(1) = -1: the left side is D_F(r, 1), the gap between -ln and "
    "its tangent at 1. -ln is strictly convex, so k3 is a Bregman divergence and never negative "
    "(it is g(r) of info.log-bound); k1 is negative whenever r > 1.",
)

dl = sp.Symbol("delta", real=True)
_k1 = -sp.log(1 + dl)
_k2 = sp.log(1 + dl) ** 2 / 2
_k3 = dl - sp.log(1 + dl)

claim(
    "kl.local",
    sp.And(
        sp.Eq(sp.Limit(_k1 / dl, dl, 0, "+-"), -1),
        sp.Eq(sp.Limit(_k2 / dl**2, dl, 0, "+-"), sp.Rational(1, 2)),
        sp.Eq(sp.Limit(_k3 / dl**2, dl, 0, "+-"), sp.Rational(1, 2)),
        sp.Eq(sp.Limit((_k2 - _k3) / dl**3, dl, 0, "+-"), -sp.Rational(1, 6)),
    ),
    scope=GENERAL,
    latex=r"\lim_{\delta \to 0} \frac{-\ln(1 + \delta)}"
    r"{\delta} = -1, \quad \lim_{\delta \to 0} \frac{\frac{1}{2}\ln^2(1 + \delta)}"
    r"{\delta^2} = \frac{1}{2}, \quad \lim_{\delta \to 0} \frac{\delta - \ln(1 + \delta)}"
    r"{\delta^2} = \frac{1}{2}, \quad \lim_{\delta \to 0} "
    r"\frac{\frac{1}{2}\ln^2(1 + \delta) - \delta + \ln(1 + \delta)}{\delta^3} = -\frac{1}{6}",
    wrong={
        "k2 ~ delta^2 (no 1/2)": sp.Eq(sp.Limit(_k2 / dl**2, dl, 0, "+-"), 1),
        "k2 and k3 agree to third order": sp.Eq(sp.Limit((_k2 - _k3) / dl**3, dl, 0, "+-"), 0),
        "k1 starts at second order like k3": sp.Eq(sp.Limit(_k1 / dl, dl, 0, "+-"), 0),
    },
    uses=["kl.estimators"],
    source=SCHULMAN,
    note="E_q[delta] = 0. So k1 = -delta + delta^2/2 + O(delta^3) carries a zero-mean first-order "
    "term (its variance is of order E[delta^2], the size of the divergence itself), while k2 and "
    "k3 start at delta^2/2: k2 is biased only at third order.",
)

muk = sp.Symbol("mu", real=True)
_lr = muk * x - muk**2 / 2  # ln r for x ~ N(0, 1), p = N(mu, 1)
_est = {"k1": -_lr, "k2": _lr**2 / 2, "k3": sp.exp(_lr) - 1 - _lr}


def q_mean(f: sp.Expr) -> sp.Integral:
    """``E_q[f]`` for ``q = N(0, 1)``."""
    return over_line(f * gauss(0, 1))


_means = {"k1": muk**2 / 2, "k2": muk**2 / 2 + muk**4 / 8, "k3": muk**2 / 2}
_second = {
    "k1": muk**2 + muk**4 / 4,
    "k2": muk**4 * (muk**2 + 2) / 4 + _means["k2"] ** 2,
    "k3": sp.exp(muk**2) - 1 - muk**2 + muk**4 / 4,
}

claim(
    "kl.gauss-estimators",
    sp.And(
        *(sp.Eq(q_mean(_est[key]), _means[key]) for key in ("k1", "k2", "k3")),
        *(sp.Eq(q_mean(_est[key] ** 2), _second[key]) for key in ("k1", "k2", "k3")),
        sp.Eq(sp.Limit((sp.exp(muk**2) - 1 - muk**2) / muk**4, muk, 0), sp.Rational(1, 2)),
    ),
    scope=Instance(
        "q = N(0, 1) and p = N(mu, 1), mu symbolic",
        "for two Gaussians of equal variance, standardising x by q's mean and standard deviation "
        "maps the pair to this one (mu the standardised distance) and leaves r(x), hence every "
        "k_j and its distribution, unchanged",
    ),
    latex=r"\mathbb{E}_q[k_1] = \mathbb{E}_q[k_3] = \frac{\mu^2}{2} = D(q \,\Vert\, p), \quad "
    r"\mathbb{E}_q[k_2] = \frac{\mu^2}{2} + \frac{\mu^4}{8}; \qquad "
    r"\operatorname{Var} k_1 = \mu^2, \quad \operatorname{Var} k_2 = \frac{\mu^4(\mu^2 + 2)}{4}, "
    r"\quad \operatorname{Var} k_3 = e^{\mu^2} - 1 - \mu^2 \sim \frac{\mu^4}{2}",
    compare="the display names expectations and variances; the statement integrates the "
    "estimators and their squares against q",
    domain={muk: (-2.0, 2.0)},
    wrong={
        "k2 unbiased": sp.Eq(q_mean(_est["k2"]), muk**2 / 2),
        "Var k3 = e^{mu^2} - 1 (against the second moment proved above)": sp.Eq(
            _second["k3"], sp.exp(muk**2) - 1 + muk**4 / 4, evaluate=False
        ),
        "Var k1 = mu^4/2 like k3": sp.Eq(q_mean(_est["k1"] ** 2), muk**4 / 2 + muk**4 / 4),
    },
    uses=["kl.estimators", "kl.shift-llr", "kl.k3-unbiased", "kl.local"],
    source=SCHULMAN,
    note="Second moments are checked; the variances are second moment minus squared mean. Here "
    "ln r = mu x - mu^2/2 is normal under q with mean -mu^2/2 and variance mu^2. For small mu "
    "the relative standard deviation of k1 is 2/|mu|, that of k3 tends to sqrt(2).",
)
