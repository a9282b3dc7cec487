"""Claims of ``docs/posts/mathematics/matrix/polar-express.md``.

Polar Express: each step applies the odd polynomial that is best in the minimax sense on the
interval where the singular values currently lie; the interval then shrinks to ``[l', 2 - l']``.
The cubic case is solved in closed form with symbolic ``l, u``. For the quintic there is no
closed form: the equioscillation conditions are checked exactly, in rational arithmetic, on the
coefficients that our own Remez solver (``snippets.matrix.remez``) computes at 50 digits, for every
step of the published schedule (l = 1e-3, u = 1). Chebyshev's alternation theorem, which turns
these conditions into optimality, is cited.
"""

from __future__ import annotations

import mpmath
import sympy as sp

from derivations import GENERAL, Instance, cited, claim, definition
from derivations.helpers import eq, ge, gt, le, lt, ne
from snippets.matrix.msign import SIX_STEP
from snippets.matrix.remez import CUSHION, PUBLISHED_POLAR_EXPRESS, minimax_odd_quintic

POLAR = (
    "Amsel, Persson, Musco, Gower, 'The Polar Express: Optimal Matrix Sign Methods and Their "
    "Application to the Muon Algorithm', https://arxiv.org/abs/2505.16932"
)
CHEN_CHOW = (
    "Chen, Chow, 'A stable scaling of Newton-Schulz for improving the sign function computation "
    "of a Hermitian matrix' (2014)"
)
SU = "Jianlin Su, 'msign's better iteration', https://kexue.fm/archives/10996"
CHEBYSHEV = (
    "Chebyshev's alternation theorem for a Haar space: E. W. Cheney, 'Introduction to "
    "Approximation Theory', McGraw-Hill 1966, ch. 3, section 4; L. N. Trefethen, 'Approximation "
    "Theory and Approximation Practice', SIAM 2013, Theorem 10.1 (the polynomial case)"
)
#: Why the quintic claims are instances: they are about the numbers our solver computed.
SCHEDULE = (
    "the fits of the l = 1e-3 schedule computed by snippets.matrix.remez at 50 digits, "
    "converted to exact rationals"
)

x = sp.Symbol("x", real=True)
e = sp.Symbol("varepsilon", real=True)
tau = sp.Symbol("tau", positive=True)
delta = sp.Symbol("delta", positive=True)
lo, hi, s = sp.symbols("ell u s", positive=True)
a, b, c = sp.symbols("a b c", real=True)
TINY = sp.Rational(1, 10**30)


def odd(coeffs: tuple, t: sp.Expr) -> sp.Expr:
    """``sum_k coeffs[k] t^(2k+1)``."""
    return sum(coef * t ** (2 * k + 1) for k, coef in enumerate(coeffs))


