"""Claims of ``docs/posts/mathematics/attention/linear-attention-random-features.md``.

From Performer to linear attention: the softmax kernel exp(x^T y) is the expectation of a
product of positive random features exp(w^T x - |x|^2/2) over a standard Gaussian w, which rests
on the Gaussian moment generating function E[exp(w^T u)] = exp(|u|^2/2); the estimator's
variance; and why a kernel that factorises lets attention be computed in O(n d^2) instead of
O(n^2 d), by associativity of the matrix product.

Vectors of symbolic dimension d are ``IndexedBase`` coordinates summed by ``Sum(..., (i, 1, d))``:
identities of features, norms and exponents are proved for every d. Expectations are sympy
integrals against the Gaussian density: one-dimensional ones are evaluated for symbolic
arguments, a d-dimensional expectation is written as the product over coordinates of
one-dimensional ones (the density of N(0, I_d) is a product), and rf.mgf also integrates the
two-dimensional case directly. Matrix identities are proved for matrix symbols of symbolic size
and multiplied out for n = 3 tokens; the causal recurrence is proved for n = 3.

Wrong variants are stated for d = 2 (or d = 1) with plain symbols: a slip that fails in two
dimensions fails in general, and the refutation then evaluates ordinary numbers.
"""

from __future__ import annotations

import sympy as sp

from derivations import GENERAL, Instance, Wrong, claim, definition

PERFORMER = (
    "Choromanski et al., 'Rethinking Attention with Performers', https://arxiv.org/abs/2009.14794"
)
TRANSFORMERS_RNN = (
    "Katharopoulos, Vyas, Pappas, Fleuret, 'Transformers are RNNs: Fast Autoregressive "
    "Transformers with Linear Attention', https://arxiv.org/abs/2006.16236"
)

# Scalars (one coordinate) and plain two-dimensional vectors, for 1-D claims and for variants.
w, w1, w2 = sp.symbols("w w_1 w_2", real=True)
u, x, y = sp.symbols("u x y", real=True)
uv = sp.Matrix(sp.symbols("u_1:3", real=True))
xv = sp.Matrix(sp.symbols("x_1:3", real=True))
yv = sp.Matrix(sp.symbols("y_1:3", real=True))
wv = sp.Matrix([w1, w2])

# Vectors of symbolic dimension d: coordinates x[i], i = 1..d.
i = sp.Symbol("i", integer=True, positive=True)
d = sp.Symbol("d", integer=True, positive=True)
X, Y, W, U = (sp.IndexedBase(name, real=True) for name in ("x", "y", "w", "u"))


def total(term: sp.Expr) -> sp.Sum:
    """``sum_{i=1}^d term``, unevaluated."""
    return sp.Sum(term, (i, 1, d))


def density(t: sp.Symbol) -> sp.Expr:
    """Standard normal density."""
    return sp.exp(-(t**2) / 2) / sp.sqrt(2 * sp.pi)


def expect_1d(f: sp.Expr) -> sp.Integral:
    """``E[f(w)]`` for ``w ~ N(0, 1)``, unevaluated."""
    return sp.Integral(f * density(w), (w, -sp.oo, sp.oo))


def expect_2d(f: sp.Expr) -> sp.Integral:
    """``E[f(w)]`` for ``w ~ N(0, I_2)``, unevaluated."""
    return sp.Integral(f * density(w1) * density(w2), (w1, -sp.oo, sp.oo), (w2, -sp.oo, sp.oo))


def per_coordinate(f: sp.Expr) -> sp.Product:
    """``prod_{i=1}^d E[f]``: the expectation over ``N(0, I_d)`` of a product over coordinates."""
    return sp.Product(expect_1d(f), (i, 1, d))


def sq(v: sp.Matrix) -> sp.Expr:
    """Squared Euclidean norm of a plain vector."""
    return (v.T * v)[0]


def dot(a: sp.Matrix, b: sp.Matrix) -> sp.Expr:
    """Inner product of plain vectors."""
    return (a.T * b)[0]


