"""Claims of ``docs/posts/mathematics/optimization/adamw-weight-rms.md``.

Two mean-field estimates for AdamW under pure-noise gradients: the RMS of Adam's update,
sqrt((1 - beta_1)/(1 + beta_1)), from the variance of an exponential moving average; and the
equilibrium RMS of the weights, sqrt(eta / (2 lambda)), from the stationary variance of the
linear recurrence W_t = (1 - eta lambda) W_{t-1} - eta u_t. Expectations of polynomials in
independent standard normals are exact (``derivations._helpers.gaussian_expectation``);
statements for every t are proved through their recurrences with symbolic t, and limits t -> oo
write beta = 1/(1 + p) with p > 0 so that sympy knows 0 < beta < 1.
"""

from __future__ import annotations

import sympy as sp

from derivations import Symbolic, claim, definition
from derivations._helpers import gaussian_expectation

SU_RMS = "Su, 'Why is Adam's update RMS 0.2?' (kexue.fm, 2025), https://kexue.fm/archives/11267"
SU_WEIGHT = (
    "Su, 'An asymptotic estimate of the weight RMS of AdamW' (kexue.fm, 2025-10-01), "
    "https://kexue.fm/archives/11307"
)
ADAMW = (
    "Loshchilov, Hutter, 'Decoupled Weight Decay Regularization', https://arxiv.org/abs/1711.05101"
)
ADAM = "Kingma, Ba, 'Adam: A Method for Stochastic Optimization', https://arxiv.org/abs/1412.6980"

beta, beta2 = sp.symbols("beta_1 beta_2", positive=True)
sigma = sp.Symbol("sigma", positive=True)
p = sp.Symbol("p", positive=True)
t = sp.Symbol("t", integer=True, positive=True)
eta, lam = sp.symbols("eta lambda", positive=True)

definition(
    "adamw.adam",
    r"m_t = \beta_1 m_{t-1} + (1 - \beta_1)\, g_t, \quad "
    r"v_t = \beta_2 v_{t-1} + (1 - \beta_2)\, g_t^2, \quad "
    r"u_t = \frac{m_t / (1 - \beta_1^t)}{\sqrt{v_t / (1 - \beta_2^t)} + \epsilon}, \quad "
    r"m_0 = v_0 = 0",
)

definition(
    "adamw.noise",
    r"g_t \sim \mathcal{N}(0, \sigma^2) \text{ i.i.d. per coordinate and step}, \qquad "
    r"\operatorname{RMS}(x) = \sqrt{\tfrac{1}{N} \textstyle\sum_{i=1}^{N} x_i^2}",
)

# ------------------------------------------------------------------ the momentum's variance

gs = sp.symbols("g_1:5", real=True)
zs = sp.symbols("z_1:5", real=True)  # g_s = sigma z_s, z_s standard normal


def ema(values: list[sp.Expr], decay: sp.Expr) -> sp.Expr:
    """Run ``m <- decay m + (1 - decay) value`` from ``m = 0``."""
    acc = sp.Integer(0)
    for value in values:
        acc = decay * acc + (1 - decay) * value
    return acc


claim(
    "adamw.ema-unroll",
    sp.Eq(ema(list(gs), beta), (1 - beta) * sum(beta ** (4 - s) * gs[s - 1] for s in range(1, 5))),
    latex=r"m_t = (1 - \beta_1) \sum_{s=1}^{t} \beta_1^{\,t-s}\, g_s",
    wrong={
        "weights beta^s instead of beta^(t-s)": sp.Eq(
            ema(list(gs), beta), (1 - beta) * sum(beta**s * gs[s - 1] for s in range(1, 5))
        ),
    },
    uses=["adamw.adam"],
    note="Proved for t = 4 with symbolic g_1..g_4 (the recurrence run four times).",
)


def var_m(steps: sp.Expr, decay: sp.Expr = beta) -> sp.Expr:
    """Closed form of ``E m_t^2`` under pure noise."""
    return sigma**2 * (1 - decay) * (1 - decay ** (2 * steps)) / (1 + decay)


