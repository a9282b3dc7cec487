"""Claims of ``posts/mathematics/probability/optimal-transport-wasserstein.md`` (prefix ``ot``).

Optimal transport, from Monge's maps to Kantorovich's couplings, and what the Wasserstein
distance computes:

1. Monge against Kantorovich: a map cannot split mass, a coupling can; the product coupling is
   always feasible; the couplings of two two-point distributions form a segment on which the
   cost is linear, and for the squared distance on the line its slope is minus twice the product
   of the two spacings, so the monotone plan wins (Birkhoff's theorem, cited, for uniform
   weights);
2. the 1-D W1 as the area between the distribution functions: on a common grid the net mass a
   coupling moves across each gap is the difference of the two CDFs there, and the cost of any
   coupling is the gap lengths times the mass crossing them (both for a grid of four points,
   every mass symbolic); the area formula itself is cited (Vallender), and the area measured
   along x and along the quantile axis agree on a pair of uniforms whose CDFs cross;
3. Gaussian W2: the cost of any coupling of two 1-D Gaussians through its correlation, the
   linear map that attains rho = 1 (pushforward density and cost checked with symbolic means and
   variances); the general formula (cited), its commuting case (a generic common eigenbasis in
   d = 2 and the eigenvalue sum for every d), the closed-form square root of a 2 x 2 positive
   definite matrix and the resulting d = 2 formula;
4. disjoint supports: the KL divergence of two narrow Gaussians blows up as they sharpen while W2
   stays |theta|; the Jensen-Shannon divergence of any two distributions with disjoint supports
   is ln 2;
5. entropic transport: the stationarity condition gives the Gibbs form u_i K_ij v_j; each
   Sinkhorn half-step matches one marginal exactly (symbolic sizes); a 2 x 2 problem solved in
   closed form whose cost tends to the exact one like e^{-1/eps}; the limit eps -> 0 (cited).

Sources: Monge (1781); Kantorovich (1942); Villani (2003); Santambrogio (2015); Peyre and
Cuturi (2019); Vallender (1973); Dowson and Landau (1982), Olkin and Pukelsheim (1982), Givens
and Shortt (1984), Knott and Smith (1984) for Gaussians; Arjovsky, Chintala, Bottou (2017) for
disjoint supports; Sinkhorn (1964), Cuturi (2013), Cominetti and San Martin (1994) for
entropic transport; the original post on xuquant.com.
"""

from __future__ import annotations

import sympy as sp

from derivations import GENERAL, Instance, Wrong, cited, claim, definition
from derivations.helpers import cayley_orthogonal

VILLANI = (
    "Villani, 'Topics in Optimal Transportation', Graduate Studies in Mathematics 58, AMS 2003, "
    "https://doi.org/10.1090/gsm/058"
)
SANTAMBROGIO = (
    "Santambrogio, 'Optimal Transport for Applied Mathematicians', Birkhauser 2015, "
    "https://doi.org/10.1007/978-3-319-20828-2"
)
PEYRE_CUTURI = (
    "Peyre, Cuturi, 'Computational Optimal Transport', Foundations and Trends in Machine "
    "Learning 11 (2019), https://arxiv.org/abs/1803.00567"
)
VALLENDER = (
    "Vallender, 'Calculation of the Wasserstein distance between probability distributions on "
    "the line', Theory of Probability and its Applications 18 (1973), "
    "https://doi.org/10.1137/1118101"
)
GAUSS_SOURCES = (
    "Dowson, Landau, 'The Frechet distance between multivariate normal distributions', J. "
    "Multivariate Analysis 12 (1982), https://doi.org/10.1016/0047-259X(82)90077-X; Givens, "
    "Shortt, 'A class of Wasserstein metrics for probability distributions', Michigan Math. J. "
    "31 (1984), https://doi.org/10.1307/mmj/1029003026; Knott, Smith, 'On the optimal mapping "
    "of distributions', J. Optimization Theory and Applications 43 (1984), "
    "https://doi.org/10.1007/BF00934745"
)
ARJOVSKY = (
    "Arjovsky, Chintala, Bottou, 'Wasserstein Generative Adversarial Networks', ICML 2017, "
    "https://arxiv.org/abs/1701.07875"
)
CUTURI = (
    "Cuturi, 'Sinkhorn Distances: Lightspeed Computation of Optimal Transport', NeurIPS 2013, "
    "https://arxiv.org/abs/1306.0895"
)
MATRIX_DISPLAY = "the display names matrices; the statement writes their entries out"

# ------------------------------------------------------------------ Monge and Kantorovich

definition(
    "ot.monge",
    r"\inf_{T\colon T_\#\mu = \nu} \int c\big(x, T(x)\big)\, d\mu(x), \qquad "
    r"T_\#\mu(A) = \mu\big(T^{-1}(A)\big)",
    note="Monge's problem: every unit of mass at x goes to the single point T(x).",
)

definition(
    "ot.kantorovich",
    r"\Pi(\mu, \nu) = \big\{\pi \ge 0 \text{ on } X \times Y\colon\ \pi(A \times Y) = \mu(A),\ "
    r"\pi(X \times B) = \nu(B)\big\}, \qquad W_p(\mu, \nu) = \Big(\inf_{\pi \in \Pi(\mu, \nu)} "
    r"\int \lVert x - y \rVert^p\, d\pi(x, y)\Big)^{1/p}",
    note="Kantorovich's relaxation: a coupling may split the mass at x over several targets.",
)

definition(
    "ot.discrete",
    r"U(a, b) = \big\{P \in \mathbb{R}_{\ge 0}^{n \times m}\colon\ P\mathbf{1}_m = a,\ "
    r"P^\top\mathbf{1}_n = b\big\}, \qquad \mathrm{OT}(a, b) = \min_{P \in U(a, b)} "
    r"\langle C, P \rangle = \min_{P \in U(a, b)} \sum_{i,j} C_{ij} P_{ij}",
    note="Discrete measures sum_i a_i delta_{x_i}, sum_j b_j delta_{y_j}; C_ij = c(x_i, y_j).",
)

i, j = sp.symbols("i j", positive=True, integer=True)
n, m = sp.symbols("n m", positive=True, integer=True)
af = sp.Function("a", positive=True)
bf = sp.Function("b", positive=True)

