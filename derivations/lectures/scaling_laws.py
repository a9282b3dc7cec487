"""Claims of ``docs/posts/mathematics/lectures/scaling-laws.md``.

Chinchilla-style scaling laws: the parametric loss L(N, D) = E + A/N^alpha + B/D^beta, the
compute budget C = 6ND, the compute-optimal allocation derived with a Lagrange multiplier and
solved by sympy, its exponents and tokens per parameter, what the two published fits (Hoffmann
et al. 2022 and the Besiroglu et al. 2024 replication) imply at Chinchilla's own budget, pure
power laws and perplexity.

General statements are proved with every constant a positive symbol. Statements about a fit are
exact: the published decimals enter as ``sympy.Rational``, and sympy decides the sign of each
resulting constant (a finite expression in rational powers of rationals) by evaluating it to a
precision it certifies.
"""

from __future__ import annotations

import sympy as sp

from derivations import GENERAL, Symbolic, Wrong, cited, claim, definition
from derivations.helpers import eq, ge, gt, le, lt

HOFFMANN = (
    "Hoffmann et al., 'Training Compute-Optimal Large Language Models' (2022), "
    "https://arxiv.org/abs/2203.15556"
)
BESIROGLU = (
    "Besiroglu, Erdil, Barnett, You, 'Chinchilla Scaling: A replication attempt' (2024), "
    "https://arxiv.org/abs/2404.10102"
)
KAPLAN = (
    "Kaplan et al., 'Scaling Laws for Neural Language Models' (2020), "
    "https://arxiv.org/abs/2001.08361"
)

N, D, C, E, A, B = sp.symbols("N D C E A B", positive=True)
alpha, beta, lam, k, X, u = sp.symbols("alpha beta lambda k X u", positive=True)
L1, L2 = sp.symbols("L_1 L_2", real=True)
R_ = sp.Rational
Lfun = sp.Function("L")
Cfun = sp.Function("C")


def loss(n: sp.Expr, d: sp.Expr, e=E, a=A, b=B, al=alpha, be=beta) -> sp.Expr:
    """``E + A/n^alpha + B/d^beta`` (constants default to the symbols)."""
    return e + a / n**al + b / d**be


def g_factor(a=A, b=B, al=alpha, be=beta) -> sp.Expr:
    """``G = (alpha A / (beta B))^{1/(alpha+beta)}``."""
    return (al * a / (be * b)) ** (1 / (al + be))


def n_opt(c: sp.Expr, a=A, b=B, al=alpha, be=beta) -> sp.Expr:
    """Compute-optimal parameters ``G (C/6)^{beta/(alpha+beta)}``."""
    return g_factor(a, b, al, be) * (c / 6) ** (be / (al + be))


def d_opt(c: sp.Expr, a=A, b=B, al=alpha, be=beta) -> sp.Expr:
    """Compute-optimal tokens ``G^{-1} (C/6)^{alpha/(alpha+beta)}``."""
    return (c / 6) ** (al / (al + be)) / g_factor(a, b, al, be)


def certified_sign(expr: sp.Expr) -> sp.Expr:
    """The sign (-1, 0 or 1) of a constant expression, as sympy certifies it.

    ``sympy.sign`` decides a number such as ``20 - (C/6)**(45/1784) * ...`` by evaluating it to
    a precision at which the sign is guaranteed, and stays unevaluated when it cannot; it avoids
    the generic expand/simplify chain, which factors huge integers raised to rational powers.
    Non-constant expressions are returned unchanged.
    """
    return sp.sign(expr) if expr.is_number else expr


#: A point with small exact values, tried first when refuting a wrong variant: random points
#: with long rationals make sympy evaluate powers like (p/q)^(r/s) exactly, which is slow.
POINT = {N: 2, D: 3, C: 7, E: 1, A: 1, B: 3, alpha: 1, beta: 2, lam: 1, k: 2, X: 3, u: 1}


def at_point(variant: sp.Basic) -> Wrong:
    """A wrong variant to be refuted at :data:`POINT` first."""
    return Wrong(
        variant, at=({sym: val for sym, val in POINT.items() if sym in variant.free_symbols},)
    )


