"""Claims of ``docs/posts/mathematics/lectures/latent-physics-euler.md``.

A latent "physics block": a latent trajectory z_t must obey the damped oscillator
z'' + g1 z' + g0 z = 0, integrated with one Euler step per frame from a finite-difference
velocity. The page collapses the two Euler updates into one formula (which needs the
semi-implicit order: the position is moved with the *new* velocity), rewrites it as a linear
two-step recurrence, finds where its roots lie inside the unit circle (Schur-Cohn / Jury
conditions, derived through the Cayley map), relates the discrete roots to the continuous ones,
computes which parameters the block learns from exact continuous data, and differentiates the
loss (squared prediction error plus the KL term of a diagonal Gaussian encoder) in g0 and g1.
Statements about sums over time steps are proved for a fixed small horizon with every latent a
symbol; statements about a d-dimensional diagonal Gaussian are proved for d = 3.
"""

from __future__ import annotations

import sympy as sp

from derivations import Numeric, claim, definition

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


def spectral_radius(k1: sp.Expr, k0: sp.Expr) -> sp.Expr:
    """Largest root modulus of ``lambda^2 + k1 lambda + k0`` (real coefficients).

    Complex pair (negative discriminant): both roots have modulus ``sqrt(k0)``. Real roots:
    the larger of the two moduli. ``Abs`` inside the square roots only keeps the unused branch
    finite when the expression is evaluated numerically.
    """
    disc = k1**2 - 4 * k0
    real_roots = sp.Max(
        sp.Abs(-k1 + sp.sqrt(sp.Abs(disc))) / 2, sp.Abs(-k1 - sp.sqrt(sp.Abs(disc))) / 2
    )
    return sp.Piecewise((sp.sqrt(sp.Abs(k0)), disc < 0), (real_roots, True))


def indicator(condition: sp.Basic) -> sp.Piecewise:
    """1 where ``condition`` holds, else 0."""
    return sp.Piecewise((1, condition), (0, True))


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

claim(
    "euler.collapse",
    eq(z_now + dt * v_next, collapsed),
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
)

claim(
    "euler.explicit-order",
    eq(z_now + dt * velocity(z_now, z_prev, dt), 2 * z_now - z_prev),
    latex=r"z_t + \Delta t\, z'_t = 2 z_t - z_{t-1}",
    wrong={
        "with a stiffness term": eq(
            z_now + dt * velocity(z_now, z_prev, dt), 2 * z_now - z_prev - dt**2 * g0 * z_now
        ),
    },
    uses=["euler.finite-difference"],
    note="With the explicit order the prediction is a linear extrapolation in which g0 and g1 "
    "do not appear: nothing could be learned.",
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
)

p_sym = dt * g1
q_sym = dt**2 * g0
root_disc = (p_sym + q_sym) ** 2 - 4 * q_sym
lam_plus = 1 - (p_sym + q_sym) / 2 + sp.sqrt(root_disc) / 2
lam_minus = 1 - (p_sym + q_sym) / 2 - sp.sqrt(root_disc) / 2
claim(
    "euler.roots",
    sp.And(eq(char_poly(lam_plus, g0, g1, dt), 0), eq(char_poly(lam_minus, g0, g1, dt), 0)),
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
)

claim(
    "euler.vieta",
    sp.And(
        eq(lam_plus * lam_minus, 1 - dt * g1),
        eq(lam_plus + lam_minus, 2 - dt * g1 - dt**2 * g0),
    ),
    latex=r"\lambda_+ \lambda_- = 1 - \Delta t\, g_1, \qquad "
    r"\lambda_+ + \lambda_- = 2 - \Delta t\, g_1 - \Delta t^2 g_0",
    wrong={
        "product 1 + dt g1": eq(lam_plus * lam_minus, 1 + dt * g1),
    },
    uses=["euler.roots"],
)

claim(
    "euler.rate-form",
    eq(char_poly(1 + dt * x, g0, g1, dt), dt**2 * (x**2 + (g1 + dt * g0) * x + g0)),
    latex=r"P(1 + \Delta t\, x) = \Delta t^2 \left(x^2 + (g_1 + \Delta t\, g_0)\, x + g_0\right)",
    wrong={
        "effective damping g1 - dt g0": eq(
            char_poly(1 + dt * x, g0, g1, dt), dt**2 * (x**2 + (g1 - dt * g0) * x + g0)
        ),
    },
    uses=["euler.char-poly"],
    note="So x = (lambda - 1)/dt is a root of the continuous characteristic polynomial "
    "x^2 + g1 x + g0 with the damping g1 replaced by g1 + dt g0.",
)

