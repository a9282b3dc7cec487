"""Claims of ``docs/posts/mathematics/position-encoding/mla-from-rope.md``.

Compression under a rotation constraint: why DeepSeek's multi-head latent attention (MLA) can
fold the key up-projection into the query when there is no position encoding, why RoPE forbids
it (the matrix between query and latent depends on the offset n - m), how a small decoupled
rotary key repairs it, and what each scheme keeps in the KV cache.

What is proved in which generality:

* the absorptions without RoPE are identities of matrix symbols of symbolic size (model width
  d, head width d_h, latent width d_c, number of keys N): sympy applies (AB)^T = B^T A^T and
  associativity, so they hold for every shape;
* the statements with RoPE are proved for two rotary planes with independent frequencies
  theta_1, theta_2 (d_h = 4): their algebra for matrix symbols of every shape, together with
  R_m^T R_n = R_{n-m} for the two planes, or, for the derivative and the determinants, with
  every entry a symbol (d = 3, d_c = 2). RoPE is block-diagonal, so every further plane
  contributes in the same way;
* the cache sizes are proved with d_h, n_h, n_g symbolic and then evaluated at the DeepSeek-V2
  sizes with exact rationals.

Wrong variants of the matrix-symbol statements are refuted at a small explicit shape: a
counterexample there is a counterexample to the statement for every shape.
"""

from __future__ import annotations

import sympy as sp

from derivations import GENERAL, Instance, claim, definition
from derivations.helpers import eq, rotation

DEEPSEEK_V2 = (
    "DeepSeek-AI, 'DeepSeek-V2: A Strong, Economical, and Efficient Mixture-of-Experts Language "
    "Model', https://arxiv.org/abs/2405.04434"
)
SU_MLA = (
    "Su, 'The ultimate tug of war between cache and effect: from MHA, MQA, GQA to MLA', "
    "https://kexue.fm/archives/10091"
)


def sym_matrix(name: str, rows: int, cols: int) -> sp.Matrix:
    """A ``rows x cols`` matrix of real symbols ``name_{ij}``."""
    return sp.Matrix(rows, cols, lambda i, j: sp.Symbol(f"{name}_{i + 1}{j + 1}", real=True))


def sym_vector(name: str, size: int) -> sp.Matrix:
    """A column of real symbols ``name_1 .. name_size``."""
    return sp.Matrix(sp.symbols(f"{name}_1:{size + 1}", real=True))


def mul(*factors: sp.Basic) -> sp.MatMul:
    """A matrix product kept as written (sympy would flatten nested products at once)."""
    return sp.MatMul(*factors, evaluate=False)


# Every shape: matrix symbols of symbolic size.
d, d_h, d_c, N = sp.symbols("d d_h d_c N", integer=True, positive=True)
Wq = sp.MatrixSymbol("W^{Q}", d_h, d)  # query projection of one head
Wuk = sp.MatrixSymbol("W^{UK}", d_h, d_c)  # key up-projection
Wuv = sp.MatrixSymbol("W^{UV}", d_h, d_c)  # value up-projection
Wo = sp.MatrixSymbol("W^{O}", d, d_h)  # the head's slice of the output projection
xm = sp.MatrixSymbol("x_m", d, 1)  # the query token's hidden state
cn = sp.MatrixSymbol("c_n", d_c, 1)  # the key token's cached latent
C = sp.MatrixSymbol("C", d_c, N)  # the N cached latents as columns
pm = sp.MatrixSymbol("p_m", N, 1)  # the query's attention weights over the N keys

# A small explicit shape, for the wrong variants and the RoPE statements.
m, n, delta = sp.symbols("m n Delta", real=True)
t1, t2 = sp.symbols("theta_1 theta_2", real=True)
x = sym_vector("x", 3)  # width d = 3
c = sym_vector("c", 2)  # width d_c = 2
W_Q = sym_matrix("q", 2, 3)  # d_h x d with d_h = 2
W_UK = sym_matrix("u", 2, 2)  # d_h x d_c
W_UV = sym_matrix("v", 2, 2)
W_O = sym_matrix("o", 3, 2)
J = rotation(sp.pi / 2)  # [[0, -1], [1, 0]]