def feature(wvec: sp.Matrix, v: sp.Matrix) -> sp.Expr:
    """Positive random feature ``exp(w^T v - |v|^2 / 2)`` of a plain vector."""
    return sp.exp(dot(wvec, v) - sq(v) / 2)


def feature_1d(t: sp.Expr, v: sp.Expr) -> sp.Expr:
    """One coordinate's factor of the feature: ``exp(t v - v^2 / 2)``."""
    return sp.exp(t * v - v**2 / 2)


def feature_d(v: sp.IndexedBase) -> sp.Expr:
    """The feature ``exp(w^T v - |v|^2 / 2)`` in dimension d."""
    return sp.exp(total(W[i] * v[i]) - total(v[i] ** 2) / 2)


NOT_PARSEABLE = "expectations, norms and vectors of dimension d are not LaTeX the parser reads"
SLOW_INTEGRAL = (
    "the display is the statement's integral written out; integrating it symbolically at each of "
    "the comparison's 24 points takes longer than the comparison's 30 s budget"
)

# ------------------------------------------------------------------ definitions

definition(
    "rf.kernel",
    r"\operatorname{SM}(x, y) = \exp(x^\top y), \qquad "
    r"\operatorname{softmax}(QK^\top)_{ij} = \frac{\operatorname{SM}(q_i, k_j)}"
    r"{\sum_{l} \operatorname{SM}(q_i, k_l)}",
    note="Scaling by 1/sqrt(d) is absorbed into q and k.",
)

definition(
    "rf.features",
    r"\phi_w(x) = \exp\!\big(w^\top x - \tfrac{1}{2}\lVert x \rVert^2\big), \qquad "
    r"\phi(x) = \tfrac{1}{\sqrt{M}} \big(\phi_{w_1}(x), \dots, \phi_{w_M}(x)\big), \qquad "
    r"w_i \sim \mathcal{N}(0, I_d)",
    note="Performer's positive random features (FAVOR+ without the orthogonalisation); the "
    "w_i are drawn independently.",
)

# ------------------------------------------------------------------ the Gaussian MGF

claim(
    "rf.complete-square",
    sp.Eq(w * u - w**2 / 2, u**2 / 2 - (w - u) ** 2 / 2),
    scope=GENERAL,
    latex=r"w u - \tfrac{1}{2} w^2 = \tfrac{1}{2} u^2 - \tfrac{1}{2} (w - u)^2",
    wrong={
        "sign of the square flipped": sp.Eq(w * u - w**2 / 2, u**2 / 2 + (w - u) ** 2 / 2),
        "square of w + u": sp.Eq(w * u - w**2 / 2, u**2 / 2 - (w + u) ** 2 / 2),
    },
)

claim(
    "rf.mgf-1d",
    sp.Eq(expect_1d(sp.exp(w * u)), sp.exp(u**2 / 2)),
    scope=GENERAL,
    latex=r"\int_{-\infty}^{\infty} e^{w u}\, \frac{e^{-w^2/2}}{\sqrt{2\pi}}\, dw = e^{u^2/2}",
    compare=SLOW_INTEGRAL,
    wrong={
        "no factor 1/2: e^{u^2}": Wrong(
            sp.Eq(expect_1d(sp.exp(w * u)), sp.exp(u**2)), at=({u: 1},)
        ),
        "density without 1/sqrt(2 pi)": Wrong(
            sp.Eq(sp.Integral(sp.exp(w * u - w**2 / 2), (w, -sp.oo, sp.oo)), sp.exp(u**2 / 2)),
            at=({u: 1},),
        ),
    },
    uses=["rf.complete-square"],
    note="sympy evaluates the integral for symbolic real u; completing the square is why it is "
    "a shifted Gaussian. The integral is E[e^{wu}] for w ~ N(0, 1) written out.",
)

