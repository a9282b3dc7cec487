"""Claims of ``docs/posts/mathematics/probability/vae-elbo.md`` (prefix ``vae``).

The variational autoencoder from its bound to its gradient:

1. the evidence identity ln p(x) = L(q) + D(q || p(z | x)) and the split of the bound into a
   reconstruction term and a divergence from the prior, for a latent with a symbolic number of
   values (every probability an undefined positive function, both distributions normalised);
2. the linear-Gaussian model z ~ N(0, 1), x | z ~ N(w z + b, s^2), where the evidence, the
   posterior, the bound for a Gaussian q and the gap are all closed forms (sympy integrals with
   every parameter symbolic), and the gap is the Gaussian KL divergence to the posterior;
3. the closed-form KL divergence of a Gaussian encoder from the standard normal prior, in one
   dimension by integration and for a diagonal Gaussian as a sum over a symbolic number d of
   coordinates of each coordinate's expected log-ratio (taken over eps ~ N(0, 1));
4. reparameterisation: mu + sigma eps has the law N(mu, sigma^2); its pathwise gradients are
   unbiased (checked for f a quartic with symbolic coefficients: the change of variables does
   not use the form of f); the score-function estimator is unbiased too; for f(z) = (z - c)^2
   the exact variances of the two (and of the score-function estimator with a baseline) are
   ordered.

Every Gaussian expectation over eps is written with its polynomial part expanded, and wrong
variants whose integrals are over z carry a small-integer point to try first: sympy evaluates
those integrals in well under a second there, and in tens of seconds at six-digit rationals.
Positive quantities indexed by an integer (weights, standard deviations) are written as exp of
an undefined real function, so that the refuter's random replacement functions keep them
positive.

Sources: Kingma and Welling (2014); Rezende, Mohamed and Wierstra (2014); Williams (1992) for
the score-function estimator; Mohamed, Rosca, Figurnov and Mnih (2020) for gradient estimators;
Bishop (2006) for the linear-Gaussian model; the original post on xuquant.com.
"""

from __future__ import annotations

import sympy as sp

from derivations import GENERAL, Instance, Wrong, claim, definition
from derivations.helpers import lt

KINGMA_WELLING = (
    "Kingma, Welling, 'Auto-Encoding Variational Bayes', ICLR 2014, https://arxiv.org/abs/1312.6114"
)
REZENDE = (
    "Rezende, Mohamed, Wierstra, 'Stochastic Backpropagation and Approximate Inference in Deep "
    "Generative Models', ICML 2014, https://arxiv.org/abs/1401.4082"
)
WILLIAMS = (
    "Williams, 'Simple Statistical Gradient-Following Algorithms for Connectionist "
    "Reinforcement Learning', Machine Learning 8 (1992), https://doi.org/10.1007/BF00992696"
)
MOHAMED = (
    "Mohamed, Rosca, Figurnov, Mnih, 'Monte Carlo Gradient Estimation in Machine Learning', "
    "JMLR 21 (2020), https://arxiv.org/abs/1906.10652"
)
BISHOP = (
    "Bishop, 'Pattern Recognition and Machine Learning', Springer 2006, section 2.3.3 (Bayes' "
    "theorem for Gaussian variables), https://www.microsoft.com/en-us/research/publication/"
    "pattern-recognition-machine-learning/"
)
SUMS = "sums over a symbolic number of latent values; the display names expectations"


def gauss(x: sp.Expr, mean: sp.Expr, var: sp.Expr) -> sp.Expr:
    """The normal density with mean ``mean`` and variance ``var`` at ``x``."""
    return sp.exp(-((x - mean) ** 2) / (2 * var)) / sp.sqrt(2 * sp.pi * var)


def over_line(integrand: sp.Expr, var: sp.Symbol) -> sp.Integral:
    """``int_{-oo}^{oo} integrand d(var)`` (unevaluated)."""
    return sp.Integral(integrand, (var, -sp.oo, sp.oo))


def log_expand(expr: sp.Expr) -> sp.Expr:
    """Split logarithms of products and powers (every argument here is a positive density)."""
    return sp.expand(sp.expand_log(expr, force=True))


# ------------------------------------------------------------------ the evidence identity