# ------------------------------------------------------------------ definitions

definition(
    "mla.latent",
    r"c_n = W^{DKV} h_n \in \mathbb{R}^{d_c}, \qquad k_n = W^{UK} c_n, \qquad "
    r"v_n = W^{UV} c_n, \qquad q_m = W^{Q} x_m",
    note="One head; d_c is much smaller than n_h d_h, and only c_n is cached.",
)

definition(
    "mla.rope-score",
    r"s_{mn} = (R_m q_m)^\top (R_n k_n), \qquad R_m = R_{\Theta, m} "
    r"\text{ (block-diagonal RoPE rotation)}",
)

# ------------------------------------------------------------------ absorption without RoPE

_score = mul(sp.Transpose(mul(Wq, xm)), mul(Wuk, cn))
claim(
    "mla.absorb-key",
    sp.Eq(_score, mul(xm.T, mul(Wq.T, Wuk), cn), evaluate=False),
    scope=GENERAL,
    latex=r"q_m^\top k_n = (W^Q x_m)^\top (W^{UK} c_n) = "
    r"x_m^\top \underbrace{\big(W^{Q\top} W^{UK}\big)}_{\text{fixed}}\, c_n",
    wrong={
        "W^{UK} transposed (at d = 3, d_h = d_c = 2)": sp.Eq(
            (W_Q * x).T * (W_UK * c), x.T * (W_Q.T * W_UK.T) * c
        ),
    },
    uses=["mla.latent"],
    source=DEEPSEEK_V2,
    compare="a product of matrices of symbolic size",
    note="W^Q, W^{UK}, x_m, c_n are matrix symbols of symbolic size d_h x d, d_h x d_c, d, d_c: "
    "the identity is (AB)^T = B^T A^T and associativity, which sympy applies to them.",
)

claim(
    "mla.absorbed-query",
    sp.Eq(_score, mul(sp.Transpose(mul(Wuk.T, Wq, xm)), cn), evaluate=False),
    scope=GENERAL,
    latex=r"q_m^\top k_n = \tilde q_m^\top c_n, \qquad \tilde q_m = W^{UK\top} W^Q x_m "
    r"\in \mathbb{R}^{d_c}",
    wrong={
        "W^{UK} without transpose (at d = 3, d_h = d_c = 2)": sp.Eq(
            (W_Q * x).T * (W_UK * c), (W_UK * W_Q * x).T * c
        ),
    },
    uses=["mla.absorb-key"],
    source=SU_MLA,
    compare="a product of matrices of symbolic size",
    note="Matrix symbols of symbolic size, as in mla.absorb-key.",
)

c2 = sym_vector("b", 2)  # a second cached latent, for the variants
p1, p2 = sp.symbols("p_1 p_2", positive=True)
claim(
    "mla.absorb-value",
    sp.Eq(mul(Wo, mul(mul(Wuv, C), pm)), mul(mul(Wo, Wuv), mul(C, pm)), evaluate=False),
    scope=GENERAL,
    latex=r"W^O \sum_n p_{mn}\, W^{UV} c_n = \big(W^O W^{UV}\big) \sum_n p_{mn}\, c_n",
    wrong={
        "weights applied to one latent only (two keys, d = 3, d_h = d_c = 2)": sp.Eq(
            W_O * (p1 * W_UV * c + p2 * W_UV * c2), (W_O * W_UV) * (p1 * c + c2)
        ),
        "weights dropped after absorbing (two keys, d = 3, d_h = d_c = 2)": sp.Eq(
            W_O * (p1 * W_UV * c + p2 * W_UV * c2), (W_O * W_UV) * (c + c2)
        ),
    },
    uses=["mla.latent"],
    source=DEEPSEEK_V2,
    compare="a product of matrices of symbolic size",
    note="The N cached latents are the columns of C (d_c x N) and the weights p_{mn} the "
    "entries of p_m, so sum_n p_{mn} W^{UV} c_n = (W^{UV} C) p_m and sum_n p_{mn} c_n = C p_m; "
    "the statement W^O ((W^{UV} C) p_m) = (W^O W^{UV}) (C p_m) is proved for matrix symbols of "
    "symbolic size and any number N of keys.",
)