claim(
    "rf.mgf",
    sp.And(
        sp.Eq(per_coordinate(sp.exp(w * U[i])), sp.exp(total(U[i] ** 2 / 2))),
        sp.Eq(expect_2d(sp.exp(dot(wv, uv))), sp.exp(sq(uv) / 2)),
    ),
    scope=Instance(
        "the product of the d one-dimensional expectations for every d, and the "
        "d-dimensional integral itself for d = 2",
        "the density of N(0, I_d) is the product of d standard normal densities and "
        "e^{w^T u} is the product of the e^{w_i u_i}, so the d-dimensional integral of a "
        "positive integrand is the product of the one-dimensional ones (Fubini)",
    ),
    latex=r"\mathbb{E}_{w \sim \mathcal{N}(0, I_d)}\big[e^{w^\top u}\big] = "
    r"\prod_{i=1}^{d} \mathbb{E}\big[e^{w_i u_i}\big] = e^{\lVert u \rVert^2 / 2}",
    compare=NOT_PARSEABLE,
    wrong={
        "only the first coordinate (d = 2)": Wrong(
            sp.Eq(
                expect_1d(sp.exp(w * uv[0])) * expect_1d(sp.exp(w * uv[1])),
                sp.exp(uv[0] ** 2 / 2),
            ),
            at=({uv[0]: 0, uv[1]: 1},),
        ),
        "no factor 1/2 (d = 2)": Wrong(
            sp.Eq(
                expect_1d(sp.exp(w * uv[0])) * expect_1d(sp.exp(w * uv[1])),
                sp.exp(sq(uv)),
            ),
            at=({uv[0]: 1, uv[1]: 0},),
        ),
    },
    uses=["rf.mgf-1d"],
    source=PERFORMER,
    note="First part: each factor is the integral of rf.mgf-1d with u = u_i, for symbolic d. "
    "Second part: the double integral over w_1, w_2, evaluated by sympy.",
)

# ------------------------------------------------------------------ unbiasedness

claim(
    "rf.product",
    sp.Eq(
        feature_d(X) * feature_d(Y),
        sp.exp(-(total(X[i] ** 2) + total(Y[i] ** 2)) / 2) * sp.exp(total(W[i] * (X[i] + Y[i]))),
    ),
    scope=GENERAL,
    latex=r"\phi_w(x)\, \phi_w(y) = e^{-(\lVert x \rVert^2 + \lVert y \rVert^2)/2}\, "
    r"e^{w^\top (x + y)}",
    compare=NOT_PARSEABLE,
    wrong={
        "norms added instead of subtracted (d = 2)": sp.Eq(
            feature(wv, xv) * feature(wv, yv),
            sp.exp((sq(xv) + sq(yv)) / 2) * sp.exp(dot(wv, xv + yv)),
        ),
        "one correction for the sum, e^{-|x + y|^2/2} (d = 2)": sp.Eq(
            feature(wv, xv) * feature(wv, yv),
            sp.exp(-sq(xv + yv) / 2) * sp.exp(dot(wv, xv + yv)),
        ),
    },
    uses=["rf.features"],
    note="Symbolic dimension d: w^T x = sum_i w_i x_i and |x|^2 = sum_i x_i^2.",
)

claim(
    "rf.polarisation",
    sp.Eq(
        total((X[i] + Y[i]) ** 2) / 2 - (total(X[i] ** 2) + total(Y[i] ** 2)) / 2,
        total(X[i] * Y[i]),
    ),
    scope=GENERAL,
    latex=r"\tfrac{1}{2}\lVert x + y \rVert^2 - \tfrac{1}{2}\big(\lVert x \rVert^2 + "
    r"\lVert y \rVert^2\big) = x^\top y",
    compare=NOT_PARSEABLE,
    wrong={
        "factor 1/2 missing on the sum (d = 2)": sp.Eq(
            sq(xv + yv) / 2 - (sq(xv) + sq(yv)), dot(xv, yv)
        ),
        "|x - y| in place of |x + y| (d = 2)": sp.Eq(
            sq(xv - yv) / 2 - (sq(xv) + sq(yv)) / 2, dot(xv, yv)
        ),
    },
    note="Symbolic dimension d.",
)


def unbiased_2d(kernel: sp.Expr) -> sp.Eq:
    """``E[phi_w(x) phi_w(y)] = kernel`` for d = 2, as a product over the two coordinates."""
    lhs = sp.Mul(*[expect_1d(feature_1d(w, xv[c]) * feature_1d(w, yv[c])) for c in range(2)])
    return sp.Eq(lhs, kernel)