MODEL = "L(N, D) is the model of scaling.loss, a function the parser cannot substitute"
LAGRANGIAN = "partial derivatives of the Lagrangian of scaling.lagrangian"
OPTIMUM = "written with N_opt, D_opt, G, a and b, which the page defines in terms of the constants"
FIT_VALUES = "values of one fit, labelled in words"


# ------------------------------------------------------------------ the model of the loss

definition(
    "scaling.loss",
    r"L(N, D) = E + \frac{A}{N^{\alpha}} + \frac{B}{D^{\beta}}, "
    r"\qquad E, A, B, \alpha, \beta > 0",
    expr=sp.Eq(Lfun(N, D), loss(N, D)),
    note="N: parameters, D: training tokens, L: cross-entropy in nats per token.",
)

claim(
    "scaling.loss-limits",
    sp.And(
        eq(sp.Limit(loss(N, D), D, sp.oo), E + A / N**alpha),
        eq(sp.Limit(sp.Limit(loss(N, D), D, sp.oo), N, sp.oo), E),
    ),
    latex=r"\lim_{D\to\infty} L(N, D) = E + \frac{A}{N^{\alpha}}, \qquad "
    r"\lim_{N\to\infty}\lim_{D\to\infty} L(N, D) = E",
    compare=MODEL,
    scope=GENERAL,
    wrong={
        "data limit keeps the data term, E + B/N^beta": at_point(
            eq(sp.Limit(loss(N, D), D, sp.oo), E + B / N**beta)
        ),
        "irreducible loss E + A": at_point(
            eq(sp.Limit(sp.Limit(loss(N, D), D, sp.oo), N, sp.oo), E + A)
        ),
    },
    uses=["scaling.loss"],
    source=HOFFMANN,
)

claim(
    "scaling.loss-above-floor",
    gt(loss(N, D), E),
    latex=r"L(N, D) > E \quad \text{for all finite } N, D",
    compare=MODEL,
    scope=GENERAL,
    wrong={
        "the floor taken as E + A": Wrong(
            ge(loss(N, D), E + A),
            at=({N: 10**6, D: 10**6, E: 1, A: 1, B: 1, alpha: R_(1, 2), beta: R_(1, 2)},),
        ),
    },
    uses=["scaling.loss"],
)

cited(
    "scaling.flops",
    r"C \approx \underbrace{2ND}_{\text{forward}} + \underbrace{2 \cdot 2ND}_{\text{backward}}"
    r" = 6ND",
    source=KAPLAN,
    note="A cost model, not checked here: two FLOPs (a multiply and an add) per parameter per "
    "token forward, about twice that backward; attention and embedding FLOPs are neglected.",
)

definition(
    "scaling.lagrangian",
    r"\min_{N, D} L(N, D) \ \text{ s.t. } \ 6ND = C, \qquad "
    r"\Lambda(N, D, \lambda) = L(N, D) + \lambda\,(6ND - C)",
    expr=loss(N, D) + lam * (6 * N * D - C),
)

# ------------------------------------------------------------------ the Lagrange conditions

_lagr = loss(N, D) + lam * (6 * N * D - C)
_dN, _dD = sp.Derivative(_lagr, N), sp.Derivative(_lagr, D)

claim(
    "scaling.stationarity",
    sp.And(
        eq(_dN, -alpha * A / N ** (alpha + 1) + 6 * lam * D),
        eq(_dD, -beta * B / D ** (beta + 1) + 6 * lam * N),
    ),
    latex=r"\frac{\partial \Lambda}{\partial N} = -\frac{\alpha A}{N^{\alpha+1}} + 6\lambda D, "
    r"\qquad \frac{\partial \Lambda}{\partial D} = -\frac{\beta B}{D^{\beta+1}} + 6\lambda N",
    compare=LAGRANGIAN,
    scope=GENERAL,
    wrong={
        "exponent alpha instead of alpha + 1": at_point(
            eq(_dN, -alpha * A / N**alpha + 6 * lam * D)
        ),
        "multiplier term 6 lambda N in dN": at_point(
            eq(_dN, -alpha * A / N ** (alpha + 1) + 6 * lam * N)
        ),
    },
    uses=["scaling.lagrangian", "scaling.loss"],
)