# ------------------------------------------------------------------ RoPE in between

W_Q4 = sym_matrix("q", 4, 3)  # d_h = 4: two rotary planes
W_UK4 = sym_matrix("u", 4, 2)
TWO_PLANES = Instance(
    "two rotary planes with independent frequencies theta_1, theta_2 (d_h = 4), d = 3, "
    "d_c = 2, every entry symbolic",
    "R_{Theta,m} is block-diagonal, so every further plane contributes as these two do, and "
    "the rest is transposes and associativity, which hold for any shapes",
)


def R(pos: sp.Expr, freqs: tuple[sp.Expr, ...] = (t1, t2)) -> sp.Matrix:
    """RoPE at position ``pos``: plane 1 turned by ``pos theta_1``, plane 2 by ``pos theta_2``."""
    return sp.diag(*[rotation(pos * f) for f in freqs])


def theta_j_J(freqs: tuple[sp.Expr, ...] = (t1, t2)) -> sp.Matrix:
    """``diag(theta_1 J, theta_2 J)``: a quarter turn in every plane, scaled by its frequency."""
    return sp.diag(*[f * J for f in freqs])


Rm = sp.MatrixSymbol("R_m", d_h, d_h)  # any d_h x d_h matrices, for the algebra
Rn = sp.MatrixSymbol("R_n", d_h, d_h)
_rope_score = (R(m) * W_Q4 * x).T * (R(n) * W_UK4 * c)  # the explicit case, for the variants
claim(
    "mla.rope-in-between",
    sp.And(
        sp.Eq(
            mul(sp.Transpose(mul(Rm, Wq, xm)), mul(Rn, Wuk, cn)),
            mul(xm.T, mul(Wq.T, mul(Rm.T, Rn), Wuk), cn),
            evaluate=False,
        ),
        sp.Eq(R(m).T * R(n), R(n - m)),
    ),
    scope=Instance(
        "every shape of W^Q, W^{UK}, x_m, c_n, with R_m^T R_n = R_{n-m} proved for two rotary "
        "planes with independent frequencies theta_1, theta_2 (d_h = 4)",
        "R_{Theta,m} is block-diagonal, so R_m^T R_n = R_{n-m} holds plane by plane for any "
        "number of planes (rope.relative-score)",
    ),
    latex=r"(R_m W^Q x_m)^\top (R_n W^{UK} c_n) = x_m^\top \big(W^{Q\top} R_{n-m} W^{UK}\big)"
    r"\, c_n",
    wrong={
        "R_{m-n} in the middle (d = 3, d_c = 2, two planes)": sp.Eq(
            _rope_score, x.T * (W_Q4.T * R(m - n) * W_UK4) * c
        ),
        "rotation dropped, absorbed as without RoPE (d = 3, d_c = 2, two planes)": sp.Eq(
            _rope_score, x.T * (W_Q4.T * W_UK4) * c
        ),
    },
    uses=["mla.rope-score", "mla.absorb-key", "rope.relative-score"],
    source=SU_MLA,
    compare="products of matrices",
    note="Two steps: (R_m W^Q x_m)^T (R_n W^{UK} c_n) = x_m^T W^{Q T} (R_m^T R_n) W^{UK} c_n "
    "for matrix symbols of symbolic size (transposes and associativity), and R_m^T R_n = "
    "R_{n-m} for RoPE with two planes, every angle symbolic.",
)

definition(
    "mla.middle-matrix",
    r"M(\Delta) = W^{Q\top} R_{\Delta}\, W^{UK}, \qquad \Delta = n - m",
)


def M(offset: sp.Expr) -> sp.Matrix:
    """The matrix between query and latent at offset ``offset`` (3 x 2, two planes)."""
    return W_Q4.T * R(offset) * W_UK4