claim(
    "ot.product-coupling",
    sp.And(
        sp.Eq(sp.Sum(af(i) * bf(j), (j, 1, m)), af(i) * sp.Sum(bf(j), (j, 1, m))),
        sp.Eq(sp.Sum(af(i) * bf(j), (i, 1, n)), bf(j) * sp.Sum(af(i), (i, 1, n))),
    ),
    scope=GENERAL,
    latex=r"\sum_{j=1}^{m} a_i b_j = a_i \sum_{j=1}^{m} b_j, \qquad "
    r"\sum_{i=1}^{n} a_i b_j = b_j \sum_{i=1}^{n} a_i",
    compare="sums over a symbolic number of terms: the parser reads a_i as one symbol",
    wrong={
        "row sum taken as the other marginal": sp.Eq(
            sp.Sum(af(i) * bf(j), (j, 1, m)), bf(j) * sp.Sum(af(i), (i, 1, n))
        ),
        "row sum without the sum of b": sp.Eq(sp.Sum(af(i) * bf(j), (j, 1, m)), af(i) * bf(j)),
    },
    uses=["ot.discrete"],
    source=PEYRE_CUTURI + ", section 2.3",
    note="Symbolic n and m. Both sums of weights are 1, so P = a b^T has marginals a and b: "
    "U(a, b) is never empty, whereas Monge's problem may have no feasible map at all.",
)

a1, b1 = sp.symbols("a_1 b_1", positive=True)
t = sp.Symbol("t", real=True)
c11, c12, c21, c22 = sp.symbols("c_11 c_12 c_21 c_22", real=True)
P_t = sp.Matrix([[t, a1 - t], [b1 - t, 1 - a1 - b1 + t]])
C_2 = sp.Matrix([[c11, c12], [c21, c22]])
ONES2 = sp.ones(2, 1)
_cost_t = sum(C_2[r, s] * P_t[r, s] for r in range(2) for s in range(2))
_cost_t_value = c12 * a1 + c21 * b1 + c22 * (1 - a1 - b1) + t * (c11 - c12 - c21 + c22)

claim(
    "ot.two-point",
    sp.And(
        sp.Eq(sp.MatMul(P_t, ONES2, evaluate=False), sp.Matrix([a1, 1 - a1])),
        sp.Eq(sp.MatMul(P_t.T, ONES2, evaluate=False), sp.Matrix([b1, 1 - b1])),
        sp.Eq(_cost_t, _cost_t_value),
    ),
    scope=GENERAL,
    latex=r"P(t) = \begin{pmatrix} t & a_1 - t \\ b_1 - t & 1 - a_1 - b_1 + t \end{pmatrix} "
    r"\in U(a, b), \qquad \langle C, P(t) \rangle = c_{12} a_1 + c_{21} b_1 + "
    r"c_{22}(1 - a_1 - b_1) + t\,(c_{11} - c_{12} - c_{21} + c_{22})",
    compare=MATRIX_DISPLAY,
    domain={a1: (0.0, 1.0), b1: (0.0, 1.0)},
    wrong={
        "corner entry 1 - a_1 - b_1 - t": sp.Eq(
            sp.MatMul(sp.Matrix([[t, a1 - t], [b1 - t, 1 - a1 - b1 - t]]), ONES2, evaluate=False),
            sp.Matrix([a1, 1 - a1]),
        ),
        "slope with the signs of the cross terms flipped": sp.Eq(
            _cost_t, c12 * a1 + c21 * b1 + c22 * (1 - a1 - b1) + t * (c11 + c12 + c21 + c22)
        ),
        "without the c_22 term": sp.Eq(_cost_t, c12 * a1 + c21 * b1 + t * (c11 - c12 - c21 + c22)),
    },
    uses=["ot.discrete"],
    note="a = (a_1, 1 - a_1), b = (b_1, 1 - b_1). P(t) has nonnegative entries exactly for "
    "max(0, a_1 + b_1 - 1) <= t <= min(a_1, b_1): the couplings form a segment, the cost is "
    "linear on it, so a minimiser sits at an end (a vertex of U(a, b)).",
)

x1, x2, y1, y2 = sp.symbols("x_1 x_2 y_1 y_2", real=True)

claim(
    "ot.cross-difference",
    sp.Eq(
        (x1 - y1) ** 2 + (x2 - y2) ** 2 - (x1 - y2) ** 2 - (x2 - y1) ** 2,
        -2 * (x2 - x1) * (y2 - y1),
    ),
    scope=GENERAL,
    latex=r"(x_1 - y_1)^2 + (x_2 - y_2)^2 - (x_1 - y_2)^2 - (x_2 - y_1)^2 = "
    r"-2\,(x_2 - x_1)(y_2 - y_1)",
    wrong={
        "sign flipped": sp.Eq(
            (x1 - y1) ** 2 + (x2 - y2) ** 2 - (x1 - y2) ** 2 - (x2 - y1) ** 2,
            2 * (x2 - x1) * (y2 - y1),
        ),
        "coefficient 1": sp.Eq(
            (x1 - y1) ** 2 + (x2 - y2) ** 2 - (x1 - y2) ** 2 - (x2 - y1) ** 2,
            -(x2 - x1) * (y2 - y1),
        ),
    },
    uses=["ot.two-point"],
    source=SANTAMBROGIO + ", section 2.2",
    note="The slope c_11 - c_12 - c_21 + c_22 of ot.two-point for the squared distance. For "
    "x_1 < x_2 and y_1 < y_2 it is negative, so the cost falls as t grows and the optimum is "
    "t = min(a_1, b_1): the plan that sends the left mass to the left first never crosses.",
)

cited(
    "ot.birkhoff",
    r"a = b = \tfrac{1}{n}\mathbf{1}_n\colon\quad \text{the vertices of } U(a, b) \text{ are "
    r"the matrices } \tfrac{1}{n}P_\sigma, \ \sigma \text{ a permutation}, \qquad "
    r"\mathrm{OT}(a, b) = \min_\sigma \frac{1}{n}\sum_{i=1}^{n} C_{i\sigma(i)}",
    source="Birkhoff, 'Tres observaciones sobre el algebra lineal', Univ. Nac. Tucuman Rev. "
    "Ser. A 5 (1946); " + PEYRE_CUTURI + ", proposition 2.1",
    uses=["ot.discrete", "ot.two-point"],
    note="A linear program attains its minimum at a vertex; for uniform weights and as many "
    "targets as sources these are permutations, so Kantorovich's value is Monge's. The page "
    "checks that the computed plan is a permutation.",
)

cited(
    "ot.quantile",
    r"\mu, \nu \text{ on } \mathbb{R},\ p \ge 1\colon\qquad W_p^p(\mu, \nu) = \int_0^1 "
    r"\big|F^{-1}(u) - G^{-1}(u)\big|^p\, du, \qquad F^{-1}(u) = \inf\{x\colon F(x) \ge u\}",
    source=SANTAMBROGIO + ", theorem 2.9 and proposition 2.17; " + VILLANI + ", theorem 2.18",
    uses=["ot.kantorovich", "ot.cross-difference"],
    note="F and G are the distribution functions of mu and nu. The monotone coupling "
    "(F^{-1}(U), G^{-1}(U)) with U uniform is optimal for every convex cost of x - y: the "
    "uncrossing step of ot.cross-difference, made rigorous.",
)

