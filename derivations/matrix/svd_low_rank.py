"""Claims of ``docs/posts/mathematics/matrix/svd-low-rank.md``.

SVD geometry, the Eckart-Young theorem and LoRA. Statements about a general matrix are proved
for a generic 3 x 3 matrix ``A = U diag(s_1, s_2, s_3) V^T`` whose orthogonal factors are Cayley
rotations with symbolic parameters (every entry a rational function, so proofs reduce to
``cancel``). Orderings ``s_1 >= s_2 >= s_3`` are encoded by writing ``s_2 = s_3 + e_2`` and
``s_1 = s_2 + e_1`` with positive gaps. LoRA statements are proved for small symbolic shapes.
"""

from __future__ import annotations

import sympy as sp

from derivations import Symbolic, claim, definition
from derivations._helpers import cayley_orthogonal

ECKART_YOUNG = (
    "Eckart, Young, 'The approximation of one matrix by another of lower rank', "
    "Psychometrika 1(3), 1936, https://doi.org/10.1007/BF02288367"
)
LORA = (
    "Hu, Shen, Wallis, Allen-Zhu, Li, Wang, Wang, Chen, 'LoRA: Low-Rank Adaptation of Large "
    "Language Models', https://arxiv.org/abs/2106.09685"
)


def together_factor(expr: sp.Expr) -> sp.Expr:
    """Put a rational expression over one denominator, then factor it.

    Much faster than a bare ``cancel`` on the nested fractions of Cayley-parametrised products;
    inequalities are then read off the signs of the factors.
    """
    return sp.factor(sp.together(expr))


FACTOR = Symbolic(simplify=together_factor)

# ------------------------------------------------------------------ a generic 3 x 3 matrix

a1, a2, a3, b1, b2, b3 = sp.symbols("a_1 a_2 a_3 b_1 b_2 b_3", real=True)
s3 = sp.Symbol("sigma_3", positive=True)
e1, e2 = sp.symbols("e_1 e_2", positive=True)
s2 = s3 + e2
s1 = s2 + e1
U = cayley_orthogonal([a1, a2, a3], 3)
V = cayley_orthogonal([b1, b2, b3], 3)
Sigma = sp.diag(s1, s2, s3)
A = U * Sigma * V.T

# A generic 2 x 2 matrix for the heavier statements (Gram matrices, Eckart-Young).
tu, tv = sp.symbols("t_u t_v", real=True)
U2 = cayley_orthogonal([tu], 2)
V2 = cayley_orthogonal([tv], 2)
q2 = sp.Symbol("sigma_2", positive=True)
q1 = q2 + sp.Symbol("e", positive=True)
Sigma2 = sp.diag(q1, q2)
M = (U2 * Sigma2 * V2.T).applyfunc(sp.cancel)  # entries as single fractions


def col(m: sp.Matrix, i: int) -> sp.Matrix:
    """Column ``i`` (0-based) of ``m``."""
    return m[:, i]


def fro2(m: sp.Matrix) -> sp.Expr:
    """Squared Frobenius norm: the sum of squared entries."""
    return sum(e**2 for e in m)


def sq(v: sp.Matrix) -> sp.Expr:
    """Squared Euclidean norm of a column vector."""
    return (v.T * v)[0, 0]


definition(
    "svd.svd",
    r"A = U \Sigma V^\top = \sum_{i} \sigma_i\, u_i v_i^\top, \qquad U^\top U = I,\; "
    r"V^\top V = I,\; \sigma_1 \ge \sigma_2 \ge \dots \ge 0",
    expr=sp.Eq(A, U * Sigma * V.T),
)

definition(
    "svd.frobenius",
    r"\lVert A \rVert_F^2 = \sum_{i,j} a_{ij}^2 = \operatorname{tr}(A^\top A), \qquad "
    r"\lVert A \rVert_2 = \max_{x \ne 0} \frac{\lVert A x \rVert}{\lVert x \rVert}",
)

definition(
    "svd.truncated",
    r"A_r = \sum_{i=1}^{r} \sigma_i\, u_i v_i^\top",
)

# ------------------------------------------------------------------ SVD geometry

claim(
    "svd.singular-pairs",
    sp.And(sp.Eq(M * V2, U2 * Sigma2), sp.Eq(M.T * U2, V2 * Sigma2)),
    latex=r"A v_i = \sigma_i u_i, \qquad A^\top u_i = \sigma_i v_i",
    method=FACTOR,
    wrong={
        "left and right vectors swapped, A v_i = sigma_i v_i": sp.Eq(M * V2, V2 * Sigma2),
        "order reversed, A v_1 = sigma_2 u_1": sp.Eq(M * V2, U2 * sp.diag(q2, q1)),
    },
    uses=["svd.svd"],
    note="Proved for a generic 2 x 2 matrix (U, V Cayley rotations with one symbolic parameter "
    "each, sigma_1 = sigma_2 + e); the proof is A V = U Sigma V^T V = U Sigma in any size.",
)

