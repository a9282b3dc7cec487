"""Claims of ``docs/posts/mathematics/lectures/latent-physics-euler.md``.

A latent "physics block": a latent trajectory z_t must obey the damped oscillator
z'' + g1 z' + g0 z = 0, integrated with one Euler step per frame from a finite-difference
velocity. The page collapses the two Euler updates into one formula (which needs the
semi-implicit order: the position is moved with the *new* velocity), rewrites it as a linear
two-step recurrence, finds where its roots lie inside the unit circle (Schur-Cohn / Jury
conditions, derived through the Cayley map), relates the discrete roots to the continuous ones,
computes which parameters the block learns from exact continuous data, and differentiates the
loss (squared prediction error plus the KL term of a diagonal Gaussian encoder) in g0 and g1.

The decay regions (euler.jury, euler.stability-region) are proved exactly: a root on the unit
circle forces one of a few lines in the coefficient plane (a polynomial identity), the spectral
radius is continuous, so both sides of the equivalence are constant on every face of the
arrangement of those lines, and they are compared at one exact rational point of every face.
Statements about sums over time steps are proved for three predictions with every latent a
symbol, and statements about a d-dimensional diagonal Gaussian for d = 3 (d = 2 for the KL
integral); each claim's scope says why the step carries over.
"""

from __future__ import annotations

from itertools import combinations, pairwise

import sympy as sp

from derivations import GENERAL, Instance, Wrong, claim, definition

PAPER = (
    "Castaneda Garcia, van Gemert, Brinks, Tomen, 'Learning Physics From Video: Unsupervised "
    "Physical Parameter Estimation for Continuous Dynamical Systems', CVPR 2025, "
    "https://arxiv.org/abs/2410.01376"
)
LECTURE = "Mathematics for large models, Lecture 17, section 3"
JURY = "E. I. Jury, 'Theory and Application of the z-Transform Method', Wiley, 1964"
VAE = (
    "Kingma, Welling, 'Auto-Encoding Variational Bayes', appendix B, "
    "https://arxiv.org/abs/1312.6114"
)

dt = sp.Symbol(r"\Delta t", positive=True)
g0, g1 = sp.symbols("g_0 g_1", real=True)
z_prev, z_now, z_next = sp.symbols("z_{t-1} z_t z_{t+1}", real=True)
x = sp.Symbol("x")
c0, c1 = sp.symbols("c_0 c_1", real=True)


def eq(lhs: sp.Basic, rhs: sp.Basic) -> sp.Eq:
    """``Eq`` left unevaluated, so the ledger shows the statement that is checked."""
    return sp.Eq(lhs, rhs, evaluate=False)


def velocity(z_t: sp.Expr, z_tm1: sp.Expr, step: sp.Expr) -> sp.Expr:
    """Backward difference ``(z_t - z_{t-1}) / dt``."""
    return (z_t - z_tm1) / step


def acceleration(z_t: sp.Expr, v_t: sp.Expr, a0: sp.Expr, a1: sp.Expr) -> sp.Expr:
    """The oscillator's ``z'' = -(g1 z' + g0 z)``."""
    return -(a1 * v_t + a0 * z_t)


def semi_implicit_step(z_t: sp.Expr, z_tm1: sp.Expr, a0, a1, step) -> sp.Expr:
    """Velocity first, then the position with the *new* velocity."""
    v = velocity(z_t, z_tm1, step)
    v_next = v + step * acceleration(z_t, v, a0, a1)
    return z_t + step * v_next


def rec_a(a0: sp.Expr, a1: sp.Expr, step: sp.Expr) -> sp.Expr:
    """Coefficient of ``z_t`` in the two-step recurrence."""
    return 2 - step * a1 - step**2 * a0


def rec_b(a0: sp.Expr, a1: sp.Expr, step: sp.Expr) -> sp.Expr:
    """Coefficient of ``z_{t-1}`` in the two-step recurrence."""
    return step * a1 - 1


def char_poly(var: sp.Expr, a0: sp.Expr, a1: sp.Expr, step: sp.Expr) -> sp.Expr:
    """``lambda^2 - a lambda - b``."""
    return var**2 - rec_a(a0, a1, step) * var - rec_b(a0, a1, step)


def decays(k1: sp.Expr, k0: sp.Expr) -> sp.Expr:
    """1 if both roots of ``lambda^2 + k1 lambda + k0`` lie strictly inside the unit circle, else 0.

    Taken from the two roots themselves: at exact rational coefficients sympy evaluates it
    exactly (the square root of a negative number is imaginary, and ``Abs`` is the modulus).
    """
    root = sp.sqrt(k1**2 - 4 * k0)
    return indicator(sp.Abs((-k1 + root) / 2) < 1) * indicator(sp.Abs((-k1 - root) / 2) < 1)


def indicator(condition: sp.Basic) -> sp.Piecewise:
    """1 where ``condition`` holds, else 0."""
    return sp.Piecewise((1, condition), (0, True))


def all_of(*conditions: sp.Basic) -> sp.Expr:
    """1 where every condition holds, else 0: a product of indicators."""
    return sp.Mul(*(indicator(c) for c in conditions))


Line = tuple[int, int, int]