claim(
    "scaling.balance",
    eq(N * _dN - D * _dD, beta * B / D**beta - alpha * A / N**alpha),
    latex=r"N \frac{\partial \Lambda}{\partial N} - D \frac{\partial \Lambda}{\partial D} "
    r"= \frac{\beta B}{D^{\beta}} - \frac{\alpha A}{N^{\alpha}}"
    r"\quad\Longrightarrow\quad \text{at a stationary point: } "
    r"\frac{\alpha A}{N^{\alpha}} = \frac{\beta B}{D^{\beta}}",
    compare=LAGRANGIAN,
    scope=GENERAL,
    wrong={
        "sum instead of difference (lambda does not cancel)": at_point(
            eq(N * _dN + D * _dD, beta * B / D**beta - alpha * A / N**alpha)
        ),
        "alpha and beta swapped": at_point(
            eq(N * _dN - D * _dD, alpha * B / D**beta - beta * A / N**alpha)
        ),
    },
    uses=["scaling.stationarity"],
    note="The multiplier cancels: N * 6 lambda D - D * 6 lambda N = 0.",
)

# sympy solves the balance condition on the constraint surface D = C/(6N) for N.
_solutions = sp.solve(eq(alpha * A / N**alpha, beta * B / (C / (6 * N)) ** beta), N)
if len(_solutions) != 1:
    raise ValueError(f"expected one positive root of the balance condition, got {_solutions}")
N_SOLVED = _solutions[0]

definition(
    "scaling.g-factor",
    r"G = \left(\frac{\alpha A}{\beta B}\right)^{1/(\alpha+\beta)}, \qquad "
    r"a = \frac{\beta}{\alpha+\beta}, \qquad b = \frac{\alpha}{\alpha+\beta}",
    expr=g_factor(),
)


def _imbalance(n: sp.Expr) -> sp.Expr:
    """``alpha A / N^alpha - beta B / D^beta`` along the budget ``D = C/(6N)``."""
    return alpha * A / n**alpha - beta * B * (6 * n / C) ** beta


claim(
    "scaling.n-opt",
    sp.And(
        eq(alpha * A / n_opt(C) ** alpha, beta * B / (C / (6 * n_opt(C))) ** beta),
        lt(sp.Derivative(_imbalance(N), N), 0),
        eq(N_SOLVED, n_opt(C)),
    ),
    latex=r"N_{\text{opt}}(C) = G \left(\frac{C}{6}\right)^{a}",
    compare=OPTIMUM,
    scope=GENERAL,
    wrong={
        "exponent b instead of a": at_point(
            eq(N_SOLVED, g_factor() * (C / 6) ** (alpha / (alpha + beta)))
        ),
        "1/G instead of G": at_point(eq(N_SOLVED, (C / 6) ** (beta / (alpha + beta)) / g_factor())),
    },
    uses=["scaling.balance", "scaling.g-factor"],
    source=HOFFMANN,
    note="Part 1: the closed form satisfies the balance condition on the budget D = C/(6N). "
    "Part 2: along the budget the difference alpha A/N^alpha - beta B/D^beta is strictly "
    "decreasing in N, so that root is the only one. Part 3: it is also the one root that "
    "sympy.solve returns. Positive monomials are compared through their logarithms.",
)

claim(
    "scaling.d-opt",
    eq(C / (6 * n_opt(C)), d_opt(C)),
    latex=r"D_{\text{opt}}(C) = \frac{C}{6 N_{\text{opt}}(C)} "
    r"= G^{-1} \left(\frac{C}{6}\right)^{b}",
    compare=OPTIMUM,
    scope=GENERAL,
    wrong={
        "G instead of 1/G": at_point(
            eq(C / (6 * n_opt(C)), g_factor() * (C / 6) ** (alpha / (alpha + beta)))
        ),
        "exponent a instead of b": at_point(
            eq(C / (6 * n_opt(C)), (C / 6) ** (beta / (alpha + beta)) / g_factor())
        ),
    },
    uses=["scaling.n-opt", "scaling.flops"],
    source=HOFFMANN,
)