# ------------------------------------------------------------------ W1 on the line

definition(
    "ot.grid",
    r"z_1 < z_2 < \dots < z_k, \quad \Delta_i = z_{i+1} - z_i, \qquad F_i = \sum_{j \le i} a_j, "
    r"\quad G_i = \sum_{l \le i} b_l, \qquad R_i = \sum_{j \le i < l} P_{jl}, \quad "
    r"L_i = \sum_{l \le i < j} P_{jl}",
    note="Both measures on one sorted grid (any two discrete measures on the line can be put on "
    "the union of their supports). P is a coupling; R_i is the mass it moves rightwards across "
    "the gap (z_i, z_{i+1}), L_i the mass it moves leftwards.",
)

K_GRID = 4
P_grid = sp.Matrix(
    K_GRID, K_GRID, lambda r, s: sp.Symbol(f"P_{{{r + 1}{s + 1}}}", nonnegative=True)
)
z1 = sp.Symbol("z_1", real=True)
gaps = sp.symbols(f"Delta_1:{K_GRID}", positive=True)
z_grid = [z1 + sum(gaps[:r]) for r in range(K_GRID)]
# the marginals of P, kept unevaluated so that F_i - G_i is not cancelled when it is built
a_grid = [sp.UnevaluatedExpr(sum(P_grid[r, s] for s in range(K_GRID))) for r in range(K_GRID)]
b_grid = [sp.UnevaluatedExpr(sum(P_grid[r, s] for r in range(K_GRID))) for s in range(K_GRID)]
F_grid = [sum(a_grid[: r + 1]) for r in range(K_GRID - 1)]
G_grid = [sum(b_grid[: r + 1]) for r in range(K_GRID - 1)]
right = [
    sum(P_grid[r, s] for r in range(g + 1) for s in range(g + 1, K_GRID)) for g in range(K_GRID - 1)
]
left = [
    sum(P_grid[r, s] for s in range(g + 1) for r in range(g + 1, K_GRID)) for g in range(K_GRID - 1)
]
_grid_cost = sum(
    P_grid[r, s] * sp.Abs(z_grid[r] - z_grid[s]) for r in range(K_GRID) for s in range(K_GRID)
)
GRID_INSTANCE = Instance(
    "a grid of k = 4 points, the 16 entries of P and the 3 gaps symbolic",
    "a pair (j, l) enters F_i - G_i, and crosses the gap i, exactly when one of j, l is at "
    "most i and the other above it; this bookkeeping is the same for every k",
)

claim(
    "ot.net-flow",
    sp.And(*(sp.Eq(F_grid[g] - G_grid[g], right[g] - left[g]) for g in range(K_GRID - 1))),
    scope=GRID_INSTANCE,
    latex=r"F_i - G_i = R_i - L_i \qquad i = 1, \dots, k - 1",
    compare="the display names sums over index sets; the statement writes them out for k = 4",
    wrong={
        "total crossing instead of net": sp.Eq(F_grid[1] - G_grid[1], right[1] + left[1]),
        "directions swapped": sp.Eq(F_grid[0] - G_grid[0], left[0] - right[0]),
    },
    uses=["ot.grid"],
    source=VILLANI + ", section 2.2",
    note="F_i = sum of P_jl over j <= i (all l) and G_i = sum over l <= i (all j); the pairs "
    "with both indices at most i cancel.",
)

claim(
    "ot.cost-by-gaps",
    sp.Eq(
        _grid_cost, sum(gaps[g] * (right[g] + left[g]) for g in range(K_GRID - 1)), evaluate=False
    ),
    scope=GRID_INSTANCE,
    latex=r"\sum_{j,l} P_{jl}\,|z_j - z_l| = \sum_{i=1}^{k-1} \Delta_i\,(R_i + L_i)",
    compare="the display names sums over index sets; the statement writes them out for k = 4",
    wrong={
        "every coupling costs the CDF area": sp.Eq(
            _grid_cost,
            sum(gaps[g] * sp.Abs(F_grid[g] - G_grid[g]) for g in range(K_GRID - 1)),
            evaluate=False,
        ),
        "net flow instead of total flow": sp.Eq(
            _grid_cost,
            sum(gaps[g] * (right[g] - left[g]) for g in range(K_GRID - 1)),
            evaluate=False,
        ),
    },
    uses=["ot.grid"],
    note="|z_j - z_l| is the sum of the gaps between them, so each unit of mass pays for every "
    "gap it crosses, in either direction. With ot.net-flow and R_i + L_i >= |R_i - L_i|, every "
    "coupling costs at least sum_i Delta_i |F_i - G_i|.",
)

cited(
    "ot.w1-cdf",
    r"W_1(\mu, \nu) = \sum_{i=1}^{k-1} \Delta_i\,|F_i - G_i| = \int_{-\infty}^{\infty} "
    r"\big|F(x) - G(x)\big|\, dx = \int_0^1 \big|F^{-1}(u) - G^{-1}(u)\big|\, du",
    source=VALLENDER + "; " + SANTAMBROGIO + ", proposition 2.17",
    uses=["ot.net-flow", "ot.cost-by-gaps", "ot.quantile"],
    note="The lower bound follows from ot.net-flow and ot.cost-by-gaps; the monotone plan moves "
    "mass across each gap in one direction only (R_i L_i = 0), so it attains it. The page "
    "checks the equality against a linear-program solution and scipy at build time.",
)

xs = sp.Symbol("x", real=True)
u = sp.Symbol("u", positive=True)
s_half, h = sp.symbols("s h", positive=True)
_wide = s_half + h
_F_wide = sp.Piecewise((0, xs < -_wide), ((xs + _wide) / (2 * _wide), xs < _wide), (1, True))
_F_narrow = sp.Piecewise((0, xs < -s_half), ((xs + s_half) / (2 * s_half), xs < s_half), (1, True))
_area_x = sp.Integral(sp.Abs(_F_wide - _F_narrow), (xs, -_wide, _wide))
_area_u = sp.Integral(sp.Abs(_wide * (2 * u - 1) - s_half * (2 * u - 1)), (u, 0, 1))

