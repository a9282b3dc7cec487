"""Claims of ``docs/posts/mathematics/matrix/random-matrix-spectral-norm.md``.

The spectral norm of an n x m standard Gaussian matrix: the Frobenius identity, lower bounds
from a single column, Gordon's bound E||W||_2 <= sqrt(n) + sqrt(m) through the Sudakov-Fernique
comparison, and the Bai-Yin / Marchenko-Pastur edge. The three theorems (Sudakov-Fernique and
Gordon, Marchenko-Pastur, Bai-Yin) and the chi density are cited; what is checked is the algebra
around them: the increment condition of the comparison, the maximum of the simple process, the
Gamma-function moments and bounds, the edge of the support and the rescaling to sqrt(n) +
sqrt(m). Gaussian expectations of polynomials are computed exactly with
``derivations.helpers.gaussian_expectation``.
"""

from __future__ import annotations

import sympy as sp

from derivations import GENERAL, Instance, cited, claim, definition
from derivations.helpers import eq, gaussian_expectation, ge, le

SU = (
    "Su, 'The spectral norm of random matrices' (kexue.fm, 2025-10-12), "
    "https://kexue.fm/archives/11335"
)
VERSHYNIN = (
    "Vershynin, 'High-Dimensional Probability', Cambridge University Press 2018, "
    "section 7.2 (Sudakov-Fernique, Theorem 7.2.11) and section 7.3 (Gordon's bound for Gaussian "
    "matrices, Theorem 7.3.1), https://www.math.uci.edu/~rvershyn/papers/HDP-book/HDP-book.html"
)
GORDON = (
    f"{VERSHYNIN}; Y. Gordon, 'Some inequalities for Gaussian processes and applications', "
    "Israel Journal of Mathematics 50 (1985) 265-289"
)
CHI = (
    "N. L. Johnson, S. Kotz, N. Balakrishnan, 'Continuous Univariate Distributions', vol. 1, "
    "2nd ed., Wiley 1994, ch. 18 (the chi distribution)"
)
MARCHENKO_PASTUR = (
    "V. A. Marchenko, L. A. Pastur, 'Distribution of eigenvalues for some sets of random "
    "matrices', Mat. Sbornik 72(114) (1967) 507-536; Z. Bai, J. W. Silverstein, 'Spectral "
    "Analysis of Large Dimensional Random Matrices', 2nd ed., Springer 2010, Theorem 3.6"
)
BAI_YIN = (
    "Y. Q. Yin, Z. D. Bai, P. R. Krishnaiah, 'On the limit of the largest eigenvalue of the "
    "large dimensional sample covariance matrix', Probability Theory and Related Fields 78 "
    "(1988) 509-521; Z. D. Bai, Y. Q. Yin, 'Limit of the smallest eigenvalue of a large "
    "dimensional sample covariance matrix', Annals of Probability 21(3) (1993) 1275-1294"
)

n, m = sp.symbols("n m", integer=True, positive=True)
w = sp.Symbol("w", real=True)
r = sp.Symbol("r", positive=True)
NOT_PARSED = "expectations and norms of random objects"

definition(
    "randmat.setup",
    r"W \in \mathbb{R}^{n \times m},\;\; W_{ij} \sim \mathcal{N}(0, 1) \text{ i.i.d.}, "
    r"\qquad \lVert W \rVert_2 = \max_{\lVert u \rVert = \lVert v \rVert = 1} u^\top W v",
)

_phi = sp.exp(-(w**2) / 2) / sp.sqrt(2 * sp.pi)
second_moment = sp.Integral(w**2 * _phi, (w, -sp.oo, sp.oo))

claim(
    "randmat.frobenius",
    eq(n * m * second_moment, n * m),
    scope=GENERAL,
    latex=r"\mathbb{E}\,\lVert W \rVert_F^2 = \sum_{i,j} \mathbb{E}\, W_{ij}^2 "
    r"= n m \int_{-\infty}^{\infty} w^2\, \frac{e^{-w^2/2}}{\sqrt{2\pi}}\, dw = n m",
    compare=NOT_PARSED,
    wrong={
        "n + m": eq(n * m * second_moment, n + m),
        "the density without 1 / sqrt(2 pi)": eq(
            n * m * sp.Integral(w**2 * sp.exp(-(w**2) / 2), (w, -sp.oo, sp.oo)), n * m
        ),
    },
    uses=["randmat.setup"],
    note="Symbolic n, m; sympy evaluates the Gaussian integral exactly. The first two "
    "equalities are the definition of the Frobenius norm and linearity of expectation.",
)