# Local truncation error: Taylor polynomials of z(t +- dt) up to dt^4, kept to order dt^3.
zd = sp.symbols("z z' z'' z''' z''''", real=True)


def taylor(h: sp.Expr) -> sp.Expr:
    """Taylor polynomial of ``z(t + h)`` to order 4 in ``h``."""
    return sum(zd[k] * h**k / sp.factorial(k) for k in range(5))


def through_order(expr: sp.Expr, order: int) -> sp.Expr:
    """Terms of the polynomial ``expr`` in ``dt`` up to ``dt^order``."""
    expanded = sp.expand(expr)
    return sum(expanded.coeff(dt, k) * dt**k for k in range(order + 1))


residual = taylor(dt) - rec_a(g0, g1, dt) * zd[0] - rec_b(g0, g1, dt) * taylor(-dt)
claim(
    "euler.consistency",
    eq(
        through_order(residual, 3),
        dt**2 * (zd[2] + g1 * zd[1] + g0 * zd[0]) - g1 / 2 * dt**3 * zd[2],
    ),
    latex=r"z(t + \Delta t) - a\, z(t) - b\, z(t - \Delta t) = \Delta t^2 \left(\ddot z + g_1 "
    r"\dot z + g_0 z\right) - \frac{g_1}{2} \Delta t^3\, \ddot z + O(\Delta t^4)",
    wrong={
        "third-order term +g1/2": eq(
            through_order(residual, 3),
            dt**2 * (zd[2] + g1 * zd[1] + g0 * zd[0]) + g1 / 2 * dt**3 * zd[2],
        ),
    },
    uses=["euler.recurrence", "euler.ode"],
    note="Checked on the Taylor polynomials of z(t + dt) and z(t - dt) to order 4, comparing "
    "coefficients of dt^0 .. dt^3.",
)

# ------------------------------------------------------------------ when does the latent decay

s = sp.Symbol("s")
claim(
    "euler.cayley",
    eq(
        sp.cancel((1 - s) ** 2 * (((1 + s) / (1 - s)) ** 2 + c1 * (1 + s) / (1 - s) + c0)),
        (1 - c1 + c0) * s**2 + 2 * (1 - c0) * s + (1 + c1 + c0),
    ),
    latex=r"(1 - s)^2\, Q\!\left(\frac{1 + s}{1 - s}\right) = Q(-1)\, s^2 + 2(1 - c_0)\, s "
    r"+ Q(1), \qquad Q(\lambda) = \lambda^2 + c_1 \lambda + c_0",
    wrong={
        "middle coefficient 2(1 + c0)": eq(
            sp.cancel((1 - s) ** 2 * (((1 + s) / (1 - s)) ** 2 + c1 * (1 + s) / (1 - s) + c0)),
            (1 - c1 + c0) * s**2 + 2 * (1 + c0) * s + (1 + c1 + c0),
        ),
    },
)

xr, yr = sp.symbols("x y", real=True)
lam_c = xr + sp.I * yr
claim(
    "euler.cayley-disk",
    eq(sp.re((lam_c - 1) / (lam_c + 1)), (xr**2 + yr**2 - 1) / ((xr + 1) ** 2 + yr**2)),
    latex=r"\operatorname{Re} \frac{\lambda - 1}{\lambda + 1} "
    r"= \frac{|\lambda|^2 - 1}{|\lambda + 1|^2}",
    wrong={
        "sign flipped": eq(
            sp.re((lam_c - 1) / (lam_c + 1)), (1 - xr**2 - yr**2) / ((xr + 1) ** 2 + yr**2)
        ),
    },
    note="Proved with lambda = x + i y, x and y real symbols.",
)

