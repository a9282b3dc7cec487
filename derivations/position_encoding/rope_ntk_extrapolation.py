"""Claims of ``docs/posts/mathematics/position-encoding/rope-ntk-extrapolation.md``.

RoPE as a base-beta number system, and three ways to stretch it to a longer context: position
interpolation (PI), the NTK-aware base and YaRN's per-frequency ramp with its attention
temperature. Statements about a general plane index j and dimension d are proved with j and d
symbolic; the digit expansion, which sympy cannot reduce through floor and mod, is checked at
random integers.
"""

from __future__ import annotations

import sympy as sp

from derivations import Numeric, Symbolic, claim, definition

SU_BETA = (
    "Su, 'Transformer upgrade road 10: RoPE is a beta-base encoding', "
    "https://kexue.fm/archives/9675"
)
PI_PAPER = (
    "Chen, Wong, Chen, Tian, 'Extending Context Window of Large Language Models via Positional "
    "Interpolation', https://arxiv.org/abs/2306.15595"
)
NTK_POST = "bloc97, 'NTK-Aware Scaled RoPE', reddit r/LocalLLaMA (2023)"
YARN = (
    "Peng, Quesnelle, Fan, Shippole, 'YaRN: Efficient Context Window Extension of Large "
    "Language Models', https://arxiv.org/abs/2309.00071"
)

b, s, beta, L = sp.symbols("b s beta L", positive=True)
m = sp.Symbol("m", real=True)
d = sp.Symbol("d", integer=True, positive=True)
j = sp.Symbol("j", integer=True, positive=True)
theta = sp.Function("theta")


def theta_j(index: sp.Expr, base: sp.Expr = b) -> sp.Expr:
    """The RoPE frequency ``base^{-2(index-1)/d}``."""
    return base ** (-2 * (index - 1) / d)


def powers(expr: sp.Basic) -> sp.Basic:
    """Split and denest powers of the positive symbols, then simplify the exponents.

    ``force=True`` is sound here: every base (b, s, beta) is a positive symbol.
    """
    for _ in range(4):  # nested powers of products: split and denest until nothing changes
        new = sp.powdenest(sp.expand_power_base(expr, force=True), force=True)
        if new == expr:
            break
        expr = new
    return sp.expand(sp.powsimp(expr, force=True), power_exp=True)


# ------------------------------------------------------------------ the number system

definition(
    "ntk.theta",
    r"\theta_j = b^{-2(j-1)/d}, \qquad j = 1, \dots, d/2 \qquad (b = 10000 \text{ in RoPE})",
    expr=sp.Eq(theta(j), theta_j(j)),
)

definition("ntk.beta", r"\beta = b^{2/d}", expr=sp.Eq(beta, b ** (2 / d)))

claim(
    "ntk.theta-base-beta",
    sp.Eq(theta_j(j), (b ** (2 / d)) ** (-(j - 1))),
    latex=r"\theta_j = \beta^{-(j-1)}, \qquad m\,\theta_j = \frac{m}{\beta^{\,j-1}}",
    method=Symbolic(simplify=powers),
    wrong={
        "exponent off by one, beta^{-j}": sp.Eq(theta_j(j), (b ** (2 / d)) ** (-j)),
        "beta = b^{1/d}": sp.Eq(theta_j(j), (b ** (1 / d)) ** (-(j - 1))),
    },
    uses=["ntk.theta", "ntk.beta"],
    source=SU_BETA,
)

definition(
    "ntk.digit",
    r"\operatorname{digit}_j(m) = \Big\lfloor \frac{m}{\beta^{\,j-1}} \Big\rfloor \bmod \beta"
    r"\qquad (\text{the } j\text{-th base-}\beta \text{ digit of an integer } m \ge 0)",
)

mi = sp.Symbol("m", integer=True, nonnegative=True)
bi = sp.Symbol("beta", integer=True, positive=True)


def digit_sum(weight_shift: int = 0, n_digits: int = 4) -> sp.Expr:
    """``sum_j (floor(m theta_j) mod beta) beta^{j-1+shift}``, ``theta_j = beta^{1-j}``."""
    return sp.Add(
        *[
            sp.Mod(sp.floor(mi / bi ** (i - 1)), bi) * bi ** (i - 1 + weight_shift)
            for i in range(1, n_digits + 1)
        ]
    )


