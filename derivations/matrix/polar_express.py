"""Claims of ``docs/posts/mathematics/matrix/polar-express.md``.

Polar Express: each step applies the odd polynomial that is best in the minimax sense on the
interval where the singular values currently lie; the interval then shrinks to ``[l', 2 - l']``.
The cubic case is solved in closed form with symbolic ``l, u``. For the quintic there is no
closed form: the equioscillation conditions are checked exactly, in rational arithmetic, on the
coefficients that our own Remez solver (``snippets.remez``) computes at 50 digits, for every
step of the published schedule (l = 1e-3, u = 1).
"""

from __future__ import annotations

import itertools

import mpmath
import sympy as sp

from derivations import claim, definition
from derivations._helpers import eq, gt, le, lt
from snippets.msign import SIX_STEP
from snippets.remez import CUSHION, PUBLISHED_POLAR_EXPRESS, minimax_odd_quintic

POLAR = (
    "Amsel, Persson, Musco, Gower, 'The Polar Express: Optimal Matrix Sign Methods and Their "
    "Application to the Muon Algorithm', https://arxiv.org/abs/2505.16932"
)
CHEN_CHOW = (
    "Chen, Chow, 'A stable scaling of Newton-Schulz for improving the sign function computation "
    "of a Hermitian matrix' (2014)"
)
SU = "Jianlin Su, 'msign's better iteration', https://kexue.fm/archives/10996"

x = sp.Symbol("x", real=True)
e = sp.Symbol("e", real=True)
lo, hi, s = sp.symbols("l u s", positive=True)
a, b, c = sp.symbols("a b c", real=True)
TINY = sp.Rational(1, 10**30)


def odd(coeffs: tuple, t: sp.Expr) -> sp.Expr:
    """``sum_k coeffs[k] t^(2k+1)``."""
    return sum(coef * t ** (2 * k + 1) for k, coef in enumerate(coeffs))


def rat(v: mpmath.mpf | float) -> sp.Rational:
    """An exact rational from a high-precision number (45 significant digits)."""
    with mpmath.workdps(60):
        return sp.Rational(mpmath.nstr(mpmath.mpf(v), 45, min_fixed=-1, max_fixed=-1))


# ------------------------------------------------------------------ the problem

definition(
    "polar.interval",
    r"\sigma_i(X_t) \in [\ell_t, u_t], \qquad \ell_0 = \ell,\ u_0 = 1 "
    r"\quad (X_0 = G / \lVert G \rVert_F)",
)
definition(
    "polar.minimax",
    r"p_t = \operatorname*{arg\,min}_{p(x) = a x + b x^3 + c x^5}\ "
    r"\max_{x \in [\ell_t, u_t]} \lvert 1 - p(x) \rvert, \qquad "
    r"E_t = \max_{x \in [\ell_t, u_t]} \lvert 1 - p_t(x) \rvert",
)
definition(
    "polar.equioscillation",
    r"1 - p(x_i) = (-1)^i E \ \text{ at } \ \ell = x_0 < x_1 < x_2 < x_3 = u "
    r"\iff p \text{ is the minimax odd quintic on } [\ell, u]",
    note="Chebyshev's equioscillation theorem for the 3-dimensional Haar space spanned by "
    "x, x^3, x^5 on [l, u] with 0 < l: the best approximation of 1 alternates at 3 + 1 points.",
)

# ------------------------------------------------------------------ the cubic in closed form

s2 = (lo**2 + lo * hi + hi**2) / 3
s_c = sp.sqrt(s2)


def q_ns(t: sp.Expr, peak: sp.Expr) -> sp.Expr:
    """Newton-Schulz cubic rescaled to peak at ``peak`` with value 1."""
    return (3 * peak**2 * t - t**3) / (2 * peak**3)