claim(
    "ot.w1-uniform",
    sp.And(sp.Eq(_area_x, h / 2), sp.Eq(_area_u, h / 2)),
    scope=GENERAL,
    latex=r"\mu = \mathcal{U}[-s-h, s+h],\ \nu = \mathcal{U}[-s, s]\colon\qquad "
    r"\int_{-s-h}^{s+h} \big|F(x) - G(x)\big|\, dx = \int_0^1 \big|(s + h)(2u - 1) - "
    r"s(2u - 1)\big|\, du = \frac{h}{2}",
    compare="the display names the distribution functions; the statement writes them as "
    "piecewise functions",
    wrong={
        "area of a shift, h instead of h/2": sp.Eq(_area_u, h),
        "area along x taken as h^2/2": Wrong(
            sp.Eq(_area_x, h**2 / 2), at=({s_half: 1, h: sp.Rational(1, 2)},)
        ),
    },
    uses=["ot.w1-cdf"],
    note="Symbolic s, h > 0. The two distribution functions cross at 0 (F is above G on the "
    "left, below on the right), so neither dominates; the area between them, measured along x "
    "and along the quantile axis, is h/2 both ways. W_1 = h/2 by ot.w1-cdf.",
)

# ------------------------------------------------------------------ Gaussian W2

x = sp.Symbol("x", real=True)
mu1, mu2 = sp.symbols("mu_1 mu_2", real=True)
s1, s2 = sp.symbols("sigma_1 sigma_2", positive=True)
rho = sp.Symbol("rho", real=True)
zz1, zz2 = sp.symbols("z_1 z_2", real=True)
GAUSS_BOX = {mu1: (-3.0, 3.0), mu2: (-3.0, 3.0), s1: (0.3, 3.0), s2: (0.3, 3.0), rho: (-1.0, 1.0)}


def gauss(mean: sp.Expr, var: sp.Expr, at: sp.Symbol = x) -> sp.Expr:
    """The normal density with ``mean`` and variance ``var`` at ``at``."""
    return sp.exp(-((at - mean) ** 2) / (2 * var)) / sp.sqrt(2 * sp.pi * var)


def over(f: sp.Expr, var: sp.Symbol = x) -> sp.Integral:
    """``int_{-oo}^{oo} f d var`` (unevaluated)."""
    return sp.Integral(f, (var, -sp.oo, sp.oo))


_cost_rho = (mu1 - mu2) ** 2 + s1**2 + s2**2 - 2 * rho * s1 * s2
# A Gaussian coupling with correlation rho: X = mu_1 + sigma_1 z_1,
# Y = mu_2 + sigma_2 (rho z_1 + sqrt(1 - rho^2) z_2), z_1, z_2 independent standard normals.
_X = mu1 + s1 * zz1
_Y = mu2 + s2 * (rho * zz1 + sp.sqrt(1 - rho**2) * zz2)
_gauss_coupling = over(over((_X - _Y) ** 2 * gauss(0, 1, zz1) * gauss(0, 1, zz2), zz1), zz2)

claim(
    "ot.coupling-cost",
    sp.And(
        sp.Eq(
            (s1**2 + mu1**2) - 2 * (rho * s1 * s2 + mu1 * mu2) + (s2**2 + mu2**2),
            _cost_rho,
        ),
        sp.Eq(_gauss_coupling, _cost_rho),
        sp.Eq(_cost_rho, (mu1 - mu2) ** 2 + (s1 - s2) ** 2 + 2 * s1 * s2 * (1 - rho)),
    ),
    scope=GENERAL,
    latex=r"\mathbb{E}_\pi\big[(X - Y)^2\big] = (\mu_1 - \mu_2)^2 + \sigma_1^2 + \sigma_2^2 - "
    r"2\rho\,\sigma_1\sigma_2 = (\mu_1 - \mu_2)^2 + (\sigma_1 - \sigma_2)^2 + "
    r"2\sigma_1\sigma_2(1 - \rho)",
    compare="the display names an expectation under a coupling; the statement writes it "
    "through the moments and integrates a Gaussian coupling",
    domain=GAUSS_BOX,
    wrong={
        "cross term with a plus sign": sp.Eq(
            _gauss_coupling, (mu1 - mu2) ** 2 + s1**2 + s2**2 + 2 * rho * s1 * s2
        ),
        "(sigma_1 + sigma_2)^2 in the second form": sp.Eq(
            _cost_rho, (mu1 - mu2) ** 2 + (s1 + s2) ** 2 + 2 * s1 * s2 * (1 - rho)
        ),
        "without the means": sp.Eq(
            (s1**2 + mu1**2) - 2 * (rho * s1 * s2 + mu1 * mu2) + (s2**2 + mu2**2),
            s1**2 + s2**2 - 2 * rho * s1 * s2,
        ),
    },
    uses=["ot.kantorovich"],
    note="Any coupling pi of N(mu_1, sigma_1^2) and N(mu_2, sigma_2^2) with correlation rho: "
    "E[(X - Y)^2] = E[X^2] - 2 E[XY] + E[Y^2], and E[XY] = rho sigma_1 sigma_2 + mu_1 mu_2 (first "
    "conjunct; nothing but the moments enters). The Gaussian coupling with correlation rho "
    "(second conjunct, integrated) shows every rho in [-1, 1] occurs. |rho| <= 1 "
    "(Cauchy-Schwarz), so the last term is nonnegative and vanishes only at rho = 1.",
)

y = sp.Symbol("y", real=True)
_T = mu2 + s2 / s1 * (x - mu1)
_T_inv = mu1 + s1 / s2 * (y - mu2)

claim(
    "ot.gauss-1d",
    sp.And(
        sp.Eq(gauss(mu1, s1**2).subs(x, _T_inv) * sp.diff(_T_inv, y), gauss(mu2, s2**2, y)),
        sp.Eq(over((x - _T) ** 2 * gauss(mu1, s1**2)), (mu1 - mu2) ** 2 + (s1 - s2) ** 2),
    ),
    scope=GENERAL,
    latex=r"T(x) = \mu_2 + \frac{\sigma_2}{\sigma_1}(x - \mu_1)\colon\quad "
    r"T_\#\mathcal{N}(\mu_1, \sigma_1^2) = \mathcal{N}(\mu_2, \sigma_2^2), \qquad "
    r"W_2^2\big(\mathcal{N}(\mu_1, \sigma_1^2), \mathcal{N}(\mu_2, \sigma_2^2)\big) = "
    r"\int \big(x - T(x)\big)^2\, d\mathcal{N}(\mu_1, \sigma_1^2) = "
    r"(\mu_1 - \mu_2)^2 + (\sigma_1 - \sigma_2)^2",
    compare="the display names the pushforward and W_2; the statement is the change of "
    "variables of the density and the integral of the cost of T",
    domain=GAUSS_BOX,
    wrong={
        "slope sigma_1 / sigma_2": sp.Eq(
            gauss(mu1, s1**2).subs(x, mu1 + s2 / s1 * (y - mu2)) * (s2 / s1),
            gauss(mu2, s2**2, y),
        ),
        "difference of variances instead of standard deviations": sp.Eq(
            over((x - _T) ** 2 * gauss(mu1, s1**2)), (mu1 - mu2) ** 2 + (s1**2 - s2**2) ** 2
        ),
        "sum of standard deviations": sp.Eq(
            over((x - _T) ** 2 * gauss(mu1, s1**2)), (mu1 - mu2) ** 2 + (s1 + s2) ** 2
        ),
    },
    uses=["ot.coupling-cost", "ot.quantile"],
    source=GAUSS_SOURCES,
    note="All four parameters symbolic. T is increasing, so (X, T(X)) is the monotone coupling, "
    "and Y = T(X) has correlation 1 with X: it attains the lower bound of ot.coupling-cost, "
    "which every coupling obeys. F^{-1}(u) = mu + sigma Phi^{-1}(u) gives the same map.",
)