definition(
    "vae.model",
    r"p_\theta(x) = \int p(z)\, p_\theta(x \mid z)\, dz, \qquad "
    r"p_\theta(z \mid x) = \frac{p(z)\, p_\theta(x \mid z)}{p_\theta(x)}",
    note="A prior p(z) on the latent, a decoder p_theta(x | z); the evidence p_theta(x) and the "
    "posterior p_theta(z | x) follow from them (Bayes' rule).",
)

definition(
    "vae.elbo",
    r"\mathcal{L}(q) = \mathbb{E}_{z \sim q}\big[\ln p_\theta(x, z) - \ln q(z)\big], \qquad "
    r"D(q \,\Vert\, r) = \mathbb{E}_{z \sim q}\Big[\ln\frac{q(z)}{r(z)}\Big]",
    note="q is any distribution on the latent (later the encoder's output for this x); "
    "p_theta(x, z) = p(z) p_theta(x | z).",
)

n = sp.Symbol("n", positive=True, integer=True)
i = sp.Symbol("i", positive=True, integer=True)
alpha = sp.Function("alpha", real=True)  # log-weights of q
beta = sp.Function("beta", real=True)  # log-weights of the prior
gamma = sp.Function("gamma", real=True)  # log-likelihood ln p(x | z_i) at the observed x


def u(k: sp.Expr) -> sp.Expr:
    """Unnormalised weight of q at ``z_k``: positive for every real log-weight."""
    return sp.exp(alpha(k))


def v(k: sp.Expr) -> sp.Expr:
    """Unnormalised weight of the prior at ``z_k``."""
    return sp.exp(beta(k))


def lik(k: sp.Expr) -> sp.Expr:
    """The likelihood ``p(x | z_k)`` at the observed x."""
    return sp.exp(gamma(k))


def total(expr: sp.Expr) -> sp.Sum:
    """``sum_{i=1}^n expr`` (unevaluated; a sum nested in ``expr`` binds its own ``i``)."""
    return sp.Sum(expr, (i, 1, n))


q_i = u(i) / total(u(i))  # q(z_i): a distribution on n values
prior_i = v(i) / total(v(i))  # p(z_i)
joint_i = prior_i * lik(i)  # p(x, z_i)
evidence = total(joint_i)  # p(x)
post_i = joint_i / evidence  # p(z_i | x)


def at_n(statement: sp.Basic) -> Wrong:
    """A wrong variant, tried first with three latent values (small sums evaluate fast)."""
    return Wrong(statement, at=({n: 3},))


elbo_sum = total(q_i * (sp.log(joint_i) - sp.log(q_i)))
kl_post = total(q_i * (sp.log(q_i) - sp.log(post_i)))

DISCRETE = Instance(
    "a latent with n values, n symbolic: q(z_i) = u_i / sum_k u_k and p(z_i) = v_i / sum_k v_k "
    "with every u_i, v_i and likelihood p(x | z_i) an arbitrary positive number (written "
    "exp of an arbitrary real function of i)",
    "the proof is pointwise in z (ln p(x, z) - ln q(z) + ln q(z) - ln p(z | x) = ln p(x)) "
    "followed by averaging against q, whose total mass is 1; for a continuous latent the sum "
    "is an integral and nothing else changes (the linear-Gaussian claims below do it with "
    "integrals)",
)

claim(
    "vae.evidence",
    sp.Eq(elbo_sum + kl_post, sp.log(evidence)),
    scope=DISCRETE,
    latex=r"\ln p_\theta(x) = \underbrace{\mathbb{E}_{q}\Big[\ln\frac{p_\theta(x, z)}{q(z)}\Big]}"
    r"_{\mathcal{L}(q)} + \underbrace{\mathbb{E}_{q}\Big[\ln\frac{q(z)}{p_\theta(z \mid x)}\Big]}"
    r"_{D(q \,\Vert\, p_\theta(\cdot \mid x))}",
    compare=SUMS,
    wrong={
        "the divergence in the other direction, D(p(z | x) || q)": at_n(
            sp.Eq(elbo_sum + total(post_i * (sp.log(post_i) - sp.log(q_i))), sp.log(evidence))
        ),
        "minus the divergence": at_n(sp.Eq(elbo_sum - kl_post, sp.log(evidence))),
        "the bound taken with the likelihood only, E_q[ln p(x | z) - ln q]": at_n(
            sp.Eq(total(q_i * (sp.log(lik(i)) - sp.log(q_i))) + kl_post, sp.log(evidence))
        ),
    },
    uses=["vae.model", "vae.elbo"],
    source=KINGMA_WELLING,
    note="Both q and the prior are normalised by construction, the evidence is the sum of the "
    "joint over the n values and the posterior is the joint over the evidence. Since the "
    "divergence is nonnegative (info.gibbs), L(q) <= ln p(x), with equality exactly when q is "
    "the posterior.",
)