def arrangement_points(lines: list[Line]) -> list[tuple[sp.Rational, sp.Rational]]:
    """One exact point on every face of an arrangement of lines ``a x + b y + k = 0``.

    Faces are the vertices (where two lines cross), the edges (the open pieces into which the
    vertices cut each line) and the cells (the open regions between the lines). Every vertex is
    returned; every edge gets the midpoint of two consecutive vertices on its line, or a point
    beyond the last one; every cell is met by a vertical line at an ``x`` strictly between two
    consecutive vertex abscissae (or beyond them), and gets the midpoint of two consecutive
    crossings of that vertical line (or a point beyond them).

    Examples:
        >>> len(arrangement_points([(1, 0, 0), (0, 1, 0)]))  # two axes: 1 + 4 + 4 faces
        9
    """
    rat = [tuple(sp.Rational(c) for c in line) for line in lines]
    vertices = set()
    for (a1, b1, k1), (a2, b2, k2) in combinations(rat, 2):
        det = a1 * b2 - a2 * b1
        if det != 0:
            vertices.add(((b1 * k2 - b2 * k1) / det, (a2 * k1 - a1 * k2) / det))
    points = set(vertices)
    for a, b, k in rat:
        on = sorted(
            (v for v in vertices if a * v[0] + b * v[1] + k == 0),
            key=lambda v: b * v[0] - a * v[1],
        )
        if not on:
            points.add((-k / a, sp.Integer(0)) if a != 0 else (sp.Integer(0), -k / b))
            continue
        points.add((on[0][0] - b, on[0][1] + a))
        points.add((on[-1][0] + b, on[-1][1] - a))
        points.update(((u[0] + v[0]) / 2, (u[1] + v[1]) / 2) for u, v in pairwise(on))

    def between(values: list[sp.Rational]) -> list[sp.Rational]:
        if not values:
            return [sp.Integer(0)]
        inner = [(u + v) / 2 for u, v in pairwise(values)]
        return [values[0] - 1, *inner, values[-1] + 1]

    breaks = sorted({v[0] for v in vertices} | {-k / a for a, b, k in rat if b == 0})
    for x0 in between(breaks):
        ys = sorted({-(a * x0 + k) / b for a, b, k in rat if b != 0})
        points.update((x0, y0) for y0 in between(ys))
    return sorted(points)


def at_point(expr: sp.Basic, point: dict) -> sp.Basic:
    """``expr`` with ``point`` substituted and left unevaluated (the prover evaluates it)."""
    with sp.evaluate(False):
        return expr.xreplace(point)


def faces_agree(lhs: sp.Basic, rhs: sp.Basic, points: list[dict]) -> list[sp.Eq]:
    """``lhs = rhs`` at each point, both sides substituted but not evaluated when built."""
    return [eq(at_point(lhs, point), at_point(rhs, point)) for point in points]


# ------------------------------------------------------------------ the physics block

definition(
    "euler.ode",
    r"\ddot z + g_1 \dot z + g_0 z = 0",
    expr=sp.Eq(sp.Symbol("z''") + g1 * sp.Symbol("z'") + g0 * sp.Symbol("z"), 0),
    note="The damped harmonic oscillator the latent must obey; g0 (stiffness) and g1 "
    "(damping) are the learned physical parameters.",
)

definition(
    "euler.finite-difference",
    r"z'_t = \frac{z_t - z_{t-1}}{\Delta t}, \qquad z''_t = -\left(g_1 z'_t + g_0 z_t\right)",
)

definition(
    "euler.semi-implicit",
    r"z'_{t+1} = z'_t + \Delta t\, z''_t, \qquad z_{t+1} = z_t + \Delta t\, z'_{t+1}",
    note="Semi-implicit (symplectic) Euler: the position update uses the new velocity.",
)

v_sym = sp.Symbol("z'_t", real=True)
v_next = v_sym + dt * acceleration(z_now, v_sym, g0, g1)
collapsed = z_now + dt * (v_sym - dt * (g1 * v_sym + g0 * z_now))
NOTATION = (
    "the display names z_{t+1}, z'_t and z''_t of the definitions, which the statement "
    "substitutes (the parser reads z'_t as z_t and Delta t as a product)"
)

claim(
    "euler.collapse",
    eq(z_now + dt * v_next, collapsed),
    scope=GENERAL,
    latex=r"z_{t+1} = z_t + \Delta t\, z'_{t+1} "
    r"= z_t + \Delta t\left(z'_t - \Delta t\,(g_1 z'_t + g_0 z_t)\right)",
    wrong={
        "explicit order: position moved with the old velocity z'_t": eq(
            z_now + dt * v_sym, collapsed
        ),
        "sign of z'' flipped": eq(z_now + dt * (v_sym + dt * (g1 * v_sym + g0 * z_now)), collapsed),
    },
    uses=["euler.finite-difference", "euler.semi-implicit"],
    source=f"{PAPER}; {LECTURE}",
    compare=NOTATION,
)

# The product dt * z'_t is kept unevaluated (sympy would cancel dt when building it).
explicit_step = z_now + dt * sp.UnevaluatedExpr(velocity(z_now, z_prev, dt))
claim(
    "euler.explicit-order",
    eq(explicit_step, 2 * z_now - z_prev),
    scope=GENERAL,
    latex=r"z_t + \Delta t\, z'_t = 2 z_t - z_{t-1}",
    wrong={
        "with a stiffness term": eq(explicit_step, 2 * z_now - z_prev - dt**2 * g0 * z_now),
        "velocity not divided by dt": eq(z_now + dt * (z_now - z_prev), 2 * z_now - z_prev),
    },
    uses=["euler.finite-difference"],
    note="With the explicit order the prediction is a linear extrapolation in which g0 and g1 "
    "do not appear: nothing could be learned.",
    compare=NOTATION,
)

# ------------------------------------------------------------------ two-step recurrence

definition(
    "euler.recurrence-coefficients",
    r"a = 2 - \Delta t\, g_1 - \Delta t^2 g_0, \qquad b = \Delta t\, g_1 - 1",
)

claim(
    "euler.recurrence",
    eq(
        semi_implicit_step(z_now, z_prev, g0, g1, dt),
        rec_a(g0, g1, dt) * z_now + rec_b(g0, g1, dt) * z_prev,
    ),
    scope=GENERAL,
    latex=r"z_{t+1} = \left(2 - \Delta t\, g_1 - \Delta t^2 g_0\right) z_t "
    r"+ \left(\Delta t\, g_1 - 1\right) z_{t-1} = a\, z_t + b\, z_{t-1}",
    wrong={
        "b with the wrong sign, 1 - dt g1": eq(
            semi_implicit_step(z_now, z_prev, g0, g1, dt),
            rec_a(g0, g1, dt) * z_now - rec_b(g0, g1, dt) * z_prev,
        ),
        "damping enters a with +": eq(
            semi_implicit_step(z_now, z_prev, g0, g1, dt),
            (2 + dt * g1 - dt**2 * g0) * z_now + rec_b(g0, g1, dt) * z_prev,
        ),
    },
    uses=["euler.collapse", "euler.finite-difference", "euler.recurrence-coefficients"],
    source=PAPER,
    compare="the left side z_{t+1} is the semi-implicit step of euler.semi-implicit, which the "
    "statement computes (the parser reads Delta t as a product)",
)

