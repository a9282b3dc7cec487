"""Claims of ``docs/posts/mathematics/attention/linear-attention-random-features.md``.

From Performer to linear attention: the softmax kernel exp(x^T y) is the expectation of a
product of positive random features exp(w^T x - |x|^2/2) over a standard Gaussian w, which rests
on the Gaussian moment generating function E[exp(w^T u)] = exp(|u|^2/2); the estimator's
variance; and why a kernel that factorises lets attention be computed in O(n d^2) instead of
O(n^2 d), by associativity of the matrix product.

Expectations are written as sympy integrals against the Gaussian density and evaluated by
sympy. The d-dimensional statements are proved for d = 2 (every coordinate symbolic); the
density and the features factorise over coordinates, so each extra coordinate multiplies in one
more copy of the 1-D integral. Matrix identities are proved for n = 3 tokens and width 2 with
every entry a symbol; operation counts are obtained by counting the multiplications in the
sympy expressions of the products, for several sizes.
"""

from __future__ import annotations

import sympy as sp

from derivations import Symbolic, claim, definition

PERFORMER = (
    "Choromanski et al., 'Rethinking Attention with Performers', https://arxiv.org/abs/2009.14794"
)
TRANSFORMERS_RNN = (
    "Katharopoulos, Vyas, Pappas, Fleuret, 'Transformers are RNNs: Fast Autoregressive "
    "Transformers with Linear Attention', https://arxiv.org/abs/2006.16236"
)

w, w1, w2 = sp.symbols("w w_1 w_2", real=True)
u, x, y = sp.symbols("u x y", real=True)
m = sp.Symbol("m", positive=True, integer=True)
uv = sp.Matrix(sp.symbols("u_1:3", real=True))
xv = sp.Matrix(sp.symbols("x_1:3", real=True))
yv = sp.Matrix(sp.symbols("y_1:3", real=True))
wv = sp.Matrix([w1, w2])


def density(t: sp.Symbol) -> sp.Expr:
    """Standard normal density."""
    return sp.exp(-(t**2) / 2) / sp.sqrt(2 * sp.pi)


def expect_1d(f: sp.Expr) -> sp.Integral:
    """``E[f(w)]`` for ``w ~ N(0, 1)``, unevaluated."""
    return sp.Integral(f * density(w), (w, -sp.oo, sp.oo))


def expect_2d(f: sp.Expr) -> sp.Integral:
    """``E[f(w)]`` for ``w ~ N(0, I_2)``, unevaluated."""
    return sp.Integral(f * density(w1) * density(w2), (w1, -sp.oo, sp.oo), (w2, -sp.oo, sp.oo))


def sq(v: sp.Matrix) -> sp.Expr:
    """Squared Euclidean norm."""
    return (v.T * v)[0]


def dot(a: sp.Matrix, b: sp.Matrix) -> sp.Expr:
    """Inner product."""
    return (a.T * b)[0]


def feature(wvec: sp.Matrix, v: sp.Matrix) -> sp.Expr:
    """Positive random feature ``exp(w^T v - |v|^2 / 2)``."""
    return sp.exp(dot(wvec, v) - sq(v) / 2)


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
    note="Performer's positive random features (FAVOR+ without the orthogonalisation).",
)

# ------------------------------------------------------------------ the Gaussian MGF

claim(
    "rf.complete-square",
    sp.Eq(w * u - w**2 / 2, u**2 / 2 - (w - u) ** 2 / 2),
    latex=r"w u - \tfrac{1}{2} w^2 = \tfrac{1}{2} u^2 - \tfrac{1}{2} (w - u)^2",
    wrong={"sign of the square flipped": sp.Eq(w * u - w**2 / 2, u**2 / 2 + (w - u) ** 2 / 2)},
)

claim(
    "rf.mgf-1d",
    sp.Eq(expect_1d(sp.exp(w * u)), sp.exp(u**2 / 2)),
    latex=r"\mathbb{E}_{w \sim \mathcal{N}(0,1)}\big[e^{w u}\big] = "
    r"\int_{-\infty}^{\infty} e^{w u}\, \frac{e^{-w^2/2}}{\sqrt{2\pi}}\, dw = e^{u^2/2}",
    wrong={
        "no factor 1/2: e^{u^2}": sp.Eq(expect_1d(sp.exp(w * u)), sp.exp(u**2)),
        "density without 1/sqrt(2 pi)": sp.Eq(
            sp.Integral(sp.exp(w * u - w**2 / 2), (w, -sp.oo, sp.oo)), sp.exp(u**2 / 2)
        ),
    },
    uses=["rf.complete-square"],
    note="sympy evaluates the integral; completing the square is why it is a shifted Gaussian.",
)

