"""Claims of ``docs/posts/mathematics/position-encoding/rope-ntk-extrapolation.md``.

RoPE as a base-beta number system, and three ways to stretch it to a longer context: position
interpolation (PI), the NTK-aware base and YaRN's per-frequency ramp with its attention
temperature. Statements about a general plane index j and dimension d are proved with j and d
symbolic. The digit expansion, which sympy cannot reduce through floor and mod, holds only for an
integer base and is checked numerically at random integers for a fixed number of digits.
"""

from __future__ import annotations

import sympy as sp

from derivations import GENERAL, Instance, Numeric, Symbolic, Wrong, claim, definition
from derivations.helpers import real_function

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


#: beta = b^{2/d}, substituted in the statements.
B = b ** (2 / d)


# ------------------------------------------------------------------ the number system

definition(
    "ntk.theta",
    r"\theta_j = b^{-2(j-1)/d}, \qquad j = 1, \dots, d/2 \qquad (b = 10000 \text{ in RoPE})",
    expr=sp.Eq(theta(j), theta_j(j)),
)

definition("ntk.beta", r"\beta = b^{2/d}", expr=sp.Eq(beta, b ** (2 / d)))

claim(
    "ntk.theta-base-beta",
    sp.And(
        sp.Eq(theta_j(j), B ** (-(j - 1))),
        sp.Eq(m * theta_j(j), m / B ** (j - 1)),
    ),
    scope=GENERAL,
    latex=r"\theta_j = \beta^{-(j-1)}, \qquad m\,\theta_j = \frac{m}{\beta^{\,j-1}}",
    wrong={
        "exponent off by one, beta^{-j}": Wrong(
            sp.Eq(theta_j(j), B ** (-j)), at=({b: 10000, d: 8, j: 1},)
        ),
        "beta = b^{1/d}": Wrong(
            sp.Eq(theta_j(j), (b ** (1 / d)) ** (-(j - 1))),
            at=({b: 10000, d: 8, j: 2},),
        ),
    },
    uses=["ntk.theta", "ntk.beta"],
    source=SU_BETA,
    compare="theta_j and beta stand for the definitions above, which the parser would read "
    "as unrelated symbols",
    note="beta = b^{2/d} is substituted (shown unevaluated); b > 0, j and d symbolic.",
)

definition(
    "ntk.digit",
    r"\operatorname{digit}_j(m) = \Big\lfloor \frac{m}{\beta^{\,j-1}} \Big\rfloor \bmod \beta"
    r"\qquad (\text{for an integer base } \beta \ge 2\text{: the } j\text{-th base-}\beta"
    r"\text{ digit of an integer } m \ge 0)",
)

mi = sp.Symbol("m", integer=True, nonnegative=True)
bi = sp.Symbol("beta", integer=True, positive=True)
br = sp.Symbol("beta", positive=True)  # a real base: the hypothesis "integer" dropped
N_DIGITS = (1, 2, 3, 4, 5)


def digit_sum(base: sp.Expr = bi, n_digits: int = 4, weight_shift: int = 0) -> sp.Expr:
    """``sum_j (floor(m theta_j) mod beta) beta^{j-1+shift}`` with ``theta_j = beta^{1-j}``."""
    return sp.Add(
        *[
            sp.Mod(sp.floor(mi / base ** (i - 1)), base) * base ** (i - 1 + weight_shift)
            for i in range(1, n_digits + 1)
        ]
    )