claim(
    "vae.elbo-split",
    sp.Eq(
        elbo_sum,
        total(q_i * sp.log(lik(i))) - total(q_i * (sp.log(q_i) - sp.log(prior_i))),
    ),
    scope=DISCRETE,
    latex=r"\mathcal{L}(q) = \mathbb{E}_{q}\big[\ln p_\theta(x \mid z)\big] - "
    r"D\big(q \,\Vert\, p(z)\big)",
    compare=SUMS,
    wrong={
        "plus the divergence from the prior": at_n(
            sp.Eq(
                elbo_sum,
                total(q_i * sp.log(lik(i))) + total(q_i * (sp.log(q_i) - sp.log(prior_i))),
            )
        ),
        "the divergence from the prior in the other direction": at_n(
            sp.Eq(
                elbo_sum,
                total(q_i * sp.log(lik(i))) - total(prior_i * (sp.log(prior_i) - sp.log(q_i))),
            )
        ),
    },
    uses=["vae.elbo"],
    source=KINGMA_WELLING,
    note="ln p(x, z) = ln p(x | z) + ln p(z), then linearity of the expectation under q.",
)

# ------------------------------------------------------------------ the linear-Gaussian model

definition(
    "vae.lg",
    r"p(z) = \mathcal{N}(z; 0, 1), \qquad p(x \mid z) = \mathcal{N}(x; w z + b, s^2), "
    r"\qquad q(z) = \mathcal{N}(z; \mu, \sigma^2)",
    note="One observed x, one latent z; w and b real, s > 0; q is a Gaussian with mean mu and "
    "standard deviation sigma > 0.",
)

x, z = sp.symbols("x z", real=True)
w, b = sp.symbols("w b", real=True)
s = sp.Symbol("s", positive=True)
mu = sp.Symbol("mu", real=True)
sigma = sp.Symbol("sigma", positive=True)
m_any = sp.Symbol("m", real=True)  # any mean
v_any = sp.Symbol("v", positive=True)  # any variance
mu_star = w * (x - b) / (w**2 + s**2)
var_star = s**2 / (w**2 + s**2)
sigma_star = s / sp.sqrt(w**2 + s**2)
LG_BOX = {w: (-3.0, 3.0), b: (-3.0, 3.0), x: (-3.0, 3.0), s: (0.2, 3.0), mu: (-3.0, 3.0)}
LG_BOX |= {sigma: (0.2, 3.0), z: (-3.0, 3.0)}
#: A point with small integers where integrals over z evaluate in well under a second.
LG_POINT = {w: 1, b: 0, x: 1, s: 1, mu: 0, sigma: 2}
prior_z = gauss(z, 0, 1)
lik_z = gauss(x, w * z + b, s**2)


def factorised(evidence_var: sp.Expr, post_mean: sp.Expr, post_var: sp.Expr) -> sp.Eq:
    """``ln p(z) + ln p(x | z) = ln N(x; b, evidence_var) + ln N(z; post_mean, post_var)``."""
    return sp.Eq(
        sp.log(prior_z) + sp.log(lik_z),
        sp.log(gauss(x, b, evidence_var)) + sp.log(gauss(z, post_mean, post_var)),
    )


claim(
    "vae.lg-evidence",
    sp.And(
        factorised(w**2 + s**2, mu_star, var_star),
        sp.Eq(over_line(gauss(z, m_any, v_any), z), 1),
    ),
    scope=GENERAL,
    latex=r"p(x) = \int \mathcal{N}(z; 0, 1)\, \mathcal{N}(x; w z + b, s^2)\, dz = "
    r"\mathcal{N}(x; b, w^2 + s^2), \qquad p(z \mid x) = \mathcal{N}(z; \mu_*, \sigma_*^2), "
    r"\quad \mu_* = \frac{w (x - b)}{w^2 + s^2}, \quad \sigma_*^2 = \frac{s^2}{w^2 + s^2}",
    compare="the display names Gaussian densities; the statement writes them out",
    domain=LG_BOX,
    wrong={
        "evidence variance w^2 s^2": factorised(w**2 * s**2, mu_star, var_star),
        "posterior mean without the factor w": factorised(
            w**2 + s**2, (x - b) / (w**2 + s**2), var_star
        ),
        "posterior variance s^2 (the prior ignored)": factorised(w**2 + s**2, mu_star, s**2),
    },
    uses=["vae.model", "vae.lg"],
    source=BISHOP,
    note="All of w, b, s, x, z symbolic. The first conjunct completes the square: at every z "
    "the joint density factorises into a density of x alone times a normal density in z. The "
    "second says a normal density of any mean and variance integrates to 1, so integrating "
    "the factorisation over z leaves N(x; b, w^2 + s^2) = p(x), and dividing the joint by it "
    "leaves the posterior N(z; mu_*, sigma_*^2).",
)