t_int = sp.Symbol("t", integer=True)
lam_nz = sp.Symbol("lambda", nonzero=True)
claim(
    "euler.char-poly",
    eq(
        lam_nz ** (t_int + 1)
        - rec_a(g0, g1, dt) * lam_nz**t_int
        - rec_b(g0, g1, dt) * lam_nz ** (t_int - 1),
        lam_nz ** (t_int - 1) * (lam_nz**2 - (2 - dt * g1 - dt**2 * g0) * lam_nz + 1 - dt * g1),
    ),
    scope=GENERAL,
    latex=r"z_t = \lambda^t:\quad \lambda^{t+1} - a\lambda^t - b\lambda^{t-1} "
    r"= \lambda^{t-1} P(\lambda), \qquad "
    r"P(\lambda) = \lambda^2 - \left(2 - \Delta t\, g_1 - \Delta t^2 g_0\right)\lambda "
    r"+ 1 - \Delta t\, g_1",
    wrong={
        "constant term 1 + dt g1": eq(
            lam_nz ** (t_int + 1)
            - rec_a(g0, g1, dt) * lam_nz**t_int
            - rec_b(g0, g1, dt) * lam_nz ** (t_int - 1),
            lam_nz ** (t_int - 1) * (lam_nz**2 - (2 - dt * g1 - dt**2 * g0) * lam_nz + 1 + dt * g1),
        ),
    },
    uses=["euler.recurrence"],
    compare="a, b and P are named in the display and substituted in the statement (the parser "
    "reads Delta t as a product and P as a symbol)",
)

p_sym = dt * g1
q_sym = dt**2 * g0
root_disc = (p_sym + q_sym) ** 2 - 4 * q_sym
lam_plus = 1 - (p_sym + q_sym) / 2 + sp.sqrt(root_disc) / 2
lam_minus = 1 - (p_sym + q_sym) / 2 - sp.sqrt(root_disc) / 2
claim(
    "euler.roots",
    sp.And(eq(char_poly(lam_plus, g0, g1, dt), 0), eq(char_poly(lam_minus, g0, g1, dt), 0)),
    scope=GENERAL,
    latex=r"P(\lambda_\pm) = 0 \quad\text{for}\quad \lambda_\pm = 1 - \frac{p + q}{2} "
    r"\pm \frac{1}{2}\sqrt{(p + q)^2 - 4q}, \qquad p = \Delta t\, g_1,\; q = \Delta t^2 g_0",
    wrong={
        "centre 1 + (p + q)/2": eq(
            char_poly(1 + (p_sym + q_sym) / 2 + sp.sqrt(root_disc) / 2, g0, g1, dt), 0
        ),
        "discriminant (p + q)^2 + 4q": eq(
            char_poly(
                1 - (p_sym + q_sym) / 2 + sp.sqrt((p_sym + q_sym) ** 2 + 4 * q_sym) / 2,
                g0,
                g1,
                dt,
            ),
            0,
        ),
    },
    uses=["euler.char-poly"],
    compare="P, lambda_pm, p and q are named in the display and substituted in the statement",
)

claim(
    "euler.vieta",
    sp.And(
        eq(lam_plus * lam_minus, 1 - dt * g1),
        eq(sp.Add(lam_plus, lam_minus, evaluate=False), 2 - dt * g1 - dt**2 * g0),
    ),
    scope=GENERAL,
    latex=r"\lambda_+ \lambda_- = 1 - \Delta t\, g_1, \qquad "
    r"\lambda_+ + \lambda_- = 2 - \Delta t\, g_1 - \Delta t^2 g_0",
    wrong={
        "product 1 + dt g1": eq(lam_plus * lam_minus, 1 + dt * g1),
        "sum 2 - dt g1 + dt^2 g0": eq(
            sp.Add(lam_plus, lam_minus, evaluate=False), 2 - dt * g1 + dt**2 * g0
        ),
    },
    uses=["euler.roots"],
    compare="lambda_pm are the roots of euler.roots, substituted in the statement",
)

claim(
    "euler.rate-form",
    eq(char_poly(1 + dt * x, g0, g1, dt), dt**2 * (x**2 + (g1 + dt * g0) * x + g0)),
    scope=GENERAL,
    latex=r"P(1 + \Delta t\, x) = \Delta t^2 \left(x^2 + (g_1 + \Delta t\, g_0)\, x + g_0\right)",
    wrong={
        "effective damping g1 - dt g0": eq(
            char_poly(1 + dt * x, g0, g1, dt), dt**2 * (x**2 + (g1 - dt * g0) * x + g0)
        ),
    },
    uses=["euler.char-poly"],
    note="So x = (lambda - 1)/dt is a root of the continuous characteristic polynomial "
    "x^2 + g1 x + g0 with the damping g1 replaced by g1 + dt g0.",
    compare="P is the polynomial of euler.char-poly, substituted in the statement",
)

# Local truncation error: Taylor polynomials of z(t +- dt) to order 4 in the recurrence's residual.
zd = sp.symbols("z z' z'' z''' z''''", real=True)


def taylor(h: sp.Expr) -> sp.Expr:
    """Taylor polynomial of ``z(t + h)`` to order 4 in ``h``."""
    return sum(zd[k] * h**k / sp.factorial(k) for k in range(5))


residual = taylor(dt) - rec_a(g0, g1, dt) * zd[0] - rec_b(g0, g1, dt) * taylor(-dt)


def coefficient(k: int) -> sp.Expr:
    """The coefficient of ``dt^k`` in the residual: its k-th derivative at dt = 0, over k!."""
    return sp.Subs(sp.Derivative(residual, (dt, k)), dt, 0) / sp.factorial(k)