_m4 = ema([sigma * z for z in zs], beta)
claim(
    "adamw.ema-variance",
    sp.And(
        sp.Eq(gaussian_expectation(_m4**2, list(zs)), var_m(4), evaluate=False),
        sp.Eq(var_m(t) - beta**2 * var_m(t - 1), sigma**2 * (1 - beta) ** 2, evaluate=False),
        sp.Eq(var_m(0), 0, evaluate=False),
    ),
    latex=r"\mathbb{E}\, m_t^2 = \sigma^2 (1 - \beta_1)^2 \sum_{s=1}^{t} \beta_1^{2(t-s)} "
    r"= \sigma^2\, \frac{(1 - \beta_1)(1 - \beta_1^{2t})}{1 + \beta_1}",
    wrong={
        "weights not squared: (1 - beta^t)": sp.Eq(
            gaussian_expectation(_m4**2, list(zs)),
            sigma**2 * (1 - beta) * (1 - beta**4) / (1 + beta),
        ),
        "noise weight (1 - beta) not squared": sp.Eq(
            var_m(t) - beta**2 * var_m(t - 1), sigma**2 * (1 - beta)
        ),
    },
    uses=["adamw.ema-unroll", "adamw.noise"],
    note="Exact Gaussian expectation at t = 4; for every t, the closed form satisfies the "
    "variance recurrence E m_t^2 = beta^2 E m_{t-1}^2 + (1 - beta)^2 sigma^2 (independent "
    "noise) with symbolic t, and vanishes at t = 0.",
)

_b = 1 / (1 + p)
claim(
    "adamw.ema-limit",
    sp.Eq(sp.Limit(var_m(t, _b), t, sp.oo), sigma**2 * (1 - _b) / (1 + _b)),
    latex=r"\lim_{t \to \infty} \mathbb{E}\, m_t^2 = \sigma^2\, \frac{1 - \beta_1}{1 + \beta_1}",
    wrong={
        "limit sigma^2 (1 - beta)": sp.Eq(sp.Limit(var_m(t, _b), t, sp.oo), sigma**2 * (1 - _b))
    },
    uses=["adamw.ema-variance"],
    note="beta_1 = 1/(1 + p) with p > 0 encodes 0 < beta_1 < 1.",
)

claim(
    "adamw.bias-corrected",
    sp.And(
        sp.Eq(
            var_m(t) / (1 - beta**t) ** 2,
            sigma**2 * (1 - beta) * (1 + beta**t) / ((1 + beta) * (1 - beta**t)),
        ),
        sp.Eq(var_m(1) / (1 - beta) ** 2, sigma**2),
    ),
    latex=r"\mathbb{E}\, \hat m_t^2 = \frac{\mathbb{E}\, m_t^2}{(1 - \beta_1^t)^2} "
    r"= \sigma^2\, \frac{(1 - \beta_1)(1 + \beta_1^t)}{(1 + \beta_1)(1 - \beta_1^t)}, "
    r"\qquad \mathbb{E}\, \hat m_1^2 = \sigma^2",
    method=Symbolic(simplify=lambda e: sp.factor(sp.expand_power_base(e))),
    wrong={
        "bias correction not squared": sp.Eq(
            var_m(t) / (1 - beta**t),
            sigma**2 * (1 - beta) * (1 + beta**t) / ((1 + beta) * (1 - beta**t)),
        ),
    },
    uses=["adamw.ema-variance"],
    note="Symbolic t. The first step is a full-size step (Adam's first update is sign(g_1)); "
    "the variance then falls to the limit of adamw.ema-limit.",
)


def mean_v(steps: sp.Expr) -> sp.Expr:
    """Closed form of ``E v_t`` under pure noise."""
    return sigma**2 * (1 - beta2**steps)


claim(
    "adamw.second-moment",
    sp.And(
        sp.Eq(mean_v(t) - beta2 * mean_v(t - 1), (1 - beta2) * sigma**2, evaluate=False),
        sp.Eq(mean_v(0), 0, evaluate=False),
        sp.Eq(mean_v(t) / (1 - beta2**t), sigma**2, evaluate=False),
    ),
    latex=r"\mathbb{E}\, v_t = \sigma^2 (1 - \beta_2^t), \qquad "
    r"\mathbb{E}\, \hat v_t = \mathbb{E}\, \frac{v_t}{1 - \beta_2^t} = \sigma^2",
    wrong={
        "bias correction missing": sp.Eq(mean_v(t), sigma**2),
    },
    uses=["adamw.adam", "adamw.noise"],
    note="Symbolic t: the closed form satisfies E v_t = beta_2 E v_{t-1} + (1 - beta_2) sigma^2 "
    "and E v_0 = 0.",
)