q_z = gauss(z, mu, sigma**2)
elbo_lg = (
    -sp.log(2 * sp.pi * s**2) / 2
    - ((x - b - w * mu) ** 2 + w**2 * sigma**2) / (2 * s**2)
    - (mu**2 + sigma**2 - 1 - sp.log(sigma**2)) / 2
)
elbo_integral = over_line(q_z * log_expand(sp.log(prior_z) + sp.log(lik_z) - sp.log(q_z)), z)

claim(
    "vae.lg-elbo",
    sp.Eq(elbo_integral, elbo_lg),
    scope=GENERAL,
    latex=r"\mathcal{L}(\mu, \sigma) = -\frac{1}{2}\ln(2\pi s^2) - "
    r"\frac{(x - b - w\mu)^2 + w^2\sigma^2}{2 s^2} - "
    r"\frac{1}{2}\big(\mu^2 + \sigma^2 - 1 - \ln\sigma^2\big)",
    compare="the left side names the bound; the statement integrates its definition",
    domain=LG_BOX,
    wrong={
        "reconstruction without the w^2 sigma^2 spread": Wrong(
            sp.Eq(elbo_integral, elbo_lg + w**2 * sigma**2 / (2 * s**2)), at=(LG_POINT,)
        ),
        "prior term with ln sigma instead of ln sigma^2": Wrong(
            sp.Eq(elbo_integral, elbo_lg - sp.log(sigma) / 2), at=(LG_POINT,)
        ),
    },
    uses=["vae.lg", "vae.elbo", "vae.elbo-split", "vae.kl-1d"],
    source=KINGMA_WELLING,
    note="Every parameter symbolic; sympy integrates the definition of the bound. The first "
    "two terms are E_q[ln p(x | z)] (a quadratic in z averaged under q: its mean w mu + b and "
    "its spread w^2 sigma^2); the last is the divergence of q from the prior (vae.kl-1d).",
)

gauss_kl = (
    sp.log(sigma_star / sigma)
    + (sigma**2 + (mu - mu_star) ** 2) / (2 * var_star)
    - sp.Rational(1, 2)
)
log_evidence_lg = -sp.log(2 * sp.pi * (w**2 + s**2)) / 2 - (x - b) ** 2 / (2 * (w**2 + s**2))

claim(
    "vae.lg-gap",
    sp.And(
        sp.Eq(sp.log(gauss(x, b, w**2 + s**2)), log_evidence_lg),
        sp.Eq(log_evidence_lg - elbo_lg, gauss_kl),
    ),
    scope=GENERAL,
    latex=r"\ln p(x) - \mathcal{L}(\mu, \sigma) = \ln\frac{\sigma_*}{\sigma} + "
    r"\frac{\sigma^2 + (\mu - \mu_*)^2}{2\sigma_*^2} - \frac{1}{2} = "
    r"D\big(\mathcal{N}(\mu, \sigma^2) \,\Vert\, \mathcal{N}(\mu_*, \sigma_*^2)\big)",
    compare="the display names the bound, the evidence and mu_*, sigma_*; the statement "
    "substitutes their closed forms",
    domain=LG_BOX,
    wrong={
        "the gap is D(posterior || q)": sp.Eq(
            log_evidence_lg - elbo_lg,
            sp.log(sigma / sigma_star)
            + (var_star + (mu - mu_star) ** 2) / (2 * sigma**2)
            - sp.Rational(1, 2),
        ),
        "the gap is D(q || prior)": sp.Eq(
            log_evidence_lg - elbo_lg, (mu**2 + sigma**2 - 1 - sp.log(sigma**2)) / 2
        ),
    },
    uses=["vae.lg-evidence", "vae.lg-elbo", "vae.evidence", "kl.gauss"],
    source=BISHOP,
    note="All symbols free. The right side is the closed form of the Gaussian divergence "
    "(kl.gauss) between q and the exact posterior of vae.lg-evidence: the continuous instance "
    "of vae.evidence. It vanishes only at mu = mu_*, sigma = sigma_*, where the bound equals "
    "ln p(x).",
)