ode_residual = zd[2] + g1 * zd[1] + g0 * zd[0]
claim(
    "euler.consistency",
    sp.And(
        eq(coefficient(0), 0),
        eq(coefficient(1), 0),
        eq(coefficient(2), ode_residual),
        eq(coefficient(3), -g1 / 2 * zd[2]),
    ),
    scope=GENERAL,
    latex=r"z(t + \Delta t) - a\, z(t) - b\, z(t - \Delta t) = \Delta t^2 \left(\ddot z + g_1 "
    r"\dot z + g_0 z\right) - \frac{g_1}{2} \Delta t^3\, \ddot z + O(\Delta t^4)",
    wrong={
        "third-order term +g1/2": eq(coefficient(3).doit(), g1 / 2 * zd[2]),
        "no third-order term": eq(coefficient(3).doit(), 0),
        "damping with the wrong sign in the dt^2 term": eq(
            coefficient(2).doit(), zd[2] - g1 * zd[1] + g0 * zd[0]
        ),
    },
    uses=["euler.recurrence", "euler.ode"],
    note="z(t + dt) and z(t - dt) are replaced by their Taylor polynomials of order 4, and the "
    "coefficients of dt^0 .. dt^3 of the residual are computed as derivatives at dt = 0. a and "
    "b are polynomials in dt, so these coefficients involve only derivatives up to the third: "
    "they are exact, and what is left is O(dt^4) for a four times differentiable z.",
    compare="O(dt^4) is checked as the agreement of the coefficients of dt^0 .. dt^3",
)

# ------------------------------------------------------------------ when does the latent decay

s = sp.Symbol("s")
cayley_lhs = (1 - s) ** 2 * (((1 + s) / (1 - s)) ** 2 + c1 * (1 + s) / (1 - s) + c0)
claim(
    "euler.cayley",
    eq(cayley_lhs, (1 - c1 + c0) * s**2 + 2 * (1 - c0) * s + (1 + c1 + c0)),
    scope=GENERAL,
    latex=r"(1 - s)^2\, Q\!\left(\frac{1 + s}{1 - s}\right) = Q(-1)\, s^2 + 2(1 - c_0)\, s "
    r"+ Q(1), \qquad Q(\lambda) = \lambda^2 + c_1 \lambda + c_0",
    wrong={
        "middle coefficient 2(1 + c0)": eq(
            cayley_lhs, (1 - c1 + c0) * s**2 + 2 * (1 + c0) * s + (1 + c1 + c0)
        ),
        "Q(1) and Q(-1) exchanged": eq(
            cayley_lhs, (1 + c1 + c0) * s**2 + 2 * (1 - c0) * s + (1 - c1 + c0)
        ),
    },
    compare="Q is a function the display defines; the statement has Q(1) and Q(-1) written out",
)

xr, yr = sp.symbols("x y", real=True)
lam_c = xr + sp.I * yr
claim(
    "euler.cayley-disk",
    eq(sp.re((lam_c - 1) / (lam_c + 1)), (xr**2 + yr**2 - 1) / ((xr + 1) ** 2 + yr**2)),
    scope=GENERAL,
    latex=r"\operatorname{Re} \frac{\lambda - 1}{\lambda + 1} "
    r"= \frac{|\lambda|^2 - 1}{|\lambda + 1|^2}",
    wrong={
        "sign flipped": eq(
            sp.re((lam_c - 1) / (lam_c + 1)), (1 - xr**2 - yr**2) / ((xr + 1) ** 2 + yr**2)
        ),
        "denominator |lambda - 1|^2": eq(
            sp.re((lam_c - 1) / (lam_c + 1)), (xr**2 + yr**2 - 1) / ((xr - 1) ** 2 + yr**2)
        ),
    },
    note="Proved with lambda = x + i y, x and y real symbols (lambda = -1 excluded).",
    compare="the statement writes lambda = x + i y; Re and the moduli are expanded in x and y",
)

# The decay region of a real monic quadratic Q = lambda^2 + c1 lambda + c0. Roots on the unit
# circle: for |lambda| = 1 the conjugate root is 1/lambda, so Q(lambda) = lambda^2 Q(1/lambda) = 0,
# and the identity below leaves c0 = 1 or lambda = +-1 (Q(1) = 0 or Q(-1) = 0). Off those lines no
# root crosses the circle, so the spectral radius (continuous in the coefficients) stays on one
# side of 1 on each face of their arrangement; |c0| < 1 adds the line c0 = -1.
lam_q = sp.Symbol("lambda", nonzero=True)


def quad(var: sp.Expr, k1: sp.Expr, k0: sp.Expr) -> sp.Expr:
    """``Q(var) = var^2 + k1 var + k0``."""
    return var**2 + k1 * var + k0


JURY_LINES: list[Line] = [(0, 1, -1), (0, 1, 1), (1, 1, 1), (-1, 1, 1)]  # a c1 + b c0 + k = 0
jury_points = [{c1: u, c0: v} for u, v in arrangement_points(JURY_LINES)]
decays_c = decays(c1, c0)
jury_abs = all_of(sp.Abs(c0) < 1, sp.Abs(c1) < 1 + c0)
jury_q = all_of(quad(1, c1, c0) > 0, quad(-1, c1, c0) > 0, c0 < 1)


def jury_wrong(condition: sp.Basic, extra: list[Line]) -> Wrong:
    """The wrong region equivalence, tried first at a point of every face of the joint lines."""
    at = [{c1: u, c0: v} for u, v in arrangement_points(JURY_LINES + extra)]
    return Wrong(eq(decays_c, condition), at=tuple(at))