claim(
    "euler.jury",
    sp.And(
        eq(
            indicator(spectral_radius(c1, c0) < 1),
            indicator(sp.And(sp.Abs(c0) < 1, sp.Abs(c1) < 1 + c0)),
        ),
        eq(
            indicator(spectral_radius(c1, c0) < 1),
            indicator(sp.And(1 + c1 + c0 > 0, 1 - c1 + c0 > 0, c0 < 1)),
        ),
    ),
    latex=r"\max |\lambda_\pm| < 1 \iff |c_0| < 1 \;\text{and}\; |c_1| < 1 + c_0 "
    r"\iff Q(1) > 0,\; Q(-1) > 0,\; c_0 < 1",
    method=Numeric(samples=1000, tol=1e-9, seed=17, domain={c1: (-3.0, 3.0), c0: (-2.0, 2.0)}),
    wrong={
        "|c1| < 1 - c0": eq(
            indicator(spectral_radius(c1, c0) < 1),
            indicator(sp.And(sp.Abs(c0) < 1, sp.Abs(c1) < 1 - c0)),
        ),
        "only |c0| < 1 (product of roots)": eq(
            indicator(spectral_radius(c1, c0) < 1), indicator(sp.Abs(c0) < 1)
        ),
    },
    uses=["euler.cayley", "euler.cayley-disk"],
    source=JURY,
    note="An equivalence of two regions of the (c1, c0) plane: sympy cannot decide it, so both "
    "indicators (1 inside, 0 outside) are compared at 1000 random coefficient pairs, the "
    "left one from the roots themselves. The symbolic derivation is euler.cayley and "
    "euler.cayley-disk.",
)

claim(
    "euler.jury-terms",
    sp.And(
        eq(char_poly(sp.Integer(1), g0, g1, dt), dt**2 * g0),
        eq(char_poly(sp.Integer(-1), g0, g1, dt), 4 - 2 * dt * g1 - dt**2 * g0),
        eq(1 - (1 - dt * g1), dt * g1),
    ),
    latex=r"P(1) = \Delta t^2 g_0, \qquad P(-1) = 4 - 2\Delta t\, g_1 - \Delta t^2 g_0, "
    r"\qquad 1 - c_0 = \Delta t\, g_1",
    wrong={
        "P(-1) = 4 + 2 dt g1 - dt^2 g0": eq(
            char_poly(sp.Integer(-1), g0, g1, dt), 4 + 2 * dt * g1 - dt**2 * g0
        ),
    },
    uses=["euler.char-poly"],
)

dt_n = sp.Symbol("dt", positive=True)
gn0, gn1 = sp.symbols("g0 g1", real=True)
radius = spectral_radius(-rec_a(gn0, gn1, dt_n), -rec_b(gn0, gn1, dt_n))
claim(
    "euler.stability-region",
    eq(
        indicator(radius < 1),
        indicator(sp.And(gn1 > 0, gn0 > 0, 2 * dt_n * gn1 + dt_n**2 * gn0 < 4)),
    ),
    latex=r"|\lambda_\pm| < 1 \iff g_1 > 0,\; g_0 > 0,\; "
    r"2\,\Delta t\, g_1 + \Delta t^2 g_0 < 4",
    method=Numeric(
        samples=1000,
        tol=1e-9,
        seed=3,
        domain={dt_n: (0.05, 2.0), gn0: (-2.0, 10.0), gn1: (-1.0, 4.0)},
    ),
    wrong={
        "the continuous criterion g0 > 0, g1 > 0 alone": eq(
            indicator(radius < 1), indicator(sp.And(gn1 > 0, gn0 > 0))
        ),
        "dt g1 + dt^2 g0 < 4": eq(
            indicator(radius < 1),
            indicator(sp.And(gn1 > 0, gn0 > 0, dt_n * gn1 + dt_n**2 * gn0 < 4)),
        ),
    },
    uses=["euler.jury", "euler.jury-terms"],
    note="Region equivalence (indicators compared at 1000 random (dt, g0, g1)); the left side "
    "is computed from the roots of P, the right side is euler.jury with euler.jury-terms.",
)

g0p, g1p = sp.symbols("g_0 g_1", positive=True)
dt_max = 4 / (g1p + sp.sqrt(g1p**2 + 4 * g0p))
claim(
    "euler.max-step",
    eq(2 * dt_max * g1p + dt_max**2 * g0p, 4),
    latex=r"\Delta t_{\max} = \frac{4}{g_1 + \sqrt{g_1^2 + 4 g_0}}:\qquad "
    r"2\,\Delta t_{\max}\, g_1 + \Delta t_{\max}^2\, g_0 = 4",
    wrong={
        "2 in the numerator": eq(2 * (dt_max / 2) * g1p + (dt_max / 2) ** 2 * g0p, 4),
    },
    uses=["euler.stability-region"],
    note="For g0, g1 > 0 the latent decays exactly when dt < dt_max; dt_max is the positive "
    "root of g0 dt^2 + 2 g1 dt - 4.",
)