# ------------------------------------------------------------------ the Gaussian KL term

definition(
    "vae.encoder",
    r"q_\phi(z \mid x) = \mathcal{N}\big(z; \mu_\phi(x), \operatorname{diag}\sigma_\phi^2(x)\big),"
    r" \qquad p(z) = \mathcal{N}(z; 0, I_d)",
    note="The encoder outputs a mean vector and a vector of standard deviations (in practice "
    "their logarithms) for each x.",
)

kl_1d = (mu**2 + sigma**2 - 1 - sp.log(sigma**2)) / 2
kl_integral = over_line(q_z * (sp.log(q_z) - sp.log(gauss(z, 0, 1))), z)
KL_POINT = ({mu: 1, sigma: 2},)

claim(
    "vae.kl-1d",
    sp.Eq(kl_integral, kl_1d),
    scope=GENERAL,
    latex=r"D\big(\mathcal{N}(\mu, \sigma^2) \,\Vert\, \mathcal{N}(0, 1)\big) = "
    r"\frac{1}{2}\big(\mu^2 + \sigma^2 - 1 - \ln\sigma^2\big)",
    compare="the left side names the divergence; the statement integrates its definition",
    domain={mu: (-3.0, 3.0), sigma: (0.2, 3.0)},
    wrong={
        "without the -1": Wrong(
            sp.Eq(kl_integral, (mu**2 + sigma**2 - sp.log(sigma**2)) / 2), at=KL_POINT
        ),
        "ln sigma in place of ln sigma^2": Wrong(
            sp.Eq(kl_integral, (mu**2 + sigma**2 - 1 - sp.log(sigma)) / 2), at=KL_POINT
        ),
        "sign of the log flipped": Wrong(
            sp.Eq(kl_integral, (mu**2 + sigma**2 - 1 + sp.log(sigma**2)) / 2), at=KL_POINT
        ),
    },
    uses=["vae.encoder", "vae.elbo", "kl.gauss"],
    source=KINGMA_WELLING + ", appendix B",
    note="mu and sigma symbolic; the integral of the density times the log-ratio is computed by "
    "sympy. It is kl.gauss at mu_2 = 0, sigma_2 = 1.",
)

d = sp.Symbol("d", positive=True, integer=True)
j = sp.Symbol("j", positive=True, integer=True)
muf = sp.Function("mu", real=True)
rho = sp.Function("rho", real=True)  # log standard deviation of coordinate j


def sigf(k: sp.Expr) -> sp.Expr:
    """The standard deviation ``sigma_k = exp(rho_k)``: positive for every real ``rho``."""
    return sp.exp(rho(k))


eps = sp.Symbol("epsilon", real=True)
phi = gauss(eps, 0, 1)


def coordinate_log_ratio(at: sp.Expr) -> sp.Expr:
    """``ln N(at; mu_j, sigma_j^2) - ln N(at; 0, 1)``, the 2 pi terms cancelled."""
    return -sp.log(sigf(j)) - (at - muf(j)) ** 2 / (2 * sigf(j) ** 2) + at**2 / 2


def e_eps(expr: sp.Expr) -> sp.Integral:
    """``E[expr]`` for ``eps ~ N(0, 1)``, the polynomial part expanded (unevaluated)."""
    return over_line(sp.expand(expr) * phi, eps)


def per_coordinate(log_ratio: sp.Expr, closed: sp.Expr) -> sp.Eq:
    """``sum_j E[log_ratio(mu_j + sigma_j eps)] = closed``."""
    return sp.Eq(sp.Sum(e_eps(log_ratio), (j, 1, d)), closed)


_diag_rhs = sp.Sum((muf(j) ** 2 + sigf(j) ** 2 - 1 - sp.log(sigf(j) ** 2)) / 2, (j, 1, d))
_z_j = muf(j) + sigf(j) * eps  # coordinate j of the sample, reparameterised