claim(
    "rf.mgf",
    sp.Eq(expect_2d(sp.exp(dot(wv, uv))), sp.exp(sq(uv) / 2)),
    latex=r"\mathbb{E}_{w \sim \mathcal{N}(0, I_d)}\big[e^{w^\top u}\big] = "
    r"\prod_{i=1}^{d} \mathbb{E}\big[e^{w_i u_i}\big] = e^{\lVert u \rVert^2 / 2}",
    wrong={
        "only the first coordinate": sp.Eq(expect_2d(sp.exp(dot(wv, uv))), sp.exp(uv[0] ** 2 / 2)),
    },
    uses=["rf.mgf-1d"],
    source=PERFORMER,
    note="Proved for d = 2 by a double integral; the density factorises over coordinates.",
)

# ------------------------------------------------------------------ unbiasedness

claim(
    "rf.product",
    sp.Eq(
        feature(wv, xv) * feature(wv, yv),
        sp.exp(-(sq(xv) + sq(yv)) / 2) * sp.exp(dot(wv, xv + yv)),
    ),
    latex=r"\phi_w(x)\, \phi_w(y) = e^{-(\lVert x \rVert^2 + \lVert y \rVert^2)/2}\, "
    r"e^{w^\top (x + y)}",
    method=Symbolic(simplify=lambda e: sp.powsimp(sp.expand(e))),
    wrong={
        "norms added instead of subtracted": sp.Eq(
            feature(wv, xv) * feature(wv, yv),
            sp.exp((sq(xv) + sq(yv)) / 2) * sp.exp(dot(wv, xv + yv)),
        ),
    },
    uses=["rf.features"],
    note="d = 2, all coordinates symbolic.",
)

claim(
    "rf.polarisation",
    sp.Eq(sq(xv + yv) / 2 - (sq(xv) + sq(yv)) / 2, dot(xv, yv)),
    latex=r"\tfrac{1}{2}\lVert x + y \rVert^2 - \tfrac{1}{2}\big(\lVert x \rVert^2 + "
    r"\lVert y \rVert^2\big) = x^\top y",
    wrong={
        "factor 1/2 missing on the sum": sp.Eq(sq(xv + yv) / 2 - (sq(xv) + sq(yv)), dot(xv, yv)),
    },
    note="d = 2, all coordinates symbolic.",
)

claim(
    "rf.unbiased",
    sp.Eq(sp.exp(-(sq(xv) + sq(yv)) / 2) * sp.exp(sq(xv + yv) / 2), sp.exp(dot(xv, yv))),
    latex=r"\mathbb{E}_{w}\big[\phi_w(x)\, \phi_w(y)\big] = "
    r"e^{-(\lVert x \rVert^2 + \lVert y \rVert^2)/2}\; \mathbb{E}_w\big[e^{w^\top (x+y)}\big] = "
    r"e^{-(\lVert x \rVert^2 + \lVert y \rVert^2)/2}\; e^{\lVert x + y \rVert^2/2} = "
    r"e^{x^\top y} = \operatorname{SM}(x, y)",
    method=Symbolic(simplify=lambda e: sp.powsimp(sp.expand(e))),
    wrong={
        "wrong sign of the kernel": sp.Eq(
            sp.exp(-(sq(xv) + sq(yv)) / 2) * sp.exp(sq(xv + yv) / 2), sp.exp(-dot(xv, yv))
        ),
        "features without the -|x|^2/2 correction": sp.Eq(
            sp.exp(sq(xv + yv) / 2), sp.exp(dot(xv, yv))
        ),
    },
    uses=["rf.product", "rf.mgf", "rf.polarisation", "rf.kernel"],
    source=PERFORMER,
    note="The first step is rf.product, the second rf.mgf with u = x + y; what is checked here "
    "is the remaining algebra, for d = 2 with every coordinate symbolic.",
)

claim(
    "rf.unbiased-direct",
    sp.Eq(
        expect_1d(
            feature(sp.Matrix([w]), sp.Matrix([x])) * feature(sp.Matrix([w]), sp.Matrix([y]))
        ),
        sp.exp(x * y),
    ),
    latex=r"\int_{-\infty}^{\infty} e^{w x - x^2/2}\, e^{w y - y^2/2}\, "
    r"\frac{e^{-w^2/2}}{\sqrt{2\pi}}\, dw = e^{x y} \qquad (d = 1)",
    wrong={
        "kernel e^{2xy}": sp.Eq(
            expect_1d(
                feature(sp.Matrix([w]), sp.Matrix([x])) * feature(sp.Matrix([w]), sp.Matrix([y]))
            ),
            sp.exp(2 * x * y),
        ),
    },
    uses=["rf.features", "rf.kernel"],
    source=PERFORMER,
    note="The same statement integrated directly, without the factorisation, in one dimension.",
)