claim(
    "scaling.optimum-balance",
    eq((A / n_opt(C) ** alpha) / (B / d_opt(C) ** beta), beta / alpha),
    latex=r"\frac{A / N_{\text{opt}}^{\alpha}}{B / D_{\text{opt}}^{\beta}} = "
    r"\frac{\beta}{\alpha}",
    compare=OPTIMUM,
    scope=GENERAL,
    wrong={
        "alpha / beta": at_point(
            eq((A / n_opt(C) ** alpha) / (B / d_opt(C) ** beta), alpha / beta)
        ),
    },
    uses=["scaling.n-opt", "scaling.d-opt"],
    note="At the optimum the parameter term and the data term of the loss stand in the ratio "
    "beta : alpha, whatever the budget.",
)

# along the constraint, with N = e^u: the loss is convex in u, so the stationary point is the
# global minimum.
_along = loss(sp.exp(u), C / (6 * sp.exp(u)))
_curvature = (alpha**2 * A / N**alpha + beta**2 * B / D**beta).subs(
    {N: sp.exp(u), D: C / (6 * sp.exp(u))}
)
claim(
    "scaling.convex",
    sp.And(eq(sp.Derivative(_along, (u, 2)), _curvature), gt(_curvature, 0)),
    latex=r"\frac{d^2}{du^2}\, L\!\left(e^{u}, \frac{C}{6e^{u}}\right) = "
    r"\frac{\alpha^2 A}{N^{\alpha}} + \frac{\beta^2 B}{D^{\beta}} > 0, \qquad N = e^{u}",
    compare="a second derivative along the budget, with N = e^u and D = C/(6 e^u)",
    scope=GENERAL,
    wrong={
        "first powers of alpha, beta": at_point(
            eq(
                sp.Derivative(_along, (u, 2)),
                (alpha * A / N**alpha + beta * B / D**beta).subs(
                    {N: sp.exp(u), D: C / (6 * sp.exp(u))}
                ),
            )
        ),
        "minus sign on the data term": at_point(
            eq(
                sp.Derivative(_along, (u, 2)),
                (alpha**2 * A / N**alpha - beta**2 * B / D**beta).subs(
                    {N: sp.exp(u), D: C / (6 * sp.exp(u))}
                ),
            )
        ),
    },
    uses=["scaling.loss", "scaling.flops"],
    note="Part 1: the second derivative along the budget; part 2: it is positive. Strict "
    "convexity in log N makes the single stationary point the global minimum on the "
    "constraint.",
)

# ------------------------------------------------------------------ exponents, tokens, loss

a_exp, b_exp = beta / (alpha + beta), alpha / (alpha + beta)
claim(
    "scaling.exponents",
    sp.And(
        eq(n_opt(k * C) / n_opt(C), k**a_exp),
        eq(d_opt(k * C) / d_opt(C), k**b_exp),
        eq(a_exp + b_exp, 1),
    ),
    latex=r"N_{\text{opt}}(kC) = k^{a} N_{\text{opt}}(C), \qquad "
    r"D_{\text{opt}}(kC) = k^{b} D_{\text{opt}}(C), \qquad a + b = 1",
    compare=OPTIMUM,
    scope=GENERAL,
    wrong={
        "N scales with k^b": at_point(eq(n_opt(k * C) / n_opt(C), k**b_exp)),
        "D scales with k^a": at_point(eq(d_opt(k * C) / d_opt(C), k**a_exp)),
    },
    uses=["scaling.n-opt", "scaling.d-opt"],
    source=HOFFMANN,
)

claim(
    "scaling.tokens-per-parameter",
    sp.And(
        eq(d_opt(C) / n_opt(C), g_factor() ** -2 * (C / 6) ** ((alpha - beta) / (alpha + beta))),
        eq(g_factor() ** -2, (beta * B / (alpha * A)) ** (2 / (alpha + beta))),
    ),
    latex=r"\frac{D_{\text{opt}}}{N_{\text{opt}}} = G^{-2} \left(\frac{C}{6}\right)^{b - a}"
    r" = \left(\frac{\beta B}{\alpha A}\right)^{2/(\alpha+\beta)}"
    r"\left(\frac{C}{6}\right)^{(\alpha-\beta)/(\alpha+\beta)}",
    compare=OPTIMUM,
    scope=GENERAL,
    wrong={
        "G^2 instead of G^-2": at_point(
            eq(d_opt(C) / n_opt(C), g_factor() ** 2 * (C / 6) ** ((alpha - beta) / (alpha + beta)))
        ),
        "exponent a - b": at_point(
            eq(
                d_opt(C) / n_opt(C),
                g_factor() ** -2 * (C / 6) ** ((beta - alpha) / (alpha + beta)),
            )
        ),
    },
    uses=["scaling.n-opt", "scaling.d-opt"],
    note="The ratio is constant in C only when alpha = beta.",
)