cited(
    "ot.gauss-general",
    r"W_2^2\big(\mathcal{N}(m_1, \Sigma_1), \mathcal{N}(m_2, \Sigma_2)\big) = "
    r"\lVert m_1 - m_2 \rVert^2 + \operatorname{tr}\Big(\Sigma_1 + \Sigma_2 - "
    r"2\big(\Sigma_2^{1/2}\Sigma_1\Sigma_2^{1/2}\big)^{1/2}\Big), \qquad "
    r"T(x) = m_2 + \Sigma_1^{-1/2}\big(\Sigma_1^{1/2}\Sigma_2\Sigma_1^{1/2}\big)^{1/2}"
    r"\Sigma_1^{-1/2}(x - m_1)",
    source=GAUSS_SOURCES,
    uses=["ot.gauss-1d"],
    note="T is linear with a symmetric positive definite matrix, the gradient of a convex "
    "quadratic, hence optimal (Brenier; Knott and Smith). The page checks numerically that T "
    "pushes Sigma_1 to Sigma_2 and that its cost is the formula.",
)

# commuting case: d = 2 with a generic common eigenbasis, and the eigenvalue sum for every d
_cq = sp.Symbol("c", real=True)
Q2 = cayley_orthogonal([_cq], 2)
lam = sp.symbols("lambda_1 lambda_2", positive=True)
kap = sp.symbols("kappa_1 kappa_2", positive=True)


def in_basis(values: list[sp.Expr]) -> sp.Matrix:
    """``Q diag(values) Q^T`` with entries simplified."""
    return (Q2 * sp.diag(*values) * Q2.T).applyfunc(sp.cancel)


Sig1, Sig2 = in_basis(list(lam)), in_basis(list(kap))
Root1 = in_basis([sp.sqrt(v) for v in lam])
Root2 = in_basis([sp.sqrt(v) for v in kap])
Cross = in_basis([sp.sqrt(a * b) for a, b in zip(lam, kap)])
_tr_term = sp.Trace(Sig1 + Sig2 - 2 * Cross)
_eig_sum = sum((sp.sqrt(a) - sp.sqrt(b)) ** 2 for a, b in zip(lam, kap))
d = sp.Symbol("d", positive=True, integer=True)
lamf = sp.Function("lambda", positive=True)
kapf = sp.Function("kappa", positive=True)

claim(
    "ot.gauss-commuting",
    sp.And(
        sp.Eq(sp.MatMul(Sig1, Sig2, evaluate=False), sp.MatMul(Sig2, Sig1, evaluate=False)),
        sp.Eq(sp.MatMul(Root1, Root1, evaluate=False), Sig1),
        sp.Eq(sp.MatMul(Root2, Root2, evaluate=False), Sig2),
        sp.Eq(sp.MatMul(Root1, Root2, evaluate=False), Cross),
        sp.Eq(sp.MatMul(Cross, Cross, evaluate=False), sp.MatMul(Root2, Sig1, Root2)),
        sp.Eq(_tr_term, _eig_sum),
        sp.Eq(sp.Trace((Root1 - Root2) * (Root1 - Root2).T), _eig_sum),
        sp.Eq(
            sp.Sum(lamf(i) + kapf(i) - 2 * sp.sqrt(lamf(i) * kapf(i)), (i, 1, d)),
            sp.Sum((sp.sqrt(lamf(i)) - sp.sqrt(kapf(i))) ** 2, (i, 1, d)),
        ),
    ),
    scope=Instance(
        "d = 2 with a generic common eigenbasis (a Cayley rotation with a symbolic parameter) "
        "and symbolic eigenvalues; the eigenvalue sum for a symbolic d",
        "commuting symmetric matrices are diagonal in one orthonormal basis in every dimension, "
        "and in that basis every matrix of the formula is diagonal, so it is a sum over "
        "eigenvalues (the last conjunct)",
    ),
    latex=r"\Sigma_1\Sigma_2 = \Sigma_2\Sigma_1 \implies "
    r"\big(\Sigma_2^{1/2}\Sigma_1\Sigma_2^{1/2}\big)^{1/2} = \Sigma_1^{1/2}\Sigma_2^{1/2}, "
    r"\qquad W_2^2 = \lVert m_1 - m_2 \rVert^2 + \big\lVert \Sigma_1^{1/2} - \Sigma_2^{1/2} "
    r"\big\rVert_F^2 = \lVert m_1 - m_2 \rVert^2 + \sum_{i=1}^{d} \big(\sqrt{\lambda_i} - "
    r"\sqrt{\kappa_i}\big)^2",
    compare=MATRIX_DISPLAY,
    domain={_cq: (-3.0, 3.0)},
    wrong={
        "roots forgotten: the Frobenius distance of the covariances": sp.Eq(
            (Sig1 + Sig2 - 2 * Cross).trace(), sum((a - b) ** 2 for a, b in zip(lam, kap))
        ),
        "sum of the roots": sp.Eq(
            _tr_term, sum((sp.sqrt(a) + sp.sqrt(b)) ** 2 for a, b in zip(lam, kap))
        ),
        "no factor 2 on the cross term (symbolic d)": sp.Eq(
            sp.Sum(lamf(i) + kapf(i) - sp.sqrt(lamf(i) * kapf(i)), (i, 1, d)),
            sp.Sum((sp.sqrt(lamf(i)) - sp.sqrt(kapf(i))) ** 2, (i, 1, d)),
        ),
    },
    uses=["ot.gauss-general"],
    source=GAUSS_SOURCES,
    note="Sigma_1 = Q diag(lambda) Q^T and Sigma_2 = Q diag(kappa) Q^T. The product of the roots "
    "is symmetric positive definite and squares to Sigma_2^{1/2} Sigma_1 Sigma_2^{1/2}, so it is "
    "its (unique) positive square root. For d = 1 this is (sigma_1 - sigma_2)^2 of ot.gauss-1d.",
)