# ------------------------------------------------------------------ variance

M1 = sp.exp(dot(xv, yv))
M2 = sp.exp(2 * dot(xv, yv) + sq(xv + yv))
second_moment_1d = sp.exp(-(x**2 + y**2)) * expect_1d(sp.exp(2 * w * (x + y)))
claim(
    "rf.second-moment",
    sp.Eq(second_moment_1d, sp.exp(2 * x * y + (x + y) ** 2)),
    latex=r"\mathbb{E}_{w}\big[\phi_w(x)^2 \phi_w(y)^2\big] = "
    r"e^{-\lVert x \rVert^2 - \lVert y \rVert^2}\, \mathbb{E}\big[e^{2 w^\top (x+y)}\big] = "
    r"e^{2 x^\top y + \lVert x + y \rVert^2}",
    wrong={
        "norm term halved": sp.Eq(second_moment_1d, sp.exp(2 * x * y + (x + y) ** 2 / 2)),
    },
    uses=["rf.product", "rf.mgf"],
    source=PERFORMER,
    note="Proved per coordinate (d = 1) by evaluating the integral; integrand and density "
    "factorise over coordinates, so in d dimensions the exponents add up to 2 x^T y and "
    "|x + y|^2.",
)

rel_std = sp.sqrt((M2 - M1**2) / m) / M1
claim(
    "rf.relative-error",
    sp.Eq(rel_std**2, (sp.exp(sq(xv + yv)) - 1) / m),
    latex=r"\frac{\operatorname{Var}\big[\phi(x)^\top \phi(y)\big]}{\operatorname{SM}(x,y)^2} "
    r"= \frac{e^{\lVert x + y \rVert^2} - 1}{M}",
    method=Symbolic(simplify=lambda e: sp.expand(sp.powsimp(sp.expand(e)))),
    wrong={
        "no 1/M": sp.Eq(rel_std**2, sp.exp(sq(xv + yv)) - 1),
        "|x - y| in place of |x + y|": sp.Eq(rel_std**2, (sp.exp(sq(xv - yv)) - 1) / m),
    },
    uses=["rf.second-moment", "rf.unbiased"],
    source=PERFORMER,
    note="phi(x)^T phi(y) averages M independent copies of phi_w(x) phi_w(y), so its variance "
    "is (E[Z^2] - E[Z]^2) / M. d = 2, all coordinates symbolic.",
)

# ------------------------------------------------------------------ associativity and cost

n_tok, width = 3, 2
Q = sp.Matrix(n_tok, width, lambda i, j: sp.Symbol(f"q_{i + 1}{j + 1}", real=True))
K = sp.Matrix(n_tok, width, lambda i, j: sp.Symbol(f"k_{i + 1}{j + 1}", real=True))
V = sp.Matrix(n_tok, width, lambda i, j: sp.Symbol(f"v_{i + 1}{j + 1}", real=True))
ones = sp.ones(n_tok, 1)

claim(
    "rf.associativity",
    sp.And(sp.Eq((Q * K.T) * V, Q * (K.T * V)), sp.Eq((Q * K.T) * ones, Q * (K.T * ones))),
    latex=r"\big(\Phi_Q \Phi_K^\top\big) V = \Phi_Q \big(\Phi_K^\top V\big), \qquad "
    r"\big(\Phi_Q \Phi_K^\top\big) \mathbf{1} = \Phi_Q \big(\Phi_K^\top \mathbf{1}\big)",
    wrong={"K and Q swapped in the second form": sp.Eq((Q * K.T) * V, K * (Q.T * V))},
    uses=["rf.features"],
    source=TRANSFORMERS_RNN,
    note="n = 3 rows, feature width 2, value width 2, all entries symbolic. Rows of the first "
    "identity divided by rows of the second give the normalised attention.",
)


def tril(a: sp.Matrix) -> sp.Matrix:
    """Lower-triangular part (causal mask), diagonal included."""
    return sp.Matrix(a.rows, a.cols, lambda i, j: a[i, j] if j <= i else 0)


def prefix_state(i: int) -> sp.Matrix:
    """``S_i = sum_{j <= i} k_j v_j^T`` (0-based ``i``)."""
    return sum((K[j, :].T * V[j, :] for j in range(i + 1)), sp.zeros(width, width))