_mhat = var_m(t, _b) / (1 - _b**t) ** 2
claim(
    "adamw.update-rms",
    sp.Eq(sp.Limit(_mhat / sigma**2, t, sp.oo), (1 - _b) / (1 + _b)),
    latex=r"\operatorname{RMS}(u_t)^2 \approx "
    r"\frac{\mathbb{E}\, \hat m_t^2}{\mathbb{E}\, \hat v_t} "
    r"\;\xrightarrow{\;t \to \infty\;}\; \frac{1 - \beta_1}{1 + \beta_1}",
    wrong={"1 - beta_1": sp.Eq(sp.Limit(_mhat / sigma**2, t, sp.oo), 1 - _b)},
    uses=["adamw.bias-corrected", "adamw.second-moment", "adamw.ema-limit"],
    source=SU_RMS,
    note="The mean-field step replaces the mean of the ratio m^2 / v by the ratio of the means "
    "(v_t averages about 1/(1 - beta_2) squared gradients, so it barely fluctuates); epsilon is "
    "neglected. beta_1 = 1/(1 + p), p > 0.",
)

_rms09 = sp.sqrt((1 - sp.Rational(9, 10)) / (1 + sp.Rational(9, 10)))
claim(
    "adamw.rms-value",
    sp.And(
        sp.Eq(_rms09, 1 / sp.sqrt(19), evaluate=False),
        sp.Gt(_rms09, sp.Rational(22, 100)),
        sp.Lt(_rms09, sp.Rational(23, 100)),
    ),
    latex=r"\beta_1 = 0.9:\quad \sqrt{\frac{1 - \beta_1}{1 + \beta_1}} = \frac{1}{\sqrt{19}} "
    r"\in (0.22,\, 0.23)",
    wrong={
        "1/sqrt(10)": sp.Eq(_rms09, 1 / sp.sqrt(10)),
        "above 0.23": sp.Gt(_rms09, sp.Rational(23, 100)),
    },
    uses=["adamw.update-rms"],
    source=SU_RMS,
)

# ------------------------------------------------------------------ AdamW as a moving average

definition(
    "adamw.adamw",
    r"W_t = W_{t-1} - \eta\, (u_t + \lambda W_{t-1}) = (1 - \eta\lambda)\, W_{t-1} - \eta\, u_t",
)

W, u = sp.symbols("W u", real=True)
b3 = 1 - eta * lam
claim(
    "adamw.as-ema",
    sp.Eq((1 - eta * lam) * W - eta * u, b3 * W + (1 - b3) * (-u / lam), evaluate=False),
    latex=r"W_t = \beta_3\, W_{t-1} + (1 - \beta_3) \Big(-\frac{u_t}{\lambda}\Big), "
    r"\qquad \beta_3 = 1 - \eta\lambda",
    wrong={"target +u/lambda": sp.Eq((1 - eta * lam) * W - eta * u, b3 * W + (1 - b3) * (u / lam))},
    uses=["adamw.adamw"],
    source=SU_WEIGHT,
)

us = sp.symbols("u_1:4", real=True)
W0 = sp.Symbol("W_0", real=True)
_w3 = W0
for _u in us:
    _w3 = (1 - eta * lam) * _w3 - eta * _u

claim(
    "adamw.weight-unroll",
    sp.Eq(
        _w3,
        (1 - eta * lam) ** 3 * W0
        - eta * sum((1 - eta * lam) ** (3 - s) * us[s - 1] for s in (1, 2, 3)),
    ),
    latex=r"W_t = (1 - \eta\lambda)^t\, W_0 - \eta \sum_{s=1}^{t} (1 - \eta\lambda)^{t-s}\, u_s",
    wrong={
        "exponent t - s + 1": sp.Eq(
            _w3,
            (1 - eta * lam) ** 3 * W0
            - eta * sum((1 - eta * lam) ** (4 - s) * us[s - 1] for s in (1, 2, 3)),
        ),
    },
    uses=["adamw.adamw"],
    note="Proved for t = 3 with symbolic W_0, u_1, u_2, u_3.",
)

# ------------------------------------------------------------------ equilibrium weight RMS

R, Urms, R0 = sp.symbols("R U R_0", positive=True)
z1, z2 = sp.symbols("z_1 z_2", real=True)
c = 1 - eta * lam

