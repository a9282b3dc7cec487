"""Claims of ``docs/posts/mathematics/matrix/random-matrix-spectral-norm.md``.

The spectral norm of an n x m standard Gaussian matrix: the Frobenius identity, lower bounds
from a single column, Gordon's bound E||W||_2 <= sqrt(n) + sqrt(m) through the Sudakov-Fernique
comparison (whose increment condition is proved here exactly), and the Bai-Yin / Marchenko-Pastur
edge. Gaussian expectations of polynomials are computed exactly with
``derivations._helpers.gaussian_expectation``; unit vectors in the plane are parametrised
rationally, ``((1 - t^2)/(1 + t^2), 2t/(1 + t^2))``, so the proofs reduce to ``factor``.
"""

from __future__ import annotations

import sympy as sp

from derivations import Numeric, Symbolic, claim, definition
from derivations._helpers import gaussian_expectation

SU = (
    "Su, 'The spectral norm of random matrices' (kexue.fm, 2025-10-12), "
    "https://kexue.fm/archives/11335"
)
VERSHYNIN = (
    "Vershynin, 'High-Dimensional Probability', Cambridge University Press 2018, "
    "section 7.3 (Gordon's inequality via Sudakov-Fernique), "
    "https://www.math.uci.edu/~rvershyn/papers/HDP-book/HDP-book.html"
)
BAI_YIN = (
    "Bai, Yin, 'Limit of the smallest eigenvalue of a large dimensional sample covariance "
    "matrix', Annals of Probability 21(3), 1993; Marchenko, Pastur, 'Distribution of "
    "eigenvalues for some sets of random matrices', Mat. Sbornik 1967"
)


def together_factor(expr: sp.Expr) -> sp.Expr:
    """One denominator, then factor (signs of inequalities are read off the factors)."""
    return sp.factor(sp.together(expr))


FACTOR = Symbolic(simplify=together_factor)

n, m = sp.symbols("n m", integer=True, positive=True)
w = sp.Symbol("w", real=True)
r = sp.Symbol("r", positive=True)

definition(
    "randmat.setup",
    r"W \in \mathbb{R}^{n \times m},\;\; W_{ij} \sim \mathcal{N}(0, 1) \text{ i.i.d.}, "
    r"\qquad \lVert W \rVert_2 = \max_{\lVert u \rVert = \lVert v \rVert = 1} u^\top W v",
)

_phi = sp.exp(-(w**2) / 2) / sp.sqrt(2 * sp.pi)

claim(
    "randmat.frobenius",
    sp.Eq(n * m * sp.Integral(w**2 * _phi, (w, -sp.oo, sp.oo)), n * m),
    latex=r"\mathbb{E}\,\lVert W \rVert_F^2 = \sum_{i,j} \mathbb{E}\, W_{ij}^2 "
    r"= n m \int_{-\infty}^{\infty} w^2\, \frac{e^{-w^2/2}}{\sqrt{2\pi}}\, dw = n m",
    wrong={
        "n + m": sp.Eq(n * m * sp.Integral(w**2 * _phi, (w, -sp.oo, sp.oo)), n + m),
    },
    uses=["randmat.setup"],
)

t1, t2, t3 = sp.symbols("sigma_1 sigma_2 sigma_3", positive=True)
g12, g23 = sp.symbols("e_1 e_2", positive=True)
_s3 = t3
_s2 = t3 + g23
_s1 = _s2 + g12
_fro = _s1**2 + _s2**2 + _s3**2

claim(
    "randmat.sandwich",
    sp.And(sp.Le(_s1**2, _fro), sp.Le(_fro, 3 * _s1**2)),
    latex=r"\lVert W \rVert_2^2 = \sigma_1^2 \le \lVert W \rVert_F^2 = \sum_{i=1}^{p} "
    r"\sigma_i^2 \le p\, \sigma_1^2, \quad p = \min(n, m) "
    r"\quad\Longrightarrow\quad \max(n, m) \le \mathbb{E}\,\lVert W \rVert_2^2 \le n m",
    wrong={"upper bound without the factor p": sp.Le(_fro, _s1**2)},
    uses=["randmat.frobenius"],
    note="Proved for p = 3 ordered singular values (sigma_2 = sigma_3 + e_2, sigma_1 = sigma_2 + "
    "e_1); the expectation bounds divide E||W||_F^2 = nm by p.",
)