def odd_unexpanded(coeffs: tuple, t: sp.Expr) -> sp.Expr:
    """``odd(coeffs, t)`` with its powers left as written: ``(x/s)^3``, not ``x^3/s^3``."""
    return sp.Add(
        *(coef * sp.Pow(t, 2 * k + 1, evaluate=False) for k, coef in enumerate(coeffs)),
        evaluate=False,
    )


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
cited(
    "polar.equioscillation",
    r"p \text{ is minimax in } \operatorname{span}\{x, x^3, \dots, x^{2k-1}\} "
    r"\text{ on } [\ell, u] \iff 1 - p(x_i) = \pm (-1)^i E \text{ at } "
    r"\ell \le x_0 < x_1 < \dots < x_k \le u, \quad E = \max_{[\ell, u]} \lvert 1 - p \rvert",
    source=CHEBYSHEV,
    uses=["polar.minimax"],
    note="The odd monomials x, x^3, ..., x^(2k-1) form a Haar space on [l, u] for 0 < l (by "
    "Descartes' rule of signs a nonzero combination has at most k - 1 positive roots), so the "
    "best approximation of 1 is unique and characterised by k + 1 alternation points. The "
    "theorem does not by itself put x_0 and x_k at the ends of the interval; for the odd "
    "quintics here that follows because p' is a quadratic in x^2 (two interior extrema at most).",
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
s2_ordered = s2.subs(hi, lo + delta)  # s^2 with u = l + delta, delta > 0
claim(
    "polar.cubic-minimax",
    sp.And(
        eq(sp.Subs(sp.Derivative(p_cubic, x), x, s_c), 0),
        eq(1 - sp.Subs(p_cubic, x, lo), E_c),
        eq(1 - sp.Subs(p_cubic, x, s_c), -E_c),
        eq(1 - sp.Subs(p_cubic, x, hi), E_c),
        lt(lo**2, s2_ordered),
        lt(s2_ordered, (lo + delta) ** 2),
    ),
    scope=GENERAL,
    latex=r"p(x) = \frac{2}{1 + q(\ell)}\, q(x),\quad q(x) = \frac{3 s^2 x - x^3}{2 s^3},\quad "
    r"s^2 = \frac{\ell^2 + \ell u + u^2}{3}: \quad 1 - p = E,\, -E,\, E "
    r"\text{ at } \ell < s < u, \quad p'(s) = 0",
    compare="a definition list followed by conditions at named points",
    wrong={
        "peak at the mean square, s^2 = (l^2 + u^2)/2": eq(
            (1 - q_ns(hi, sp.sqrt((lo**2 + hi**2) / 2))),
            (1 - q_ns(lo, sp.sqrt((lo**2 + hi**2) / 2))),
        ),
        "unscaled Newton-Schulz peak, error sign at u flipped": eq(1 - p_cubic.subs(x, hi), -E_c),
    },
    uses=["polar.minimax", "polar.equioscillation"],
    source=CHEN_CHOW,
    note="Symbolic in l and u; the order l < s < u is proved with u = l + delta, delta > 0. "
    "For the cubic, 2 + 1 = 3 alternation points suffice.",
)

claim(
    "polar.cubic-bound",
    sp.And(
        eq(p_cubic - (1 - E_c), k_c * (x - lo) * (hi - x) * (x + lo + hi) / (2 * s_c**3)),
        eq((1 + E_c) - p_cubic, k_c * (x - s_c) ** 2 * (x + 2 * s_c) / (2 * s_c**3)),
        gt(q_ns(lo, s_c), 0),
    ),
    scope=GENERAL,
    latex=r"p(x) - (1 - E) = \frac{k}{2 s^3} (x - \ell)(u - x)(x + \ell + u), \quad "
    r"(1 + E) - p(x) = \frac{k}{2 s^3} (x - s)^2 (x + 2s), \quad k = \frac{2}{1 + q(\ell)}, "
    r"\ q(\ell) > 0",
    compare="k, s and E name expressions of the statement",
    wrong={
        "(x - l)(x - u) without the sign flip": eq(
            p_cubic - (1 - E_c), k_c * (x - lo) * (x - hi) * (x + lo + hi) / (2 * s_c**3)
        ),
        "a simple root at the peak": eq(
            (1 + E_c) - p_cubic, k_c * (x - s_c) * (x + 2 * s_c) / (2 * s_c**2)
        ),
    },
    uses=["polar.cubic-minimax"],
    note="Symbolic in l, u and x. Since q(l) > 0, k > 0; then both right "
    "sides are >= 0 on [l, u], so |1 - p| <= E there, and E > 0 (the second identity at x = l, "
    "with l < s, gives 2E > 0).",
)

at_one = sp.Subs(p_cubic, (lo, hi), (1, 1))  # unevaluated: the check substitutes
claim(
    "polar.cubic-newton-schulz",
    eq(at_one, sp.Rational(3, 2) * x - sp.Rational(1, 2) * x**3),
    scope=GENERAL,
    latex=r"\ell = u = 1:\quad p(x) = \tfrac32 x - \tfrac12 x^3",
    compare="a substitution into the named polynomial p",
    wrong={"3x - x^3": eq(at_one, 3 * x - x**3)},
    uses=["polar.cubic-minimax"],
)

lp = sp.Symbol("ell", positive=True)  # l' in the display
claim(
    "polar.cubic-next-peak",
    eq(((lp**2 + lp * (2 - lp) + (2 - lp) ** 2) / 3), (lp**2 - 2 * lp + 4) / 3),
    scope=GENERAL,
    latex=r"\frac{\ell'^2 + \ell' (2 - \ell') + (2 - \ell')^2}{3} = \frac{\ell'^2 - 2\ell' + 4}{3}",
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
FITS, INTERVALS, UPDATES, CHAIN_ERRS = [], [], [], []
with mpmath.workdps(50):
    _lo, _hi = mpmath.mpf("1e-3"), mpmath.mpf(1)
    for _ in range(N_STEPS):
        fit = minimax_odd_quintic(max(_lo, CUSHION * _hi), _hi, dps=50)
        k = 2 / (fit(_lo) + fit(_hi))
        FITS.append(fit)
        INTERVALS.append((max(_lo, CUSHION * _hi), _hi, _lo < CUSHION * _hi))
        UPDATES.append(((fit.a * k, fit.b * k, fit.c * k), _lo, _hi, fit.points[1]))
        _lo = k * fit(_lo)
        _hi = 2 - _lo
        CHAIN_ERRS.append(1 - _lo)


def equioscillates(fit, interval, signs=(1, -1, 1, -1)) -> sp.Basic:
    """Exact check: ``1 - p(x_i) = sign_i E``, ``p'(x_1) = p'(x_2) = 0``, ends at the interval.

    Equalities hold to 1e-30; the points are increasing, ``x_0`` is the fit interval's left end
    ``max(l_t, kappa u_t)`` and ``x_3`` its right end ``u_t``.
    """
    coeffs = (rat(fit.a), rat(fit.b), rat(fit.c))
    err = rat(fit.error)
    pts = [rat(t) for t in fit.points]
    rels = [lt(sp.Abs(1 - odd(coeffs, t) - sg * err), TINY) for t, sg in zip(pts, signs)]
    dp = sp.diff(odd(coeffs, x), x)
    rels += [lt(sp.Abs(dp.subs(x, t)), TINY) for t in pts[1:3]]
    rels += [lt(pts[i], pts[i + 1]) for i in range(3)]
    rels += [
        lt(sp.Abs(pts[0] - rat(interval[0])), TINY),
        lt(sp.Abs(pts[3] - rat(interval[1])), TINY),
    ]
    return sp.And(*rels)


claim(
    "polar.quintic-equioscillation",
    sp.And(*[equioscillates(f, iv) for f, iv in zip(FITS[:6], INTERVALS)]),
    scope=Instance(
        f"{SCHEDULE.replace('the fits', 'the first six fits')}; equalities to 1e-30",
    ),
    latex=r"t = 1, \dots, 6:\quad 1 - \hat p_t(x_i) = (-1)^i \hat E_t \ "
    r"(|\text{err}| < 10^{-30}), \quad \hat p_t'(x_1) = \hat p_t'(x_2) = 0, \quad "
    r"\max(\ell_t, \kappa u_t) = x_0 < x_1 < x_2 < x_3 = u_t",
    compare="conditions on six computed polynomials",
    wrong={
        "no alternation: 1 - p = E at all four points": equioscillates(
            FITS[0], INTERVALS[0], (1, 1, 1, 1)
        ),
        "sign pattern starting with -E at l": equioscillates(FITS[0], INTERVALS[0], (-1, 1, -1, 1)),
        "fitted on [l_t, u_t], the cushion ignored": equioscillates(
            FITS[0], (mpmath.mpf("1e-3"), 1)
        ),
    },
    uses=["polar.equioscillation", "polar.minimax"],
    source=POLAR,
    note="Coefficients, E and the points come from snippets.matrix.remez.minimax_odd_quintic "
    "(Remez exchange, 50 digits), converted to exact rationals; the relations are then decided in "
    "exact rational arithmetic. Fit intervals are those of the greedy schedule for l = 1e-3 "
    "(the first three with the cushion, [max(l, 0.0241 u), u]). Since p' is a quadratic in "
    "x^2, x_1 and x_2 are its only positive critical points, so E = max |1 - p| on the fit "
    "interval, as polar.equioscillation requires.",
)


def update_holds(step: tuple, fit, pattern: str = "2 - l") -> sp.Basic:
    """For one recentred step: ``p(u) = 2 - p(l)``, ``p(x_1) = p(u)``, ``p(l) <= p(x_2)``."""
    coeffs, l_t, u_t, q_t = (tuple(rat(v) for v in step[0]), *(rat(v) for v in step[1:]))
    pl, pu, pq = odd(coeffs, l_t), odd(coeffs, u_t), odd(coeffs, q_t)
    dip = odd(coeffs, rat(fit.points[2]))
    target = 2 - pl if pattern == "2 - l" else 1 / pl
    return sp.And(
        lt(sp.Abs(pu - target), TINY),
        lt(sp.Abs(pq - pu), TINY),
        lt(pl - dip, TINY),
        gt(coeffs[0], 0),
    )


claim(
    "polar.interval-update",
    sp.And(*[update_holds(st, f) for st, f in zip(UPDATES[:6], FITS)]),
    scope=Instance(
        f"{SCHEDULE.replace('the fits', 'the first six recentred steps')}; equalities to 1e-30",
        "p_t rises on [0, x_1] (a_t > 0), falls on [x_1, x_2] and rises again, so its extremes on "
        "[l_t, u_t] are among l_t, x_1, x_2, u_t; without the cushion equioscillation gives "
        "1 - p(l) = E = p(u) - 1, so p(l) + p(u) = 2 for every step, and with it the "
        "recentring imposes this",
    ),
    latex=r"\ell_{t+1} = p_t(\ell_t) = \min_{[\ell_t, u_t]} p_t, \qquad "
    r"u_{t+1} = \max_{[\ell_t, u_t]} p_t = p_t(x_1) = p_t(u_t) = 2 - \ell_{t+1}",
    compare="extremes of computed polynomials over intervals",
    wrong={
        "u' = 1 / l'": update_holds(UPDATES[0], FITS[0], "1/l"),
        "the dip x_2 is the lowest value of step 1": lt(
            odd(tuple(rat(v) for v in UPDATES[0][0]), rat(FITS[0].points[2])),
            odd(tuple(rat(v) for v in UPDATES[0][0]), rat(UPDATES[0][1])),
        ),
    },
    uses=["polar.quintic-equioscillation", "polar.interval"],
    source=POLAR,
    note="Checked exactly on the six recentred steps of the schedule (l = 1e-3): p(u) = 2 - p(l) "
    "and p(x_1) = p(u) to 1e-30, p(l) <= p(x_2) + 1e-30, a_t > 0. Recentring "
    "p <- 2p / (p(l) + p(u)) keeps the interval symmetric about 1 when the cushion fitted p on a "
    "shorter interval; without a cushion it is the identity (p(l) + p(u) = 1 - E + 1 + E = 2).",
)

# ------------------------------------------------------------------ the limit and the bound

LIMIT = (sp.Rational(15, 8), sp.Rational(-5, 4), sp.Rational(3, 8))
p_inf = odd(LIMIT, x)


def contact_conditions(coeffs: tuple) -> list:
    """``p(1) = 1``, ``p'(1) = 0``, ``p''(1) = 0`` for ``p = odd(coeffs)``, left unevaluated."""
    poly = odd(coeffs, x)
    return [
        eq(sp.Subs(poly, x, 1), 1),
        eq(sp.Subs(sp.Derivative(poly, x), x, 1), 0),
        eq(sp.Subs(sp.Derivative(poly, x, 2), x, 1), 0),
    ]


# The three conditions are linear in (a, b, c): a + b + c = 1, a + 3b + 5c = 0, 6b + 20c = 0.
CONTACT_SYSTEM = sp.ImmutableMatrix([[1, 1, 1], [1, 3, 5], [0, 6, 20]])
claim(
    "polar.limit-quintic",
    sp.And(*contact_conditions(LIMIT), ne(sp.Determinant(CONTACT_SYSTEM), 0)),
    scope=GENERAL,
    latex=r"p(1) = 1,\ p'(1) = p''(1) = 0 \iff (a, b, c) = "
    r"\left(\tfrac{15}{8}, -\tfrac54, \tfrac38\right) = (1.875, -1.25, 0.375)",
    compare="conditions on the derivatives of the named polynomial p",
    wrong={
        "the Newton-Schulz cubic's (3/2, -1/2, 0)": sp.And(
            *contact_conditions((sp.Rational(3, 2), sp.Rational(-1, 2), 0))
        ),
        "(15/8, -5/4, 5/8)": sp.And(
            *contact_conditions((sp.Rational(15, 8), sp.Rational(-5, 4), sp.Rational(5, 8)))
        ),
    },
    uses=["polar.minimax"],
    source=POLAR,
    note="The triple satisfies the three conditions, and they are a linear system in (a, b, c) "
    "with determinant 16, so it is the only one. The last published coefficients are this "
    "triple to every printed digit (table above).",
)

claim(
    "polar.limit-factor",
    eq(1 - p_inf, (1 - x) ** 3 * (3 * x**2 + 9 * x + 8) / 8),
    scope=GENERAL,
    latex=r"1 - \tfrac{15}{8}x + \tfrac{5}{4} x^3 - \tfrac{3}{8} x^5 = "
    r"\tfrac{1}{8} (1 - x)^3 (3x^2 + 9x + 8)",
    wrong={
        "(1 - x)^2": eq(1 - p_inf, (1 - x) ** 2 * (3 * x**2 + 9 * x + 8) / 8),
        "9x -> -9x": eq(1 - p_inf, (1 - x) ** 3 * (3 * x**2 - 9 * x + 8) / 8),
    },
    uses=["polar.limit-quintic"],
)

claim(
    "polar.near-one",
    sp.And(
        eq(1 - p_inf.subs(x, 1 + e), -(e**3) * (3 * e**2 + 15 * e + 20) / 8),
        eq(1 - p_inf.subs(x, 1 - e), e**3 * (3 * e**2 - 15 * e + 20) / 8),
    ),
    scope=GENERAL,
    latex=r"1 - p_\infty(1 \pm \varepsilon) = \mp\tfrac18\, \varepsilon^3 "
    r"(3\varepsilon^2 \pm 15\varepsilon + 20)",
    compare="the display writes both signs at once",
    wrong={
        "+15e -> -15e": eq(1 - p_inf.subs(x, 1 + e), -(e**3) * (3 * e**2 - 15 * e + 20) / 8),
        "even in e": eq(1 - p_inf.subs(x, 1 - e), -(e**3) * (3 * e**2 + 15 * e + 20) / 8),
    },
    uses=["polar.limit-factor"],
)

# On |e| <= E: with tau = |e|, g(tau) = -(1 - p_inf(1 + tau)) grows with tau, and
# h(tau) = 1 - p_inf(1 - tau) satisfies -g <= h <= g, so the maximum of |1 - p_inf| is g(E).
g_tau = tau**3 * (3 * tau**2 + 15 * tau + 20) / 8
h_tau = tau**3 * (3 * tau**2 - 15 * tau + 20) / 8
claim(
    "polar.near-one-max",
    sp.And(
        ge(sp.diff(g_tau, tau), 0),
        le(h_tau, g_tau),
        ge(h_tau, -g_tau),
    ),
    scope=GENERAL,
    latex=r"\max_{|\varepsilon| \le E} \lvert 1 - p_\infty(1 + \varepsilon) \rvert = "
    r"\lvert 1 - p_\infty(1 + E) \rvert = \tfrac18 E^3 (3E^2 + 15E + 20)",
    compare="a maximum over an interval",
    wrong={
        "the maximum is on the side below 1": ge(h_tau, g_tau),
        "the error shrinks as |e| grows": le(sp.diff(g_tau, tau), 0),
    },
    uses=["polar.near-one"],
    note="With tau = |e| > 0: g(tau) = tau^3 (3 tau^2 + 15 tau + 20) / 8 = |1 - p_inf(1 + tau)| "
    "has g' >= 0, and h(tau) = 1 - p_inf(1 - tau) satisfies -g <= h <= g; so on |e| <= E the "
    "largest error is g(E), at e = E.",
)

ERRS = [rat(v) for v in CHAIN_ERRS]


def cubic_bound(err: sp.Expr, power: int = 3) -> sp.Expr:
    """``E^3 (3E^2 + 15E + 20) / 8``: the error of p_inf on [1 - E, 1 + E]."""
    return err**power * (3 * err**2 + 15 * err + 20) / 8


# Steps t -> t + 1 whose fit interval is [1 - E_t, 1 + E_t] (no cushion at step t + 1).
PLAIN_PAIRS = [(ERRS[t - 1], ERRS[t]) for t in range(1, len(ERRS)) if not INTERVALS[t][2]]


def bound_holds(power: int = 3) -> sp.Basic:
    """``E_{t+1} <= bound(E_t)`` for every step of the schedule fitted without the cushion."""
    return sp.And(*[le(nxt, cubic_bound(prev, power)) for prev, nxt in PLAIN_PAIRS])


claim(
    "polar.greedy-bound",
    bound_holds(3),
    scope=Instance(
        f"the {len(PLAIN_PAIRS)} steps t -> t + 1 of the l = 1e-3 schedule fitted without the "
        "cushion, on the solver's 50-digit errors",
        "for any such step the fit interval is [1 - E_t, 1 + E_t], where p_inf is one of the odd "
        "quintics the minimax p_{t+1} competes with, so E_{t+1} <= max |1 - p_inf| there",
    ),
    latex=r"E_{t+1} \le \tfrac18 E_t^3 (3E_t^2 + 15E_t + 20)",
    compare="E_t names the schedule's errors",
    wrong={"E^4 in place of E^3": bound_holds(4)},
    uses=["polar.near-one-max", "polar.interval-update", "polar.minimax"],
    note="Checked exactly on the 50-digit errors E_t = 1 - l_{t+1} of the schedule's steps "
    "without the cushion. Once E_t < 1/2 the bound is below E_t, and the error is at least "
    "cubed at every step.",
)

# ------------------------------------------------------------------ safety factor

sf = sp.Symbol("s", positive=True)
claim(
    "polar.safety",
    eq(odd_unexpanded((a, b, c), x / sf), odd((a / sf, b / sf**3, c / sf**5), x)),
    scope=GENERAL,
    latex=r"a\, \frac{x}{s} + b \left(\frac{x}{s}\right)^3 + c \left(\frac{x}{s}\right)^5 = "
    r"\frac{a}{s} x + \frac{b}{s^3} x^3 + \frac{c}{s^5} x^5",
    wrong={
        "every coefficient divided by s": eq(
            odd_unexpanded((a, b, c), x / sf), odd((a / sf, b / sf, c / sf), x)
        ),
        "powers s, s^2, s^3": eq(
            odd_unexpanded((a, b, c), x / sf), odd((a / sf, b / sf**2, c / sf**3), x)
        ),
    },
    uses=["polar.minimax"],
    source=POLAR,
)

P1 = tuple(sp.Rational(repr(v)) for v in PUBLISHED_POLAR_EXPRESS[0])
slope_at_one = sp.diff(odd(P1, x), x).subs(x, 1)
claim(
    "polar.first-step-steep",
    sp.And(gt(slope_at_one, 24), lt(slope_at_one, 25)),
    scope=GENERAL,
    latex=r"p_1'(1) = a_1 + 3 b_1 + 5 c_1 \in (24, 25) \quad (a_1, b_1, c_1) = "
    r"(8.2872\ldots, -23.5958\ldots, 17.3003\ldots)",
    compare="the published coefficients are named",
    wrong={"flat at u": lt(slope_at_one, 1), "slope above 25": gt(slope_at_one, 25)},
    uses=["polar.interval-update"],
    source=POLAR,
    note="Exact on the published decimals: a singular value that round-off puts at 1 + delta "
    "instead of 1 leaves the first step about 24 delta too high.",
)

# ------------------------------------------------------------------ six-step schedule

SIX = [tuple(sp.Rational(round(v * 1024), 1024) for v in trip) for trip in SIX_STEP]


def at_one(trip: tuple, numerators: tuple, value: sp.Rational) -> list:
    """``1024 a = n_a``, ... and ``a + b + c = value``, left unevaluated."""
    rels = [eq(sp.Mul(1024, v, evaluate=False), k) for v, k in zip(trip, numerators)]
    return [*rels, eq(sp.Add(*trip, evaluate=False), value)]


claim(
    "polar.six-step-ends",
    sp.And(
        *at_one(SIX[5], (2172, -1833, 682), sp.Rational(1021, 1024)),
        *at_one(SIX[4], (2677, -3029, 1162), sp.Rational(810, 1024)),
    ),
    scope=GENERAL,
    latex=r"p_6(1) = \tfrac{2172 - 1833 + 682}{1024} = \tfrac{1021}{1024}, \qquad "
    r"p_5(1) = \tfrac{2677 - 3029 + 1162}{1024} = \tfrac{810}{1024}",
    compare="p_5 and p_6 name the schedule's polynomials",
    wrong={
        "p_6(1) = 1": eq(sp.Add(*SIX[5], evaluate=False), 1),
        "p_5(1) = 1021/1024 like p_6": eq(sp.Add(*SIX[4], evaluate=False), sp.Rational(1021, 1024)),
    },
    source=SU,
    note=(
        "The coefficients are snippets.matrix.msign.SIX_STEP (multiples of 1/1024, as Su lists "
        "them)."
    ),
)