claim(
    "adamw.rms-recurrence",
    sp.Eq(
        gaussian_expectation((c * R * z1 - eta * Urms * z2) ** 2, [z1, z2]),
        c**2 * R**2 + eta**2 * Urms**2,
        evaluate=False,
    ),
    latex=r"\operatorname{RMS}(W_t)^2 = (1 - \eta\lambda)^2 \operatorname{RMS}(W_{t-1})^2 "
    r"+ \eta^2 \operatorname{RMS}(u_t)^2 \qquad (u_t \perp W_{t-1})",
    wrong={
        "cross term kept as if u_t followed W": sp.Eq(
            gaussian_expectation((c * R * z1 - eta * Urms * z2) ** 2, [z1, z2]),
            (c * R - eta * Urms) ** 2,
        ),
    },
    uses=["adamw.adamw"],
    source=SU_WEIGHT,
    note="Per coordinate, W_{t-1} = R z_1 and u_t = U z_2 with z_1, z_2 uncorrelated (Gaussian "
    "here for the exact expectation; only zero correlation is used). The mean-field assumption "
    "is that the update is uncorrelated with the current weight and with earlier updates.",
)


beta3 = sp.Symbol("beta_3", positive=True)  # 1 - eta lambda


def rms2(steps: sp.Expr, decay: sp.Expr = beta3) -> sp.Expr:
    """Closed form of ``RMS(W_t)^2`` under the recurrence."""
    return decay ** (2 * steps) * R0**2 + eta**2 * Urms**2 * (1 - decay ** (2 * steps)) / (
        1 - decay**2
    )


claim(
    "adamw.rms-finite",
    sp.And(
        sp.Eq(rms2(t) - beta3**2 * rms2(t - 1), eta**2 * Urms**2, evaluate=False),
        sp.Eq(rms2(0), R0**2, evaluate=False),
    ),
    latex=r"\operatorname{RMS}(W_t)^2 = (1 - \eta\lambda)^{2t} \operatorname{RMS}(W_0)^2 "
    r"+ \frac{\eta^2 U^2 \big(1 - (1 - \eta\lambda)^{2t}\big)}{1 - (1 - \eta\lambda)^2}",
    method=Symbolic(simplify=sp.cancel),
    wrong={
        "decay beta_3^t, not beta_3^(2t)": sp.Eq(
            (beta3**t * R0**2 + eta**2 * Urms**2 * (1 - beta3**t) / (1 - beta3**2))
            - beta3**2
            * (
                beta3 ** (t - 1) * R0**2
                + eta**2 * Urms**2 * (1 - beta3 ** (t - 1)) / (1 - beta3**2)
            ),
            eta**2 * Urms**2,
        ),
    },
    uses=["adamw.rms-recurrence"],
    source=SU_WEIGHT,
    note="Symbolic t, with beta_3 = 1 - eta lambda: the closed form satisfies the recurrence of "
    "adamw.rms-recurrence and the initial value. U = RMS(u_t), taken constant.",
)

_stat = eta**2 * Urms**2 / (1 - c**2)
claim(
    "adamw.rms-stationary",
    sp.And(
        sp.Eq(_stat, eta * Urms**2 / (lam * (2 - eta * lam))),
        sp.Eq(_stat / (eta * Urms**2 / (2 * lam)) - 1, eta * lam / (2 - eta * lam)),
    ),
    latex=r"\operatorname{RMS}(W_\infty)^2 = \frac{\eta^2 U^2}{1 - (1 - \eta\lambda)^2} "
    r"= \frac{\eta\, U^2}{\lambda (2 - \eta\lambda)} = \frac{\eta\, U^2}{2\lambda} "
    r"\Big(1 + \frac{\eta\lambda}{2 - \eta\lambda}\Big) \;\approx\; \frac{\eta\, U^2}{2\lambda}",
    method=Symbolic(simplify=sp.cancel),
    wrong={
        "eta U^2 / lambda": sp.Eq(_stat, eta * Urms**2 / (lam * (1 - eta * lam))),
    },
    uses=["adamw.rms-finite"],
    source=SU_WEIGHT,
    note="The limit t -> oo of adamw.rms-finite (0 < eta lambda < 2); the relative error of the "
    "first-order form eta U^2 / (2 lambda) is exactly eta lambda / (2 - eta lambda).",
)

# ------------------------------------------------------------------ correlated (momentum) updates