claim(
    "svd.gram-eigen",
    sp.And(sp.Eq(M.T * M * V2, V2 * Sigma2**2), sp.Eq(M * M.T * U2, U2 * Sigma2**2)),
    latex=r"A^\top A\, v_i = \sigma_i^2\, v_i, \qquad A A^\top u_i = \sigma_i^2\, u_i",
    method=FACTOR,
    wrong={
        "eigenvalue sigma_i instead of sigma_i^2": sp.Eq(M.T * M * V2, V2 * Sigma2),
    },
    uses=["svd.singular-pairs"],
    note="Generic 2 x 2 matrix, as above; A^T A V = V Sigma U^T U Sigma = V Sigma^2 in any size.",
)

claim(
    "svd.frobenius-sum",
    sp.Eq(fro2(M), q1**2 + q2**2),
    latex=r"\lVert A \rVert_F^2 = \sum_i \sigma_i^2",
    method=FACTOR,
    wrong={"square of the sum": sp.Eq(fro2(M), (q1 + q2) ** 2)},
    uses=["svd.svd", "svd.frobenius"],
    note="Generic 2 x 2 matrix; in any size tr(A^T A) = tr(V Sigma^2 V^T) = tr(Sigma^2).",
)

# ------------------------------------------------------------------ truncation errors

A1 = s1 * col(U, 0) * col(V, 0).T
A2 = A1 + s2 * col(U, 1) * col(V, 1).T
R1 = A - A1

claim(
    "svd.truncation-frobenius",
    sp.And(sp.Eq(fro2(A - A1), s2**2 + s3**2), sp.Eq(fro2(A - A2), s3**2)),
    latex=r"\lVert A - A_r \rVert_F^2 = \sum_{i > r} \sigma_i^2",
    method=FACTOR,
    wrong={
        "discarded values summed before squaring": sp.Eq(fro2(A - A1), (s2 + s3) ** 2),
        "kept values instead of discarded": sp.Eq(fro2(A - A2), s1**2 + s2**2),
    },
    uses=["svd.truncated", "svd.frobenius-sum"],
    source=ECKART_YOUNG,
    note="Generic 3 x 3 matrix, r = 1 and r = 2.",
)

claim(
    "svd.truncation-spectral",
    sp.Eq((A - A1) * V, U * sp.diag(0, s2, s3)),
    latex=r"(A - A_r)\, v_i = \begin{cases} 0, & i \le r \\ "
    r"\sigma_i\, u_i, & i > r \end{cases} \quad\Longrightarrow\quad "
    r"\lVert A - A_r \rVert_2 = \sigma_{r+1}",
    method=FACTOR,
    wrong={
        "residual still maps v_1 to sigma_1 u_1": sp.Eq((A - A1) * V, U * Sigma),
        "residual scales by sigma_i^2": sp.Eq((A - A1) * V, U * sp.diag(0, s2**2, s3**2)),
    },
    uses=["svd.truncated", "svd.singular-pairs"],
    source=ECKART_YOUNG,
    note="Generic 3 x 3 matrix, r = 1: the residual's SVD is U diag(0, sigma_2, sigma_3) V^T, "
    "and sigma_2 >= sigma_3, so its largest singular value is sigma_2.",
)

# ------------------------------------------------------------------ Eckart-Young, rank 1

# Frobenius: for a fixed left factor x, the best right factor and the residual it leaves.
G = sp.Matrix(2, 3, sp.symbols("g_11 g_12 g_13 g_21 g_22 g_23", real=True))
x2 = sp.Matrix(sp.symbols("x_1 x_2", real=True))
y3 = sp.Matrix(sp.symbols("y_1 y_2 y_3", real=True))
_y_best = G.T * x2 / sq(x2)