# Singular values sigma_1 >= ... >= sigma_p >= 0, p = min(n, m), in two encodings: for the lower
# bound sigma_i^2 = sigma_1^2 [i = 1] + w_i with w_i >= 0 (every square is >= 0), for the upper
# bound sigma_i^2 = sigma_1^2 - delta_i with delta_i >= 0 (every square is <= sigma_1^2).
i = sp.Symbol("i", integer=True, positive=True)
p = sp.Symbol("p", integer=True, positive=True)
sig1, sig2 = sp.symbols("sigma_1 sigma_2", positive=True)
w_i = sp.IndexedBase("w", nonnegative=True)
delta_i = sp.IndexedBase("delta", nonnegative=True)
d2 = sp.Symbol("delta_2", nonnegative=True)
n_min = sp.Piecewise((n, n <= m), (m, True))
n_max = sp.Piecewise((m, n <= m), (n, True))

claim(
    "randmat.sandwich",
    sp.And(
        le(sig1**2, sp.Sum(sig1**2 * sp.KroneckerDelta(i, 1) + w_i[i], (i, 1, p))),
        le(sp.Sum(sig1**2 - delta_i[i], (i, 1, p)), p * sig1**2),
        eq(n * m / n_min, n_max),
    ),
    scope=GENERAL,
    latex=r"\lVert W \rVert_2^2 = \sigma_1^2 \le \lVert W \rVert_F^2 = \sum_{i=1}^{p} "
    r"\sigma_i^2 \le p\, \sigma_1^2, \quad p = \min(n, m) "
    r"\quad\Longrightarrow\quad \max(n, m) = \frac{nm}{\min(n, m)} \le "
    r"\mathbb{E}\,\lVert W \rVert_2^2 \le n m",
    compare="a sum over singular values and expectations",
    wrong={
        "upper bound without the factor p (p = 2)": le(sig1**2 + (sig1**2 - d2), sig1**2),
        "nm / min(n, m) = min(n, m)": eq(n * m / n_min, n_min),
    },
    uses=["randmat.frobenius"],
    note="Symbolic p (indexed sums): the lower bound uses only sigma_i^2 >= 0, the upper only "
    "sigma_i^2 <= sigma_1^2. Taking expectations with E||W||_F^2 = nm (randmat.frobenius) "
    "gives nm / p <= E||W||_2^2 <= nm, and nm / min(n, m) = max(n, m) is checked with min and "
    "max written as cases.",
)

_chi_density = r ** (n - 1) * sp.exp(-(r**2) / 2) / (2 ** (n / 2 - 1) * sp.gamma(n / 2))
chi_mean = sp.sqrt(2) * sp.gamma((n + 1) / 2) / sp.gamma(n / 2)

cited(
    "randmat.chi-density",
    r"g \sim \mathcal{N}(0, I_n):\quad \lVert g \rVert \text{ has density } "
    r"f_n(r) = \frac{r^{n-1} e^{-r^2/2}}{2^{n/2-1}\, \Gamma(n/2)}, \quad r > 0",
    source=CHI,
    uses=["randmat.setup"],
    note="Polar coordinates: the Gaussian density (2 pi)^(-n/2) e^(-r^2/2) times the area "
    "2 pi^(n/2) / Gamma(n/2) of the unit sphere, times r^(n-1).",
)