claim(
    "euler.jury",
    sp.And(
        eq(
            quad(lam_q, c1, c0) - lam_q**2 * quad(1 / lam_q, c1, c0),
            (1 - c0) * (lam_q - 1) * (lam_q + 1),
        ),
        *faces_agree(decays_c, jury_abs, jury_points),
        *faces_agree(decays_c, jury_q, jury_points),
    ),
    scope=GENERAL,
    latex=r"\max |\lambda_\pm| < 1 \iff |c_0| < 1 \;\text{and}\; |c_1| < 1 + c_0 "
    r"\iff Q(1) > 0,\; Q(-1) > 0,\; c_0 < 1",
    wrong={
        "|c1| < 1 - c0": jury_wrong(
            all_of(sp.Abs(c0) < 1, sp.Abs(c1) < 1 - c0), [(1, 1, -1), (-1, 1, -1)]
        ),
        "only |c0| < 1 (product of roots)": jury_wrong(all_of(sp.Abs(c0) < 1), []),
        "c0 < 1 forgotten": jury_wrong(all_of(quad(1, c1, c0) > 0, quad(-1, c1, c0) > 0), []),
        "boundary Q(1) = 0 included": jury_wrong(
            all_of(quad(1, c1, c0) >= 0, quad(-1, c1, c0) > 0, c0 < 1), []
        ),
    },
    uses=["euler.cayley", "euler.cayley-disk"],
    source=JURY,
    note="Exact, for all real c0, c1. A root lambda on the unit circle has its conjugate 1/lambda "
    "as the other root, so Q(lambda) - lambda^2 Q(1/lambda) = 0, and the identity checked "
    "leaves c0 = 1 or lambda = +-1, i.e. Q(1) = 0 or Q(-1) = 0. The roots are continuous in "
    "(c1, c0), so off the lines c0 = 1, c0 = -1, Q(1) = 0, Q(-1) = 0 both indicators are "
    "constant on each open region between them; on the lines both are 0 (a root is +-1, or "
    "the product of the roots c0 is +-1, and one strict condition fails). They are compared "
    f"exactly at {len(jury_points)} rational points: every vertex, a point of every edge and "
    "of every region.",
    compare="a region equivalence (iff of conjunctions); it is checked face by face",
)

claim(
    "euler.jury-terms",
    sp.And(
        eq(char_poly(sp.UnevaluatedExpr(1), g0, g1, dt), dt**2 * g0),
        eq(char_poly(sp.UnevaluatedExpr(-1), g0, g1, dt), 4 - 2 * dt * g1 - dt**2 * g0),
        eq(sp.Add(1, rec_b(g0, g1, dt), evaluate=False), dt * g1),
    ),
    scope=GENERAL,
    latex=r"P(1) = \Delta t^2 g_0, \qquad P(-1) = 4 - 2\Delta t\, g_1 - \Delta t^2 g_0, "
    r"\qquad 1 - c_0 = \Delta t\, g_1",
    wrong={
        "P(-1) = 4 + 2 dt g1 - dt^2 g0": eq(
            char_poly(sp.Integer(-1), g0, g1, dt), 4 + 2 * dt * g1 - dt**2 * g0
        ),
        "P(1) = dt g1 + dt^2 g0": eq(char_poly(sp.Integer(1), g0, g1, dt), dt * g1 + dt**2 * g0),
    },
    uses=["euler.char-poly"],
    note="c0 = -b with b from euler.recurrence-coefficients.",
    compare="P and c0 are named in the display and substituted in the statement",
)

# The block's region. P has c1 = -a, c0 = -b, so for dt > 0 the lines of euler.jury become
# g1 = 0 (c0 = 1), g0 = 0 (P(1) = 0) and 2 dt g1 + dt^2 g0 = 4 (P(-1) = 0): in p = dt g1,
# q = dt^2 g0 the lines p = 0, q = 0, 2p + q = 4 (c0 = -1, i.e. p = 2, is not a boundary here).
# Each face is compared at (g1, g0) = (p/dt, q/dt^2) with dt symbolic: for every dt > 0 at once.
TRIANGLE_LINES: list[Line] = [(1, 0, 0), (0, 1, 0), (2, 1, -4)]  # a p + b q + k = 0
triangle_points = [{g1: u / dt, g0: v / dt**2} for u, v in arrangement_points(TRIANGLE_LINES)]
decays_g = decays(-rec_a(g0, g1, dt), -rec_b(g0, g1, dt))
triangle = all_of(g1 > 0, g0 > 0, 2 * dt * g1 + dt**2 * g0 < 4)
lam_p = sp.Symbol("lambda", nonzero=True)


def block_wrong(condition: sp.Basic, extra: list[Line]) -> Wrong:
    """The wrong region for the block, tried first at dt = 1 on every face of the joint lines."""
    at = [{dt: 1, g1: u, g0: v} for u, v in arrangement_points(TRIANGLE_LINES + extra)]
    return Wrong(eq(decays_g, condition), at=tuple(at))


claim(
    "euler.stability-region",
    sp.And(
        eq(
            char_poly(lam_p, g0, g1, dt) - lam_p**2 * char_poly(1 / lam_p, g0, g1, dt),
            dt * g1 * (lam_p - 1) * (lam_p + 1),
        ),
        *faces_agree(decays_g, triangle, triangle_points),
    ),
    scope=GENERAL,
    latex=r"|\lambda_\pm| < 1 \iff g_1 > 0,\; g_0 > 0,\; "
    r"2\,\Delta t\, g_1 + \Delta t^2 g_0 < 4",
    wrong={
        "the continuous criterion g0 > 0, g1 > 0 alone": block_wrong(all_of(g1 > 0, g0 > 0), []),
        "dt g1 + dt^2 g0 < 4": block_wrong(
            all_of(g1 > 0, g0 > 0, dt * g1 + dt**2 * g0 < 4), [(1, 1, -4)]
        ),
        "undamped g1 = 0 counted as decaying": block_wrong(
            all_of(g1 >= 0, g0 > 0, 2 * dt * g1 + dt**2 * g0 < 4), []
        ),
        "dt g1 < 2 (c0 > -1) in place of the last condition": block_wrong(
            all_of(g1 > 0, g0 > 0, dt * g1 < 2), [(1, 0, -2)]
        ),
    },
    uses=["euler.jury", "euler.jury-terms"],
    note="Exact, for every dt > 0 and all real g0, g1. The identity checked shows a root on the "
    "unit circle only where g1 = 0 or lambda = +-1, that is P(1) = dt^2 g0 = 0 or "
    "P(-1) = 4 - 2 dt g1 - dt^2 g0 = 0 (euler.jury-terms). For fixed dt these are three lines "
    "in the (g1, g0) plane, the images of p = 0, q = 0, 2p + q = 4 under g1 = p/dt, "
    "g0 = q/dt^2; both indicators are constant on each face of that arrangement and are "
    f"compared at the {len(triangle_points)} points (p/dt, q/dt^2), one or more per face, with "
    "dt symbolic.",
    compare="a region equivalence (iff of conjunctions); it is checked face by face",
)