claim(
    "mla.middle-derivative",
    sp.Eq(sp.diff(M(delta), delta), W_Q4.T * R(delta) * theta_j_J() * W_UK4),
    scope=TWO_PLANES,
    latex=r"\frac{\partial M}{\partial \Delta} = W^{Q\top} R_{\Delta}\, \Theta J\, W^{UK}, "
    r"\qquad \Theta J = \operatorname{diag}\big(\theta_1 J, \dots, \theta_{d_h/2} J\big), "
    r"\quad J = \begin{pmatrix} 0 & -1 \\ 1 & 0 \end{pmatrix}",
    wrong={
        "one frequency for every plane (theta_1 W^{Q T} R_Delta J W^{UK})": sp.Eq(
            sp.diff(M(delta), delta), t1 * W_Q4.T * R(delta) * sp.diag(J, J) * W_UK4
        ),
        "J with the wrong sign": sp.Eq(
            sp.diff(M(delta), delta), -W_Q4.T * R(delta) * theta_j_J() * W_UK4
        ),
        "frequencies dropped": sp.Eq(
            sp.diff(M(delta), delta), W_Q4.T * R(delta) * sp.diag(J, J) * W_UK4
        ),
    },
    uses=["mla.middle-matrix"],
    compare="a derivative of a matrix against a product of matrices",
    note="The left side is the entrywise derivative of M(Delta), computed by sympy.",
)

claim(
    "mla.middle-derivative-det",
    sp.Eq((R(delta) * theta_j_J()).det(), t1**2 * t2**2),
    scope=Instance(
        "two rotary planes with independent frequencies (d_h = 4)",
        "R_Delta Theta J is block-diagonal, and the determinant of a block-diagonal matrix is "
        "the product of its blocks' determinants, det(theta_j R(Delta theta_j) J) = theta_j^2",
    ),
    latex=r"\det\big(R_\Delta\, \Theta J\big) = \prod_{j=1}^{d_h/2} \theta_j^2",
    wrong={
        "sign flipped": sp.Eq((R(delta) * theta_j_J()).det(), -(t1**2) * t2**2),
        "frequencies not squared": sp.Eq((R(delta) * theta_j_J()).det(), t1 * t2),
        "one frequency for every plane": sp.Eq((R(delta) * theta_j_J()).det(), t1**4),
    },
    uses=["mla.middle-derivative"],
    compare="a product over the d_h/2 planes; the check has two",
    note="det R = det J = 1 in every plane. Nonzero at every offset when no frequency is zero.",
)

claim(
    "mla.two-offsets",
    sp.And(
        sp.Eq(M(delta) - M(0), W_Q4.T * (R(delta) - sp.eye(4)) * W_UK4),
        sp.Eq(
            (R(delta) - sp.eye(4)).det(),
            2 * (1 - sp.cos(delta * t1)) * 2 * (1 - sp.cos(delta * t2)),
        ),
    ),
    scope=TWO_PLANES,
    latex=r"M(\Delta) - M(0) = W^{Q\top} \big(R_\Delta - I\big) W^{UK}, \qquad "
    r"\det\big(R_\Delta - I\big) = \prod_{j=1}^{d_h/2} 2\,\big(1 - \cos \Delta\theta_j\big)",
    wrong={
        "1 + cos in place of 1 - cos": sp.Eq(
            (R(delta) - sp.eye(4)).det(),
            2 * (1 + sp.cos(delta * t1)) * 2 * (1 + sp.cos(delta * t2)),
        ),
        "one frequency for every plane": sp.Eq(
            (R(delta) - sp.eye(4)).det(), 4 * (1 - sp.cos(delta * t1)) ** 2
        ),
    },
    uses=["mla.middle-matrix"],
    compare="matrices and a product over the d_h/2 planes",
    note="det(R(a) - I) = 2 - 2 cos a in each plane: zero only when a is a multiple of 2 pi.",
)

# ------------------------------------------------------------------ decoupled RoPE

qR = sym_vector("r", 4)  # W^{QR} x_m, the head's rotary query before rotation, width d_h^R = 4
kR = sym_vector("s", 4)  # k^R_n = W^{KR} h_n, the shared rotary key before rotation
q_full = (W_Q * x).col_join(R(m) * qR)
k_full = (W_UK * c).col_join(R(n) * kR)

definition(
    "mla.decoupled",
    r"q_m = \begin{pmatrix} W^Q x_m \\ R_m W^{QR} x_m \end{pmatrix}, \qquad "
    r"k_n = \begin{pmatrix} W^{UK} c_n \\ R_n W^{KR} h_n \end{pmatrix}, \qquad "
    r"k^R_n = W^{KR} h_n \in \mathbb{R}^{d_h^R} \text{ shared by all heads}",
)