causal_rows = sp.Matrix.vstack(*[Q[i, :] * prefix_state(i) for i in range(n_tok)])
claim(
    "rf.causal",
    sp.Eq(tril(Q * K.T) * V, causal_rows),
    latex=r"\Big[\operatorname{tril}\big(\Phi_Q \Phi_K^\top\big) V\Big]_i = "
    r"\phi(q_i)^\top S_i, \qquad S_i = S_{i-1} + \phi(k_i)\, v_i^\top",
    wrong={
        "state includes the next token": sp.Eq(
            tril(Q * K.T) * V,
            sp.Matrix.vstack(*[Q[i, :] * prefix_state(min(i + 1, n_tok - 1)) for i in range(3)]),
        ),
    },
    uses=["rf.associativity"],
    source=TRANSFORMERS_RNN,
    note="n = 3, widths 2, all entries symbolic: causal linear attention is a recurrence with a "
    "d x d_v state.",
)

n, d = sp.symbols("n d", positive=True, integer=True)


def multiplications(expr: sp.Matrix) -> int:
    """Scalar multiplications in the entries of a matrix product (sympy's own count)."""
    ops = sum(sp.count_ops(e, visual=True) for e in expr)
    return int(sp.Poly(ops, sp.Symbol("MUL")).coeff_monomial(sp.Symbol("MUL"))) if ops else 0


def measured_costs(rows: int, cols: int) -> tuple[int, int]:
    """Multiplications of (QK^T)V and Q(K^T V) for ``rows`` tokens of width ``cols``."""
    q = sp.Matrix(rows, cols, lambda i, j: sp.Symbol(f"q{i}_{j}"))
    k = sp.Matrix(rows, cols, lambda i, j: sp.Symbol(f"k{i}_{j}"))
    v = sp.Matrix(rows, cols, lambda i, j: sp.Symbol(f"v{i}_{j}"))
    scores = sp.Matrix(rows, rows, lambda i, j: sp.Symbol(f"s{i}_{j}"))  # stands for QK^T
    state = sp.Matrix(cols, cols, lambda i, j: sp.Symbol(f"t{i}_{j}"))  # stands for K^T V
    quadratic = multiplications(q * k.T) + multiplications(scores * v)
    linear = multiplications(k.T * v) + multiplications(q * state)
    return quadratic, linear


SIZES = [(3, 2), (4, 2), (5, 3), (6, 2)]
_costs = {size: measured_costs(*size) for size in SIZES}
cost_quadratic = 2 * n**2 * d
cost_linear = 2 * n * d**2

claim(
    "rf.cost-counts",
    sp.And(
        *[
            sp.Eq(_costs[(a, b)][0], cost_quadratic.subs({n: a, d: b}), evaluate=False)
            for a, b in SIZES
        ],
        *[
            sp.Eq(_costs[(a, b)][1], cost_linear.subs({n: a, d: b}), evaluate=False)
            for a, b in SIZES
        ],
    ),
    latex=r"\text{mult}\big[(QK^\top)V\big] = 2 n^2 d, \qquad "
    r"\text{mult}\big[Q(K^\top V)\big] = 2 n d^2",
    wrong={
        "quadratic order counted as n^2 d": sp.And(
            *[
                sp.Eq(_costs[(a, b)][0], (n**2 * d).subs({n: a, d: b}), evaluate=False)
                for a, b in SIZES
            ]
        ),
        "linear order counted as 2 n^2 d": sp.And(
            *[
                sp.Eq(_costs[(a, b)][1], cost_quadratic.subs({n: a, d: b}), evaluate=False)
                for a, b in SIZES
            ]
        ),
    },
    uses=["rf.associativity"],
    note="Exact counts of the scalar multiplications in the entries of the two products, "
    "counted by sympy for (n, d) = (3, 2), (4, 2), (5, 3), (6, 2); a product of an a x b and a "
    "b x c matrix takes abc of them. Value width taken equal to d.",
)

k_extra = sp.Symbol("k", positive=True)
claim(
    "rf.cost-ratio",
    sp.And(
        sp.Eq(cost_quadratic / cost_linear, n / d),
        sp.Gt((cost_quadratic - cost_linear).subs(n, d + k_extra), 0),
    ),
    latex=r"\frac{2 n^2 d}{2 n d^2} = \frac{n}{d}, \qquad "
    r"2 n^2 d - 2 n d^2 = 2 n d (n - d) > 0 \text{ for } n > d",
    wrong={"ratio d/n": sp.Eq(cost_quadratic / cost_linear, d / n)},
    uses=["rf.cost-counts"],
)