k_c = 2 / (1 + q_ns(lo, s_c))
p_cubic = k_c * q_ns(x, s_c)
E_c = k_c - 1
claim(
    "polar.cubic-minimax",
    sp.And(
        eq(sp.diff(p_cubic, x).subs(x, s_c), 0),
        eq(1 - p_cubic.subs(x, lo), E_c),
        eq(1 - p_cubic.subs(x, s_c), -E_c),
        eq(1 - p_cubic.subs(x, hi), E_c),
    ),
    latex=r"p(x) = \frac{2}{1 + q(\ell)}\, q(x),\quad q(x) = \frac{3 s^2 x - x^3}{2 s^3},\quad "
    r"s^2 = \frac{\ell^2 + \ell u + u^2}{3}: \quad 1 - p = E,\, -E,\, E "
    r"\text{ at } \ell,\, s,\, u, \quad p'(s) = 0",
    wrong={
        "peak at the mean square, s^2 = (l^2 + u^2)/2": eq(
            (1 - q_ns(hi, sp.sqrt((lo**2 + hi**2) / 2))),
            (1 - q_ns(lo, sp.sqrt((lo**2 + hi**2) / 2))),
        ),
        "unscaled Newton-Schulz peak, error sign at u flipped": eq(1 - p_cubic.subs(x, hi), -E_c),
    },
    uses=["polar.minimax", "polar.equioscillation"],
    source=CHEN_CHOW,
    note="Symbolic in l and u. For the cubic, 2 + 1 = 3 alternation points suffice.",
)

claim(
    "polar.cubic-newton-schulz",
    eq(p_cubic.subs({lo: 1, hi: 1}), sp.Rational(3, 2) * x - sp.Rational(1, 2) * x**3),
    latex=r"\ell = u = 1:\quad p(x) = \tfrac32 x - \tfrac12 x^3",
    wrong={"3x - x^3": eq(p_cubic.subs({lo: 1, hi: 1}), 3 * x - x**3)},
    uses=["polar.cubic-minimax"],
)

lp = sp.Symbol("ell", positive=True)
claim(
    "polar.cubic-next-peak",
    eq(((lp**2 + lp * (2 - lp) + (2 - lp) ** 2) / 3), (lp**2 - 2 * lp + 4) / 3),
    latex=r"[\ell', u'] = [\ell', 2 - \ell']:\quad s'^2 = \frac{\ell'^2 - 2\ell' + 4}{3}",
    wrong={
        "(l^2 + 2l + 4)/3": eq(
            ((lp**2 + lp * (2 - lp) + (2 - lp) ** 2) / 3), (lp**2 + 2 * lp + 4) / 3
        )
    },
    uses=["polar.cubic-minimax"],
)

# ------------------------------------------------------------------ the quintic, by Remez

N_STEPS = 7
# The greedy chain at 50 digits: fit on [max(l, cushion u), u], recentre, update the interval.
FITS, UPDATES, CHAIN_ERRS = [], [], []
with mpmath.workdps(50):
    _lo, _hi = mpmath.mpf("1e-3"), mpmath.mpf(1)
    for _ in range(N_STEPS):
        fit = minimax_odd_quintic(max(_lo, CUSHION * _hi), _hi, dps=50)
        k = 2 / (fit(_lo) + fit(_hi))
        FITS.append(fit)
        UPDATES.append(((fit.a * k, fit.b * k, fit.c * k), _lo, _hi, fit.points[1]))
        _lo = k * fit(_lo)
        _hi = 2 - _lo
        CHAIN_ERRS.append(1 - _lo)


def equioscillates(fit, signs=(1, -1, 1, -1)) -> sp.Basic:
    """Exact check that ``1 - p(x_i) = sign_i E`` and ``p'(x_1) = p'(x_2) = 0`` to 1e-30."""
    coeffs = (rat(fit.a), rat(fit.b), rat(fit.c))
    err = rat(fit.error)
    pts = [rat(t) for t in fit.points]
    rels = [lt(sp.Abs(1 - odd(coeffs, t) - sg * err), TINY) for t, sg in zip(pts, signs)]
    dp = sp.diff(odd(coeffs, x), x)
    rels += [lt(sp.Abs(dp.subs(x, t)), TINY) for t in pts[1:3]]
    rels += [lt(pts[i], pts[i + 1]) for i in range(3)]
    return sp.And(*rels)