claim(
    "ntk.digits-reconstruct",
    sp.And(*[sp.Eq(digit_sum(n_digits=J), sp.Mod(mi, bi**J)) for J in N_DIGITS]),
    scope=Instance(
        "J = 1, ..., 5 digits",
        "with a_i = floor(m / beta^i), digit j is a_{j-1} - beta a_j, because "
        "floor(floor(x) / beta) = floor(x / beta) for an integer beta; so the sum telescopes to "
        "a_0 - beta^J a_J = m mod beta^J for every J",
    ),
    latex=r"\sum_{j=1}^{J} \big(\lfloor m\,\theta_j \rfloor \bmod \beta\big)\, \beta^{\,j-1}"
    r" = m \bmod \beta^{J} \qquad \text{for integers } \beta \ge 2 \text{ and } m \ge 0",
    method=Numeric(samples=300, rtol=0, atol=0, seed=0, domain={mi: (0, 10**6), bi: (2, 16)}),
    wrong={
        "weights beta^j instead of beta^{j-1}": Wrong(
            sp.Eq(digit_sum(weight_shift=1), sp.Mod(mi, bi**4)), at=({mi: 1, bi: 10},)
        ),
        "any real base beta > 1 (RoPE's own beta = 10000^{2/128})": Wrong(
            sp.Eq(digit_sum(br), sp.Mod(mi, br**4)),
            at=({mi: 100, br: sp.Integer(10000) ** sp.Rational(1, 64)},),
        ),
    },
    uses=["ntk.theta-base-beta", "ntk.digit"],
    source=SU_BETA,
    compare="floor, mod and a sum of J terms; the check is the instance J = 1, ..., 5",
    note="Numeric because sympy cannot reduce floor and mod of symbolic integers; exact "
    "integer arithmetic (m / beta^k of integers is correctly rounded, and m / beta^k has "
    "denominator at most 16^4, far above round-off), so the tolerance is 0. The identity needs "
    "an integer base: the second wrong variant is the same sum for RoPE's real base.",
)

definition(
    "ntk.wavelength",
    r"\lambda_j = \frac{2\pi}{\theta_j} \qquad (\text{positions per full turn of plane } j)",
)

claim(
    "ntk.wavelength-geometric",
    sp.And(
        sp.Eq(2 * sp.pi / theta_j(j), 2 * sp.pi * B ** (j - 1)),
        sp.Eq(2 * sp.pi / theta_j(j + 1), B * (2 * sp.pi / theta_j(j))),
    ),
    scope=GENERAL,
    latex=r"\lambda_j = 2\pi\,\beta^{\,j-1}, \qquad \lambda_{j+1} = \beta\,\lambda_j",
    wrong={
        "lambda_j = 2 pi beta^j": Wrong(
            sp.Eq(2 * sp.pi / theta_j(j), 2 * sp.pi * B**j), at=({b: 10000, d: 8, j: 1},)
        ),
        "lambda_{j+1} = lambda_j / beta": Wrong(
            sp.Eq(2 * sp.pi / theta_j(j + 1), (2 * sp.pi / theta_j(j)) / B),
            at=({b: 10000, d: 8, j: 1},),
        ),
    },
    uses=["ntk.theta-base-beta", "ntk.wavelength"],
    compare="lambda_j, theta_j and beta stand for the definitions above",
)

# ------------------------------------------------------------------ position interpolation

Lp = sp.Symbol("L'", positive=True)

definition(
    "ntk.pi",
    r"m \;\mapsto\; m\,\frac{L}{L'} = \frac{m}{s}, \qquad s = \frac{L'}{L} > 1",
)

#: s = L'/L, kept unevaluated so the statement shows the division by s.
S_PI = sp.UnevaluatedExpr(Lp / L)
claim(
    "ntk.pi-frequencies",
    sp.Eq((m * L / Lp) * theta_j(j), m * theta_j(j) / S_PI, evaluate=False),
    scope=GENERAL,
    latex=r"\Big(m\,\frac{L}{L'}\Big)\,\theta_j = m\,\frac{\theta_j}{s}"
    r"\qquad (\text{every frequency divided by } s)",
    wrong={
        "frequency multiplied by s": Wrong(
            sp.Eq((m * L / Lp) * theta_j(j), m * theta_j(j) * Lp / L, evaluate=False),
            at=({m: 1, L: 1, Lp: 2, b: 10000, d: 8, j: 1},),
        )
    },
    uses=["ntk.pi", "ntk.theta"],
    source=PI_PAPER,
    compare="s stands for L'/L (the definition above), which the statement substitutes",
)