claim(
    "svd.best-right-factor",
    sp.Eq(
        fro2(G - x2 * y3.T),
        fro2(G) - sq(G.T * x2) / sq(x2) + sq(x2) * sq(y3 - _y_best),
    ),
    latex=r"\lVert A - x y^\top \rVert_F^2 = \lVert A \rVert_F^2 "
    r"- \frac{\lVert A^\top x \rVert^2}{\lVert x \rVert^2} "
    r"+ \lVert x \rVert^2\, \Big\lVert y - \frac{A^\top x}{\lVert x \rVert^2} \Big\rVert^2",
    method=FACTOR,
    wrong={
        "last term without the factor |x|^2": sp.Eq(
            fro2(G - x2 * y3.T), fro2(G) - sq(G.T * x2) / sq(x2) + sq(y3 - _y_best)
        ),
    },
    note="Completing the square in y; proved for a 2 x 3 matrix with all six entries symbolic "
    "(the algebra is the same for any shape).",
)

z = sp.Matrix([sp.Symbol("z_1", positive=True), sp.Symbol("z_2", real=True)])
x_in_u = U2 * z  # any x, written in the basis of left singular vectors

claim(
    "svd.eckart-young-frobenius",
    sp.Ge(fro2(M) - sq(M.T * x_in_u) / sq(x_in_u), q2**2),
    latex=r"\min_{\operatorname{rank} B \le 1} \lVert A - B \rVert_F^2 "
    r"= \min_{x \ne 0}\Big(\lVert A \rVert_F^2 - \frac{\lVert A^\top x \rVert^2}"
    r"{\lVert x \rVert^2}\Big) \ge \sigma_2^2 + \sigma_3^2 + \dots",
    method=FACTOR,
    wrong={
        "bound sigma_1^2 (the kept value)": sp.Ge(fro2(M) - sq(M.T * x_in_u) / sq(x_in_u), q1**2),
    },
    uses=["svd.best-right-factor", "svd.frobenius-sum", "svd.truncation-frobenius"],
    source=ECKART_YOUNG,
    note="Generic 2 x 2 matrix with x = U z arbitrary (U is invertible): the difference is "
    "(sigma_1^2 - sigma_2^2) z_2^2 / |z|^2 >= 0; in n dimensions it is "
    "sum_i (sigma_1^2 - sigma_i^2) z_i^2 / |z|^2. Equality at x = u_1 (the truncated SVD), so "
    "the minimum is exactly the sum of the discarded sigma_i^2.",
)

# Spectral: any rank-1 B = x y^T kills a vector w of span(v_1, v_2), where A stretches by >= s_2.
xb = sp.Matrix(sp.symbols("p_1:3", real=True))
yb = sp.Matrix(sp.symbols("y_1:3", real=True))
w = (yb.T * col(V2, 1))[0, 0] * col(V2, 0) - (yb.T * col(V2, 0))[0, 0] * col(V2, 1)
w = w.applyfunc(sp.cancel)  # entries as single fractions
resid_w = (M - xb * yb.T) * w

claim(
    "svd.eckart-young-spectral",
    sp.Ge(sq(resid_w), q2**2 * sq(w)),
    latex=r"B = x y^\top,\;\; w = (y^\top v_2)\, v_1 - (y^\top v_1)\, v_2:\quad "
    r"\lVert (A - B)\, w \rVert^2 = \lVert A w \rVert^2 \ge \sigma_2^2\, \lVert w \rVert^2",
    method=FACTOR,
    wrong={
        "stretch at least sigma_1": sp.Ge(sq(resid_w), q1**2 * sq(w)),
    },
    uses=["svd.singular-pairs", "svd.truncation-spectral"],
    source=ECKART_YOUNG,
    note="Generic 2 x 2 matrix and arbitrary rank-1 B (x, y symbolic). B w = 0 by "
    "construction, so ||A - B||_2 >= ||A w|| / ||w|| >= sigma_2; for rank r, a rank-r B has a "
    "null vector in span(v_1, ..., v_{r+1}) by counting dimensions, giving sigma_{r+1}.",
)

# ------------------------------------------------------------------ LoRA

d, k, r = sp.symbols("d k r", integer=True, positive=True)

definition(
    "svd.lora",
    r"W = W_0 + B A, \qquad W_0 \in \mathbb{R}^{d \times k} \text{ frozen}, \quad "
    r"B \in \mathbb{R}^{d \times r},\; A \in \mathbb{R}^{r \times k} \text{ trained}, \quad "
    r"B_0 = 0",
)

Bm = sp.Matrix(3, 2, sp.symbols("B_11 B_12 B_21 B_22 B_31 B_32", real=True))
Am = sp.Matrix(2, 3, sp.symbols("A_11 A_12 A_13 A_21 A_22 A_23", real=True))
W0 = sp.Matrix(3, 3, sp.symbols("W_11 W_12 W_13 W_21 W_22 W_23 W_31 W_32 W_33", real=True))
xv = sp.Matrix(sp.symbols("x_1:4", real=True))
cv = sp.Matrix(sp.symbols("c_1:4", real=True))