claim(
    "ntk.digits-reconstruct",
    sp.Eq(digit_sum(), sp.Mod(mi, bi**4)),
    latex=r"\sum_{j=1}^{J} \big(\lfloor m\,\theta_j \rfloor \bmod \beta\big)\, \beta^{\,j-1}"
    r" = m \bmod \beta^{J}",
    method=Numeric(samples=300, tol=0, seed=0, domain={mi: (0, 10**6), bi: (2, 16)}),
    wrong={
        "weights beta^j instead of beta^{j-1}": sp.Eq(digit_sum(1), sp.Mod(mi, bi**4)),
    },
    uses=["ntk.theta-base-beta", "ntk.digit"],
    source=SU_BETA,
    note="Checked for J = 4 at 300 random integers m in [0, 10^6] and integer bases beta in "
    "[2, 16]: sympy cannot reduce floor and mod of symbolic integers. Exact integer arithmetic "
    "(m / beta^k of Python integers is correctly rounded), so the tolerance is 0.",
)

definition(
    "ntk.wavelength",
    r"\lambda_j = \frac{2\pi}{\theta_j} \qquad (\text{positions per full turn of plane } j)",
)

claim(
    "ntk.wavelength-geometric",
    sp.Eq(2 * sp.pi / theta_j(j + 1), b ** (2 / d) * (2 * sp.pi / theta_j(j))),
    latex=r"\lambda_j = 2\pi\,\beta^{\,j-1}, \qquad \lambda_{j+1} = \beta\,\lambda_j",
    method=Symbolic(simplify=powers),
    wrong={
        "lambda_{j+1} = lambda_j / beta": sp.Eq(
            2 * sp.pi / theta_j(j + 1), (2 * sp.pi / theta_j(j)) / b ** (2 / d)
        ),
    },
    uses=["ntk.theta-base-beta", "ntk.wavelength"],
)

# ------------------------------------------------------------------ position interpolation

Lp = sp.Symbol("L'", positive=True)

definition(
    "ntk.pi",
    r"m \;\mapsto\; m\,\frac{L}{L'} = \frac{m}{s}, \qquad s = \frac{L'}{L} > 1",
)

claim(
    "ntk.pi-frequencies",
    sp.Eq((m * L / Lp) * theta_j(j), m * (theta_j(j) / (Lp / L)), evaluate=False),
    latex=r"\Big(m\,\frac{L}{L'}\Big)\,\theta_j = m\,\frac{\theta_j}{s}"
    r"\qquad (\text{every frequency divided by } s)",
    wrong={"frequency multiplied by s": sp.Eq((m * L / Lp) * theta_j(j), m * theta_j(j) * Lp / L)},
    uses=["ntk.pi", "ntk.theta"],
    source=PI_PAPER,
)

claim(
    "ntk.pi-neighbours",
    sp.Eq((m + 1) * theta_j(1) / s - m * theta_j(1) / s, 1 / s, evaluate=False),
    latex=r"(m+1)\,\frac{\theta_1}{s} - m\,\frac{\theta_1}{s} = \frac{1}{s}",
    wrong={"unchanged resolution, 1": sp.Eq((m + 1) * theta_j(1) / s - m * theta_j(1) / s, 1)},
    uses=["ntk.pi-frequencies"],
    note="Neighbouring tokens, which were 1 radian apart in the fastest plane, are 1/s apart.",
)

# ------------------------------------------------------------------ the NTK-aware base

b_ntk = b * s ** (d / (d - 2))

definition(
    "ntk.ntk-base",
    r"b' = b\, s^{d/(d-2)}, \qquad \theta'_j = b'^{\,-2(j-1)/d} \qquad (d > 2)",
    expr=b_ntk,
)

claim(
    "ntk.ntk-frequencies",
    sp.Eq(theta_j(j, b_ntk), theta_j(j) * s ** (-2 * (j - 1) / (d - 2))),
    latex=r"\theta'_j = \theta_j\, s^{-2(j-1)/(d-2)} = \theta_j\, s^{-(j-1)/(d/2 - 1)}",
    method=Symbolic(simplify=powers),
    wrong={
        "exponent -2j/(d-2)": sp.Eq(theta_j(j, b_ntk), theta_j(j) * s ** (-2 * j / (d - 2))),
    },
    uses=["ntk.ntk-base", "ntk.theta"],
    source=NTK_POST,
)