_chi_density = r ** (n - 1) * sp.exp(-(r**2) / 2) / (2 ** (n / 2 - 1) * sp.gamma(n / 2))
chi_mean = sp.sqrt(2) * sp.gamma((n + 1) / 2) / sp.gamma(n / 2)

claim(
    "randmat.chi-mean",
    sp.And(
        sp.Eq(sp.Integral(r * _chi_density, (r, 0, sp.oo)), chi_mean),
        sp.Eq(sp.Integral(r**2 * _chi_density, (r, 0, sp.oo)), n),
        sp.Eq(chi_mean * chi_mean.subs(n, n + 1), n),
    ),
    latex=r"g \sim \mathcal{N}(0, I_n):\quad c_n := \mathbb{E}\,\lVert g \rVert "
    r"= \frac{\sqrt{2}\, \Gamma\big(\frac{n+1}{2}\big)}{\Gamma\big(\frac{n}{2}\big)}, \qquad "
    r"\mathbb{E}\,\lVert g \rVert^2 = n, \qquad c_n\, c_{n+1} = n",
    method=Symbolic(simplify=sp.gammasimp),
    wrong={
        "without the factor sqrt(2)": sp.Eq(
            sp.Integral(r * _chi_density, (r, 0, sp.oo)), chi_mean / sp.sqrt(2)
        ),
    },
    uses=["randmat.setup"],
    note="Integrals of the chi density with symbolic n; the product uses "
    "Gamma(z + 1) = z Gamma(z).",
)

claim(
    "randmat.chi-bounds",
    sp.And(sp.Le(chi_mean, sp.sqrt(n)), sp.Ge(chi_mean, n / sp.sqrt(n + 1))),
    latex=r"\frac{n}{\sqrt{n + 1}} \le c_n \le \sqrt{n}",
    method=Numeric(samples=300, tol=1e-12, seed=0, domain={n: (1, 300)}),
    wrong={"c_n >= sqrt(n)": sp.Ge(chi_mean, sp.sqrt(n))},
    uses=["randmat.chi-mean"],
    note="Numeric: sympy cannot decide inequalities between Gamma ratios for symbolic n. The "
    "upper bound is Jensen (c_n^2 <= E||g||^2 = n); the lower bound follows from "
    "c_n c_{n+1} = n and c_{n+1} <= sqrt(n + 1). Checked at 300 integers n in [1, 300].",
)

# ------------------------------------------------------------------ Gordon via Sudakov-Fernique

definition(
    "randmat.processes",
    r"X_{u,v} = u^\top W v, \qquad Y_{u,v} = g^\top u + h^\top v, \qquad "
    r"g \sim \mathcal{N}(0, I_n),\; h \sim \mathcal{N}(0, I_m), \qquad "
    r"\lVert u \rVert = \lVert v \rVert = 1",
)

Wz = sp.Matrix(3, 2, sp.symbols("z_11 z_12 z_21 z_22 z_31 z_32", real=True))
gz = sp.Matrix(sp.symbols("g_1:4", real=True))
hz = sp.Matrix(sp.symbols("h_1:3", real=True))
u = sp.Matrix(sp.symbols("u_1:4", real=True))
up = sp.Matrix(sp.symbols("u'_1:4", real=True))
v = sp.Matrix(sp.symbols("v_1:3", real=True))
vp = sp.Matrix(sp.symbols("v'_1:3", real=True))


def dot(x: sp.Matrix, y: sp.Matrix) -> sp.Expr:
    """Inner product of two column vectors."""
    return (x.T * y)[0, 0]


_incr_x = gaussian_expectation(((u.T * Wz * v) - (up.T * Wz * vp))[0, 0] ** 2, list(Wz))
_incr_y = gaussian_expectation(
    (dot(gz, u) + dot(hz, v) - dot(gz, up) - dot(hz, vp)) ** 2, [*gz, *hz]
)