claim(
    "polar.quintic-equioscillation",
    sp.And(*[equioscillates(f) for f in FITS[:6]]),
    latex=r"t = 1, \dots, 6:\quad 1 - \hat p_t(x_i) = (-1)^i \hat E_t \ "
    r"(|\text{err}| < 10^{-30}), \quad \hat p_t'(x_1) = \hat p_t'(x_2) = 0, \quad "
    r"\max(\ell_t, \kappa u_t) = x_0 < x_1 < x_2 < x_3 = u_t",
    wrong={
        "no alternation: 1 - p = E at all four points": sp.And(
            *[equioscillates(f, (1, 1, 1, 1)) for f in FITS[:1]]
        ),
        "sign pattern starting with -E at l": sp.And(
            *[equioscillates(f, (-1, 1, -1, 1)) for f in FITS[:1]]
        ),
    },
    uses=["polar.equioscillation", "polar.minimax"],
    source=POLAR,
    note="Coefficients, E and the points come from snippets.remez.minimax_odd_quintic (Remez "
    "exchange, 50 digits), converted to exact rationals; the relations are then decided in "
    "exact rational arithmetic. Fit intervals are those of the greedy schedule for l = 1e-3 "
    "(the first three with the cushion, [max(l, 0.0241 u), u]).",
)


def update_holds(step: tuple, pattern: str = "2 - l") -> sp.Basic:
    """``p(l) + p(u) = 2`` and ``max p = p(q) = p(u)`` for one recentred step."""
    coeffs, l_t, u_t, q_t = (tuple(rat(v) for v in step[0]), *(rat(v) for v in step[1:]))
    pl, pu, pq = odd(coeffs, l_t), odd(coeffs, u_t), odd(coeffs, q_t)
    target = 2 - pl if pattern == "2 - l" else 1 / pl
    return sp.And(lt(sp.Abs(pu - target), TINY), lt(sp.Abs(pq - pu), TINY))


claim(
    "polar.interval-update",
    sp.And(*[update_holds(st) for st in UPDATES[:6]]),
    latex=r"\ell_{t+1} = p_t(\ell_t), \qquad u_{t+1} = \max_{[\ell_t, u_t]} p_t = p_t(x_1) = "
    r"p_t(u_t) = 2 - \ell_{t+1}",
    wrong={"u' = 1 / l'": sp.And(*[update_holds(st, "1/l") for st in UPDATES[:1]])},
    uses=["polar.quintic-equioscillation", "polar.interval"],
    source=POLAR,
    note="Checked exactly on the six recentred steps of the schedule (l = 1e-3). Recentring "
    "p <- 2p / (p(l) + p(u)) keeps the interval symmetric about 1 when the cushion fitted p on a "
    "shorter interval; without a cushion it is the identity (p(l) + p(u) = 1 - E + 1 + E = 2).",
)

# ------------------------------------------------------------------ the limit and the bound

p_inf = odd((sp.Rational(15, 8), sp.Rational(-5, 4), sp.Rational(3, 8)), x)
sol = sp.solve(
    [
        odd((a, b, c), x).subs(x, 1) - 1,
        sp.diff(odd((a, b, c), x), x).subs(x, 1),
        sp.diff(odd((a, b, c), x), x, 2).subs(x, 1),
    ],
    [a, b, c],
    dict=True,
)[0]
claim(
    "polar.limit-quintic",
    eq(
        sp.Matrix([sol[a], sol[b], sol[c]]),
        sp.Matrix([sp.Rational(15, 8), sp.Rational(-5, 4), sp.Rational(3, 8)]),
    ),
    latex=r"p(1) = 1,\ p'(1) = p''(1) = 0 \implies (a, b, c) = "
    r"\left(\tfrac{15}{8}, -\tfrac54, \tfrac38\right) = (1.875, -1.25, 0.375)",
    wrong={
        "the Newton-Schulz cubic's (3/2, -1/2, 0)": eq(
            sp.Matrix([sol[a], sol[b], sol[c]]),
            sp.Matrix([sp.Rational(3, 2), sp.Rational(-1, 2), 0]),
        )
    },
    uses=["polar.minimax"],
    source=POLAR,
    note="The last published coefficients, (1.875, -1.25, 0.375): as l_t -> u_t the minimax "
    "quintic on a shrinking interval around 1 tends to the one with the highest contact at 1.",
)

claim(
    "polar.limit-factor",
    eq(1 - p_inf, (1 - x) ** 3 * (3 * x**2 + 9 * x + 8) / 8),
    latex=r"1 - \tfrac{15}{8}x + \tfrac54 x^3 - \tfrac38 x^5 = "
    r"\tfrac18 (1 - x)^3 (3x^2 + 9x + 8)",
    wrong={"(1 - x)^2": eq(1 - p_inf, (1 - x) ** 2 * (3 * x**2 + 9 * x + 8) / 8)},
    uses=["polar.limit-quintic"],
)