claim(
    "rf.unbiased",
    sp.Eq(
        per_coordinate(feature_1d(w, X[i]) * feature_1d(w, Y[i])),
        sp.exp(total(X[i] * Y[i])),
    ),
    scope=Instance(
        "every d, with the expectation over N(0, I_d) taken as the product of the d "
        "one-dimensional expectations, one per coordinate",
        "the coordinates of w are independent and phi_w(x) phi_w(y) is a product over "
        "coordinates, so its expectation is the product of the coordinates' expectations "
        "(Fubini, the integrand is positive); the intermediate members are rf.product, rf.mgf "
        "at u = x + y and rf.polarisation",
    ),
    latex=r"\mathbb{E}_{w}\big[\phi_w(x)\, \phi_w(y)\big] = "
    r"e^{-(\lVert x \rVert^2 + \lVert y \rVert^2)/2}\; \mathbb{E}_w\big[e^{w^\top (x+y)}\big] = "
    r"e^{-(\lVert x \rVert^2 + \lVert y \rVert^2)/2}\; e^{\lVert x + y \rVert^2/2} = "
    r"e^{x^\top y} = \operatorname{SM}(x, y)",
    compare=NOT_PARSEABLE,
    wrong={
        "wrong sign of the kernel (d = 2)": Wrong(
            unbiased_2d(sp.exp(-dot(xv, yv))),
            at=({xv[0]: 1, xv[1]: 0, yv[0]: 1, yv[1]: 0},),
        ),
        "features without the -|x|^2/2 correction (d = 2)": Wrong(
            sp.Eq(
                expect_1d(sp.exp(w * (xv[0] + yv[0]))) * expect_1d(sp.exp(w * (xv[1] + yv[1]))),
                sp.exp(dot(xv, yv)),
            ),
            at=({xv[0]: 1, xv[1]: 0, yv[0]: 0, yv[1]: 0},),
        ),
    },
    uses=["rf.product", "rf.mgf", "rf.polarisation", "rf.kernel"],
    source=PERFORMER,
    note="Symbolic d: the product over coordinates of the integrals "
    "int e^{w x_i - x_i^2/2} e^{w y_i - y_i^2/2} N(w; 0, 1) dw, evaluated by sympy, equals "
    "e^{sum_i x_i y_i}.",
)

claim(
    "rf.unbiased-direct",
    sp.Eq(expect_1d(feature_1d(w, x) * feature_1d(w, y)), sp.exp(x * y)),
    scope=GENERAL,
    latex=r"\int_{-\infty}^{\infty} e^{w x - x^2/2}\, e^{w y - y^2/2}\, "
    r"\frac{e^{-w^2/2}}{\sqrt{2\pi}}\, dw = e^{x y}",
    compare=SLOW_INTEGRAL,
    wrong={
        "kernel e^{2xy}": Wrong(
            sp.Eq(expect_1d(feature_1d(w, x) * feature_1d(w, y)), sp.exp(2 * x * y)),
            at=({x: 1, y: 1},),
        ),
        "correction -x^2 instead of -x^2/2": Wrong(
            sp.Eq(expect_1d(sp.exp(w * x - x**2) * sp.exp(w * y - y**2)), sp.exp(x * y)),
            at=({x: 1, y: 0},),
        ),
    },
    uses=["rf.features", "rf.kernel"],
    source=PERFORMER,
    note="The same statement in one dimension (d = 1), integrated directly, without the "
    "factorisation.",
)

# ------------------------------------------------------------------ variance