# ------------------------------------------------------------------ what the block learns

w = sp.Symbol("omega", positive=True)
mu_p, mu_m = -g1p / 2 + sp.I * w, -g1p / 2 - sp.I * w
hat_g1 = (1 - sp.exp(-g1p * dt)) / dt
hat_g0 = (1 + sp.exp(-g1p * dt) - 2 * sp.exp(-g1p * dt / 2) * sp.cos(w * dt)) / dt**2

definition(
    "euler.underdamped",
    r"\mu_\pm = -\frac{g_1}{2} \pm i\omega, \qquad g_0 = \omega^2 + \frac{g_1^2}{4}",
    note="Roots of the continuous characteristic polynomial mu^2 + g1 mu + g0 (underdamped).",
)

claim(
    "euler.learned-parameters",
    sp.And(
        eq(1 - dt * hat_g1, sp.expand_complex(sp.exp(mu_p * dt) * sp.exp(mu_m * dt))),
        eq(
            2 - dt * hat_g1 - dt**2 * hat_g0,
            sp.expand_complex(sp.exp(mu_p * dt) + sp.exp(mu_m * dt)),
        ),
    ),
    latex=r"\hat g_1 = \frac{1 - e^{-g_1 \Delta t}}{\Delta t},\quad "
    r"\hat g_0 = \frac{1 + e^{-g_1\Delta t} - 2 e^{-g_1 \Delta t/2} \cos \omega\Delta t}"
    r"{\Delta t^2}:\quad 1 - \Delta t\, \hat g_1 = e^{\mu_+ \Delta t} e^{\mu_- \Delta t},\;\; "
    r"2 - \Delta t\, \hat g_1 - \Delta t^2 \hat g_0 = e^{\mu_+ \Delta t} + e^{\mu_- \Delta t}",
    wrong={
        "hat g1 with e^{+g1 dt}": eq(
            1 - dt * (1 - sp.exp(g1p * dt)) / dt,
            sp.expand_complex(sp.exp(mu_p * dt) * sp.exp(mu_m * dt)),
        ),
        "cos(omega dt / 2) in hat g0": eq(
            2
            - dt * hat_g1
            - (1 + sp.exp(-g1p * dt) - 2 * sp.exp(-g1p * dt / 2) * sp.cos(w * dt / 2)),
            sp.expand_complex(sp.exp(mu_p * dt) + sp.exp(mu_m * dt)),
        ),
    },
    uses=["euler.vieta", "euler.underdamped"],
    note="With these parameters the recurrence has the roots e^{mu dt}, so every exact "
    "solution of the ODE, sampled every dt, satisfies it exactly: noise-free continuous data "
    "are fitted with zero error by (hat g0, hat g1), not by (g0, g1).",
)

claim(
    "euler.learned-bias",
    sp.And(
        eq(sp.Limit((hat_g1 - g1p) / dt, dt, 0), -(g1p**2) / 2),
        eq(sp.Limit((hat_g0 - (w**2 + g1p**2 / 4)) / dt, dt, 0), -(w**2 + g1p**2 / 4) * g1p / 2),
    ),
    latex=r"\hat g_1 = g_1\left(1 - \frac{g_1 \Delta t}{2}\right) + O(\Delta t^2), \qquad "
    r"\hat g_0 = g_0\left(1 - \frac{g_1 \Delta t}{2}\right) + O(\Delta t^2)",
    wrong={
        "bias + g1 dt / 2": eq(sp.Limit((hat_g1 - g1p) / dt, dt, 0), g1p**2 / 2),
        "hat g0 bias - g0 g1 dt": eq(
            sp.Limit((hat_g0 - (w**2 + g1p**2 / 4)) / dt, dt, 0), -(w**2 + g1p**2 / 4) * g1p
        ),
    },
    uses=["euler.learned-parameters"],
    note="Stated as the limits of (hat g - g)/dt as dt -> 0, with g0 = omega^2 + g1^2/4.",
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
)