claim(
    "ntk.ntk-highest",
    sp.Eq(theta_j(sp.Integer(1), b_ntk), theta_j(sp.Integer(1)), evaluate=False),
    latex=r"\theta'_1 = \theta_1 = 1",
    wrong={"divided by s": sp.Eq(theta_j(sp.Integer(1), b_ntk), theta_j(sp.Integer(1)) / s)},
    uses=["ntk.ntk-frequencies"],
    source=NTK_POST,
)

claim(
    "ntk.ntk-lowest",
    sp.Eq(theta_j(d / 2, b_ntk), theta_j(d / 2) / s),
    latex=r"\theta'_{d/2} = \frac{\theta_{d/2}}{s}",
    method=Symbolic(simplify=powers),
    wrong={
        "naive base b s": sp.Eq(theta_j(d / 2, b * s), theta_j(d / 2) / s),
        "divided by s^2": sp.Eq(theta_j(d / 2, b_ntk), theta_j(d / 2) / s**2),
    },
    uses=["ntk.ntk-frequencies"],
    source=NTK_POST,
)

claim(
    "ntk.ntk-beta",
    sp.Eq((b_ntk ** (2 / d)) ** (d / 2 - 1), s * (b ** (2 / d)) ** (d / 2 - 1)),
    latex=r"\beta' = b'^{\,2/d} = \beta\, s^{2/(d-2)}, \qquad "
    r"\beta'^{\,d/2-1} = s\, \beta^{\,d/2-1}",
    method=Symbolic(simplify=powers),
    wrong={
        "range grows by s^2": sp.Eq(
            (b_ntk ** (2 / d)) ** (d / 2 - 1), s**2 * (b ** (2 / d)) ** (d / 2 - 1)
        ),
    },
    uses=["ntk.ntk-base", "ntk.theta-base-beta"],
    source=SU_BETA,
    note="beta^{d/2-1} is the place value of the highest digit (1/theta_{d/2}).",
)

# ------------------------------------------------------------------ YaRN

r = sp.Symbol("r", positive=True)
rho = sp.Symbol("rho", positive=True)
gam = sp.Symbol("gamma", real=True)
ALPHA, BETA_Y = sp.Integer(1), sp.Integer(32)


def ramp(lo: sp.Expr = ALPHA, hi: sp.Expr = BETA_Y, denominator: sp.Expr | None = None):
    """YaRN's ``gamma(r)`` (``denominator`` replaces ``hi - lo`` for a wrong variant)."""
    den = hi - lo if denominator is None else denominator
    return sp.Piecewise((0, r < lo), (1, r > hi), ((r - lo) / den, True))


definition(
    "ntk.yarn-ratio",
    r"r_j = \frac{L}{\lambda_j} = \frac{L\,\theta_j}{2\pi}"
    r"\qquad (\text{full turns of plane } j \text{ over the training context } L)",
)

definition(
    "ntk.yarn-ramp",
    r"\gamma(r) = \begin{cases} 0, & r < \alpha \\ 1, & r > \beta_{\mathrm{Y}} \\ "
    r"\dfrac{r - \alpha}{\beta_{\mathrm{Y}} - \alpha}, & \alpha \le r \le \beta_{\mathrm{Y}}"
    r"\end{cases} \qquad \alpha = 1,\; \beta_{\mathrm{Y}} = 32",
    expr=ramp(),
)


def meets(g: sp.Piecewise) -> sp.And:
    """``g(alpha) = 0``, ``g(beta_Y) = 1``, and the linear piece meets the constant pieces.

    Built from the pieces of the Piecewise itself: the limit of the (polynomial) middle piece
    at each threshold equals the constant piece on the other side. (sympy's ``limit`` of the
    whole Piecewise at a breakpoint is not reliable, so it is not used.)
    """
    (low, _), (high, _), (middle, _) = g.args
    return sp.And(
        sp.Eq(sp.Subs(g, r, ALPHA), 0, evaluate=False),
        sp.Eq(sp.Subs(g, r, BETA_Y), 1, evaluate=False),
        sp.Eq(sp.Limit(middle, r, ALPHA, "+"), low, evaluate=False),
        sp.Eq(sp.Limit(middle, r, BETA_Y, "-"), high, evaluate=False),
    )