claim(
    "randmat.increments",
    sp.And(
        sp.Eq(
            _incr_x,
            dot(u, u) * dot(v, v) + dot(up, up) * dot(vp, vp) - 2 * dot(u, up) * dot(v, vp),
            evaluate=False,
        ),
        sp.Eq(_incr_y, dot(u - up, u - up) + dot(v - vp, v - vp), evaluate=False),
    ),
    latex=r"\mathbb{E}\,(X_{u,v} - X_{u',v'})^2 = \lVert u v^\top - u' v'^\top \rVert_F^2 "
    r"= 2 - 2\, (u^\top u')(v^\top v'), \qquad "
    r"\mathbb{E}\,(Y_{u,v} - Y_{u',v'})^2 = \lVert u - u' \rVert^2 + \lVert v - v' \rVert^2 "
    r"= 4 - 2\, u^\top u' - 2\, v^\top v'",
    wrong={
        "cross term with a plus sign": sp.Eq(
            _incr_x,
            dot(u, u) * dot(v, v) + dot(up, up) * dot(vp, vp) + 2 * dot(u, up) * dot(v, vp),
        ),
    },
    uses=["randmat.processes"],
    source=VERSHYNIN,
    note="Exact Gaussian expectations (E z^2 = 1, odd moments 0) for n = 3, m = 2 with general "
    "vectors; the second forms use ||u|| = ||u'|| = ||v|| = ||v'|| = 1.",
)

ta, tb, sa, sb = sp.symbols("t_a t_b s_a s_b", real=True)


def unit(t: sp.Symbol) -> sp.Matrix:
    """A unit vector of the plane, rationally parametrised."""
    return sp.Matrix([(1 - t**2) / (1 + t**2), 2 * t / (1 + t**2)])


_ua, _ub, _va, _vb = unit(ta), unit(tb), unit(sa), unit(sb)
_gap = (
    dot(_ua - _ub, _ua - _ub)
    + dot(_va - _vb, _va - _vb)
    - dot(_ua, _ua) * dot(_va, _va)
    - dot(_ub, _ub) * dot(_vb, _vb)
    + 2 * dot(_ua, _ub) * dot(_va, _vb)
)

claim(
    "randmat.slepian",
    sp.And(
        sp.Eq(_gap, 2 * (1 - dot(_ua, _ub)) * (1 - dot(_va, _vb))),
        sp.Ge(_gap, 0),
    ),
    latex=r"\mathbb{E}\,(Y_{u,v} - Y_{u',v'})^2 - \mathbb{E}\,(X_{u,v} - X_{u',v'})^2 "
    r"= 2\,(1 - u^\top u')(1 - v^\top v') \ge 0",
    method=FACTOR,
    wrong={
        "factor 2 missing": sp.Eq(_gap, (1 - dot(_ua, _ub)) * (1 - dot(_va, _vb))),
        "Y's increments smaller": sp.Le(_gap, 0),
    },
    uses=["randmat.increments"],
    source=VERSHYNIN,
    note="Unit vectors u, u', v, v' in the plane (n = m = 2), rationally parametrised; the "
    "identity is the difference of the two formulas of randmat.increments, which hold in "
    "any dimension, and each factor is >= 0 because |u^T u'| <= 1.",
)

claim(
    "randmat.sup-y",
    sp.And(
        sp.Eq(
            dot(gz, gz) * dot(u, u) - dot(gz, u) ** 2,
            (gz[0] * u[1] - gz[1] * u[0]) ** 2
            + (gz[0] * u[2] - gz[2] * u[0]) ** 2
            + (gz[1] * u[2] - gz[2] * u[1]) ** 2,
        ),
        sp.Eq(dot(gz, gz / sp.sqrt(dot(gz, gz))), sp.sqrt(dot(gz, gz))),
    ),
    latex=r"\lVert g \rVert^2 \lVert u \rVert^2 - (g^\top u)^2 = \sum_{i<j} (g_i u_j - g_j u_i)^2 "
    r"\ge 0, \quad g^\top \tfrac{g}{\lVert g \rVert} = \lVert g \rVert "
    r"\quad\Longrightarrow\quad \max_{u, v} Y_{u,v} = \lVert g \rVert + \lVert h \rVert",
    wrong={
        "Lagrange identity with a sum of products": sp.Eq(
            dot(gz, gz) * dot(u, u) - dot(gz, u) ** 2,
            (gz[0] * u[1] + gz[1] * u[0]) ** 2
            + (gz[0] * u[2] + gz[2] * u[0]) ** 2
            + (gz[1] * u[2] + gz[2] * u[1]) ** 2,
        ),
    },
    uses=["randmat.processes"],
    note="Lagrange's identity (Cauchy-Schwarz with its defect) for n = 3 with symbolic entries; "
    "the maximum is attained at u = g/||g||, v = h/||h||.",
)