claim(
    "vae.kl-diag",
    per_coordinate(coordinate_log_ratio(_z_j), _diag_rhs),
    scope=Instance(
        "the sum over d coordinates (d symbolic, every mu_j and ln sigma_j an arbitrary real "
        "function of j) of the expected log-ratio of coordinate j, with z_j = mu_j + sigma_j eps",
        "the log-ratio of two product densities is the sum of the coordinates' log-ratios, and "
        "a function of z_j alone averages under the product density as under its j-th factor, "
        "because every other factor integrates to 1",
    ),
    latex=r"D\big(q \,\Vert\, p\big) = \frac{1}{2}\sum_{j=1}^{d} \big(\mu_j^2 + \sigma_j^2 - 1 - "
    r"\ln\sigma_j^2\big)",
    compare="sums over a symbolic number d of coordinates: the parser reads mu_j as one symbol",
    domain={d: (1, 3)},
    wrong={
        "without the 1/2": per_coordinate(coordinate_log_ratio(_z_j), 2 * _diag_rhs),
        "sigma_j in place of sigma_j^2 (a standard deviation used as a variance)": per_coordinate(
            coordinate_log_ratio(_z_j),
            sp.Sum((muf(j) ** 2 + sigf(j) - 1 - sp.log(sigf(j))) / 2, (j, 1, d)),
        ),
        "log-ratio with the prior's +z_j^2/2 dropped": per_coordinate(
            coordinate_log_ratio(_z_j) - _z_j**2 / 2, _diag_rhs
        ),
    },
    uses=["vae.encoder", "vae.kl-1d", "vae.reparam-law"],
    source=KINGMA_WELLING + ", appendix B",
    note="Symbolic d. Each coordinate's expectation is taken over eps ~ N(0, 1) with "
    "z_j = mu_j + sigma_j eps, the same law as z_j ~ N(mu_j, sigma_j^2) (vae.reparam-law); "
    "sympy integrates each term and compares the sums.",
)

# ------------------------------------------------------------------ reparameterisation

cdf_mu_sigma = sp.Integral(phi, (eps, -sp.oo, (z - mu) / sigma))

claim(
    "vae.reparam-law",
    sp.Eq(sp.Derivative(cdf_mu_sigma, z), gauss(z, mu, sigma**2)),
    scope=GENERAL,
    latex=r"P(\mu + \sigma\varepsilon \le z) = \int_{-\infty}^{(z - \mu)/\sigma} "
    r"\varphi(\varepsilon)\, d\varepsilon, \qquad \frac{d}{dz} "
    r"\int_{-\infty}^{(z - \mu)/\sigma} \varphi(\varepsilon)\, d\varepsilon = "
    r"\mathcal{N}(z; \mu, \sigma^2) \qquad \sigma > 0",
    compare="the display names the probability of an event and the densities",
    domain={mu: (-3.0, 3.0), sigma: (0.2, 3.0), z: (-3.0, 3.0)},
    wrong={
        "without the Jacobian 1/sigma": Wrong(
            sp.Eq(sp.Derivative(cdf_mu_sigma, z), sigma * gauss(z, mu, sigma**2)),
            at=({mu: 0, sigma: 2, z: 1},),
        ),
        "z = mu + sigma^2 eps": Wrong(
            sp.Eq(
                sp.Derivative(sp.Integral(phi, (eps, -sp.oo, (z - mu) / sigma**2)), z),
                gauss(z, mu, sigma**2),
            ),
            at=({mu: 0, sigma: 2, z: 1},),
        ),
    },
    uses=["vae.encoder"],
    source=KINGMA_WELLING,
    note="phi is the standard normal density. For sigma > 0 the event mu + sigma eps <= z is "
    "eps <= (z - mu)/sigma; the derivative of the distribution function is the density of "
    "N(mu, sigma^2), so z = mu + sigma eps is distributed as the encoder's q.",
)

coeffs = sp.symbols("a0:5", real=True)
f_poly = sum(coeffs[k] * z**k for k in range(5))  # a quartic with symbolic coefficients
f_prime = sp.diff(f_poly, z).subs(z, mu + sigma * eps)  # f'(mu + sigma eps)
mean_f = over_line(f_poly * q_z, z)  # E_{z ~ N(mu, sigma^2)}[f(z)]
POLY = Instance(
    "f a quartic polynomial with five symbolic coefficients, mu and sigma symbolic",
    "the argument does not use the form of f: substituting z = mu + sigma eps moves mu and "
    "sigma from the density into f, and the derivative passes under the integral for any f "
    "whose derivative grows slower than the Gaussian tails decay",
)
R_BOX = {mu: (-2.0, 2.0), sigma: (0.3, 2.0)}
R_POINT = ({mu: 1, sigma: 2, **dict.fromkeys(coeffs, 1)},)