claim(
    "ntk.yarn-ramp-continuous",
    meets(ramp()),
    latex=r"\gamma(1) = 0, \quad \gamma(32) = 1, \qquad "
    r"\lim_{r \to 1^+} \frac{r - \alpha}{\beta_{\mathrm{Y}} - \alpha} = 0 = "
    r"\gamma(1^-), \qquad "
    r"\lim_{r \to 32^-} \frac{r - \alpha}{\beta_{\mathrm{Y}} - \alpha} = 1 = \gamma(32^+)",
    wrong={"ramp (r - alpha)/beta_Y": meets(ramp(denominator=BETA_Y))},
    uses=["ntk.yarn-ramp"],
    source=YARN,
    note="The linear piece meets the constant pieces at both thresholds, so the ramp is "
    "continuous and no plane's frequency jumps when L or s moves it across a threshold.",
)

th = sp.Symbol("theta_j", positive=True)


def yarn(g: sp.Expr) -> sp.Expr:
    return (1 - g) * th / s + g * th


definition(
    "ntk.yarn-frequency",
    r"\theta^{\mathrm{Y}}_j = \big(1 - \gamma(r_j)\big)\,\frac{\theta_j}{s} + "
    r"\gamma(r_j)\,\theta_j",
    expr=yarn(gam),
)

claim(
    "ntk.yarn-limits",
    sp.And(
        sp.Eq(yarn(sp.Integer(0)), th / s, evaluate=False),
        sp.Eq(yarn(sp.Integer(1)), th, evaluate=False),
    ),
    latex=r"\gamma = 0:\ \theta^{\mathrm{Y}}_j = \frac{\theta_j}{s} \ (\text{interpolation}), "
    r"\qquad \gamma = 1:\ \theta^{\mathrm{Y}}_j = \theta_j \ (\text{extrapolation})",
    wrong={
        "roles swapped": sp.And(sp.Eq(yarn(sp.Integer(0)), th), sp.Eq(yarn(sp.Integer(1)), th / s))
    },
    uses=["ntk.yarn-frequency", "ntk.yarn-ramp"],
    source=YARN,
)

j_star = 1 + d * sp.log(L / (2 * sp.pi * rho)) / (2 * sp.log(b))
claim(
    "ntk.yarn-threshold-plane",
    sp.Eq(L * theta_j(j_star) / (2 * sp.pi), rho, evaluate=False),
    latex=r"r_j = \rho \iff j = 1 + \frac{d\, \ln\!\big(L / (2\pi\rho)\big)}{2 \ln b}",
    wrong={
        "factor 2 in the denominator dropped": sp.Eq(
            L * theta_j(1 + d * sp.log(L / (2 * sp.pi * rho)) / sp.log(b)) / (2 * sp.pi), rho
        ),
    },
    uses=["ntk.yarn-ratio", "ntk.theta"],
    source=YARN,
    note="Substituting j into r_j gives rho back; the plane index is real-valued here (the "
    "thresholds rho = alpha, beta_Y generally fall between planes).",
)

t_factor = sp.log(s) / 10 + 1

definition(
    "ntk.yarn-temperature",
    r"\sqrt{1/t} = 0.1 \ln s + 1, \qquad "
    r"\operatorname{softmax}\!\Big(\frac{q_m^\top k_n}{t\,\sqrt{d}}\Big)",
    expr=t_factor,
)

qv = sp.Matrix(sp.symbols("q_1:3", real=True))
kv = sp.Matrix(sp.symbols("k_1:3", real=True))
u = sp.Symbol("u", positive=True)
claim(
    "ntk.yarn-logit-factor",
    sp.And(
        sp.Eq((t_factor * qv).T * (t_factor * kv), t_factor**2 * (qv.T * kv)),
        sp.Eq(t_factor.subs(s, 1), 1, evaluate=False),
        sp.Gt(t_factor.subs(s, 1 + u), 1, evaluate=False),
    ),
    latex=r"\big\langle \sqrt{1/t}\, q,\ \sqrt{1/t}\, k \big\rangle = "
    r"\frac{\langle q, k\rangle}{t},"
    r"\qquad t = 1 \text{ at } s = 1, \qquad \sqrt{1/t} > 1 \text{ for } s > 1",
    wrong={
        "minus sign, -0.1 ln s + 1": sp.Gt((-sp.log(s) / 10 + 1).subs(s, 1 + u), 1),
        "factor applied once, logits times sqrt(1/t)": sp.Eq(
            (t_factor * qv).T * (t_factor * kv), t_factor * (qv.T * kv)
        ),
    },
    uses=["ntk.yarn-temperature"],
    source=YARN,
    note="Proved for 2-vectors with symbolic entries (scaling is entry-wise, so any d); "
    "s = 1 + u with u > 0 encodes s > 1. The constant 0.1 is YaRN's fitted value.",
)