chi_m = chi_mean.subs(n, m)
claim(
    "randmat.gordon",
    sp.Le(chi_mean + chi_m, sp.sqrt(n) + sp.sqrt(m)),
    latex=r"\mathbb{E}\,\lVert W \rVert_2 = \mathbb{E} \max_{u,v} X_{u,v} "
    r"\le \mathbb{E} \max_{u,v} Y_{u,v} = c_n + c_m \le \sqrt{n} + \sqrt{m}",
    method=Numeric(samples=400, tol=1e-12, seed=1, domain={n: (1, 300), m: (1, 300)}),
    wrong={"bound max(sqrt n, sqrt m)": sp.Le(chi_mean + chi_m, sp.Max(sp.sqrt(n), sp.sqrt(m)))},
    uses=["randmat.slepian", "randmat.sup-y", "randmat.chi-bounds"],
    source=VERSHYNIN,
    note="The first inequality is the Sudakov-Fernique comparison (cited), whose hypothesis is "
    "randmat.slepian; the check covers the last inequality, numerically at 400 integer pairs "
    "(n, m) in [1, 300]^2 because it compares Gamma ratios.",
)

# ------------------------------------------------------------------ the Bai-Yin limit

y = sp.Symbol("y", positive=True)
x = sp.Symbol("x", real=True)
edge_lo = (1 - sp.sqrt(y)) ** 2
edge_hi = (1 + sp.sqrt(y)) ** 2

claim(
    "randmat.mp-edge",
    sp.Eq((edge_hi - x) * (x - edge_lo), 4 * y - (x - 1 - y) ** 2),
    latex=r"\rho_y(x) = \frac{\sqrt{(\lambda_+ - x)(x - \lambda_-)}}{2 \pi y x}, \quad "
    r"(\lambda_+ - x)(x - \lambda_-) = 4y - (x - 1 - y)^2, \quad "
    r"\lambda_\pm = (1 \pm \sqrt{y})^2",
    wrong={"edges at 1 +- y": sp.Eq(((1 + y) - x) * (x - (1 - y)), 4 * y - (x - 1 - y) ** 2)},
    uses=["randmat.setup"],
    source=BAI_YIN,
    note="The Marchenko-Pastur law of the eigenvalues of W^T W / n for m / n -> y in (0, 1]; "
    "its support ends where the square root vanishes.",
)

nn, mm = sp.symbols("n m", positive=True)
claim(
    "randmat.bai-yin",
    sp.Eq(sp.sqrt(nn * (1 + sp.sqrt(mm / nn)) ** 2), sp.sqrt(nn) + sp.sqrt(mm)),
    latex=r"\frac{\lVert W \rVert_2^2}{n} \to \lambda_+ = \Big(1 + \sqrt{\tfrac{m}{n}}\Big)^2 "
    r"\quad\Longleftrightarrow\quad \frac{\lVert W \rVert_2}{\sqrt{n} + \sqrt{m}} \to 1",
    wrong={"limit sqrt(n + m)": sp.Eq(sp.sqrt(nn * (1 + sp.sqrt(mm / nn)) ** 2), sp.sqrt(nn + mm))},
    uses=["randmat.mp-edge"],
    source=BAI_YIN,
    note="The algebra linking the two forms (n, m positive); the limit itself (almost surely, "
    "as n, m -> infinity with m/n -> y) is the Bai-Yin theorem, cited and shown numerically.",
)