claim(
    "svd.lora-rank",
    sp.Eq((Bm * Am).det(), 0, evaluate=False),
    latex=r"\operatorname{rank}(B A) \le r \qquad (\text{here } d = k = 3,\ r = 2:\ "
    r"\det(BA) = 0)",
    wrong={
        "rank at most 1 (a 2 x 2 minor vanishes)": sp.Eq((Bm * Am)[:2, :2].det(), 0),
    },
    uses=["svd.lora"],
    note="Proved for d = k = 3, r = 2 with all entries of B and A symbolic; in general the "
    "columns of BA are combinations of the r columns of B.",
)

claim(
    "svd.lora-params",
    sp.Eq(d * r + r * k, r * (d + k)),
    latex=r"\#B + \#A = d r + r k = r (d + k) \quad \text{trainable, against } d k",
    wrong={"d r k": sp.Eq(d * r + r * k, d * r * k)},
    uses=["svd.lora"],
    source=LORA,
)

_ratio = r * (d + k) / (d * k)
claim(
    "svd.lora-ratio",
    sp.And(
        sp.Eq(_ratio.subs(k, d), 2 * r / d, evaluate=False),
        sp.Eq(
            _ratio.subs({d: 4096, k: 4096, r: 8}, simultaneous=True),
            sp.Rational(1, 256),
            evaluate=False,
        ),
    ),
    latex=r"\frac{r (d + k)}{d k} \overset{d = k}{=} \frac{2 r}{d}, \qquad "
    r"d = k = 4096,\ r = 8:\ \frac{1}{256}",
    wrong={
        "r/d": sp.Eq(_ratio.subs(k, d), r / d),
        "1/512": sp.Eq(_ratio.subs({d: 4096, k: 4096, r: 8}), sp.Rational(1, 512)),
    },
    uses=["svd.lora-params"],
)

claim(
    "svd.lora-forward",
    sp.Eq(W0 * xv + Bm * (Am * xv), (W0 + Bm * Am) * xv),
    latex=r"h = W_0 x + B (A x) = (W_0 + B A)\, x",
    wrong={"transposed update (BA)^T x": sp.Eq(W0 * xv + Bm * (Am * xv), (W0 + (Bm * Am).T) * xv)},
    uses=["svd.lora"],
    source=LORA,
    note="Proved for d = k = 3, r = 2 with every entry symbolic (associativity of the product).",
)


def matmul_cost(rows: sp.Expr, inner: sp.Expr, cols: sp.Expr) -> sp.Expr:
    """Multiplications in a (rows x inner) by (inner x cols) product."""
    return rows * inner * cols


claim(
    "svd.lora-cost",
    sp.And(
        sp.Eq(matmul_cost(r, k, 1) + matmul_cost(d, r, 1), r * (d + k), evaluate=False),
        sp.Eq(matmul_cost(d, r, k) + matmul_cost(d, k, 1), d * k * (r + 1), evaluate=False),
    ),
    latex=r"\operatorname{cost}\big(B (A x)\big) = r k + d r = r (d + k), \qquad "
    r"\operatorname{cost}\big((B A)\, x\big) = d r k + d k",
    wrong={
        "factored path costs d r k": sp.Eq(matmul_cost(r, k, 1) + matmul_cost(d, r, 1), d * r * k),
    },
    uses=["svd.lora-forward"],
    note="Multiplications per input vector; forming BA first costs d r k once.",
)

_loss = (cv.T * (W0 + Bm * Am) * xv)[0, 0]
_grad_A = sp.Matrix(2, 3, lambda i, j: sp.diff(_loss, Am[i, j]))
_grad_B = sp.Matrix(3, 2, lambda i, j: sp.diff(_loss, Bm[i, j]))

claim(
    "svd.lora-grads",
    sp.And(sp.Eq(_grad_A, Bm.T * cv * xv.T), sp.Eq(_grad_B, cv * (Am * xv).T)),
    latex=r"\frac{\partial\, c^\top h}{\partial A} = B^\top c\, x^\top, \qquad "
    r"\frac{\partial\, c^\top h}{\partial B} = c\, (A x)^\top",
    wrong={
        "x and c swapped in dA": sp.Eq(_grad_A, Bm.T * xv * cv.T),
    },
    uses=["svd.lora-forward"],
    source=LORA,
    note="c is the gradient of the loss with respect to h (a linear loss c^T h); d = k = 3, "
    "r = 2 with every entry symbolic. With B = 0 at initialisation, dA = 0: only B moves first.",
)