pm, rm = sp.symbols("p r", positive=True)
qm = sp.Symbol("q", real=True)
M2 = sp.Matrix([[pm, qm], [qm, rm]])
_sdet = sp.sqrt(pm * rm - qm**2)
_norm = sp.sqrt(pm + rm + 2 * _sdet)
Root_M = (M2 + _sdet * sp.eye(2)) / _norm
SPD_BOX = {pm: (1.0, 4.0), rm: (1.0, 4.0), qm: (-1.0, 1.0)}

claim(
    "ot.sqrt-2x2",
    sp.And(
        sp.Eq(sp.MatMul(Root_M, Root_M, evaluate=False), M2),
        sp.Eq(sp.Trace(Root_M), sp.sqrt(pm + rm + 2 * _sdet)),
    ),
    scope=GENERAL,
    latex=r"M = \begin{pmatrix} p & q \\ q & r \end{pmatrix} \succ 0\colon\qquad \sqrt{M} = "
    r"\frac{M + \sqrt{\det M}\, I}{\sqrt{\operatorname{tr} M + 2\sqrt{\det M}}}, \qquad "
    r"\operatorname{tr}\sqrt{M} = \sqrt{\operatorname{tr} M + 2\sqrt{\det M}}",
    compare=MATRIX_DISPLAY,
    domain=SPD_BOX,
    wrong={
        "normaliser tr M + det M": sp.Eq(
            sp.MatMul(
                (M2 + _sdet * sp.eye(2)) / sp.sqrt(pm + rm + _sdet),
                (M2 + _sdet * sp.eye(2)) / sp.sqrt(pm + rm + _sdet),
                evaluate=False,
            ),
            M2,
        ),
        "det M in place of its root": sp.Eq(
            sp.MatMul(
                (M2 + (pm * rm - qm**2) * sp.eye(2)) / _norm,
                (M2 + (pm * rm - qm**2) * sp.eye(2)) / _norm,
                evaluate=False,
            ),
            M2,
        ),
        "trace of the root = root of the trace": sp.Eq(Root_M.trace(), sp.sqrt(pm + rm)),
    },
    uses=["ot.gauss-general"],
    note="p, r > 0 and pr > q^2. Cayley-Hamilton gives M^2 = (tr M) M - (det M) I, so "
    "(M + s I)^2 = (tr M + 2s) M for s = sqrt(det M). The eigenvalues of the root are "
    "(lambda_i + sqrt(lambda_1 lambda_2)) / sqrt(tr M + 2 s) > 0: it is the positive root.",
)

uu, vv, ww = sp.symbols("beta_11 beta_12 beta_22", real=True)
B2 = sp.Matrix([[uu, vv], [vv, ww]])  # the root Sigma_2^{1/2}; Sigma_2 = B^2
S1m = M2  # Sigma_1 = [[p, q], [q, r]]

claim(
    "ot.gauss-2d",
    sp.And(
        sp.Eq(sp.Trace(sp.MatMul(B2, S1m, B2)), sp.Trace(sp.MatMul(S1m, B2, B2))),
        sp.Eq(
            sp.Determinant(sp.MatMul(B2, S1m, B2)),
            sp.Determinant(S1m) * sp.Determinant(sp.MatMul(B2, B2)),
        ),
    ),
    scope=GENERAL,
    latex=r"d = 2\colon\quad W_2^2 = \lVert m_1 - m_2 \rVert^2 + \operatorname{tr}\Sigma_1 + "
    r"\operatorname{tr}\Sigma_2 - 2\sqrt{\operatorname{tr}(\Sigma_1\Sigma_2) + "
    r"2\sqrt{\det\Sigma_1\, \det\Sigma_2}}",
    compare="the display names traces and determinants of matrices; the statement checks "
    "them for M = Sigma_2^{1/2} Sigma_1 Sigma_2^{1/2} with every entry symbolic",
    domain={**SPD_BOX, uu: (1.0, 3.0), ww: (1.0, 3.0), vv: (-1.0, 1.0)},
    wrong={
        "tr(Sigma_1 Sigma_2) as tr Sigma_1 tr Sigma_2": sp.Eq(
            (B2 * S1m * B2).trace(), S1m.trace() * (B2 * B2).trace()
        ),
        "det M = det Sigma_1 det Sigma_2^{1/2}": sp.Eq((B2 * S1m * B2).det(), S1m.det() * B2.det()),
    },
    uses=["ot.gauss-general", "ot.sqrt-2x2"],
    source=GAUSS_SOURCES,
    note="B = Sigma_2^{1/2} with symbolic entries, Sigma_1 symbolic. With M = B Sigma_1 B, "
    "tr M = tr(Sigma_1 Sigma_2) and det M = det Sigma_1 det Sigma_2, and ot.sqrt-2x2 turns "
    "tr M^{1/2} into the nested root: in two dimensions no matrix square root is needed.",
)

# ------------------------------------------------------------------ disjoint supports

sig = sp.Symbol("sigma", positive=True)
theta = sp.Symbol("theta", real=True, nonzero=True)
_p0 = gauss(0, sig**2)
_q0 = gauss(theta, sig**2)
_log_ratio = (theta**2 - 2 * theta * x) / (2 * sig**2)

claim(
    "ot.smoothed-kl",
    sp.And(
        sp.Eq(sp.log(_p0) - sp.log(_q0), _log_ratio),
        sp.Eq(over(_p0 * _log_ratio), theta**2 / (2 * sig**2)),
        sp.Eq(sp.Limit(2 * sig**2 / theta**2, sig, 0, "+"), 0),
    ),
    scope=GENERAL,
    latex=r"D\big(\mathcal{N}(0, \sigma^2) \,\Vert\, \mathcal{N}(\theta, \sigma^2)\big) = "
    r"\int p \ln\frac{p}{q}\, dx = \frac{\theta^2}{2\sigma^2} \xrightarrow[\sigma \to 0]{} "
    r"\infty \qquad \theta \ne 0",
    compare="the display names the divergence and a limit to infinity",
    domain={theta: (-3.0, 3.0), sig: (0.2, 3.0)},
    wrong={
        "without the 1/2": sp.Eq(over(_p0 * _log_ratio), theta**2 / sig**2),
        "log-ratio with the linear term's sign flipped": sp.Eq(
            sp.log(_p0) - sp.log(_q0), (theta**2 + 2 * theta * x) / (2 * sig**2)
        ),
        "a finite limit": sp.Eq(sp.Limit(theta**2 / (2 * sig**2), sig, 0, "+"), theta**2 / 2),
    },
    uses=["kl.def", "kl.gauss"],
    source=ARJOVSKY,
    note="theta and sigma symbolic (theta nonzero). As sigma -> 0 the two densities become "
    "Diracs at 0 and theta, whose supports are disjoint, and the divergence is infinite (kl.def).",
)