claim(
    "randmat.chi-mean",
    sp.And(
        eq(sp.Integral(_chi_density, (r, 0, sp.oo)), 1),
        eq(sp.Integral(r * _chi_density, (r, 0, sp.oo)), chi_mean),
        eq(sp.Integral(r**2 * _chi_density, (r, 0, sp.oo)), n),
        eq(chi_mean * chi_mean.subs(n, n + 1), n),
    ),
    scope=GENERAL,
    latex=r"\int_0^\infty f_n = 1, \quad c_n := \mathbb{E}\,\lVert g \rVert "
    r"= \frac{\sqrt{2}\, \Gamma\big(\frac{n+1}{2}\big)}{\Gamma\big(\frac{n}{2}\big)}, \quad "
    r"\mathbb{E}\,\lVert g \rVert^2 = n, \quad c_n\, c_{n+1} = n",
    compare="Gamma functions, which the display parser misreads",
    wrong={
        "without the factor sqrt(2)": eq(
            sp.Integral(r * _chi_density, (r, 0, sp.oo)), chi_mean / sp.sqrt(2)
        ),
        "c_n c_{n+1} = n + 1": eq(chi_mean * chi_mean.subs(n, n + 1), n + 1),
        "E||g||^2 = n - 1": eq(sp.Integral(r**2 * _chi_density, (r, 0, sp.oo)), n - 1),
    },
    uses=["randmat.chi-density"],
    note="Integrals of the chi density with symbolic n; the product uses "
    "Gamma(z + 1) = z Gamma(z).",
)