theta_1 = sp.Subs(theta_j(j), j, 1)
claim(
    "ntk.pi-neighbours",
    sp.Eq((m + 1) * theta_1 / s - m * theta_1 / s, 1 / s, evaluate=False),
    scope=GENERAL,
    latex=r"(m+1)\,\frac{\theta_1}{s} - m\,\frac{\theta_1}{s} = \frac{1}{s}",
    wrong={
        "unchanged resolution, 1": Wrong(
            sp.Eq((m + 1) * theta_j(1) / s - m * theta_j(1) / s, 1, evaluate=False),
            at=({m: 0, s: 2, b: 10000, d: 8},),
        )
    },
    uses=["ntk.pi-frequencies"],
    compare="theta_1 stands for the fastest frequency b^0 = 1",
    note="Neighbouring tokens, which were 1 radian apart in the fastest plane, are 1/s apart.",
)

# ------------------------------------------------------------------ the NTK-aware base

b_ntk = b * s ** (d / (d - 2))

definition(
    "ntk.ntk-base",
    r"b' = b\, s^{d/(d-2)}, \qquad \theta'_j = b'^{\,-2(j-1)/d} \qquad (d > 2)",
    expr=b_ntk,
)

#: Sampling box of d for the NTK claims, which need d > 2.
D_NTK = {d: (3, 12)}

claim(
    "ntk.ntk-frequencies",
    sp.And(
        sp.Eq(theta_j(j, b_ntk), theta_j(j) * s ** (-2 * (j - 1) / (d - 2))),
        sp.Eq(
            theta_j(j) * s ** (-2 * (j - 1) / (d - 2)),
            theta_j(j) * s ** (-(j - 1) / (d / 2 - 1)),
        ),
    ),
    scope=GENERAL,
    latex=r"\theta'_j = \theta_j\, s^{-2(j-1)/(d-2)} = \theta_j\, s^{-(j-1)/(d/2 - 1)}",
    method=Symbolic(simplify=powers),
    wrong={
        "exponent -2j/(d-2)": Wrong(
            sp.Eq(theta_j(j, b_ntk), theta_j(j) * s ** (-2 * j / (d - 2))),
            at=({b: 10000, s: 2, d: 8, j: 1},),
        ),
    },
    uses=["ntk.ntk-base", "ntk.theta"],
    source=NTK_POST,
    compare="theta'_j and theta_j stand for the definitions above",
    domain=D_NTK,
    note="b, s > 0 and j, d symbolic (d > 2, where b' is defined).",
)

claim(
    "ntk.ntk-highest",
    sp.And(
        sp.Eq(sp.Subs(theta_j(j, b_ntk), j, 1), theta_1, evaluate=False),
        sp.Eq(theta_1, 1, evaluate=False),
    ),
    scope=GENERAL,
    latex=r"\theta'_1 = \theta_1 = 1",
    wrong={
        "divided by s": Wrong(
            sp.Eq(theta_j(1, b_ntk), theta_j(1) / s, evaluate=False),
            at=({b: 10000, s: 2, d: 8},),
        )
    },
    uses=["ntk.ntk-frequencies"],
    source=NTK_POST,
    compare="theta'_1 and theta_1 stand for the definitions above at j = 1",
    domain=D_NTK,
)

claim(
    "ntk.ntk-lowest",
    sp.Eq(theta_j(d / 2, b_ntk), theta_j(d / 2) / s),
    scope=GENERAL,
    latex=r"\theta'_{d/2} = \frac{\theta_{d/2}}{s}",
    method=Symbolic(simplify=powers),
    wrong={
        "naive base b s": Wrong(
            sp.Eq(theta_j(d / 2, b * s), theta_j(d / 2) / s),
            at=({b: 10000, s: 4, d: 4},),
        ),
        "divided by s^2": Wrong(
            sp.Eq(theta_j(d / 2, b_ntk), theta_j(d / 2) / s**2),
            at=({b: 10000, s: 4, d: 4},),
        ),
    },
    uses=["ntk.ntk-frequencies"],
    source=NTK_POST,
    compare="theta'_{d/2} and theta_{d/2} stand for the definitions above at j = d/2",
    domain=D_NTK,
)