claim(
    "ot.smoothed-w",
    sp.Eq(
        sp.Subs(
            sp.sqrt((mu1 - mu2) ** 2 + (s1 - s2) ** 2), (mu1, mu2, s1, s2), (0, theta, sig, sig)
        ),
        sp.Abs(theta),
    ),
    scope=GENERAL,
    latex=r"W_2\big(\mathcal{N}(0, \sigma^2), \mathcal{N}(\theta, \sigma^2)\big) = "
    r"\sqrt{(0 - \theta)^2 + (\sigma - \sigma)^2} = |\theta| \quad \text{for every } \sigma > 0",
    compare="the display names W_2; the statement substitutes into ot.gauss-1d",
    wrong={
        "theta without the absolute value": Wrong(
            sp.Eq(
                sp.Subs(
                    sp.sqrt((mu1 - mu2) ** 2 + (s1 - s2) ** 2),
                    (mu1, mu2, s1, s2),
                    (0, theta, sig, sig),
                ),
                theta,
            ),
            at=({theta: -1, sig: 1},),
        ),
        "variances added": sp.Eq(
            sp.Subs(
                sp.sqrt((mu1 - mu2) ** 2 + (s1 + s2) ** 2), (mu1, mu2, s1, s2), (0, theta, sig, sig)
            ),
            sp.Abs(theta),
        ),
    },
    uses=["ot.gauss-1d"],
    source=ARJOVSKY,
    note="The same value for every sigma, so also in the limit of two Diracs: W_p(delta_0, "
    "delta_theta) = |theta| for every p (their only coupling moves all the mass by theta).",
)

pf = sp.Function("p", positive=True)
qf = sp.Function("q", positive=True)
_half = sp.Rational(1, 2)
_js_sums = _half * sp.Sum(
    pf(i) * sp.log(pf(i) / (_half * (pf(i) + 0))), (i, 1, n)
) + _half * sp.Sum(qf(j) * sp.log(qf(j) / (_half * (0 + qf(j)))), (j, 1, m))
_p3 = sp.symbols("p_1 p_2", positive=True)
_q2 = sp.Symbol("q_1", positive=True)
_p_atoms = [_p3[0], _p3[1], 1 - _p3[0] - _p3[1]]
_q_atoms = [_q2, 1 - _q2]


def _js_terms(p_atoms: list, q_atoms: list, mix: sp.Expr) -> sp.Expr:
    """Half the sum of ``w ln(w / (mix * w))`` over the atoms of both distributions."""
    return _half * sum(w * sp.log(w / (mix * w)) for w in p_atoms) + _half * sum(
        w * sp.log(w / (mix * w)) for w in q_atoms
    )


claim(
    "ot.disjoint-js",
    sp.And(
        sp.Eq(_js_sums, sp.log(2) / 2 * (sp.Sum(pf(i), (i, 1, n)) + sp.Sum(qf(j), (j, 1, m)))),
        sp.Eq(_js_terms(_p_atoms, _q_atoms, _half), sp.log(2)),
    ),
    scope=GENERAL,
    latex=r"\mathrm{JS}(p, q) = \frac{1}{2}\sum_{i=1}^{n} p_i \ln\frac{p_i}{\frac{1}{2}(p_i + 0)}"
    r" + \frac{1}{2}\sum_{j=1}^{m} q_j \ln\frac{q_j}{\frac{1}{2}(0 + q_j)} = "
    r"\frac{\ln 2}{2}\Big(\sum_{i=1}^{n} p_i + \sum_{j=1}^{m} q_j\Big) = \ln 2",
    compare="sums over a symbolic number of terms: the parser reads p_i as one symbol",
    domain={_p3[0]: (0.0, 0.5), _p3[1]: (0.0, 0.5), _q2: (0.0, 1.0)},
    wrong={
        "without the outer 1/2": sp.Eq(2 * _js_terms(_p_atoms, _q_atoms, _half), sp.log(2)),
        "JS = ln 2 / 2": sp.Eq(_js_terms(_p_atoms, _q_atoms, _half), sp.log(2) / 2),
    },
    uses=["kl.def"],
    source=ARJOVSKY,
    note="p lives on n atoms where q is zero and q on m atoms where p is zero; on each atom the "
    "mixture (p + q)/2 is half the one distribution present. The first conjunct is for symbolic "
    "n and m, the second normalises three atoms against two. So JS is ln 2 however far apart "
    "the supports are: it carries no information about the distance, and no gradient.",
)

# ------------------------------------------------------------------ entropic transport

definition(
    "ot.entropic",
    r"\mathrm{OT}_\varepsilon(a, b) = \min_{P \in U(a, b)} \langle C, P \rangle - "
    r"\varepsilon H(P), \qquad H(P) = -\sum_{i,j} P_{ij}\,(\ln P_{ij} - 1)",
    note="Cuturi's entropic regularisation; the objective is strictly convex in P.",
)

eps = sp.Symbol("epsilon", positive=True)
Pij = sp.Symbol("P_{ij}", positive=True)
Cij = sp.Symbol("C_{ij}", real=True)
fi, gj = sp.symbols("f_i g_j", real=True)
_lagrangian = Cij * Pij + eps * Pij * (sp.log(Pij) - 1) - fi * Pij - gj * Pij
_stationary = Cij + eps * sp.log(Pij) - fi - gj
_gibbs = sp.exp(fi / eps) * sp.exp(-Cij / eps) * sp.exp(gj / eps)

claim(
    "ot.gibbs",
    sp.And(
        sp.Eq(sp.Derivative(_lagrangian, Pij), _stationary),
        sp.Eq(sp.Subs(_stationary, Pij, _gibbs), 0),
    ),
    scope=GENERAL,
    latex=r"\frac{\partial}{\partial P_{ij}}\Big[C_{ij}P_{ij} + \varepsilon P_{ij}"
    r"(\ln P_{ij} - 1) - f_i P_{ij} - g_j P_{ij}\Big] = C_{ij} + \varepsilon \ln P_{ij} - f_i "
    r"- g_j = 0 \iff P_{ij} = e^{f_i/\varepsilon}\, e^{-C_{ij}/\varepsilon}\, "
    r"e^{g_j/\varepsilon} = u_i K_{ij} v_j",
    compare="the display names u, K and v; the statement is the derivative and its zero",
    wrong={
        "entropy without the -1": sp.Eq(
            sp.Derivative(Cij * Pij + eps * Pij * sp.log(Pij) - fi * Pij - gj * Pij, Pij),
            _stationary,
        ),
        "Gibbs form with the signs flipped": sp.Eq(
            sp.Subs(_stationary, Pij, sp.exp(-fi / eps) * sp.exp(Cij / eps) * sp.exp(-gj / eps)),
            0,
        ),
    },
    uses=["ot.entropic", "ot.discrete"],
    source=CUTURI,
    note="f and g are the multipliers of the two marginal constraints; the bracket collects the "
    "terms of the Lagrangian that contain P_ij. The objective is strictly convex, so the "
    "stationary point is the minimiser: P = diag(u) K diag(v), u = e^{f/eps}, v = e^{g/eps}, "
    "K = e^{-C/eps}.",
)