_gamma = alpha * beta / (alpha + beta)
_k_loss = A * g_factor() ** -alpha + B * g_factor() ** beta
claim(
    "scaling.optimal-loss",
    eq(loss(n_opt(C), d_opt(C)), E + _k_loss * (C / 6) ** -_gamma),
    latex=r"L\big(N_{\text{opt}}, D_{\text{opt}}\big) = E + \big(A G^{-\alpha} + B G^{\beta}\big)"
    r"\left(\frac{C}{6}\right)^{-\alpha\beta/(\alpha+\beta)}",
    compare=OPTIMUM,
    scope=GENERAL,
    wrong={
        "exponent -(alpha + beta)": at_point(
            eq(loss(n_opt(C), d_opt(C)), E + _k_loss * (C / 6) ** -(alpha + beta))
        ),
        "B G^-beta": at_point(
            eq(
                loss(n_opt(C), d_opt(C)),
                E + (A * g_factor() ** -alpha + B * g_factor() ** -beta) * (C / 6) ** -_gamma,
            )
        ),
    },
    uses=["scaling.n-opt", "scaling.d-opt", "scaling.loss"],
)

claim(
    "scaling.compute-exponent",
    sp.And(
        lt(_gamma, alpha),
        lt(_gamma, beta),
        eq(_gamma, (2 / (1 / alpha + 1 / beta)) / 2),
    ),
    latex=r"\frac{\alpha\beta}{\alpha+\beta} < \alpha, \qquad "
    r"\frac{\alpha\beta}{\alpha+\beta} < \beta, \qquad "
    r"\frac{\alpha\beta}{\alpha+\beta} = \frac{1}{2} \cdot "
    r"\frac{2}{1/\alpha + 1/\beta}",
    scope=GENERAL,
    wrong={
        "larger than alpha": at_point(gt(_gamma, alpha)),
        "equal to the harmonic mean itself": at_point(eq(_gamma, 2 / (1 / alpha + 1 / beta))),
    },
    uses=["scaling.compute-doubling"],
)

# ------------------------------------------------------------------ pure power laws

claim(
    "scaling.power-law-doubling",
    eq((2 * X) ** -alpha / X**-alpha, 2**-alpha),
    latex=r"L(X) = X^{-\alpha} \quad\Longrightarrow\quad \frac{L(2X)}{L(X)} = 2^{-\alpha}",
    compare="the display defines L(X) = X^{-alpha} before using it",
    scope=GENERAL,
    wrong={
        "halves the loss, 1/2": at_point(eq((2 * X) ** -alpha / X**-alpha, sp.Rational(1, 2))),
        "2^alpha": at_point(eq((2 * X) ** -alpha / X**-alpha, 2**alpha)),
    },
)

claim(
    "scaling.power-law-halving",
    eq((2 ** (1 / alpha) * X) ** -alpha, X**-alpha / 2),
    latex=r"\big(2^{1/\alpha} X\big)^{-\alpha} = \tfrac{1}{2}\, X^{-\alpha}",
    compare=(
        "evaluating the rational powers exactly at the comparison's random points takes longer "
        "than its budget"
    ),
    scope=GENERAL,
    wrong={
        "2^alpha X halves it": Wrong(
            eq((2**alpha * X) ** -alpha, X**-alpha / 2), at=({alpha: 2, X: 3},)
        ),
    },
    uses=["scaling.power-law-doubling"],
    note="Halving a power law takes a factor 2^{1/alpha} of X.",
)