claim(
    "rf.second-moment",
    sp.And(
        sp.Eq(
            feature_d(X) ** 2 * feature_d(Y) ** 2,
            sp.exp(-total(X[i] ** 2) - total(Y[i] ** 2)) * sp.exp(2 * total(W[i] * (X[i] + Y[i]))),
        ),
        sp.Eq(
            -total(X[i] ** 2) - total(Y[i] ** 2) + total((2 * (X[i] + Y[i])) ** 2) / 2,
            2 * total(X[i] * Y[i]) + total((X[i] + Y[i]) ** 2),
        ),
        sp.Eq(
            expect_1d(feature_1d(w, x) ** 2 * feature_1d(w, y) ** 2),
            sp.exp(-(x**2) - y**2) * expect_1d(sp.exp(2 * w * (x + y))),
        ),
        sp.Eq(
            sp.exp(-(x**2) - y**2) * expect_1d(sp.exp(2 * w * (x + y))),
            sp.exp(2 * x * y + (x + y) ** 2),
        ),
    ),
    scope=Instance(
        "the squared features and the exponents for every d; the two expectations for d = 1, "
        "with x and y symbolic",
        "in d dimensions the middle expectation is rf.mgf at u = 2(x + y), which factors over "
        "coordinates, and its exponent -|x|^2 - |y|^2 + |2(x + y)|^2/2 is the one checked for "
        "every d",
    ),
    latex=r"\mathbb{E}_{w}\big[\phi_w(x)^2 \phi_w(y)^2\big] = "
    r"e^{-\lVert x \rVert^2 - \lVert y \rVert^2}\, \mathbb{E}\big[e^{2 w^\top (x+y)}\big] = "
    r"e^{2 x^\top y + \lVert x + y \rVert^2}",
    compare=NOT_PARSEABLE,
    wrong={
        "norm term halved (d = 1)": Wrong(
            sp.Eq(
                sp.exp(-(x**2) - y**2) * expect_1d(sp.exp(2 * w * (x + y))),
                sp.exp(2 * x * y + (x + y) ** 2 / 2),
            ),
            at=({x: 1, y: 0},),
        ),
        "second moment taken as the squared mean, e^{2xy} (d = 1)": Wrong(
            sp.Eq(
                expect_1d(feature_1d(w, x) ** 2 * feature_1d(w, y) ** 2),
                sp.exp(2 * x * y),
            ),
            at=({x: 1, y: 0},),
        ),
    },
    uses=["rf.product", "rf.mgf"],
    source=PERFORMER,
    note="Parts 1-2: symbolic dimension d. Parts 3-4: the integrals, evaluated by sympy for "
    "one coordinate.",
)

# E[(Z_1 + ... + Z_M)^2] for independent copies Z_j of Z = phi_w(x) phi_w(y): the M diagonal
# terms have mean E[Z^2], the M(M - 1) others E[Z]^2.
M = sp.Symbol("M", integer=True, positive=True)
j, k = sp.symbols("j k", integer=True, positive=True)
mu1, mu2 = sp.symbols("mu_1 mu_2", positive=True)  # E[Z], E[Z^2]
square_of_sum = sp.Sum(mu2, (j, 1, M)) + sp.Sum(sp.Sum(mu1**2, (k, 1, M)) - mu1**2, (j, 1, M))
variance_of_mean = square_of_sum / M**2 - mu1**2
mean_z = sp.exp(total(X[i] * Y[i]))
mean_z2 = sp.exp(2 * total(X[i] * Y[i]) + total((X[i] + Y[i]) ** 2))


def relative_variance_2d(spread: sp.Expr, m: sp.Expr = M) -> sp.Expr:
    """``(E[Z^2] - E[Z]^2) / (m E[Z]^2)`` with the moments of d = 2, and ``spread`` = |x+y|^2."""
    first, second = sp.exp(dot(xv, yv)), sp.exp(2 * dot(xv, yv) + spread)
    return (second - first**2) / (m * first**2)