B_ntk = b_ntk ** (2 / d)
claim(
    "ntk.ntk-beta",
    sp.And(
        sp.Eq(B_ntk, B * s ** (2 / (d - 2))),
        sp.Eq(B_ntk ** (d / 2 - 1), s * B ** (d / 2 - 1)),
    ),
    scope=GENERAL,
    latex=r"\beta' = b'^{\,2/d} = \beta\, s^{2/(d-2)}, \qquad "
    r"\beta'^{\,d/2-1} = s\, \beta^{\,d/2-1}",
    method=Symbolic(simplify=powers),
    wrong={
        "beta' = beta s^{1/(d-2)}": Wrong(
            sp.Eq(B_ntk, B * s ** (1 / (d - 2))), at=({b: 10000, s: 4, d: 4},)
        ),
        "range grows by s^2": Wrong(
            sp.Eq(B_ntk ** (d / 2 - 1), s**2 * B ** (d / 2 - 1)), at=({b: 10000, s: 4, d: 4},)
        ),
    },
    uses=["ntk.ntk-base", "ntk.theta-base-beta"],
    source=SU_BETA,
    compare="beta' and beta stand for b'^{2/d} and b^{2/d}",
    domain=D_NTK,
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
    scope=GENERAL,
    latex=r"\gamma(1) = 0, \quad \gamma(32) = 1, \qquad "
    r"\lim_{r \to 1^+} \frac{r - \alpha}{\beta_{\mathrm{Y}} - \alpha} = 0 = "
    r"\gamma(1^-), \qquad "
    r"\lim_{r \to 32^-} \frac{r - \alpha}{\beta_{\mathrm{Y}} - \alpha} = 1 = \gamma(32^+)",
    wrong={"ramp (r - alpha)/beta_Y": meets(ramp(denominator=BETA_Y))},
    uses=["ntk.yarn-ramp"],
    source=YARN,
    compare="gamma is the piecewise ramp defined above, and gamma(1^-), gamma(32^+) are its "
    "constant pieces",
    note="For YaRN's thresholds alpha = 1, beta_Y = 32. The linear piece meets the constant "
    "pieces at both thresholds, so the ramp is continuous and no plane's frequency jumps when L "
    "or s moves it across a threshold.",
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
        sp.Eq(sp.Subs(yarn(gam), gam, 0), th / s, evaluate=False),
        sp.Eq(sp.Subs(yarn(gam), gam, 1), th, evaluate=False),
    ),
    scope=GENERAL,
    latex=r"\gamma = 0:\ \theta^{\mathrm{Y}}_j = \frac{\theta_j}{s} \ (\text{interpolation}), "
    r"\qquad \gamma = 1:\ \theta^{\mathrm{Y}}_j = \theta_j \ (\text{extrapolation})",
    wrong={
        "roles swapped": Wrong(
            sp.And(
                sp.Eq(sp.Subs(yarn(gam), gam, 0), th, evaluate=False),
                sp.Eq(sp.Subs(yarn(gam), gam, 1), th / s, evaluate=False),
            ),
            at=({th: 1, s: 2},),
        )
    },
    uses=["ntk.yarn-frequency", "ntk.yarn-ramp"],
    source=YARN,
    compare="theta^Y_j is the blend defined above, evaluated at gamma = 0 and gamma = 1",
)

# The threshold plane: b > 1 (written b = 1 + u), the plane index j real.
u = sp.Symbol("u", positive=True)
jr = sp.Symbol("j", real=True)


def turns(index: sp.Expr, base: sp.Expr = 1 + u) -> sp.Expr:
    """``r_j = L theta_j / (2 pi)`` with ``theta_j = base^{-2(j-1)/d}``."""
    return L * theta_j(index, base) / (2 * sp.pi)