claim(
    "scaling.compute-doubling",
    eq(
        (loss(n_opt(2 * C), d_opt(2 * C)) - E) / (loss(n_opt(C), d_opt(C)) - E),
        2**-_gamma,
    ),
    latex=r"\frac{L_{\text{opt}}(2C) - E}{L_{\text{opt}}(C) - E} = "
    r"2^{-\alpha\beta/(\alpha+\beta)}",
    compare=OPTIMUM,
    scope=GENERAL,
    wrong={
        "2^{-alpha}": at_point(
            eq((loss(n_opt(2 * C), d_opt(2 * C)) - E) / (loss(n_opt(C), d_opt(C)) - E), 2**-alpha)
        ),
    },
    uses=["scaling.optimal-loss", "scaling.power-law-doubling"],
)

# ------------------------------------------------------------------ perplexity

definition(
    "scaling.perplexity",
    r"\operatorname{PPL} = e^{L}, \qquad L \text{ in nats per token}",
)

claim(
    "scaling.perplexity-ratio",
    eq(sp.exp(L1) / sp.exp(L2), sp.exp(L1 - L2)),
    latex=r"\frac{\operatorname{PPL}_1}{\operatorname{PPL}_2} = \frac{e^{L_1}}{e^{L_2}} "
    r"= e^{L_1 - L_2}",
    compare="PPL is the function of scaling.perplexity",
    scope=GENERAL,
    wrong={
        "ratio of losses in the exponent": at_point(eq(sp.exp(L1) / sp.exp(L2), sp.exp(L1 / L2))),
        "difference of perplexities": at_point(eq(sp.exp(L1) - sp.exp(L2), sp.exp(L1 - L2))),
    },
    uses=["scaling.perplexity"],
)

_reducible = A / N**alpha + B / D**beta  # L(N, D) - E, positive (scaling.loss-above-floor)
_half = sp.Symbol("x", positive=True)  # stands for half the reducible loss
claim(
    "scaling.perplexity-floor",
    sp.And(
        eq(
            sp.exp(loss(N, D)) - sp.exp(E),
            sp.exp(E + _reducible / 2) * (sp.exp(_reducible / 2) - sp.exp(-_reducible / 2)),
        ),
        eq(sp.exp(_half) - sp.exp(-_half), 2 * sp.sinh(_half)),
        gt(2 * sp.exp(E + _reducible / 2) * sp.sinh(_reducible / 2), 0),
    ),
    latex=r"\operatorname{PPL}(N, D) = e^{L(N, D)} > e^{E}",
    compare="PPL and L are the functions of scaling.perplexity and scaling.loss",
    scope=GENERAL,
    wrong={
        "floor e^{E + A}": Wrong(
            gt(sp.exp(loss(N, D)), sp.exp(E + A)),
            at=({N: 10**6, D: 10**6, E: 1, A: 1, B: 1, alpha: R_(1, 2), beta: R_(1, 2)},),
        ),
    },
    uses=["scaling.loss-above-floor", "scaling.perplexity"],
    note="e^L - e^E = e^{E + r/2} (e^{r/2} - e^{-r/2}) = 2 e^{E + r/2} sinh(r/2) with r = "
    "L - E = A/N^alpha + B/D^beta > 0 (the middle step, e^x - e^{-x} = 2 sinh x, is stated for "
    "a positive x), and sinh of a positive number is positive.",
)

# ------------------------------------------------------------------ the two published fits

R = sp.Rational
FITS = {
    "hoffmann": {"E": R("1.69"), "A": R("406.4"), "B": R("410.7"), "alpha": R("0.34"),
                 "beta": R("0.28")},
    "besiroglu": {"E": R("1.8172"), "A": R("482.01"), "B": R("2085.43"), "alpha": R("0.3478"),
                  "beta": R("0.3658")},
}  # fmt: skip
HF, BF = FITS["hoffmann"], FITS["besiroglu"]


def _ab(fit: dict) -> tuple[sp.Rational, sp.Rational]:
    return fit["beta"] / (fit["alpha"] + fit["beta"]), fit["alpha"] / (fit["alpha"] + fit["beta"])


def _ratio(num: sp.Expr, den: sp.Expr) -> sp.Mul:
    """``num / den`` kept unevaluated, so the statement shows the division that is checked."""
    return sp.Mul(num, sp.Pow(den, -1, evaluate=False), evaluate=False)