_content = (W_UK.T * W_Q * x).T * c
d_hr = sp.Symbol("d_h^R", integer=True, positive=True)
Rm_r = sp.MatrixSymbol("R_m", d_hr, d_hr)  # any d_h^R x d_h^R matrices, for the algebra
Rn_r = sp.MatrixSymbol("R_n", d_hr, d_hr)
a_m = sp.MatrixSymbol("a_m", d_hr, 1)  # W^{QR} x_m
k_r = sp.MatrixSymbol("k^R_n", d_hr, 1)
u2, v2 = sym_vector("u", 2), sym_vector("v", 2)  # a content query and key
claim(
    "mla.decoupled-score",
    sp.And(
        sp.Eq(u2.col_join(qR).T * v2.col_join(kR), u2.T * v2 + qR.T * kR),
        sp.Eq(
            sp.MatAdd(
                mul(sp.Transpose(mul(Wq, xm)), mul(Wuk, cn)),
                mul(sp.Transpose(mul(Rm_r, a_m)), mul(Rn_r, k_r)),
                evaluate=False,
            ),
            sp.MatAdd(
                mul(sp.Transpose(mul(Wuk.T, Wq, xm)), cn),
                mul(a_m.T, mul(Rm_r.T, Rn_r), k_r),
                evaluate=False,
            ),
            evaluate=False,
        ),
        sp.Eq(R(m).T * R(n), R(n - m)),
    ),
    scope=Instance(
        "every shape of the content part and of W^{QR} x_m, k^R_n, with R_m^T R_n = R_{n-m} "
        "proved for a rotary part of two planes (d_h^R = 4, frequencies theta_1, theta_2)",
        "RoPE is block-diagonal, so R_m^T R_n = R_{n-m} holds plane by plane for any d_h^R "
        "(rope.relative-score)",
    ),
    latex=r"q_m^\top k_n = \underbrace{\tilde q_m^\top c_n}_{\text{content, absorbed}} + "
    r"\underbrace{(W^{QR} x_m)^\top R_{n-m}\, k^R_n}_{\text{position}}",
    wrong={
        "R_{n+m} in the position part (d = 3, d_h = d_c = 2, d_h^R = 4)": sp.Eq(
            q_full.T * k_full, _content + qR.T * R(n + m) * kR
        ),
        "position part dropped (d = 3, d_h = d_c = 2, d_h^R = 4)": sp.Eq(
            q_full.T * k_full, _content
        ),
    },
    uses=["mla.decoupled", "mla.absorbed-query", "rope.relative-score"],
    source=DEEPSEEK_V2,
    compare="products of stacked vectors and matrices",
    note="Three steps: the score of stacked vectors is the sum of the parts' scores (shown for "
    "parts of width 2 and 4, entries symbolic); the content part absorbs as in "
    "mla.absorbed-query and the position part is a_m^T (R_m^T R_n) k^R_n, for matrix symbols "
    "of symbolic size (a_m = W^{QR} x_m); and R_m^T R_n = R_{n-m} for two planes.",
)

# ------------------------------------------------------------------ KV-cache sizes

n_h, n_g, d_r = sp.symbols("n_h n_g d_h^R", positive=True)
dh = sp.Symbol("d_h", positive=True)
dcc = sp.Symbol("d_c", positive=True)
cache = {
    "MHA": 2 * n_h * dh,
    "GQA": 2 * n_g * dh,
    "MQA": 2 * dh,
    "MLA": dcc + d_r,
}
V2 = {n_h: 128, dh: 128, dcc: 512, d_r: 64}


def ratio(num: sp.Expr, den: sp.Expr) -> sp.Expr:
    """``num / den`` kept as written (sympy would cancel it at once)."""
    return sp.Mul(num, sp.Pow(den, -1, evaluate=False), evaluate=False)