claim(
    "rf.relative-error",
    sp.And(
        sp.Eq(variance_of_mean, (mu2 - mu1**2) / M),
        sp.Eq(
            (mean_z2 - mean_z**2) / (M * mean_z**2),
            (sp.exp(total((X[i] + Y[i]) ** 2)) - 1) / M,
        ),
    ),
    scope=GENERAL,
    latex=r"\frac{\operatorname{Var}\big[\phi(x)^\top \phi(y)\big]}{\operatorname{SM}(x,y)^2} "
    r"= \frac{\mathbb{E}[Z^2] - \mathbb{E}[Z]^2}{M\, \mathbb{E}[Z]^2} "
    r"= \frac{e^{\lVert x + y \rVert^2} - 1}{M}, \qquad Z = \phi_w(x)\, \phi_w(y)",
    compare=NOT_PARSEABLE,
    wrong={
        "variance of the mean not divided by M": Wrong(
            sp.Eq(variance_of_mean.doit(), mu2 - mu1**2), at=({M: 2, mu1: 1, mu2: 2},)
        ),
        "no 1/M (d = 2)": Wrong(
            sp.Eq(relative_variance_2d(sq(xv + yv)), sp.exp(sq(xv + yv)) - 1),
            at=({M: 2, xv[0]: 1, xv[1]: 0, yv[0]: 0, yv[1]: 0},),
        ),
        "|x - y| in place of |x + y| (d = 2)": sp.Eq(
            relative_variance_2d(sq(xv + yv)), (sp.exp(sq(xv - yv)) - 1) / M
        ),
    },
    uses=["rf.second-moment", "rf.unbiased", "rf.features"],
    source=PERFORMER,
    note="phi(x)^T phi(y) is the mean of M independent copies Z_j of Z: E[Z_j Z_k] = E[Z]^2 "
    "for j != k and E[Z^2] on the diagonal, so Var = (E[Z^2] - E[Z]^2)/M (first part, symbolic "
    "M). Second part: E[Z] = e^{x^T y} (rf.unbiased) and E[Z^2] = e^{2 x^T y + |x + y|^2} "
    "(rf.second-moment), in symbolic dimension d.",
)

# ------------------------------------------------------------------ associativity and cost

n_tok, width = 3, 2
Q = sp.Matrix(n_tok, width, lambda r, c: sp.Symbol(f"q_{r + 1}{c + 1}", real=True))
K = sp.Matrix(n_tok, width, lambda r, c: sp.Symbol(f"k_{r + 1}{c + 1}", real=True))
V = sp.Matrix(n_tok, width, lambda r, c: sp.Symbol(f"v_{r + 1}{c + 1}", real=True))
ones = sp.ones(n_tok, 1)

# Matrix symbols of symbolic size: n tokens, M features, value width d_v.
n_sym, d_v = sp.symbols("n d_v", integer=True, positive=True)
PQ, PK = sp.MatrixSymbol("Phi_Q", n_sym, M), sp.MatrixSymbol("Phi_K", n_sym, M)
VS, ONE = sp.MatrixSymbol("V", n_sym, d_v), sp.OneMatrix(n_sym, 1)


def grouped(a: sp.MatrixExpr, b: sp.MatrixExpr, c: sp.MatrixExpr, left: bool) -> sp.MatMul:
    """``(a b) c`` or ``a (b c)``, kept unevaluated so that the grouping is what is compared."""
    if left:
        return sp.MatMul(sp.MatMul(a, b, evaluate=False), c, evaluate=False)
    return sp.MatMul(a, sp.MatMul(b, c, evaluate=False), evaluate=False)


claim(
    "rf.associativity",
    sp.And(
        sp.Eq(grouped(PQ, PK.T, VS, True), grouped(PQ, PK.T, VS, False)),
        sp.Eq(grouped(PQ, PK.T, ONE, True), grouped(PQ, PK.T, ONE, False)),
        sp.Eq((Q * K.T) * V, Q * (K.T * V)),
        sp.Eq((Q * K.T) * ones, Q * (K.T * ones)),
    ),
    scope=GENERAL,
    latex=r"\big(\Phi_Q \Phi_K^\top\big) V = \Phi_Q \big(\Phi_K^\top V\big), \qquad "
    r"\big(\Phi_Q \Phi_K^\top\big) \mathbf{1} = \Phi_Q \big(\Phi_K^\top \mathbf{1}\big)",
    compare="matrix products are not compared with the parser",
    wrong={
        "K and Q swapped in the second form (n = 3)": sp.Eq((Q * K.T) * V, K * (Q.T * V)),
        "Phi_Q^T in place of Phi_K^T in the second form (n = 3)": sp.Eq(
            (Q * K.T) * V, Q * (Q.T * V)
        ),
    },
    uses=["rf.features"],
    note="Parts 1-2: matrix symbols of symbolic size (n x M features, n x d_v values), "
    "regrouped by sympy's algebra of matrix expressions. Parts 3-4: multiplied out for n = 3 "
    "rows, feature and value width 2, every entry a symbol. Rows of the first identity divided "
    "by rows of the second give the normalised attention.",
)