def _ab_shown(fit: dict) -> tuple[sp.Mul, sp.Mul]:
    """``a = beta/(alpha + beta)`` and ``b = alpha/(alpha + beta)`` of a fit, unevaluated."""
    total = sp.Add(fit["alpha"], fit["beta"], evaluate=False)
    return _ratio(fit["beta"], total), _ratio(fit["alpha"], total)


def _near(value: sp.Expr, decimal: str) -> sp.Lt:
    """``|value - decimal| < half a unit of the decimal's last digit``: the rounding shown."""
    digits = len(decimal.split(".")[1])
    return lt(sp.Abs(sp.Add(value, -R(decimal), evaluate=False)), R(1, 2 * 10**digits))


definition(
    "scaling.fits",
    r"\begin{array}{lccccc} & E & A & B & \alpha & \beta \\ "
    r"\text{Hoffmann et al. 2022} & 1.69 & 406.4 & 410.7 & 0.34 & 0.28 \\ "
    r"\text{Besiroglu et al. 2024} & 1.8172 & 482.01 & 2085.43 & 0.3478 & 0.3658 "
    r"\end{array}",
    note="The published constants, entered as exact rationals. Sources: "
    + HOFFMANN
    + "; "
    + BESIROGLU,
)

claim(
    "scaling.fit-exponents",
    sp.And(
        eq(_ab_shown(HF)[0], R(14, 31)),
        eq(_ab_shown(HF)[1], R(17, 31)),
        eq(_ab_shown(BF)[0], R(1829, 3568)),
        eq(_ab_shown(BF)[1], R(1739, 3568)),
        _near(R(14, 31), "0.452"),
        _near(R(17, 31), "0.548"),
        _near(R(1829, 3568), "0.513"),
        _near(R(1739, 3568), "0.487"),
    ),
    latex=r"\text{Hoffmann: } a = \tfrac{14}{31} \approx 0.452,\ b = \tfrac{17}{31} \approx 0.548;"
    r"\qquad \text{Besiroglu: } a = \tfrac{1829}{3568} \approx 0.513,\ "
    r"b = \tfrac{1739}{3568} \approx 0.487",
    compare=FIT_VALUES,
    scope=GENERAL,
    wrong={
        "Hoffmann a = 0.46, the value reported in the paper, not implied by the constants": eq(
            _ab_shown(HF)[0], R("0.46")
        ),
        "replication with a and b swapped": eq(_ab_shown(BF)[0], R(1739, 3568)),
        "14/31 rounded down to 0.451": _near(R(14, 31), "0.451"),
    },
    uses=["scaling.g-factor", "scaling.fits"],
    source=HOFFMANN + "; " + BESIROGLU,
)

claim(
    "scaling.fit-tokens-exponent",
    sp.And(
        eq(sp.Add(_ab_shown(HF)[1], -_ab(HF)[0], evaluate=False), R(3, 31)),
        eq(sp.Add(_ab_shown(BF)[1], -_ab(BF)[0], evaluate=False), R(-45, 1784)),
    ),
    latex=r"b - a = \tfrac{3}{31} \ \text{(Hoffmann)}, \qquad "
    r"b - a = -\tfrac{45}{1784} \ \text{(Besiroglu)}",
    compare=FIT_VALUES,
    scope=GENERAL,
    wrong={
        "Hoffmann's ratio falling with C": lt(_ab(HF)[1] - _ab(HF)[0], 0),
        "replication's ratio rising with C": gt(_ab(BF)[1] - _ab(BF)[0], 0),
    },
    uses=["scaling.fit-exponents", "scaling.tokens-per-parameter"],
)

N_CH, D_CH = 70 * 10**9, R("1.4") * 10**12
C_CH = 6 * N_CH * D_CH

claim(
    "scaling.chinchilla-budget",
    sp.And(
        eq(sp.Mul(6, N_CH, D_CH, evaluate=False), R("5.88") * 10**23),
        eq(_ratio(D_CH, N_CH), 20),
    ),
    latex=r"C_{\text{Chinchilla}} = 6 \cdot 7 \cdot 10^{10} \cdot 1.4 \cdot 10^{12} "
    r"= 5.88 \cdot 10^{23}, \qquad \frac{D}{N} = 20",
    compare="numbers for one model: C_Chinchilla, N and D are its values, not variables",
    scope=GENERAL,
    wrong={
        "C = 9.8e22 (the factor 6 forgotten)": eq(
            sp.Mul(6, N_CH, D_CH, evaluate=False), R("9.8") * 10**22
        ),
        "D/N = 2": eq(_ratio(D_CH, N_CH), 2),
    },
    uses=["scaling.flops"],
    source=HOFFMANN,
)