definition(
    "mla.cache",
    r"\text{MHA: } 2 n_h d_h, \qquad \text{GQA: } 2 n_g d_h, \qquad \text{MQA: } 2 d_h, "
    r"\qquad \text{MLA: } d_c + d_h^R",
    note="Elements cached per token and per layer (keys and values of every head or group; "
    "for MLA the latent and the shared rotary key).",
)

definition(
    "mla.v2-sizes",
    r"n_h = 128, \qquad d_h = 128, \qquad d_c = 4 d_h = 512, \qquad d_h^R = d_h / 2 = 64",
    note="DeepSeek-V2 (arXiv 2405.04434, section 2.1 and its model configuration).",
)

mla_in_dh = sp.Add(4 * dh, dh / 2, evaluate=False)  # d_c + d_h^R with d_c = 4 d_h, d_h^R = d_h/2
MLA = sp.Rational(9, 2) * dh
claim(
    "mla.cache-mla",
    sp.And(
        eq(mla_in_dh, MLA),
        eq(sp.Add(V2[dcc], V2[d_r], evaluate=False), 576),
        eq(sp.Mul(sp.Rational(9, 2), V2[dh], evaluate=False), 576),
    ),
    scope=GENERAL,
    latex=r"d_c + d_h^R = 4 d_h + \tfrac{1}{2} d_h = \tfrac{9}{2}\, d_h = 576",
    wrong={
        "latent counted twice (keys and values)": eq(2 * mla_in_dh, MLA),
        "rotary key forgotten": eq(4 * dh, MLA),
    },
    uses=["mla.cache", "mla.v2-sizes"],
    source=DEEPSEEK_V2,
    compare="the chain substitutes DeepSeek-V2's d_c = 4 d_h, d_h^R = d_h/2 and d_h = 128",
)

claim(
    "mla.cache-gqa-equivalent",
    sp.Eq(cache["GQA"] - MLA, 2 * dh * (n_g - sp.Rational(9, 4))),
    scope=GENERAL,
    latex=r"2 n_g d_h - \tfrac{9}{2} d_h = 2 d_h \big(n_g - \tfrac{9}{4}\big)",
    wrong={
        "no factor 2 for keys and values: n_g = 9/2": sp.Eq(
            cache["GQA"] - MLA, 2 * dh * (n_g - sp.Rational(9, 2))
        ),
    },
    uses=["mla.cache-mla"],
    source=DEEPSEEK_V2,
    note="d_h > 0, so GQA's cache 2 n_g d_h equals MLA's 9/2 d_h exactly when n_g = 9/4.",
)

mha_v2 = cache["MHA"].subs(V2)
claim(
    "mla.cache-ratios",
    sp.And(
        eq(ratio(cache["MQA"], cache["MHA"]), 1 / n_h),
        eq(ratio(cache["GQA"], cache["MHA"]), n_g / n_h),
        eq(ratio(MLA, cache["MHA"]), sp.Rational(9, 4) / n_h),
        eq(ratio(MLA.subs(V2), mha_v2), sp.Rational(9, 512)),
        eq(ratio(MLA, cache["MQA"]), sp.Rational(9, 4)),
    ),
    scope=GENERAL,
    latex=r"\frac{\text{MQA}}{\text{MHA}} = \frac{1}{n_h}, \quad "
    r"\frac{\text{GQA}}{\text{MHA}} = \frac{n_g}{n_h}, \quad "
    r"\frac{\text{MLA}}{\text{MHA}} = \frac{9}{4 n_h} = \frac{9}{512}, \quad "
    r"\frac{\text{MLA}}{\text{MQA}} = \frac{9}{4}",
    wrong={
        "MLA/MHA = 9/256 (factor 2 lost)": eq(ratio(MLA.subs(V2), mha_v2), sp.Rational(9, 256)),
        "MQA/MHA = 2/n_h": eq(ratio(cache["MQA"], cache["MHA"]), 2 / n_h),
    },
    uses=["mla.cache-mla", "mla.cache"],
    source=DEEPSEEK_V2,
    compare="ratios of the named schemes' cache sizes (MLA = 9/2 d_h, and n_h = 128 in 9/512)",
    note="MLA's cache is taken at DeepSeek-V2's d_c = 4 d_h, d_h^R = d_h/2 (mla.cache-mla).",
)