h = sp.Symbol("h", nonnegative=True)
claim(
    "randmat.chi-bounds",
    sp.And(
        eq(sp.Integral((r - chi_mean) ** 2 * _chi_density, (r, 0, sp.oo)), n - chi_mean**2),
        ge(n / (sp.sqrt(n + 1) / (1 + h)), n / sp.sqrt(n + 1)),
    ),
    scope=Instance(
        "n - c_n^2 = integral of (r - c_n)^2 f_n(r) over (0, oo), for symbolic n; and "
        "n / c_{n+1} >= n / sqrt(n + 1) whenever c_{n+1} = sqrt(n + 1) / (1 + h), h >= 0",
        "the integrand is >= 0, so c_n <= sqrt(n) for every n; for n + 1 this is the "
        "hypothesis of the second step, and c_n = n / c_{n+1} (randmat.chi-mean)",
    ),
    latex=r"\frac{n}{\sqrt{n + 1}} \le c_n \le \sqrt{n}",
    compare="c_n is a Gamma ratio, which the display parser misreads",
    wrong={
        "c_n >= sqrt(n)": ge(chi_mean, sp.sqrt(n)),
        "c_n <= n / sqrt(n + 1)": le(chi_mean, n / sp.sqrt(n + 1)),
    },
    uses=["randmat.chi-mean"],
    note="The upper bound is Jensen's inequality, E||g|| <= sqrt(E||g||^2), in the form "
    "variance >= 0; sympy evaluates the variance integral with symbolic n. The lower bound "
    "is algebra on c_n c_{n+1} = n. Both hold for every real n > 0 (Wendel's inequality).",
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


def dot(a: sp.Matrix, b: sp.Matrix) -> sp.Expr:
    """Inner product of two column vectors."""
    return (a.T * b)[0, 0]


def increment_x(a: sp.Matrix, b: sp.Matrix, a2: sp.Matrix, b2: sp.Matrix) -> sp.Expr:
    """``E (a^T W b - a2^T W b2)^2`` for the 3 x 2 Gaussian ``W``, exactly."""
    return gaussian_expectation(((a.T * Wz * b) - (a2.T * Wz * b2))[0, 0] ** 2, list(Wz))


def increment_y(a: sp.Matrix, b: sp.Matrix, a2: sp.Matrix, b2: sp.Matrix) -> sp.Expr:
    """``E (g^T a + h^T b - g^T a2 - h^T b2)^2``, exactly."""
    return gaussian_expectation(
        (dot(gz, a) + dot(hz, b) - dot(gz, a2) - dot(hz, b2)) ** 2, [*gz, *hz]
    )


def frobenius2(mat: sp.Matrix) -> sp.Expr:
    """Squared Frobenius norm: the sum of the squared entries."""
    return sum(entry**2 for entry in mat)


def x_form(a: sp.Matrix, b: sp.Matrix, a2: sp.Matrix, b2: sp.Matrix) -> sp.Expr:
    """``|a|^2 |b|^2 + |a2|^2 |b2|^2 - 2 (a.a2)(b.b2)``: the first increment, expanded."""
    return dot(a, a) * dot(b, b) + dot(a2, a2) * dot(b2, b2) - 2 * dot(a, a2) * dot(b, b2)


def y_form(a: sp.Matrix, b: sp.Matrix, a2: sp.Matrix, b2: sp.Matrix) -> sp.Expr:
    """``|a - a2|^2 + |b - b2|^2``: the second increment."""
    return dot(a - a2, a - a2) + dot(b - b2, b - b2)


# Unit vectors, rationally parametrised: the sphere in R^3 by inverse stereographic projection,
# the circle in R^2 by ((1 - t^2), 2t) / (1 + t^2).
pa, qa, pb, qb, ta, tb = sp.symbols("p_a q_a p_b q_b t_a t_b", real=True)


def unit3(p1: sp.Symbol, p2: sp.Symbol) -> sp.Matrix:
    """A unit vector of R^3."""
    return sp.Matrix([2 * p1, 2 * p2, p1**2 + p2**2 - 1]) / (p1**2 + p2**2 + 1)


def unit2(t: sp.Symbol) -> sp.Matrix:
    """A unit vector of the plane."""
    return sp.Matrix([1 - t**2, 2 * t]) / (1 + t**2)


unit_vectors = (unit3(pa, qa), unit2(ta), unit3(pb, qb), unit2(tb))  # u, v, u', v'
U_a, V_a, U_b, V_b = unit_vectors
_incr_x = increment_x(u, v, up, vp)
_incr_y = increment_y(u, v, up, vp)

claim(
    "randmat.increments",
    sp.And(
        eq(_incr_x, frobenius2(u * v.T - up * vp.T)),
        eq(frobenius2(u * v.T - up * vp.T), x_form(u, v, up, vp)),
        eq(_incr_y, y_form(u, v, up, vp)),
        eq(x_form(*unit_vectors), 2 - 2 * dot(U_a, U_b) * dot(V_a, V_b)),
        eq(y_form(*unit_vectors), 4 - 2 * dot(U_a, U_b) - 2 * dot(V_a, V_b)),
    ),
    scope=Instance(
        "n = 3, m = 2: exact Gaussian moments with general vectors, then the forms at unit "
        "vectors (rationally parametrised)",
        "E (sum_ij z_ij a_ij)^2 = sum_ij a_ij^2 for independent standard normals z_ij, in any "
        "dimension, which is all the computation uses",
    ),
    latex=r"\mathbb{E}\,(X_{u,v} - X_{u',v'})^2 = \lVert u v^\top - u' v'^\top \rVert_F^2 "
    r"= 2 - 2\, (u^\top u')(v^\top v'), \qquad "
    r"\mathbb{E}\,(Y_{u,v} - Y_{u',v'})^2 = \lVert u - u' \rVert^2 + \lVert v - v' \rVert^2 "
    r"= 4 - 2\, u^\top u' - 2\, v^\top v'",
    compare=NOT_PARSED,
    wrong={
        "cross term with a plus sign": eq(
            _incr_x,
            dot(u, u) * dot(v, v) + dot(up, up) * dot(vp, vp) + 2 * dot(u, up) * dot(v, vp),
        ),
        "Y's increment 2 - 2 u^T u' - 2 v^T v' for unit vectors": eq(
            y_form(*unit_vectors), 2 - 2 * dot(U_a, U_b) - 2 * dot(V_a, V_b)
        ),
    },
    uses=["randmat.processes"],
    source=VERSHYNIN,
    note="Exact Gaussian expectations (E z^2 = 1, odd moments 0) for general vectors. The "
    "middle form of the first increment is the squared Frobenius norm of u v^T - u' v'^T; "
    "the last forms are the expanded ones at unit vectors.",
)

alpha, beta = sp.symbols("alpha beta", nonnegative=True)
a_uu, b_vv = 1 - alpha, 1 - beta  # u^T u' = 1 - alpha <= 1, v^T v' = 1 - beta <= 1
_gap = (4 - 2 * a_uu - 2 * b_vv) - (2 - 2 * a_uu * b_vv)

claim(
    "randmat.slepian",
    sp.And(eq(_gap, 2 * (1 - a_uu) * (1 - b_vv)), ge(_gap, 0)),
    scope=GENERAL,
    latex=r"\mathbb{E}\,(Y_{u,v} - Y_{u',v'})^2 - \mathbb{E}\,(X_{u,v} - X_{u',v'})^2 "
    r"= 2\,(1 - u^\top u')(1 - v^\top v') \ge 0",
    compare=NOT_PARSED,
    wrong={
        "factor 2 missing": eq(_gap, (1 - a_uu) * (1 - b_vv)),
        "Y's increments smaller": le(_gap, 0),
    },
    uses=["randmat.increments", "randmat.sup-y"],
    source=VERSHYNIN,
    note="In any dimension: with a = u^T u' and b = v^T v', the difference of the unit-vector "
    "forms of randmat.increments is (4 - 2a - 2b) - (2 - 2ab) = 2(1 - a)(1 - b), and a, b <= 1 "
    "by Cauchy-Schwarz for unit vectors (randmat.sup-y), written a = 1 - alpha, b = 1 - beta "
    "with alpha, beta >= 0.",
)

_lagrange = (
    (gz[0] * u[1] - gz[1] * u[0]) ** 2
    + (gz[0] * u[2] - gz[2] * u[0]) ** 2
    + (gz[1] * u[2] - gz[2] * u[1]) ** 2
)
claim(
    "randmat.sup-y",
    sp.And(
        eq(dot(gz, gz) * dot(u, u) - dot(gz, u) ** 2, _lagrange),
        eq(dot(gz, gz / sp.sqrt(dot(gz, gz))), sp.sqrt(dot(gz, gz))),
    ),
    scope=Instance(
        "n = 3, every entry symbolic",
        "Lagrange's identity is a sum over the pairs i < j in any dimension, and its right side "
        "is a sum of squares of reals, hence >= 0; it gives "
        "(g^T u)^2 <= ||g||^2 for unit u, so g^T u <= ||g|| with equality at u = g / ||g|| "
        "(g != 0), and likewise h^T v <= ||h||; the two terms of Y are maximised separately",
    ),
    latex=r"\lVert g \rVert^2 \lVert u \rVert^2 - (g^\top u)^2 = \sum_{i<j} (g_i u_j - g_j u_i)^2 "
    r"\ge 0, \quad g^\top \tfrac{g}{\lVert g \rVert} = \lVert g \rVert "
    r"\quad\Longrightarrow\quad \max_{u, v} Y_{u,v} = \lVert g \rVert + \lVert h \rVert",
    compare="norms and a maximum over unit vectors",
    wrong={
        "Lagrange identity with a sum of products": eq(
            dot(gz, gz) * dot(u, u) - dot(gz, u) ** 2,
            (gz[0] * u[1] + gz[1] * u[0]) ** 2
            + (gz[0] * u[2] + gz[2] * u[0]) ** 2
            + (gz[1] * u[2] + gz[2] * u[1]) ** 2,
        ),
        "g^T g / ||g|| = ||g||^2": eq(dot(gz, gz / sp.sqrt(dot(gz, gz))), dot(gz, gz)),
    },
    uses=["randmat.processes"],
    note="Lagrange's identity (Cauchy-Schwarz with its defect) for n = 3 with symbolic entries; "
    "the maximum is attained at u = g/||g||, v = h/||h||.",
)

cited(
    "randmat.gordon",
    r"\mathbb{E}\,\lVert W \rVert_2 = \mathbb{E} \max_{u,v} X_{u,v} "
    r"\le \mathbb{E} \max_{u,v} Y_{u,v} = c_n + c_m \le \sqrt{n} + \sqrt{m}",
    source=GORDON,
    uses=["randmat.slepian", "randmat.sup-y", "randmat.chi-mean", "randmat.chi-bounds"],
    note="The inequality between the two maxima is the Sudakov-Fernique comparison (Vershynin, "
    "Theorem 7.2.11), not checked here; its hypothesis, larger increments for Y, is "
    "randmat.slepian. The equality is randmat.sup-y with E||g|| = c_n (randmat.chi-mean), and "
    "the last inequality is randmat.chi-bounds for n and m.",
)

# ------------------------------------------------------------------ the Bai-Yin limit

y = sp.Symbol("y", positive=True)
x = sp.Symbol("x", real=True)
edge_lo = (1 - sp.sqrt(y)) ** 2
edge_hi = (1 + sp.sqrt(y)) ** 2

cited(
    "randmat.marchenko-pastur",
    r"\rho_y(x) = \frac{\sqrt{(\lambda_+ - x)(x - \lambda_-)}}{2 \pi y x} \ \text{ on } "
    r"[\lambda_-, \lambda_+], \quad \lambda_\pm = (1 \pm \sqrt{y})^2, \quad "
    r"y = \lim \tfrac{m}{n} \in (0, 1]",
    source=MARCHENKO_PASTUR,
    uses=["randmat.setup"],
    note="The limit of the empirical distribution of the eigenvalues of W^T W / n as "
    "n -> infinity with m / n -> y. For y > 1 the roles of n and m swap (the law gets an atom "
    "at 0 of mass 1 - 1/y).",
)

claim(
    "randmat.mp-edge",
    eq((edge_hi - x) * (x - edge_lo), 4 * y - (x - 1 - y) ** 2),
    scope=GENERAL,
    latex=r"\big((1 + \sqrt{y})^2 - x\big)\big(x - (1 - \sqrt{y})^2\big) = 4y - (x - 1 - y)^2",
    wrong={
        "edges at 1 +- y": eq(((1 + y) - x) * (x - (1 - y)), 4 * y - (x - 1 - y) ** 2),
        "centre at x = 1": eq((edge_hi - x) * (x - edge_lo), 4 * y - (x - 1) ** 2),
    },
    uses=["randmat.marchenko-pastur"],
    note="So the square root in the density is real exactly on |x - (1 + y)| <= 2 sqrt(y), "
    "the interval [lambda_-, lambda_+].",
)

cited(
    "randmat.bai-yin",
    r"\frac{\lVert W \rVert_2^2}{n} \to \lambda_+ = (1 + \sqrt{y})^2 \quad \text{almost surely, "
    r"as } n \to \infty,\ \tfrac{m}{n} \to y \in (0, 1]",
    source=BAI_YIN,
    uses=["randmat.marchenko-pastur"],
    note="The largest eigenvalue of W^T W / n converges to the right edge of the "
    "Marchenko-Pastur law (Yin, Bai and Krishnaiah 1988, under a finite fourth moment; Bai and "
    "Yin 1993 prove the matching limit of the smallest eigenvalue).",
)

nn, mm, wn = sp.symbols("n m w", positive=True)
claim(
    "randmat.bai-yin-scale",
    sp.And(
        eq(sp.sqrt(nn * (1 + sp.sqrt(mm / nn)) ** 2), sp.sqrt(nn) + sp.sqrt(mm)),
        eq(wn / (sp.sqrt(nn) + sp.sqrt(mm)), sp.sqrt(wn**2 / nn) / (1 + sp.sqrt(mm / nn))),
    ),
    scope=GENERAL,
    latex=r"\sqrt{n \Big(1 + \sqrt{\tfrac{m}{n}}\Big)^2} = \sqrt{n} + \sqrt{m}, \qquad "
    r"\frac{w}{\sqrt{n} + \sqrt{m}} = \frac{\sqrt{w^2 / n}}{1 + \sqrt{m / n}}",
    wrong={
        "limit sqrt(n + m)": eq(sp.sqrt(nn * (1 + sp.sqrt(mm / nn)) ** 2), sp.sqrt(nn + mm)),
        "ratio without the square root": eq(
            wn / (sp.sqrt(nn) + sp.sqrt(mm)), (wn**2 / nn) / (1 + sp.sqrt(mm / nn))
        ),
    },
    uses=["randmat.bai-yin"],
    note="Positive n, m, w; with w = ||W||_2, the second identity turns the Bai-Yin limit into "
    "||W||_2 / (sqrt n + sqrt m) -> (1 + sqrt y) / (1 + sqrt y) = 1, by continuity of the "
    "square root and m / n -> y.",
)