def _at_budget(fit: dict) -> tuple[sp.Expr, sp.Expr]:
    args = (fit["A"], fit["B"], fit["alpha"], fit["beta"])
    return n_opt(C_CH, *args), d_opt(C_CH, *args)


_nh, _dh = _at_budget(HF)
_nb, _db = _at_budget(BF)

claim(
    "scaling.hoffmann-at-chinchilla",
    sp.And(lt(_nh, R(35) * 10**9), gt(_dh / _nh, 80), gt(_dh, 3 * 10**12)),
    latex=r"\text{Hoffmann fit at } C = 5.88 \cdot 10^{23}: \quad "
    r"N_{\text{opt}} < 3.5 \cdot 10^{10}, \quad D_{\text{opt}} > 3 \cdot 10^{12}, \quad "
    r"\frac{D_{\text{opt}}}{N_{\text{opt}}} > 80",
    compare=FIT_VALUES,
    scope=GENERAL,
    wrong={
        "optimum at Chinchilla's 70B or above": ge(_nh, 70 * 10**9),
        "at most 20 tokens per parameter": le(_dh / _nh, 20),
    },
    method=Symbolic(simplify=certified_sign),
    uses=["scaling.n-opt", "scaling.d-opt", "scaling.chinchilla-budget", "scaling.fits"],
    source=HOFFMANN,
    note="Computed from the rounded published constants; sympy certifies the sign of each "
    "constant expression.",
)

claim(
    "scaling.besiroglu-at-chinchilla",
    sp.And(
        gt(_nb, 63 * 10**9),
        lt(_nb, 77 * 10**9),
        gt(_db / _nb, 15),
        lt(_db / _nb, 20),
    ),
    latex=r"\text{Besiroglu fit at } C = 5.88 \cdot 10^{23}: \quad "
    r"6.3 \cdot 10^{10} < N_{\text{opt}} < 7.7 \cdot 10^{10}, \quad "
    r"15 < \frac{D_{\text{opt}}}{N_{\text{opt}}} < 20",
    compare=FIT_VALUES,
    scope=GENERAL,
    wrong={
        "more than 20 tokens per parameter": ge(_db / _nb, 20),
        "optimum below 63B parameters": le(_nb, 63 * 10**9),
    },
    method=Symbolic(simplify=certified_sign),
    uses=["scaling.n-opt", "scaling.d-opt", "scaling.chinchilla-budget", "scaling.fits"],
    source=BESIROGLU,
)


def _gap(fit: dict, n: sp.Expr, d: sp.Expr) -> sp.Expr:
    args = (fit["E"], fit["A"], fit["B"], fit["alpha"], fit["beta"])
    return loss(N_CH, D_CH, *args) - loss(n, d, *args)


claim(
    "scaling.chinchilla-gap",
    sp.And(
        gt(_gap(HF, _nh, _dh), R(1, 200)),
        lt(_gap(BF, _nb, _db), R(1, 10000)),
    ),
    latex=r"L(7 \cdot 10^{10}, 1.4 \cdot 10^{12}) - L(N_{\text{opt}}, D_{\text{opt}}) > "
    r"0.005 \ \text{(Hoffmann)}, \qquad < 0.0001 \ \text{(Besiroglu)}",
    compare=FIT_VALUES,
    scope=GENERAL,
    wrong={
        "Hoffmann gap below 0.001 nats": lt(_gap(HF, _nh, _dh), R(1, 1000)),
        "replication gap above 0.001 nats": gt(_gap(BF, _nb, _db), R(1, 1000)),
    },
    method=Symbolic(simplify=certified_sign),
    uses=["scaling.hoffmann-at-chinchilla", "scaling.besiroglu-at-chinchilla", "scaling.loss"],
    note="How much loss Chinchilla's allocation gives up against each fit's own optimum at the "
    "same compute.",
)