j_star = 1 + d * sp.log(L / (2 * sp.pi * rho)) / (2 * sp.log(1 + u))
claim(
    "ntk.yarn-threshold-plane",
    sp.And(
        sp.Eq(sp.Subs(turns(jr), jr, j_star), rho, evaluate=False),
        sp.Lt(sp.Derivative(turns(jr), jr), 0, evaluate=False),
    ),
    scope=GENERAL,
    latex=r"r_j = \rho \iff j = 1 + \frac{d\, \ln\!\big(L / (2\pi\rho)\big)}{2 \ln b}"
    r"\qquad (b > 1,\ j \text{ real})",
    wrong={
        "factor 2 in the denominator dropped": Wrong(
            sp.Eq(
                sp.Subs(turns(jr), jr, 1 + d * sp.log(L / (2 * sp.pi * rho)) / sp.log(1 + u)),
                rho,
                evaluate=False,
            ),
            at=({L: 4096, rho: 1, u: 9999, d: 128},),
        ),
        "hypothesis b > 1 dropped (b = 1/(1 + u) < 1)": Wrong(
            sp.Lt(sp.diff(turns(jr, 1 / (1 + u)), jr), 0, evaluate=False),
            at=({L: 4096, u: 1, d: 128, jr: 1},),
        ),
    },
    uses=["ntk.yarn-ratio", "ntk.theta"],
    source=YARN,
    compare="an equivalence; the statement proves the right side gives r_j = rho and that r_j "
    "is strictly decreasing in j (so no other plane index gives rho)",
    note="b = 1 + u with u > 0 encodes b > 1. Substituting j into r_j gives rho back, and "
    "dr_j/dj < 0, so that j is the only one; the plane index is real-valued here (the "
    "thresholds rho = alpha, beta_Y generally fall between planes).",
)

t_factor = sp.log(s) / 10 + 1
t_of_s = 1 / t_factor**2

definition(
    "ntk.yarn-temperature",
    r"\sqrt{1/t} = 0.1 \ln s + 1, \qquad "
    r"\operatorname{softmax}\!\Big(\frac{q_m^\top k_n}{t\,\sqrt{d}}\Big)",
    expr=t_factor,
)

i = sp.Symbol("i", integer=True, positive=True)
qc, kc = real_function("q"), real_function("k")
q2 = sp.symbols("q_1:3", real=True)
k2 = sp.symbols("k_1:3", real=True)


def inner(scale_q: sp.Expr, scale_k: sp.Expr) -> sp.Sum:
    """``<scale_q q, scale_k k> = sum_{i=1}^{d} (scale_q q_i)(scale_k k_i)``."""
    return sp.Sum(scale_q * qc(i) * scale_k * kc(i), (i, 1, d))


def at_d2(rel: sp.Eq) -> sp.Eq:
    """The d = 2 case of a relation between sums over coordinates, in plain symbols."""
    plain = {qc(1): q2[0], qc(2): q2[1], kc(1): k2[0], kc(2): k2[1]}
    lhs, rhs = (side.subs(d, 2).doit().xreplace(plain) for side in (rel.lhs, rel.rhs))
    return sp.Eq(lhs, rhs, evaluate=False)


_once = sp.Eq(inner(t_factor, t_factor), t_factor * inner(1, 1))
claim(
    "ntk.yarn-logit-factor",
    sp.And(
        sp.Eq(inner(t_factor, t_factor), inner(1, 1) / t_of_s),
        sp.Eq(sp.Subs(t_of_s, s, 1), 1, evaluate=False),
        sp.Gt(t_factor.subs(s, 1 + u), 1, evaluate=False),
    ),
    scope=GENERAL,
    latex=r"\big\langle \sqrt{1/t}\, q,\ \sqrt{1/t}\, k \big\rangle = "
    r"\frac{\langle q, k\rangle}{t},"
    r"\qquad t = 1 \text{ at } s = 1, \qquad \sqrt{1/t} > 1 \text{ for } s > 1",
    wrong={
        "minus sign, -0.1 ln s + 1": Wrong(
            sp.Gt((-sp.log(s) / 10 + 1).subs(s, 1 + u), 1, evaluate=False), at=({u: 1},)
        ),
        "factor applied once, logits times sqrt(1/t)": Wrong(
            sp.And(_once, at_d2(_once)),
            at=({d: 2, s: 10, q2[0]: 1, q2[1]: 0, k2[0]: 1, k2[1]: 0},),
        ),
    },
    uses=["ntk.yarn-temperature"],
    source=YARN,
    compare="inner products of d-vectors and conditions in words",
    note="q, k in R^d with d symbolic (q(i), k(i) their coordinates); t = (0.1 ln s + 1)^{-2}; "
    "s = 1 + u with u > 0 encodes s > 1. The constant 0.1 is YaRN's fitted value. The wrong "
    "variant on the inner product is refuted by a counterexample to its d = 2 case.",
)