g0p, g1p = sp.symbols("g_0 g_1", positive=True)
dt_max = 4 / (g1p + sp.sqrt(g1p**2 + 4 * g0p))
claim(
    "euler.max-step",
    sp.And(eq(2 * dt_max * g1p + dt_max**2 * g0p, 4), sp.Gt(dt_max, 0, evaluate=False)),
    scope=GENERAL,
    latex=r"\Delta t_{\max} = \frac{4}{g_1 + \sqrt{g_1^2 + 4 g_0}}:\qquad "
    r"2\,\Delta t_{\max}\, g_1 + \Delta t_{\max}^2\, g_0 = 4",
    wrong={
        "2 in the numerator": eq(2 * (dt_max / 2) * g1p + (dt_max / 2) ** 2 * g0p, 4),
        "g0 not multiplied by 4 under the root": eq(
            2 * (4 / (g1p + sp.sqrt(g1p**2 + g0p))) * g1p
            + (4 / (g1p + sp.sqrt(g1p**2 + g0p))) ** 2 * g0p,
            4,
        ),
    },
    uses=["euler.stability-region"],
    note="For g0, g1 > 0, dt_max is the positive root of g0 dt^2 + 2 g1 dt - 4, which increases "
    "in dt > 0: the latent decays exactly when dt < dt_max (euler.stability-region).",
    compare="Delta t_max is a name the display introduces (the parser cannot read it)",
)

# ------------------------------------------------------------------ what the block learns

w = sp.Symbol("omega", positive=True)
mu_p, mu_m = -g1p / 2 + sp.I * w, -g1p / 2 - sp.I * w
hat_g1 = (1 - sp.exp(-g1p * dt)) / dt
hat_g0 = (1 + sp.exp(-g1p * dt) - 2 * sp.exp(-g1p * dt / 2) * sp.cos(w * dt)) / dt**2
g0_of_w = w**2 + g1p**2 / 4


def euler_exp(exponent: sp.Expr) -> sp.Expr:
    """``e^exponent`` written by Euler's formula, ``e^(re) (cos(im) + i sin(im))``."""
    re_part, im_part = exponent.as_real_imag()
    return sp.exp(re_part) * (sp.cos(im_part) + sp.I * sp.sin(im_part))


definition(
    "euler.underdamped",
    r"\mu_\pm = -\frac{g_1}{2} \pm i\omega, \qquad g_0 = \omega^2 + \frac{g_1^2}{4}",
    note="Defines omega > 0 (underdamped: g0 > g1^2/4) and the pair mu_pm.",
)

claim(
    "euler.continuous-roots",
    sp.And(
        eq(mu_p**2 + g1p * mu_p + g0_of_w, 0),
        eq(mu_m**2 + g1p * mu_m + g0_of_w, 0),
    ),
    scope=GENERAL,
    latex=r"\mu_\pm^2 + g_1 \mu_\pm + g_0 = 0",
    wrong={
        "mu = -g1 +- i omega": eq((-g1p + sp.I * w) ** 2 + g1p * (-g1p + sp.I * w) + g0_of_w, 0),
    },
    uses=["euler.underdamped", "euler.ode"],
    note="e^{mu t} solves the oscillator exactly when mu^2 + g1 mu + g0 = 0.",
    compare="mu_pm and g0 are the definitions of euler.underdamped, substituted in the statement",
)

claim(
    "euler.learned-parameters",
    sp.And(
        eq(1 - dt * hat_g1, euler_exp(mu_p * dt) * euler_exp(mu_m * dt)),
        eq(2 - dt * hat_g1 - dt**2 * hat_g0, euler_exp(mu_p * dt) + euler_exp(mu_m * dt)),
    ),
    scope=GENERAL,
    latex=r"\hat g_1 = \frac{1 - e^{-g_1 \Delta t}}{\Delta t},\quad "
    r"\hat g_0 = \frac{1 + e^{-g_1\Delta t} - 2 e^{-g_1 \Delta t/2} \cos \omega\Delta t}"
    r"{\Delta t^2}:\quad 1 - \Delta t\, \hat g_1 = e^{\mu_+ \Delta t} e^{\mu_- \Delta t},\;\; "
    r"2 - \Delta t\, \hat g_1 - \Delta t^2 \hat g_0 = e^{\mu_+ \Delta t} + e^{\mu_- \Delta t}",
    wrong={
        "hat g1 with e^{+g1 dt}": eq(
            1 - dt * (1 - sp.exp(g1p * dt)) / dt, euler_exp(mu_p * dt) * euler_exp(mu_m * dt)
        ),
        "cos(omega dt / 2) in hat g0": eq(
            2
            - dt * hat_g1
            - (1 + sp.exp(-g1p * dt) - 2 * sp.exp(-g1p * dt / 2) * sp.cos(w * dt / 2)),
            euler_exp(mu_p * dt) + euler_exp(mu_m * dt),
        ),
    },
    uses=["euler.vieta", "euler.underdamped", "euler.continuous-roots"],
    note="With these parameters the recurrence has the roots e^{mu dt}, so every exact "
    "solution of the ODE, sampled every dt, satisfies it exactly: noise-free continuous data "
    "are fitted with zero error by (hat g0, hat g1), not by (g0, g1). The product and the sum "
    "fix hat g1 and then hat g0, so the pair is unique. Here g1 > 0 (the damped case).",
    compare="hat g, mu_pm are defined in the display; the statement substitutes them",
)


def first_order(expr: sp.Expr) -> sp.Expr:
    """The Taylor polynomial of ``expr`` of order 1 in dt (for the wrong variants)."""
    return sp.series(expr, dt, 0, 2).removeO()


