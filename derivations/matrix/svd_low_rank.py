"""Claims of ``docs/posts/mathematics/matrix/svd-low-rank.md``.

SVD geometry, the Eckart-Young theorem and LoRA. Identities that use only the algebra of the
factors (A V = U Sigma, the Gram matrices, LoRA's forward pass) are proved for every shape with
matrix symbols. Statements about norms are proved for a generic 3 x 3 matrix
``A = U diag(s_1, s_2, s_3) V^T`` whose orthogonal factors are Cayley rotations with symbolic
parameters (every entry a rational function, so proofs reduce to ``cancel``); orderings
``s_1 > s_2 > s_3 > 0`` are encoded by writing ``s_2 = s_3 + e_2`` and ``s_1 = s_2 + e_1`` with
positive gaps. Wrong variants are concrete (a generic 2 x 2 or 3 x 3 instance), so that each
is refuted by a counterexample. Each claim's scope names what was proved.
"""

from __future__ import annotations

import sympy as sp

from derivations import GENERAL, Instance, claim, definition
from derivations.helpers import cayley_orthogonal, eq, ge, le

ECKART_YOUNG = (
    "Eckart, Young, 'The approximation of one matrix by another of lower rank', "
    "Psychometrika 1(3), 1936, https://doi.org/10.1007/BF02288367"
)
LORA = (
    "Hu, Shen, Wallis, Allen-Zhu, Li, Wang, Wang, Chen, 'LoRA: Low-Rank Adaptation of Large "
    "Language Models', https://arxiv.org/abs/2106.09685"
)


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


# The SVD of a matrix of any shape, as matrix symbols: A = U Sigma V^T with U (m x m), Sigma
# (m x n, zero off its diagonal), V (n x n). Identities below use no property of the factors
# beyond their shapes; the hypotheses U^T U = I and V^T V = I enter as factors that vanish.
m, n = sp.symbols("m n", integer=True, positive=True)
U_ = sp.MatrixSymbol("U", m, m)
S_ = sp.MatrixSymbol("Sigma", m, n)
V_ = sp.MatrixSymbol("V", n, n)
A_ = sp.MatrixSymbol("A", m, n)
A_svd = U_ * S_ * V_.T
I_m, I_n = sp.Identity(m), sp.Identity(n)