claim(
    "vae.reparam-gradient",
    sp.And(
        sp.Eq(sp.Derivative(mean_f, mu), e_eps(f_prime)),
        sp.Eq(sp.Derivative(mean_f, sigma), e_eps(eps * f_prime)),
    ),
    scope=POLY,
    latex=r"\frac{\partial}{\partial\mu}\,\mathbb{E}_{z \sim \mathcal{N}(\mu, \sigma^2)}[f(z)] = "
    r"\mathbb{E}_{\varepsilon}\big[f'(\mu + \sigma\varepsilon)\big], \qquad "
    r"\frac{\partial}{\partial\sigma}\,\mathbb{E}_{z \sim \mathcal{N}(\mu, \sigma^2)}[f(z)] = "
    r"\mathbb{E}_{\varepsilon}\big[\varepsilon\, f'(\mu + \sigma\varepsilon)\big]",
    compare="expectations of a general function f; the check takes a quartic",
    domain=R_BOX,
    wrong={
        "d/dsigma without the factor eps": Wrong(
            sp.Eq(sp.Derivative(mean_f, sigma), e_eps(f_prime)), at=R_POINT
        ),
        "d/dsigma with sigma in place of eps": Wrong(
            sp.Eq(sp.Derivative(mean_f, sigma), e_eps(sigma * f_prime)), at=R_POINT
        ),
    },
    uses=["vae.reparam-law"],
    source=KINGMA_WELLING + "; " + REZENDE,
    note="The left side differentiates E_q f with the density of q written in z; the right "
    "side averages the pathwise derivative over eps. So the single-sample estimators "
    "f'(mu + sigma eps) and eps f'(mu + sigma eps) are unbiased.",
)

claim(
    "vae.score-function",
    sp.And(
        sp.Eq(sp.Derivative(sp.log(q_z), mu), (z - mu) / sigma**2),
        sp.Eq(sp.Derivative(sp.log(q_z), sigma), ((z - mu) ** 2 - sigma**2) / sigma**3),
        sp.Eq(sp.Derivative(mean_f, mu), over_line(f_poly * q_z * (z - mu) / sigma**2, z)),
        sp.Eq(
            sp.Derivative(mean_f, sigma),
            over_line(f_poly * q_z * ((z - mu) ** 2 - sigma**2) / sigma**3, z),
        ),
    ),
    scope=Instance(
        "the two scores for all z, mu, sigma; the gradient identity for f a quartic polynomial "
        "with symbolic coefficients",
        "the gradient falls on the density alone (d q = q d ln q), so the form of f never "
        "enters; f must only be integrable against q and its derivatives in mu, sigma",
    ),
    latex=r"\partial_\mu \ln q(z) = \frac{z - \mu}{\sigma^2}, \quad "
    r"\partial_\sigma \ln q(z) = \frac{(z - \mu)^2 - \sigma^2}{\sigma^3}, \qquad "
    r"\nabla_{\mu, \sigma}\, \mathbb{E}_{q}[f(z)] = "
    r"\mathbb{E}_{q}\big[f(z)\, \nabla_{\mu, \sigma} \ln q(z)\big]",
    compare="expectations of a general function f and gradients",
    domain=R_BOX | {z: (-3.0, 3.0)},
    wrong={
        "score without the 1/sigma^2": Wrong(
            sp.Eq(sp.Derivative(mean_f, mu), over_line(f_poly * q_z * (z - mu), z)),
            at=R_POINT,
        ),
        "sigma-score without the -1/sigma": sp.Eq(
            sp.Derivative(sp.log(q_z), sigma), (z - mu) ** 2 / sigma**3
        ),
    },
    uses=["vae.encoder"],
    source=WILLIAMS,
    note="q = N(mu, sigma^2) and f is not differentiated. The estimator f(z) grad ln q(z) "
    "needs only values of f (it works for discrete latents too), but its spread is much "
    "larger, see vae.variance.",
)