bias_g1 = (hat_g1 - g1p * (1 - g1p * dt / 2)) / dt**2
bias_g0 = (hat_g0 - g0_of_w * (1 - g1p * dt / 2)) / dt**2
claim(
    "euler.learned-bias",
    sp.And(
        eq(sp.Limit(bias_g1, dt, 0), g1p**3 / 6),
        eq(sp.Limit(bias_g0, dt, 0), g0_of_w * (7 * g1p**2 - 4 * w**2) / 48),
    ),
    scope=GENERAL,
    latex=r"\hat g_1 = g_1\left(1 - \frac{g_1 \Delta t}{2}\right) + O(\Delta t^2), \qquad "
    r"\hat g_0 = g_0\left(1 - \frac{g_1 \Delta t}{2}\right) + O(\Delta t^2)",
    wrong={
        "bias + g1 dt / 2": eq(first_order(hat_g1), g1p * (1 + g1p * dt / 2)),
        "hat g0 bias - g0 g1 dt": eq(first_order(hat_g0), g0_of_w * (1 - g1p * dt)),
    },
    uses=["euler.learned-parameters"],
    note="O(dt^2) is checked as: the remainder divided by dt^2 has a finite limit as dt -> 0 "
    "(g1^3/6 and g0 (7 g1^2 - 4 omega^2)/48, with g0 = omega^2 + g1^2/4); a wrong first-order "
    "term leaves a remainder of order dt, whose quotient by dt^2 diverges. The wrong variants "
    "state a wrong first-order Taylor polynomial.",
    compare="O(dt^2) is checked as a finite limit of the remainder over dt^2",
)

# ------------------------------------------------------------------ the loss and its gradient

mu1 = sp.Symbol("mu", real=True)
sig = sp.Symbol("sigma", positive=True)
xv = sp.Symbol("x", real=True)


def log_normal(point: sp.Expr, mean: sp.Expr, std: sp.Expr) -> sp.Expr:
    """Log density of N(mean, std^2) at ``point``."""
    return -sp.log(std) - sp.log(2 * sp.pi) / 2 - (point - mean) ** 2 / (2 * std**2)


definition(
    "euler.loss",
    r"\mathcal{L} = \sum_t \left\lVert \hat z_{t+1} - z_{t+1} \right\rVert^2 + "
    r"\mathrm{KL}\!\left(\mathcal{N}(\mu, \operatorname{diag}\sigma^2) \,\Vert\, "
    r"\mathcal{N}(0, I)\right), \qquad \hat z_{t+1} = a\, z_t + b\, z_{t-1}",
    note="z_t are the encoder's latents; hat z_{t+1} is the physics block's one-step prediction.",
)

kl_integral = sp.Integral(
    sp.exp(log_normal(xv, mu1, sig)) * (log_normal(xv, mu1, sig) - log_normal(xv, 0, 1)),
    (xv, -sp.oo, sp.oo),
)
claim(
    "euler.kl-1d",
    eq(kl_integral, (mu1**2 + sig**2 - 1 - sp.log(sig**2)) / 2),
    scope=GENERAL,
    latex=r"\mathrm{KL}\!\left(\mathcal{N}(\mu, \sigma^2) \,\Vert\, \mathcal{N}(0, 1)\right) "
    r"= \int \mathcal{N}(x; \mu, \sigma^2) \log\frac{\mathcal{N}(x; \mu, \sigma^2)}"
    r"{\mathcal{N}(x; 0, 1)}\, dx = \frac{1}{2}\left(\mu^2 + \sigma^2 - 1 - \log \sigma^2\right)",
    wrong={
        "the -1 dropped": eq(kl_integral, (mu1**2 + sig**2 - sp.log(sig**2)) / 2),
        "log sigma in place of log sigma^2": eq(
            kl_integral, (mu1**2 + sig**2 - 1 - sp.log(sig)) / 2
        ),
    },
    uses=["euler.loss"],
    source=VAE,
    compare="the densities N(x; mu, sigma^2) are notation the parser cannot read",
)


def gaussian_log_density(point: sp.Matrix, mean: sp.Matrix, cov: sp.Matrix) -> sp.Expr:
    """Log density of N(mean, cov) at ``point``, from the inverse and the determinant of cov."""
    dim = cov.shape[0]
    quad_form = ((point - mean).T * cov.inv() * (point - mean))[0]
    return -quad_form / 2 - sp.log((2 * sp.pi) ** dim * cov.det()) / 2


mus = sp.Matrix(sp.symbols("mu_1:4", real=True))
sigs = sp.symbols("sigma_1:4", positive=True)
xs = sp.Matrix(sp.symbols("x_1:4", real=True))
cov = sp.diag(*[sg**2 for sg in sigs])
log_q = gaussian_log_density(xs, mus, cov)
log_p = gaussian_log_density(xs, sp.zeros(3, 1), sp.eye(3))
claim(
    "euler.kl-factorizes",
    eq(
        log_q - log_p,
        sum(log_normal(xs[i], mus[i], sigs[i]) - log_normal(xs[i], 0, 1) for i in range(3)),
    ),
    scope=Instance(
        "d = 3, the densities written with the inverse and the determinant of the 3 x 3 "
        "covariance, every coordinate symbolic",
        "for a diagonal covariance the quadratic form is the sum of (x_i - mu_i)^2 / sigma_i^2 "
        "and the determinant is the product of the sigma_i^2 in every dimension, so the "
        "log-ratio is a sum of one term per coordinate",
    ),
    latex=r"\log \frac{\mathcal{N}(x; \mu, \operatorname{diag}\sigma^2)}{\mathcal{N}(x; 0, I)} "
    r"= \sum_{i=1}^{d} \log \frac{\mathcal{N}(x_i; \mu_i, \sigma_i^2)}{\mathcal{N}(x_i; 0, 1)}",
    wrong={
        "covariance sigma_i in place of sigma_i^2": eq(
            gaussian_log_density(xs, mus, sp.diag(*sigs)) - log_p,
            sum(log_normal(xs[i], mus[i], sigs[i]) - log_normal(xs[i], 0, 1) for i in range(3)),
        ),
    },
    uses=["euler.kl-1d"],
)