definition(
    "ot.sinkhorn",
    r"u^{(t+1)} = \frac{a}{K v^{(t)}}, \qquad v^{(t+1)} = \frac{b}{K^\top u^{(t+1)}}, \qquad "
    r"K = e^{-C/\varepsilon}, \qquad P^{(t)} = \operatorname{diag}(u^{(t)})\, K\, "
    r"\operatorname{diag}(v^{(t)})",
    note="Divisions and exponentials are entrywise (Sinkhorn-Knopp matrix scaling).",
)

Kf = sp.Function("K", positive=True)
vf = sp.Function("v", positive=True)
uf = sp.Function("u", positive=True)
_u_new = af(i) / sp.Sum(Kf(i, j) * vf(j), (j, 1, m))
_v_new = bf(j) / sp.Sum(Kf(i, j) * uf(i), (i, 1, n))

claim(
    "ot.sinkhorn-step",
    sp.And(
        sp.Eq(sp.Sum(_u_new * Kf(i, j) * vf(j), (j, 1, m)), af(i)),
        sp.Eq(sp.Sum(uf(i) * Kf(i, j) * _v_new, (i, 1, n)), bf(j)),
    ),
    scope=GENERAL,
    latex=r"u_i = \frac{a_i}{\sum_{l=1}^{m} K_{il} v_l} \implies \sum_{j=1}^{m} u_i K_{ij} v_j "
    r"= a_i, \qquad v_j = \frac{b_j}{\sum_{l=1}^{n} K_{lj} u_l} \implies \sum_{i=1}^{n} "
    r"u_i K_{ij} v_j = b_j",
    compare="sums over a symbolic number of terms: the parser reads K_ij as one symbol",
    wrong={
        "u divided by the column sums (K transposed)": sp.Eq(
            sp.Sum(af(i) / sp.Sum(Kf(j, i) * vf(j), (j, 1, m)) * Kf(i, j) * vf(j), (j, 1, m)),
            af(i),
        ),
        "v multiplied instead of divided": sp.Eq(
            sp.Sum(uf(i) * Kf(i, j) * bf(j) * sp.Sum(Kf(i, j) * uf(i), (i, 1, n)), (i, 1, n)),
            bf(j),
        ),
    },
    uses=["ot.sinkhorn", "ot.gibbs"],
    source="Sinkhorn, 'A relationship between arbitrary positive matrices and doubly "
    "stochastic matrices', Annals of Mathematical Statistics 35 (1964), "
    "https://doi.org/10.1214/aoms/1177703591; " + CUTURI,
    note="Symbolic n and m. Each half-step fixes one marginal exactly and spoils the other; the "
    "alternation converges to the unique scaling with both (Sinkhorn 1964).",
)

_k_off = sp.exp(-1 / eps)
K_ex = sp.Matrix([[1, _k_off], [_k_off, 1]])
t_eps = 1 / (2 * (1 + _k_off))
P_eps = t_eps * K_ex
C_ex = sp.Matrix([[0, 1], [1, 0]])
_cost_eps = sum(C_ex[r, s] * P_eps[r, s] for r in range(2) for s in range(2))
_half_col = sp.Matrix([_half, _half])

claim(
    "ot.sinkhorn-2x2",
    sp.And(
        sp.Eq(sp.MatMul(P_eps, ONES2, evaluate=False), _half_col),
        sp.Eq(sp.MatMul(P_eps.T, ONES2, evaluate=False), _half_col),
        sp.Eq(_cost_eps, 1 / (1 + sp.exp(1 / eps))),
        sp.Eq(sp.Limit(1 / (1 + sp.exp(1 / eps)), eps, 0, "+"), 0),
        sp.Eq(sp.Limit(sp.exp(1 / eps) / (1 + sp.exp(1 / eps)), eps, 0, "+"), 1),
    ),
    scope=GENERAL,
    latex=r"a = b = \big(\tfrac{1}{2}, \tfrac{1}{2}\big),\ C = \begin{pmatrix} 0 & 1 \\ 1 & 0 "
    r"\end{pmatrix}\colon\qquad P_\varepsilon = \frac{K}{2(1 + e^{-1/\varepsilon})}, \qquad "
    r"\langle C, P_\varepsilon \rangle = \frac{1}{1 + e^{1/\varepsilon}} "
    r"\xrightarrow[\varepsilon \to 0]{} 0, \qquad \lim_{\varepsilon \to 0} "
    r"e^{1/\varepsilon}\langle C, P_\varepsilon \rangle = 1",
    compare=MATRIX_DISPLAY,
    wrong={
        "normaliser 2(1 + e^{1/eps})": sp.Eq(
            sp.MatMul(K_ex / (2 * (1 + sp.exp(1 / eps))), ONES2, evaluate=False), _half_col
        ),
        "cost e^{-1/eps} (the off-diagonal kernel)": sp.Eq(_cost_eps, sp.exp(-1 / eps)),
        "cost tends to 1/2": sp.Eq(sp.Limit(1 / (1 + sp.exp(1 / eps)), eps, 0, "+"), _half),
    },
    uses=["ot.sinkhorn", "ot.sinkhorn-step"],
    source=PEYRE_CUTURI + ", section 4.2",
    note="K = e^{-C/eps} = [[1, e^{-1/eps}], [e^{-1/eps}, 1]]. From v = (1, 1) one u-update gives "
    "u = (t, t), t = 1/(2(1 + e^{-1/eps})), after which the v-update returns v = (1, 1): P = tK is "
    "the fixed point. The exact plan is the identity over 2 with cost 0; the gap closes like "
    "e^{-1/eps}, faster than any power of eps.",
)

cited(
    "ot.entropic-limit",
    r"\lim_{\varepsilon \to 0} P_\varepsilon = P^\star = \operatorname*{arg\,max}\big\{H(P)"
    r"\colon P \text{ optimal for } \mathrm{OT}(a, b)\big\}, \qquad \lim_{\varepsilon \to 0} "
    r"\langle C, P_\varepsilon \rangle = \mathrm{OT}(a, b)",
    source=PEYRE_CUTURI + ", proposition 4.1; Cominetti, San Martin, 'Asymptotic analysis of "
    "the exponential penalty trajectory in linear programming', Mathematical Programming 67 "
    "(1994), https://doi.org/10.1007/BF01582220",
    uses=["ot.entropic", "ot.sinkhorn-2x2"],
    note="The page checks the rate bound 0 <= <C, P_eps> - OT <= eps min(H(a), H(b)) on a small "
    "problem, together with the convergence.",
)