claim(
    "polar.near-one",
    eq(1 - p_inf.subs(x, 1 + e), -(e**3) * (3 * e**2 + 15 * e + 20) / 8),
    latex=r"1 - p_\infty(1 + \varepsilon) = -\tfrac18\, \varepsilon^3 "
    r"(3\varepsilon^2 + 15\varepsilon + 20)",
    wrong={"+15e -> -15e": eq(1 - p_inf.subs(x, 1 + e), -(e**3) * (3 * e**2 - 15 * e + 20) / 8)},
    uses=["polar.limit-factor"],
)

ERRS = [rat(v) for v in CHAIN_ERRS]


def cubic_bound(err: sp.Expr, power: int = 3) -> sp.Expr:
    """``E^3 (3E^2 + 15E + 20) / 8``: the error of p_inf on [1 - E, 1 + E]."""
    return err**power * (3 * err**2 + 15 * err + 20) / 8


def bound_holds(power: int = 3) -> sp.Basic:
    """``E_{t+1} <= bound(E_t)`` for consecutive pure-minimax steps with ``E_t <= 1/2``."""
    rels = []
    for prev, nxt in itertools.pairwise(ERRS):
        if prev <= sp.Rational(1, 2):
            rels.append(le(nxt, cubic_bound(prev, power)))
    return sp.And(*rels)


claim(
    "polar.greedy-bound",
    bound_holds(3),
    latex=r"E_{t+1} \le \max_{|\varepsilon| \le E_t} \lvert 1 - p_\infty(1 + \varepsilon) \rvert "
    r"= \tfrac18 E_t^3 (3E_t^2 + 15E_t + 20)",
    wrong={"E^4 in place of E^3": bound_holds(4)},
    uses=["polar.near-one", "polar.interval-update", "polar.minimax"],
    note="Why it holds: on [1 - E_t, 1 + E_t] the minimax p_{t+1} is at least as good as any "
    "other odd quintic, p_inf included, and by polar.near-one the error of p_inf there is "
    "largest at 1 + E_t. Checked exactly on the 50-digit errors of the schedule's steps with "
    "E_t <= 1/2 (where the bound is below E_t).",
)

# ------------------------------------------------------------------ safety factor

sf = sp.Symbol("s", positive=True)
claim(
    "polar.safety",
    eq(odd((a, b, c), x / sf), odd((a / sf, b / sf**3, c / sf**5), x)),
    latex=r"p(x / s) = \frac{a}{s} x + \frac{b}{s^3} x^3 + \frac{c}{s^5} x^5, "
    r"\qquad s = 1.01",
    wrong={
        "every coefficient divided by s": eq(
            odd((a, b, c), x / sf), odd((a / sf, b / sf, c / sf), x)
        )
    },
    uses=["polar.minimax"],
    source=POLAR,
)

P1 = tuple(sp.Rational(repr(v)) for v in PUBLISHED_POLAR_EXPRESS[0])
claim(
    "polar.first-step-steep",
    sp.And(gt(sp.diff(odd(P1, x), x).subs(x, 1), 24), lt(sp.diff(odd(P1, x), x).subs(x, 1), 25)),
    latex=r"p_1'(1) = a_1 + 3 b_1 + 5 c_1 \in (24, 25) \quad (a_1, b_1, c_1) = "
    r"(8.2872\ldots, -23.5958\ldots, 17.3003\ldots)",
    wrong={"flat at u": lt(sp.diff(odd(P1, x), x).subs(x, 1), 1)},
    uses=["polar.interval-update"],
    source=POLAR,
    note="Exact on the published decimals: a singular value that round-off puts at 1 + delta "
    "instead of 1 leaves the first step about 24 delta too high.",
)

# ------------------------------------------------------------------ six-step schedule

SIX = [tuple(sp.Rational(round(v * 1024), 1024) for v in trip) for trip in SIX_STEP]
claim(
    "polar.six-step-ends",
    sp.And(
        eq(odd(SIX[5], sp.Integer(1)), sp.Rational(1021, 1024)),
        eq(odd(SIX[4], sp.Integer(1)), sp.Rational(810, 1024)),
    ),
    latex=r"p_6(1) = \tfrac{2172 - 1833 + 682}{1024} = \tfrac{1021}{1024}, \qquad "
    r"p_5(1) = \tfrac{810}{1024}",
    wrong={"p_6(1) = 1": eq(odd(SIX[5], sp.Integer(1)), 1)},
    source=SU,
)