h = sp.Symbol("h", integer=True, positive=True)
claim(
    "adamw.long-run",
    sp.Eq(
        (1 - _b) / (1 + _b) * (1 + 2 * sp.Sum(_b**h, (h, 1, sp.oo))),
        1,
    ),
    latex=r"\sum_{h=-\infty}^{\infty} \operatorname{Cov}(m_t, m_{t+h}) "
    r"= \sigma^2\, \frac{1 - \beta_1}{1 + \beta_1} \Big(1 + 2 \sum_{h \ge 1} \beta_1^{h}\Big) "
    r"= \sigma^2",
    wrong={
        "no factor 2 (one-sided sum)": sp.Eq(
            (1 - _b) / (1 + _b) * (1 + sp.Sum(_b**h, (h, 1, sp.oo))), 1
        ),
    },
    uses=["adamw.ema-limit"],
    note="beta_1 = 1/(1 + p), p > 0. In the stationary regime Cov(m_t, m_{t+h}) = beta_1^|h| "
    "E m_t^2: the momentum has a smaller variance than the noise but exactly the same long-run "
    "variance (the same power at zero frequency), which is what a slow average of it sees.",
)

bm = sp.Symbol("beta_1", positive=True)
_A = sp.Matrix([[c, -eta * bm], [0, bm]])
_bv = sp.Matrix([-eta * (1 - bm), 1 - bm])
_pxx = eta**2 * (1 - bm) * (1 + c * bm) / ((1 + bm) * (1 - c**2) * (1 - c * bm))
_pxm = -eta * (1 - bm) / ((1 + bm) * (1 - c * bm))
_pmm = (1 - bm) / (1 + bm)
_P = sp.Matrix([[_pxx, _pxm], [_pxm, _pmm]])
_P_naive = sp.Matrix([[eta**2 * _pmm / (1 - c**2), _pxm], [_pxm, _pmm]])

claim(
    "adamw.momentum-stationary",
    sp.Eq(_A * _P * _A.T + _bv * _bv.T, _P),
    latex=r"u_t = m_t / \sigma:\quad \operatorname{RMS}(W_\infty)^2 = "
    r"\frac{\eta^2 (1 - \beta_1)(1 + \beta_1 \beta_3)}{(1 + \beta_1)(1 - \beta_3^2)"
    r"(1 - \beta_1 \beta_3)}, \qquad \beta_3 = 1 - \eta\lambda",
    method=Symbolic(simplify=sp.cancel),
    wrong={
        "momentum ignored (uncorrelated updates of RMS^2 (1-b)/(1+b))": sp.Eq(
            _A * _P_naive * _A.T + _bv * _bv.T, _P_naive
        ),
    },
    uses=["adamw.as-ema", "adamw.ema-limit"],
    note="The pair (W_t, m_t) is a linear system z_t = A z_{t-1} + b g_t with "
    "A = [[beta_3, -eta beta_1], [0, beta_1]], b = (-eta (1 - beta_1), 1 - beta_1); its "
    "stationary covariance P solves P = A P A^T + b b^T, proved here entry by entry. sigma = 1 "
    "per coordinate (u = m / sigma), v_t taken as sigma^2.",
)

claim(
    "adamw.momentum-first-order",
    sp.And(
        sp.Eq(sp.Limit(_pxx / (eta / (2 * lam)), eta, 0), 1),
        sp.Eq(sp.Limit(eta**2 * _pmm / (1 - c**2) / (eta / (2 * lam)), eta, 0), _pmm),
    ),
    latex=r"\operatorname{RMS}(W_\infty) \approx \sqrt{\frac{\eta}{2\lambda}} "
    r"\quad\text{to first order in } \eta\lambda, \text{ for every } \beta_1 "
    r"\quad\Big(\text{not } \sqrt{\tfrac{1 - \beta_1}{1 + \beta_1}} \sqrt{\tfrac{\eta}{2\lambda}}"
    r"\Big)",
    wrong={
        "the naive factor (1-b)/(1+b) survives": sp.Eq(
            sp.Limit(_pxx / (eta / (2 * lam)), eta, 0), _pmm
        ),
    },
    uses=["adamw.momentum-stationary", "adamw.rms-stationary", "adamw.long-run"],
    source=SU_WEIGHT,
    note="The second part is the naive estimate (updates treated as uncorrelated with RMS^2 "
    "(1 - beta_1)/(1 + beta_1), adamw.rms-stationary) for comparison: it is smaller by exactly "
    "that factor.",
)