# The KL itself, as an integral over the plane (d = 2), and its two closed forms.
mus2 = sp.Matrix(sp.symbols("mu_1:3", real=True))
sigs2 = sp.symbols("sigma_1:3", positive=True)
xs2 = sp.Matrix(sp.symbols("x_1:3", real=True))
cov2 = sp.diag(*[sg**2 for sg in sigs2])
log_q2 = gaussian_log_density(xs2, mus2, cov2)
log_p2 = gaussian_log_density(xs2, sp.zeros(2, 1), sp.eye(2))
kl_2d = sp.Integral(sp.exp(log_q2) * (log_q2 - log_p2), *[(xi, -sp.oo, sp.oo) for xi in xs2])
trace_form = (cov2.trace() + (mus2.T * mus2)[0] - 2 - sp.log(cov2.det())) / 2
coordinate_sum = sum(
    (mus2[i] ** 2 + sigs2[i] ** 2 - 1 - sp.log(sigs2[i] ** 2)) / 2 for i in range(2)
)
claim(
    "euler.kl-diag",
    sp.And(eq(kl_2d, trace_form), eq(trace_form, coordinate_sum)),
    scope=Instance(
        "d = 2: the KL integral over the plane evaluated by sympy, and both closed forms, every "
        "coordinate symbolic",
        "the density is a product over coordinates and the log-ratio a sum of one term per "
        "coordinate (euler.kl-factorizes), so in any dimension the integral splits into d "
        "one-dimensional KLs (euler.kl-1d); the trace is the sum and the log-determinant the sum "
        "of logs of the sigma_i^2",
    ),
    latex=r"\mathrm{KL}\!\left(\mathcal{N}(\mu, \operatorname{diag}\sigma^2) \,\Vert\, "
    r"\mathcal{N}(0, I)\right) = \frac{1}{2}\left(\operatorname{tr}\Sigma + \mu^\top\mu - d - "
    r"\log\det\Sigma\right) = \frac{1}{2}\sum_{i=1}^{d}\left(\mu_i^2 + \sigma_i^2 - 1 - "
    r"\log\sigma_i^2\right)",
    wrong={
        "d dropped": eq(
            (cov2.trace() + (mus2.T * mus2)[0] - sp.log(cov2.det())) / 2, coordinate_sum
        ),
        "+ log det Sigma": eq(
            (cov2.trace() + (mus2.T * mus2)[0] - 2 + sp.log(cov2.det())) / 2, coordinate_sum
        ),
    },
    uses=["euler.kl-factorizes", "euler.kl-1d"],
    source=VAE,
)

# Squared prediction error over three predictions (latents z_0 .. z_4), symbolic latents.
zs = sp.symbols("z_0:5", real=True)
steps = range(1, 4)
errors = {t: semi_implicit_step(zs[t], zs[t - 1], g0, g1, dt) - zs[t + 1] for t in steps}
vel = {t: velocity(zs[t], zs[t - 1], dt) for t in steps}
sq_error = sum(e**2 for e in errors.values())
THREE = (
    "three predictions (latents z_0, ..., z_4 symbolic), the squared error only: the KL term "
    "does not contain g0, g1"
)
BY_TERM = (
    "the loss is a sum with one term per prediction and differentiation is linear, so each "
    "prediction adds its own term for any number of them"
)

claim(
    "euler.loss-gradient",
    eq(
        sp.Matrix([sp.Derivative(sq_error, g0), sp.Derivative(sq_error, g1)]),
        sp.Matrix(
            [
                -2 * dt**2 * sum(errors[t] * zs[t] for t in steps),
                -2 * dt**2 * sum(errors[t] * vel[t] for t in steps),
            ]
        ),
    ),
    scope=Instance(THREE, BY_TERM),
    latex=r"\frac{\partial \mathcal{L}}{\partial g_0} = -2\Delta t^2 \sum_t "
    r"\left(\hat z_{t+1} - z_{t+1}\right) z_t, \qquad "
    r"\frac{\partial \mathcal{L}}{\partial g_1} = -2\Delta t^2 \sum_t "
    r"\left(\hat z_{t+1} - z_{t+1}\right) z'_t",
    wrong={
        "z_{t+1} in place of z_t": eq(
            sp.Matrix([sp.Derivative(sq_error, g0), sp.Derivative(sq_error, g1)]),
            sp.Matrix(
                [
                    -2 * dt**2 * sum(errors[t] * zs[t + 1] for t in steps),
                    -2 * dt**2 * sum(errors[t] * vel[t] for t in steps),
                ]
            ),
        ),
        "factor dt in place of dt^2": eq(
            sp.Matrix([sp.Derivative(sq_error, g0), sp.Derivative(sq_error, g1)]),
            sp.Matrix(
                [
                    -2 * dt * sum(errors[t] * zs[t] for t in steps),
                    -2 * dt * sum(errors[t] * vel[t] for t in steps),
                ]
            ),
        ),
    },
    uses=["euler.loss", "euler.collapse", "euler.kl-diag"],
)

gram = sum(
    (sp.Matrix([[zs[t] ** 2, zs[t] * vel[t]], [zs[t] * vel[t], vel[t] ** 2]]) for t in steps),
    sp.zeros(2, 2),
)
claim(
    "euler.loss-hessian",
    eq(sp.hessian(sq_error, (g0, g1)), 2 * dt**4 * gram),
    scope=Instance(THREE, BY_TERM),
    latex=r"\nabla^2_{(g_0, g_1)} \mathcal{L} = 2\Delta t^4 \sum_t "
    r"\begin{pmatrix} z_t^2 & z_t z'_t \\ z_t z'_t & {z'_t}^2 \end{pmatrix}",
    wrong={
        "factor 2 dropped": eq(sp.hessian(sq_error, (g0, g1)), dt**4 * gram),
        "factor dt^2 in place of dt^4": eq(sp.hessian(sq_error, (g0, g1)), 2 * dt**2 * gram),
    },
    uses=["euler.loss-gradient"],
    note="The Hessian does not depend on (g0, g1): the loss is a convex quadratic in the "
    "parameters (a Gram matrix is positive semidefinite).",
)