definition(
    "svd.svd",
    r"A = U \Sigma V^\top = \sum_{i} \sigma_i\, u_i v_i^\top, \qquad U^\top U = I,\; "
    r"V^\top V = I,\; \sigma_1 \ge \sigma_2 \ge \dots \ge 0",
    expr=eq(A_, A_svd),
    note="Every real matrix has such a factorisation (G. H. Golub, C. F. Van Loan, 'Matrix "
    "Computations', 4th ed., Theorem 2.4.1); Sigma is m x n and zero off its diagonal.",
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

ANY_SHAPE = "every shape (matrix symbols U: m x m, Sigma: m x n, V: n x n)"
NO_ENTRIES = "matrix identities; the parser reads the letters as scalars"

claim(
    "svd.singular-pairs",
    sp.And(
        eq(A_svd * V_ - U_ * S_, U_ * S_ * (V_.T * V_ - I_n)),
        eq(A_svd.T * U_ - V_ * S_.T, V_ * S_.T * (U_.T * U_ - I_m)),
    ),
    scope=GENERAL,
    latex=r"A v_i = \sigma_i u_i, \qquad A^\top u_i = \sigma_i v_i",
    wrong={
        "left and right vectors swapped, A v_i = sigma_i v_i": eq(M * V2, V2 * Sigma2),
        "order reversed, A v_1 = sigma_2 u_1": eq(M * V2, U2 * sp.diag(q2, q1)),
    },
    uses=["svd.svd"],
    note="Proved for every shape: A V - U Sigma = U Sigma (V^T V - I) and "
    "A^T U - V Sigma^T = V Sigma^T (U^T U - I), whose right sides vanish because U and V are "
    "orthogonal; column i reads A v_i = sigma_i u_i and A^T u_i = sigma_i v_i. The wrong "
    "variants are refuted on a generic 2 x 2 matrix (Cayley rotations U, V).",
    compare=NO_ENTRIES,
)

claim(
    "svd.gram-eigen",
    sp.And(
        eq(
            A_svd.T * A_svd * V_ - V_ * S_.T * S_,
            V_ * S_.T * (U_.T * U_ - I_m) * S_ * V_.T * V_ + V_ * S_.T * S_ * (V_.T * V_ - I_n),
        ),
        eq(
            A_svd * A_svd.T * U_ - U_ * S_ * S_.T,
            U_ * S_ * (V_.T * V_ - I_n) * S_.T * U_.T * U_ + U_ * S_ * S_.T * (U_.T * U_ - I_m),
        ),
    ),
    scope=GENERAL,
    latex=r"A^\top A\, v_i = \sigma_i^2\, v_i, \qquad A A^\top u_i = \sigma_i^2\, u_i",
    wrong={
        "eigenvalue sigma_i instead of sigma_i^2": eq(M.T * M * V2, V2 * Sigma2),
        "A A^T has the v_i as eigenvectors": eq(M * M.T * V2, V2 * Sigma2**2),
    },
    uses=["svd.singular-pairs"],
    note="Proved for every shape: A^T A V - V Sigma^T Sigma and A A^T U - U Sigma Sigma^T are "
    "sums of terms with a factor U^T U - I or V^T V - I; Sigma^T Sigma = diag(sigma_i^2). The "
    "wrong variants are refuted on a generic 2 x 2 matrix.",
    compare=NO_ENTRIES,
)

# Norms are invariant under a rotation: ||Y V||_F = ||Y||_F for any Y (nine symbolic entries).
Y = sp.Matrix(3, 3, sp.symbols("y_11:14 y_21:24 y_31:34", real=True))

claim(
    "svd.frobenius-sum",
    sp.And(eq(fro2(Y * V), fro2(Y)), eq(fro2(U * Sigma), s1**2 + s2**2 + s3**2)),
    scope=Instance(
        "3 x 3: ||Y V||_F^2 = ||Y||_F^2 for every Y (all nine entries symbolic) and a generic "
        "rotation V, and ||U Sigma||_F^2 = sigma_1^2 + sigma_2^2 + sigma_3^2 for a generic "
        "rotation U; with A V = U Sigma (svd.singular-pairs) this is ||A||_F^2 = ||A V||_F^2 "
        "= ||U Sigma||_F^2",
        "in every shape ||Y V||_F^2 = tr(Y V V^T Y^T) = ||Y||_F^2 and ||U Sigma||_F^2 = "
        "tr(Sigma^T U^T U Sigma) = sum_i sigma_i^2",
    ),
    latex=r"\lVert A \rVert_F^2 = \sum_i \sigma_i^2",
    wrong={
        "square of the sum": eq(fro2(U * Sigma), (s1 + s2 + s3) ** 2),
        "sum of the singular values": eq(fro2(U * Sigma), s1 + s2 + s3),
    },
    uses=["svd.svd", "svd.frobenius", "svd.singular-pairs"],
    compare="a norm and a sum over i; the statement has 3 x 3 entries",
)

# ------------------------------------------------------------------ truncation errors

A1 = s1 * col(U, 0) * col(V, 0).T  # the generic 3 x 3 matrix truncated to rank 1
# A_r = U Sigma_r V^T, where Sigma_r keeps the first r singular values: sum_{i <= r} s_i u_i v_i^T.
Sr_ = sp.MatrixSymbol("Sigma_r", m, n)

claim(
    "svd.truncation-action",
    eq(
        (A_svd - U_ * Sr_ * V_.T) * V_ - U_ * (S_ - Sr_),
        U_ * (S_ - Sr_) * (V_.T * V_ - I_n),
    ),
    scope=GENERAL,
    latex=r"(A - A_r)\, v_i = \begin{cases} 0, & i \le r \\ "
    r"\sigma_i\, u_i, & i > r \end{cases}",
    wrong={
        "residual still maps v_1 to sigma_1 u_1": eq((A - A1) * V, U * Sigma),
        "residual scales by sigma_i^2": eq((A - A1) * V, U * sp.diag(0, s2**2, s3**2)),
    },
    uses=["svd.truncated", "svd.singular-pairs"],
    source=ECKART_YOUNG,
    note="Every shape: A_r = U Sigma_r V^T, with Sigma_r the first r singular values of Sigma "
    "and zeros elsewhere, so (A - A_r) V - U (Sigma - Sigma_r) = U (Sigma - Sigma_r) "
    "(V^T V - I) = 0; column i of U (Sigma - Sigma_r) is 0 for i <= r and sigma_i u_i for "
    "i > r. The wrong variants are refuted on the generic 3 x 3 matrix with r = 1.",
    compare="cases over i; a matrix identity in the statement",
)

claim(
    "svd.truncation-frobenius",
    sp.And(
        eq(fro2(Y * V), fro2(Y)),
        eq(fro2(U * sp.diag(0, s2, s3)), s2**2 + s3**2),
        eq(fro2(U * sp.diag(0, 0, s3)), s3**2),
    ),
    scope=Instance(
        "3 x 3, r = 1 and r = 2: ||(A - A_r) V||_F = ||A - A_r||_F (any Y, generic rotation "
        "V), (A - A_r) V = U diag(0, .., sigma_{r+1}, ..) (svd.truncation-action) and the "
        "norms of U diag(0, sigma_2, sigma_3) and U diag(0, 0, sigma_3) for a generic rotation U",
        "the same steps in every size: ||A - A_r||_F^2 = ||U (Sigma - Sigma_r)||_F^2 = "
        "sum_{i > r} sigma_i^2",
    ),
    latex=r"\lVert A - A_r \rVert_F^2 = \sum_{i > r} \sigma_i^2",
    wrong={
        "discarded values summed before squaring": eq(fro2(U * sp.diag(0, s2, s3)), (s2 + s3) ** 2),
        "kept values instead of discarded": eq(fro2(U * sp.diag(0, 0, s3)), s1**2 + s2**2),
    },
    uses=["svd.truncation-action", "svd.frobenius-sum"],
    source=ECKART_YOUNG,
    compare="a norm and a sum over i > r; the statement has 3 x 3 entries",
)

c3 = sp.Matrix(sp.symbols("c_1:4", real=True))  # any x = V c
D1 = sp.diag(0, s2, s3)  # (A - A_1) V = U D1 (svd.truncation-action)
cc = c3[0] ** 2 + c3[1] ** 2 + c3[2] ** 2
stretch = s2**2 * c3[1] ** 2 + s3**2 * c3[2] ** 2

claim(
    "svd.truncation-spectral",
    sp.And(
        eq(sq(U * D1 * c3), stretch),
        eq(sq(V * c3), cc),
        le(stretch, s2**2 * cc),
        eq(sq(U * D1 * sp.Matrix([0, 1, 0])), s2**2),
    ),
    scope=Instance(
        "3 x 3, r = 1: for x = V c, (A - A_1) x = U diag(0, sigma_2, sigma_3) c "
        "(svd.truncation-action), whose squared length sigma_2^2 c_2^2 + sigma_3^2 c_3^2 is at "
        "most sigma_2^2 ||c||^2 = sigma_2^2 ||x||^2, with equality at c = e_2; U and V generic "
        "rotations",
        "in every size ||(A - A_r) x||^2 = sum_{i > r} sigma_i^2 c_i^2 <= sigma_{r+1}^2 ||x||^2, "
        "with equality at x = v_{r+1}",
    ),
    latex=r"\lVert A - A_r \rVert_2 = \sigma_{r+1}",
    wrong={
        "the last kept value sigma_r": le(stretch, s3**2 * cc),
        "sigma_{r+1}^2 (the norm not squared)": eq(sq(U * D1 * sp.Matrix([0, 1, 0])), s2**4),
    },
    uses=["svd.truncation-action", "svd.frobenius"],
    source=ECKART_YOUNG,
    compare="a spectral norm; the statement has its maximisation in coordinates",
)

# ------------------------------------------------------------------ Eckart-Young, rank 1

# Frobenius: for a fixed left factor x, the best right factor and the residual it leaves.
G = sp.Matrix(2, 3, sp.symbols("g_11 g_12 g_13 g_21 g_22 g_23", real=True))
x2 = sp.Matrix(sp.symbols("x_1 x_2", real=True))
y3 = sp.Matrix(sp.symbols("y_1 y_2 y_3", real=True))
_y_best = G.T * x2 / sq(x2)

claim(
    "svd.best-right-factor",
    eq(
        fro2(G - x2 * y3.T),
        fro2(G) - sq(G.T * x2) / sq(x2) + sq(x2) * sq(y3 - _y_best),
    ),
    scope=Instance(
        "A 2 x 3 with all six entries symbolic, x in R^2 and y in R^3 symbolic, x != 0",
        "the expansion uses only bilinearity, ||A - x y^T||_F^2 = ||A||_F^2 - 2 y^T A^T x "
        "+ ||x||^2 ||y||^2, then completes the square in y: the same in every shape",
    ),
    latex=r"\lVert A - x y^\top \rVert_F^2 = \lVert A \rVert_F^2 "
    r"- \frac{\lVert A^\top x \rVert^2}{\lVert x \rVert^2} "
    r"+ \lVert x \rVert^2\, \Big\lVert y - \frac{A^\top x}{\lVert x \rVert^2} \Big\rVert^2, "
    r"\qquad x \ne 0",
    wrong={
        "last term without the factor |x|^2": eq(
            fro2(G - x2 * y3.T), fro2(G) - sq(G.T * x2) / sq(x2) + sq(y3 - _y_best)
        ),
        "best y = A^T x (not divided by |x|^2)": eq(
            fro2(G - x2 * y3.T),
            fro2(G) - sq(G.T * x2) / sq(x2) + sq(x2) * sq(y3 - G.T * x2),
        ),
    },
    note="Completing the square in y.",
    compare="norms of matrices and vectors; the statement has the 2 x 3 entries",
)

z3 = sp.Matrix(sp.symbols("z_1:4", real=True))  # any x = U z
zz = z3[0] ** 2 + z3[1] ** 2 + z3[2] ** 2
fro_A = s1**2 + s2**2 + s3**2  # ||A||_F^2 (svd.frobenius-sum)
gain = s1**2 * z3[0] ** 2 + s2**2 * z3[1] ** 2 + s3**2 * z3[2] ** 2
e_1 = sp.Matrix([1, 0, 0])

claim(
    "svd.eckart-young-frobenius",
    sp.And(
        eq(sq(U * z3), zz),
        eq(sq(V * Sigma * z3), gain),
        ge(fro_A * zz - gain, (s2**2 + s3**2) * zz),
        eq(sq(V * Sigma * e_1), s1**2),
    ),
    scope=Instance(
        "3 x 3, rank 1, U and V generic rotations: for x = U z, ||x||^2 = ||z||^2 and "
        "A^T x = V Sigma z (svd.singular-pairs) with ||V Sigma z||^2 = sum_i sigma_i^2 z_i^2, so "
        "||A||_F^2 ||x||^2 - ||A^T x||^2 >= (sigma_2^2 + sigma_3^2) ||x||^2, with equality at "
        "x = u_1",
        "the first equality is svd.best-right-factor at its best y; in n dimensions the "
        "difference is sum_i (sigma_1^2 - sigma_i^2) z_i^2 >= 0 in the same way",
    ),
    latex=r"\min_{\operatorname{rank} B \le 1} \lVert A - B \rVert_F^2 "
    r"= \min_{x \ne 0}\Big(\lVert A \rVert_F^2 - \frac{\lVert A^\top x \rVert^2}"
    r"{\lVert x \rVert^2}\Big) = \sigma_2^2 + \sigma_3^2 + \dots",
    wrong={
        "bound sigma_1^2 (the kept value)": ge(fro_A * zz - gain, s1**2 * zz),
        "A^T x stretched by the sigma_i, not their squares": eq(
            sq(V * Sigma * z3), s1 * z3[0] ** 2 + s2 * z3[1] ** 2 + s3 * z3[2] ** 2
        ),
    },
    uses=["svd.best-right-factor", "svd.singular-pairs", "svd.frobenius-sum"],
    source=ECKART_YOUNG,
    compare="minima over sets of matrices; the statement has 3 x 3 entries",
)

# Spectral: any rank-1 B = x y^T kills a vector w of span(v_1, v_2), where A stretches by >= s_2.
xb = sp.Matrix(sp.symbols("p_1:4", real=True))
yb = sp.Matrix(sp.symbols("y_1:4", real=True))
w = (yb.T * col(V, 1))[0, 0] * col(V, 0) - (yb.T * col(V, 0))[0, 0] * col(V, 1)
alpha, beta = sp.symbols("alpha beta", real=True)
w_coords = sp.Matrix([alpha, beta, 0])  # w = alpha v_1 + beta v_2 = V (alpha, beta, 0)
gain_w = s1**2 * alpha**2 + s2**2 * beta**2

claim(
    "svd.eckart-young-spectral",
    sp.And(
        eq(xb * yb.T * w, sp.zeros(3, 1)),
        eq(sq(U * Sigma * w_coords), gain_w),
        eq(sq(V * w_coords), alpha**2 + beta**2),
        ge(gain_w, s2**2 * (alpha**2 + beta**2)),
    ),
    scope=Instance(
        "3 x 3, U and V generic rotations, any rank-one B = x y^T (x, y symbolic): B w = 0; "
        "for every w = alpha v_1 + beta v_2, A w = U Sigma (alpha, beta, 0)^T "
        "(svd.singular-pairs) has ||A w||^2 = sigma_1^2 alpha^2 + sigma_2^2 beta^2 >= "
        "sigma_2^2 ||w||^2",
        "the same in n dimensions; if y^T v_1 = y^T v_2 = 0, then w = 0 and v_1 itself is "
        "killed by B",
    ),
    latex=r"B = x y^\top,\;\; w = (y^\top v_2)\, v_1 - (y^\top v_1)\, v_2:\quad B w = 0, "
    r"\qquad \lVert (A - B)\, w \rVert^2 = \lVert A w \rVert^2 \ge \sigma_2^2\, \lVert w \rVert^2",
    wrong={
        "stretch at least sigma_1": ge(gain_w, s1**2 * (alpha**2 + beta**2)),
        "w = (y^T v_1) v_1 - (y^T v_2) v_2": eq(
            xb
            * yb.T
            * ((yb.T * col(V, 0))[0, 0] * col(V, 0) - (yb.T * col(V, 1))[0, 0] * col(V, 1)),
            sp.zeros(3, 1),
        ),
    },
    uses=["svd.singular-pairs", "svd.truncation-spectral"],
    source=ECKART_YOUNG,
    note="B w = x (y^T w) = 0, so ||(A - B) w|| = ||A w|| and ||A - B||_2 >= sigma_2. For "
    "rank r, a rank-r B has a null vector in span(v_1, ..., v_{r+1}) by counting dimensions, "
    "giving sigma_{r+1}.",
    compare="norms and vectors; the statement has 3 x 3 entries",
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
SMALL = "d = k = 3, r = 2, every entry of B and A symbolic"

claim(
    "svd.lora-rank",
    eq(sp.Determinant(Bm * Am), 0),
    scope=Instance(
        f"{SMALL}: det(BA) = 0",
        "the columns of BA are combinations of the r columns of B, in every size",
    ),
    latex=r"\operatorname{rank}(B A) \le r \qquad (\text{here } d = k = 3,\ r = 2:\ "
    r"\det(BA) = 0)",
    wrong={
        "rank at most 1 (a 2 x 2 minor vanishes)": eq((Bm * Am)[:2, :2].det(), 0),
    },
    uses=["svd.lora"],
    compare="rank is not a relation the parser reads; the statement is det(BA) = 0",
)

claim(
    "svd.lora-params",
    eq(d * r + r * k, r * (d + k)),
    scope=GENERAL,
    latex=r"r d + r k = r (d + k)",
    wrong={
        "d r k": eq(d * r + r * k, d * r * k),
        "r (d + k) / 2": eq(d * r + r * k, r * (d + k) / 2),
    },
    uses=["svd.lora"],
    source=LORA,
)

_ratio = r * (d + k) / (d * k)
claim(
    "svd.lora-ratio",
    sp.And(
        eq(sp.Subs(_ratio, k, d), 2 * r / d),
        eq(sp.Subs(_ratio, (d, k, r), (4096, 4096, 8)), sp.Rational(1, 256)),
    ),
    scope=GENERAL,
    latex=r"\frac{r (d + k)}{d k} \overset{d = k}{=} \frac{2 r}{d}, \qquad "
    r"d = k = 4096,\ r = 8:\ \frac{1}{256}",
    wrong={
        "r/d": eq(_ratio.subs(k, d), r / d),
        "1/512": eq(_ratio.subs({d: 4096, k: 4096, r: 8}), sp.Rational(1, 512)),
    },
    uses=["svd.lora-params"],
    compare="the display substitutes d = k over the equals sign and gives a numeric instance",
)

# LoRA's forward pass for every shape: matrix symbols W_0 (d x k), B (d x r), A (r x k), x (k).
W0_ = sp.MatrixSymbol("W_0", d, k)
B_ = sp.MatrixSymbol("B", d, r)
Al_ = sp.MatrixSymbol("A", r, k)
x_ = sp.MatrixSymbol("x", k, 1)

claim(
    "svd.lora-forward",
    eq(W0_ * x_ + B_ * (Al_ * x_), (W0_ + B_ * Al_) * x_),
    scope=GENERAL,
    latex=r"h = W_0 x + B (A x) = (W_0 + B A)\, x",
    wrong={
        "transposed update (BA)^T x": eq(W0 * xv + Bm * (Am * xv), (W0 + (Bm * Am).T) * xv),
        "the frozen weight counted twice": eq(W0 * xv + Bm * (Am * xv), (2 * W0 + Bm * Am) * xv),
    },
    uses=["svd.lora"],
    source=LORA,
    note="Every shape (matrix symbols, symbolic d, k, r): associativity and distributivity of "
    "the product. The wrong variants are refuted on d = k = 3, r = 2.",
    compare=NO_ENTRIES,
)


def matmul_cost(rows: sp.Expr, inner: sp.Expr, cols: sp.Expr) -> sp.Expr:
    """Multiplications in a (rows x inner) by (inner x cols) product."""
    return rows * inner * cols


claim(
    "svd.lora-cost",
    sp.And(
        eq(matmul_cost(r, k, 1) + matmul_cost(d, r, 1), r * (d + k)),
        eq(matmul_cost(d, r, k) + matmul_cost(d, k, 1), d * k * (r + 1)),
    ),
    scope=GENERAL,
    latex=r"\operatorname{cost}\big(B (A x)\big) = r k + d r = r (d + k), \qquad "
    r"\operatorname{cost}\big((B A)\, x\big) = d r k + d k",
    wrong={
        "factored path costs d r k": eq(matmul_cost(r, k, 1) + matmul_cost(d, r, 1), d * r * k),
        "forming BA costs d k": eq(matmul_cost(d, r, k) + matmul_cost(d, k, 1), 2 * d * k),
    },
    uses=["svd.lora-forward"],
    note="Multiplications per input vector, counting rows x inner x columns per product; "
    "forming BA first costs d r k once.",
    compare="cost is the multiplication count of the note, not a function the parser knows",
)

_loss = (cv.T * (W0 + Bm * Am) * xv)[0, 0]
_grad_A = sp.Matrix(2, 3, lambda i, j: sp.Derivative(_loss, Am[i, j]))
_grad_B = sp.Matrix(3, 2, lambda i, j: sp.Derivative(_loss, Bm[i, j]))

claim(
    "svd.lora-grads",
    sp.And(
        eq(_grad_A, Bm.T * cv * xv.T),
        eq(_grad_B, cv * (Am * xv).T),
    ),
    scope=Instance(
        f"{SMALL}, entrywise derivatives of the linear loss c^T h",
        "c^T (W_0 + B A) x is linear in each entry of A and of B, and the entrywise derivative "
        "has the same form in every size; c stands for the gradient of any loss with respect "
        "to h (chain rule)",
    ),
    latex=r"\frac{\partial\, c^\top h}{\partial A} = B^\top c\, x^\top, \qquad "
    r"\frac{\partial\, c^\top h}{\partial B} = c\, (A x)^\top",
    wrong={
        "x and c swapped in dA": eq(_grad_A.doit(), Bm.T * xv * cv.T),
    },
    uses=["svd.lora-forward"],
    source=LORA,
    note="With B = 0 at initialisation, dA = 0: only B moves first.",
    compare="derivatives with respect to matrices",
)