c = sp.Symbol("c", real=True)
zr = mu + sigma * eps  # the reparameterised sample
g_rep = 2 * (zr - c)  # d/dz (z - c)^2 at z = mu + sigma eps
g_sf = (zr - c) ** 2 * eps / sigma  # f(z) (z - mu)/sigma^2 at the same sample
g_base = ((zr - c) ** 2 - (mu - c) ** 2 - sigma**2) * eps / sigma  # baseline E_q f subtracted
a_ = mu - c
var_rep = 4 * sigma**2
var_base = 8 * a_**2 + 10 * sigma**2
var_sf = a_**4 / sigma**2 + 14 * a_**2 + 15 * sigma**2

claim(
    "vae.variance",
    sp.And(
        *(sp.Eq(e_eps(g), 2 * a_) for g in (g_rep, g_sf, g_base)),
        sp.Eq(e_eps(g_rep**2) - 4 * a_**2, var_rep),
        sp.Eq(e_eps(g_base**2) - 4 * a_**2, var_base),
        sp.Eq(e_eps(g_sf**2) - 4 * a_**2, var_sf),
    ),
    scope=GENERAL,
    latex=r"f(z) = (z - c)^2\colon\quad \hat g_{\mathrm{rep}} = 2(\mu + \sigma\varepsilon - c), "
    r"\quad \hat g_{\mathrm{sf}} = (\mu + \sigma\varepsilon - c)^2\, \frac{\varepsilon}{\sigma}, "
    r"\quad \hat g_{\mathrm{sf}}^{\,b} = \big(f(\mu + \sigma\varepsilon) - \mathbb{E}_q f\big)"
    r"\frac{\varepsilon}{\sigma}; \qquad \mathbb{E}\,\hat g = 2(\mu - c) \text{ for all three}, "
    r"\qquad \operatorname{Var}\hat g_{\mathrm{rep}} = 4\sigma^2, \quad "
    r"\operatorname{Var}\hat g_{\mathrm{sf}}^{\,b} = 8(\mu - c)^2 + 10\sigma^2, \quad "
    r"\operatorname{Var}\hat g_{\mathrm{sf}} = \frac{(\mu - c)^4}{\sigma^2} + 14(\mu - c)^2 "
    r"+ 15\sigma^2",
    compare="the display names expectations and variances of estimators",
    domain={mu: (-3.0, 3.0), c: (-3.0, 3.0), sigma: (0.2, 3.0)},
    wrong={
        "score-function variance without the (mu - c)^4/sigma^2 term": sp.Eq(
            e_eps(g_sf**2) - 4 * a_**2, 14 * a_**2 + 15 * sigma**2
        ),
        "reparameterised variance 2 sigma^2": sp.Eq(e_eps(g_rep**2) - 4 * a_**2, 2 * sigma**2),
        "the baseline removes all the extra variance": sp.Eq(
            e_eps(g_base**2) - 4 * a_**2, 4 * sigma**2
        ),
    },
    uses=["vae.reparam-gradient", "vae.score-function"],
    source=MOHAMED,
    note="mu, c and sigma symbolic; every expectation is an integral over eps ~ N(0, 1) that "
    "sympy evaluates. E_q f = (mu - c)^2 + sigma^2 is the baseline of the third estimator; "
    "subtracting a constant keeps the mean because E[eps] = 0. The variances are second "
    "moments minus the squared mean 4 (mu - c)^2.",
)

claim(
    "vae.variance-order",
    sp.And(lt(var_rep, var_base), lt(var_base, var_sf)),
    scope=GENERAL,
    latex=r"4\sigma^2 < 8(\mu - c)^2 + 10\sigma^2 < \frac{(\mu - c)^4}{\sigma^2} + "
    r"14(\mu - c)^2 + 15\sigma^2",
    wrong={
        "the baseline estimator beats the reparameterised one": Wrong(
            lt(var_base, var_rep), at=({mu: 0, c: 0, sigma: 1},)
        ),
        "the plain score-function estimator beats the baseline": Wrong(
            lt(var_sf, var_base), at=({mu: 1, c: 0, sigma: 1},)
        ),
    },
    uses=["vae.variance"],
    source=MOHAMED,
    note="For every mu, c and sigma > 0: the differences are 8 (mu - c)^2 + 6 sigma^2 and "
    "(mu - c)^4/sigma^2 + 6 (mu - c)^2 + 5 sigma^2, both positive. As sigma -> 0 the plain "
    "score-function variance blows up like (mu - c)^4/sigma^2 while the reparameterised one "
    "vanishes.",
)