mus = sp.Matrix(sp.symbols("mu_1:4", real=True))
sigs = sp.symbols("sigma_1:4", positive=True)
xs = sp.Matrix(sp.symbols("x_1:4", real=True))
cov = sp.diag(*[sg**2 for sg in sigs])
log_q = -((xs - mus).T * cov.inv() * (xs - mus))[0] / 2 - sp.log((2 * sp.pi) ** 3 * cov.det()) / 2
log_p = -(xs.T * xs)[0] / 2 - sp.log((2 * sp.pi) ** 3) / 2
claim(
    "euler.kl-factorizes",
    eq(
        log_q - log_p,
        sum(log_normal(xs[i], mus[i], sigs[i]) - log_normal(xs[i], 0, 1) for i in range(3)),
    ),
    latex=r"\log \frac{\mathcal{N}(x; \mu, \operatorname{diag}\sigma^2)}{\mathcal{N}(x; 0, I)} "
    r"= \sum_{i=1}^{d} \log \frac{\mathcal{N}(x_i; \mu_i, \sigma_i^2)}{\mathcal{N}(x_i; 0, 1)}",
    wrong={
        "covariance sigma_i in place of sigma_i^2": eq(
            -((xs - mus).T * sp.diag(*sigs).inv() * (xs - mus))[0] / 2
            - sp.log((2 * sp.pi) ** 3 * cov.det()) / 2
            - log_p,
            sum(log_normal(xs[i], mus[i], sigs[i]) - log_normal(xs[i], 0, 1) for i in range(3)),
        ),
    },
    uses=["euler.kl-1d"],
    note="Proved for d = 3 with symbolic x, mu, sigma; the diagonal covariance makes the "
    "log-ratio a sum of one-dimensional terms, so the KL is the sum of euler.kl-1d.",
)

claim(
    "euler.kl-diag",
    eq(
        (cov.trace() + (mus.T * mus)[0] - 3 - sp.log(cov.det())) / 2,
        sum((mus[i] ** 2 + sigs[i] ** 2 - 1 - sp.log(sigs[i] ** 2)) / 2 for i in range(3)),
    ),
    latex=r"\mathrm{KL}\!\left(\mathcal{N}(\mu, \operatorname{diag}\sigma^2) \,\Vert\, "
    r"\mathcal{N}(0, I)\right) = \frac{1}{2}\left(\operatorname{tr}\Sigma + \mu^\top\mu - d - "
    r"\log\det\Sigma\right) = \frac{1}{2}\sum_{i=1}^{d}\left(\mu_i^2 + \sigma_i^2 - 1 - "
    r"\log\sigma_i^2\right)",
    wrong={
        "d dropped": eq(
            (cov.trace() + (mus.T * mus)[0] - sp.log(cov.det())) / 2,
            sum((mus[i] ** 2 + sigs[i] ** 2 - 1 - sp.log(sigs[i] ** 2)) / 2 for i in range(3)),
        ),
    },
    uses=["euler.kl-factorizes", "euler.kl-1d"],
    note="Proved for d = 3 (Sigma = diag(sigma_1^2, sigma_2^2, sigma_3^2)); needs expand_log, "
    "which the generic chain's simplify performs for positive sigma.",
)

# Squared prediction error over three predictions (latents z_0 .. z_4), symbolic latents.
zs = sp.symbols("z_0:5", real=True)
steps = range(1, 4)
errors = {t: semi_implicit_step(zs[t], zs[t - 1], g0, g1, dt) - zs[t + 1] for t in steps}
vel = {t: velocity(zs[t], zs[t - 1], dt) for t in steps}
sq_error = sum(e**2 for e in errors.values())

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
    note="Proved for three predictions (latents z_0..z_4 symbolic); the KL term does not "
    "depend on g0, g1, so only the squared error contributes.",
)

gram = sum(
    (sp.Matrix([[zs[t] ** 2, zs[t] * vel[t]], [zs[t] * vel[t], vel[t] ** 2]]) for t in steps),
    sp.zeros(2, 2),
)
claim(
    "euler.loss-hessian",
    eq(sp.hessian(sq_error, (g0, g1)), 2 * dt**4 * gram),
    latex=r"\nabla^2_{(g_0, g_1)} \mathcal{L} = 2\Delta t^4 \sum_t "
    r"\begin{pmatrix} z_t^2 & z_t z'_t \\ z_t z'_t & {z'_t}^2 \end{pmatrix}",
    wrong={
        "factor 2 dropped": eq(sp.hessian(sq_error, (g0, g1)), dt**4 * gram),
    },
    uses=["euler.loss-gradient"],
    note="Proved for three predictions. The Hessian does not depend on (g0, g1): the loss is a "
    "convex quadratic in the parameters (a Gram matrix is positive semidefinite).",
)