def tril(a: sp.Matrix) -> sp.Matrix:
    """Lower-triangular part (causal mask), diagonal included."""
    return sp.Matrix(a.rows, a.cols, lambda r, c: a[r, c] if c <= r else 0)


def prefix_state(row: int) -> sp.Matrix:
    """``S_i``: the recurrence ``S_i = S_{i-1} + k_i v_i^T`` run from ``S_0 = 0`` (0-based)."""
    state = sp.zeros(width, width)
    for r in range(row + 1):
        state = state + K[r, :].T * V[r, :]
    return state


causal_rows = sp.Matrix.vstack(*[Q[r, :] * prefix_state(r) for r in range(n_tok)])
claim(
    "rf.causal",
    sp.Eq(tril(Q * K.T) * V, causal_rows),
    scope=Instance(
        "n = 3 tokens, feature and value width 2, every entry symbolic",
        "row i of tril(Phi_Q Phi_K^T) V is sum_{j <= i} (phi(q_i)^T phi(k_j)) v_j^T = "
        "phi(q_i)^T sum_{j <= i} phi(k_j) v_j^T for every n (two finite sums exchanged), and "
        "that inner sum is S_i",
    ),
    latex=r"\Big[\operatorname{tril}\big(\Phi_Q \Phi_K^\top\big) V\Big]_i = "
    r"\phi(q_i)^\top S_i, \qquad S_i = S_{i-1} + \phi(k_i)\, v_i^\top, \qquad S_0 = 0",
    compare="a masked matrix product and a recurrence are not compared with the parser",
    wrong={
        "state includes the next token": sp.Eq(
            tril(Q * K.T) * V,
            sp.Matrix.vstack(
                *[Q[r, :] * prefix_state(min(r + 1, n_tok - 1)) for r in range(n_tok)]
            ),
        ),
        "mask without the diagonal": sp.Eq(
            sp.Matrix(n_tok, n_tok, lambda r, c: (Q * K.T)[r, c] if c < r else 0) * V,
            causal_rows,
        ),
    },
    uses=["rf.associativity"],
    source=TRANSFORMERS_RNN,
    note="Causal linear attention is a recurrence with a d x d_v state.",
)

n, dd = sp.symbols("n d", positive=True, integer=True)
a_, b_, c_ = sp.symbols("a b c", positive=True, integer=True)


def schoolbook(rows: sp.Expr, inner: sp.Expr, cols: sp.Expr) -> sp.Sum:
    """Multiplications of a schoolbook product: one per (row, column, inner index)."""
    return sp.Sum(1, (a_, 1, rows), (c_, 1, cols), (b_, 1, inner))


cost_quadratic = 2 * n**2 * dd
cost_linear = 2 * n * dd**2
quadratic_count = schoolbook(n, dd, n) + schoolbook(n, n, dd)  # Q K^T, then (Q K^T) V
linear_count = schoolbook(dd, n, dd) + schoolbook(n, dd, dd)  # K^T V, then Q (K^T V)


def multiplications(expr: sp.Matrix) -> int:
    """Scalar multiplications in the entries of a matrix product (sympy's own count)."""
    ops = sum(sp.count_ops(e, visual=True) for e in expr)
    return int(sp.Poly(ops, sp.Symbol("MUL")).coeff_monomial(sp.Symbol("MUL"))) if ops else 0


def measured_costs(rows: int, cols: int) -> tuple[int, int]:
    """Multiplications of (QK^T)V and Q(K^T V) for ``rows`` tokens of width ``cols``."""
    q = sp.Matrix(rows, cols, lambda r, c: sp.Symbol(f"q{r}_{c}"))
    k_ = sp.Matrix(rows, cols, lambda r, c: sp.Symbol(f"k{r}_{c}"))
    v = sp.Matrix(rows, cols, lambda r, c: sp.Symbol(f"v{r}_{c}"))
    scores = sp.Matrix(rows, rows, lambda r, c: sp.Symbol(f"s{r}_{c}"))  # stands for QK^T
    state = sp.Matrix(cols, cols, lambda r, c: sp.Symbol(f"t{r}_{c}"))  # stands for K^T V
    quadratic = multiplications(q * k_.T) + multiplications(scores * v)
    linear = multiplications(k_.T * v) + multiplications(q * state)
    return quadratic, linear


SIZES = [(3, 2), (4, 2), (5, 3), (6, 2)]
_costs = {size: measured_costs(*size) for size in SIZES}

claim(
    "rf.cost-counts",
    sp.And(
        sp.Eq(quadratic_count, cost_quadratic),
        sp.Eq(linear_count, cost_linear),
        *[
            sp.Eq(_costs[(p, q)][0], quadratic_count.subs({n: p, dd: q}), evaluate=False)
            for p, q in SIZES
        ],
        *[
            sp.Eq(_costs[(p, q)][1], linear_count.subs({n: p, dd: q}), evaluate=False)
            for p, q in SIZES
        ],
    ),
    scope=GENERAL,
    latex=r"\text{mult}\big[(QK^\top)V\big] = 2 n^2 d, \qquad "
    r"\text{mult}\big[Q(K^\top V)\big] = 2 n d^2",
    compare="mult[...] counts operations; the statement counts them as sums of ones",
    wrong={
        "quadratic order counted as n^2 d": Wrong(
            sp.Eq(quadratic_count.doit(), n**2 * dd, evaluate=False), at=({n: 3, dd: 2},)
        ),
        "linear order counted as 2 n^2 d": Wrong(
            sp.Eq(linear_count.doit(), cost_quadratic, evaluate=False), at=({n: 3, dd: 2},)
        ),
        "sympy's count of (QK^T)V at (n, d) = (5, 3) taken as n^2 d": sp.Eq(
            _costs[(5, 3)][0], (n**2 * dd).subs({n: 5, dd: 3}), evaluate=False
        ),
    },
    uses=["rf.associativity"],
    note="Schoolbook products, value width taken equal to d: an a x b times b x c product takes "
    "one multiplication per (row, column, inner index), abc in all; the first two parts count "
    "them for symbolic n and d. The other parts compare with the multiplications sympy counts "
    "in the entries of the actual products, for (n, d) = (3, 2), (4, 2), (5, 3), (6, 2).",
)

k_extra = sp.Symbol("k", positive=True, integer=True)  # n = d + k covers every n > d
claim(
    "rf.cost-ratio",
    sp.And(
        sp.Eq(
            sp.Mul(cost_quadratic, sp.Pow(cost_linear, -1, evaluate=False), evaluate=False), n / dd
        ),
        sp.Eq(cost_quadratic - cost_linear, 2 * n * dd * (n - dd)),
        sp.Gt((2 * n * dd * (n - dd)).subs(n, dd + k_extra), 0),
    ),
    scope=GENERAL,
    latex=r"\frac{2 n^2 d}{2 n d^2} = \frac{n}{d}, \qquad "
    r"2 n^2 d - 2 n d^2 = 2 n d (n - d) > 0 \text{ for } n > d",
    compare="the parser reduces the ratio identity to True before it can be evaluated",
    wrong={
        "ratio d/n": Wrong(
            sp.Eq(
                sp.Mul(cost_quadratic, sp.Pow(cost_linear, -1, evaluate=False), evaluate=False),
                dd / n,
            ),
            at=({n: 2, dd: 1},),
        ),
        "factor n d (d - n)": sp.Eq(cost_quadratic - cost_linear, 2 * n * dd * (dd - n)),
    },
    uses=["rf.cost-counts"],
    note="The positivity writes n = d + k with k a positive integer, which is every n > d.",
)
