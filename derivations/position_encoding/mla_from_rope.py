"""Claims of ``docs/posts/mathematics/position-encoding/mla-from-rope.md``.

Compression under a rotation constraint: why DeepSeek's multi-head latent attention (MLA) can
fold the key up-projection into the query when there is no position encoding, why RoPE forbids
it (the matrix between query and latent depends on the offset n - m), how a small decoupled
rotary key repairs it, and what each scheme keeps in the KV cache.

Statements about matrices are proved with every entry a symbol, for small fixed shapes (model
width 3, head and latent width 2, one rotary plane with frequency theta); the algebra is the same
for any shape, and RoPE acts plane by plane (see the RoPE geometry page), so one plane is the
general case. Cache sizes are proved with d_h, n_h, n_g symbolic and then evaluated at the
DeepSeek-V2 sizes with exact rationals.
"""

from __future__ import annotations

import sympy as sp

from derivations import Symbolic, claim, definition
from derivations._helpers import expand_trig_full, rotation

DEEPSEEK_V2 = (
    "DeepSeek-AI, 'DeepSeek-V2: A Strong, Economical, and Efficient Mixture-of-Experts Language "
    "Model', https://arxiv.org/abs/2405.04434"
)
SU_MLA = (
    "Su, 'The ultimate tug of war between cache and effect: from MHA, MQA, GQA to MLA', "
    "https://kexue.fm/archives/10091"
)


def trig_normal_form(expr: sp.Basic) -> sp.Basic:
    """Expand angle sums, then reduce every ``sin(a)**2`` to ``1 - cos(a)**2``.

    After :func:`expand_trig_full` the expression is a polynomial in ``cos(a), sin(a)`` for a few
    independent angles ``a``; the only relations between those are ``sin^2 + cos^2 = 1``, so
    keeping each sine to degree at most one is a normal form: it is zero exactly when the
    expression is identically zero. Replacing the pair by real dummies then leaves a plain
    polynomial, on which a nonzero difference (a wrong variant) is recognised at once instead of
    going through ``trigsimp``.
    """
    poly_expr = expand_trig_full(expr)
    angles = {f.args[0] for f in poly_expr.atoms(sp.sin, sp.cos)}
    for angle in sorted(angles, key=sp.default_sort_key):
        cos_a, sin_a = sp.Dummy("C", real=True), sp.Dummy("S", real=True)
        poly_expr = sp.expand(poly_expr.xreplace({sp.cos(angle): cos_a, sp.sin(angle): sin_a}))
        terms = sp.Poly(poly_expr, sin_a).terms()
        poly_expr = sp.expand(
            sum(coef * sin_a ** (k % 2) * (1 - cos_a**2) ** (k // 2) for (k,), coef in terms)
        )
    return poly_expr


def sym_matrix(name: str, rows: int, cols: int) -> sp.Matrix:
    """A ``rows x cols`` matrix of real symbols ``name_{ij}``."""
    return sp.Matrix(rows, cols, lambda i, j: sp.Symbol(f"{name}_{i + 1}{j + 1}", real=True))


def sym_vector(name: str, size: int) -> sp.Matrix:
    """A column of real symbols ``name_1 .. name_size``."""
    return sp.Matrix(sp.symbols(f"{name}_1:{size + 1}", real=True))


m, n, delta, theta = sp.symbols("m n Delta theta", real=True)
x = sym_vector("x", 3)  # the query token's hidden state, width d = 3
h = sym_vector("h", 3)  # the key token's hidden state
W_Q = sym_matrix("q", 2, 3)  # query projection, d_h x d
W_DKV = sym_matrix("a", 2, 3)  # down-projection to the latent, d_c x d
W_UK = sym_matrix("u", 2, 2)  # key up-projection, d_h x d_c
W_UV = sym_matrix("v", 2, 2)  # value up-projection, d_h x d_c
W_O = sym_matrix("o", 3, 2)  # output projection, d x d_h
c = sym_vector("c", 2)  # the cached latent of the key token, width d_c = 2
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

claim(
    "mla.absorb-key",
    sp.Eq((W_Q * x).T * (W_UK * c), x.T * (W_Q.T * W_UK) * c),
    latex=r"q_m^\top k_n = (W^Q x_m)^\top (W^{UK} c_n) = "
    r"x_m^\top \underbrace{\big(W^{Q\top} W^{UK}\big)}_{\text{fixed}}\, c_n",
    wrong={
        "W^{UK} transposed": sp.Eq((W_Q * x).T * (W_UK * c), x.T * (W_Q.T * W_UK.T) * c),
    },
    uses=["mla.latent"],
    source=DEEPSEEK_V2,
    note="Proved for d = 3, d_h = d_c = 2 with every entry symbolic.",
)

claim(
    "mla.absorbed-query",
    sp.Eq((W_Q * x).T * (W_UK * c), (W_UK.T * W_Q * x).T * c),
    latex=r"q_m^\top k_n = \tilde q_m^\top c_n, \qquad \tilde q_m = W^{UK\top} W^Q x_m "
    r"\in \mathbb{R}^{d_c}",
    wrong={
        "W^{UK} without transpose": sp.Eq((W_Q * x).T * (W_UK * c), (W_UK * W_Q * x).T * c),
    },
    uses=["mla.absorb-key"],
    source=SU_MLA,
    note="Proved for d = 3, d_h = d_c = 2 with every entry symbolic.",
)

p1, p2 = sp.symbols("p_1 p_2", positive=True)
c2 = sym_vector("b", 2)  # a second cached latent
claim(
    "mla.absorb-value",
    sp.Eq(W_O * (p1 * W_UV * c + p2 * W_UV * c2), (W_O * W_UV) * (p1 * c + p2 * c2)),
    latex=r"W^O \sum_n p_{mn}\, W^{UV} c_n = \big(W^O W^{UV}\big) \sum_n p_{mn}\, c_n",
    wrong={
        "weights applied to one latent only": sp.Eq(
            W_O * (p1 * W_UV * c + p2 * W_UV * c2), (W_O * W_UV) * (p1 * c + c2)
        ),
    },
    uses=["mla.latent"],
    source=DEEPSEEK_V2,
    note="Proved for two keys, d = 3, d_h = d_c = 2, symbolic weights and entries; the sum is "
    "linear, so the same holds for any number of keys.",
)

# ------------------------------------------------------------------ RoPE in between


def R(angle: sp.Expr) -> sp.Matrix:
    """One RoPE plane: rotation by ``angle``."""
    return rotation(angle)


claim(
    "mla.rope-in-between",
    sp.Eq(
        (R(m * theta) * W_Q * x).T * (R(n * theta) * W_UK * c),
        x.T * (W_Q.T * R((n - m) * theta) * W_UK) * c,
    ),
    latex=r"(R_m W^Q x_m)^\top (R_n W^{UK} c_n) = x_m^\top \big(W^{Q\top} R_{n-m} W^{UK}\big)"
    r"\, c_n",
    method=Symbolic(simplify=trig_normal_form),
    wrong={
        "R_{m-n} in the middle": sp.Eq(
            (R(m * theta) * W_Q * x).T * (R(n * theta) * W_UK * c),
            x.T * (W_Q.T * R((m - n) * theta) * W_UK) * c,
        ),
        "rotation dropped (absorbed as without RoPE)": sp.Eq(
            (R(m * theta) * W_Q * x).T * (R(n * theta) * W_UK * c),
            x.T * (W_Q.T * W_UK) * c,
        ),
    },
    uses=["mla.rope-score", "mla.absorb-key", "rope.relative-score"],
    source=SU_MLA,
    note="Proved for one rotary plane (d_h = 2, frequency theta), d = 3, d_c = 2, all entries "
    "symbolic; RoPE is block-diagonal, so every plane contributes the same way.",
)

definition(
    "mla.middle-matrix",
    r"M(\Delta) = W^{Q\top} R_{\Delta}\, W^{UK}, \qquad \Delta = n - m",
)

Wq2 = sym_matrix("q", 2, 2)  # square versions, so that determinants exist
Wuk2 = sym_matrix("u", 2, 2)


def M(offset: sp.Expr, wq: sp.Matrix = Wq2, wuk: sp.Matrix = Wuk2) -> sp.Matrix:
    """The matrix between query and latent at relative offset ``offset`` (one plane)."""
    return wq.T * R(offset * theta) * wuk


claim(
    "mla.middle-derivative",
    sp.Eq(sp.diff(M(delta), delta), theta * Wq2.T * R(delta * theta) * J * Wuk2, evaluate=False),
    latex=r"\frac{\partial M}{\partial \Delta} = \theta\, W^{Q\top} R_{\Delta} J\, W^{UK}, "
    r"\qquad J = R(\pi/2) = \begin{pmatrix} 0 & -1 \\ 1 & 0 \end{pmatrix}",
    wrong={
        "J with the wrong sign": sp.Eq(
            sp.diff(M(delta), delta), -theta * Wq2.T * R(delta * theta) * J * Wuk2
        ),
        "factor theta dropped": sp.Eq(
            sp.diff(M(delta), delta), Wq2.T * R(delta * theta) * J * Wuk2
        ),
    },
    uses=["mla.middle-matrix"],
    note="One rotary plane, 2x2 symbolic projections.",
)

claim(
    "mla.middle-derivative-det",
    sp.Eq(sp.diff(M(delta), delta).det(), theta**2 * Wq2.det() * Wuk2.det()),
    latex=r"\det \frac{\partial M}{\partial \Delta} = \theta^2 \det W^Q \det W^{UK}",
    wrong={
        "sign flipped": sp.Eq(sp.diff(M(delta), delta).det(), -(theta**2) * Wq2.det() * Wuk2.det()),
        "theta not squared": sp.Eq(sp.diff(M(delta), delta).det(), theta * Wq2.det() * Wuk2.det()),
    },
    uses=["mla.middle-derivative"],
    note="det R = det J = 1. Nonzero for every offset whenever theta != 0 and both projections "
    "are invertible: M moves with Delta at every Delta.",
)

claim(
    "mla.two-offsets",
    sp.Eq((M(delta) - M(0)).det(), 2 * (1 - sp.cos(delta * theta)) * Wq2.det() * Wuk2.det()),
    latex=r"\det\big(M(\Delta) - M(0)\big) = 2\,\big(1 - \cos \Delta\theta\big)\, "
    r"\det W^Q \det W^{UK}",
    method=Symbolic(simplify=trig_normal_form),
    wrong={
        "1 + cos in place of 1 - cos": sp.Eq(
            (M(delta) - M(0)).det(), 2 * (1 + sp.cos(delta * theta)) * Wq2.det() * Wuk2.det()
        ),
    },
    uses=["mla.middle-matrix"],
    note="One rotary plane, 2x2 symbolic projections. det(R(a) - I) = 2 - 2 cos a, zero only "
    "when a is a multiple of 2 pi: two offsets give the same M only if the plane turned a "
    "whole number of times between them.",
)

# ------------------------------------------------------------------ decoupled RoPE

qR = sym_vector("r", 2)  # W^{QR} x_m, the head's rotary query before rotation, width d_h^R
kR = sym_vector("s", 2)  # k^R_n = W^{KR} h_n, the shared rotary key before rotation
q_full = (W_Q * x).col_join(R(m * theta) * qR)
k_full = (W_UK * c).col_join(R(n * theta) * kR)

definition(
    "mla.decoupled",
    r"q_m = \begin{pmatrix} W^Q x_m \\ R_m W^{QR} x_m \end{pmatrix}, \qquad "
    r"k_n = \begin{pmatrix} W^{UK} c_n \\ R_n W^{KR} h_n \end{pmatrix}, \qquad "
    r"k^R_n = W^{KR} h_n \in \mathbb{R}^{d_h^R} \text{ shared by all heads}",
)

claim(
    "mla.decoupled-score",
    sp.Eq(
        q_full.T * k_full,
        (W_UK.T * W_Q * x).T * c + qR.T * R((n - m) * theta) * kR,
    ),
    latex=r"q_m^\top k_n = \underbrace{\tilde q_m^\top c_n}_{\text{content, absorbed}} + "
    r"\underbrace{(W^{QR} x_m)^\top R_{n-m}\, k^R_n}_{\text{position}}",
    method=Symbolic(simplify=trig_normal_form),
    wrong={
        "R_{n+m} in the position part": sp.Eq(
            q_full.T * k_full,
            (W_UK.T * W_Q * x).T * c + qR.T * R((n + m) * theta) * kR,
        ),
        "position part dropped": sp.Eq(q_full.T * k_full, (W_UK.T * W_Q * x).T * c),
    },
    uses=["mla.decoupled", "mla.absorbed-query", "rope.relative-score"],
    source=DEEPSEEK_V2,
    note="Proved for d = 3, d_h = d_c = 2 and a rotary part of width d_h^R = 2 (one plane); "
    "every entry symbolic, with the rotary query W^{QR} x_m and the rotary key k^R_n taken as "
    "symbolic vectors.",
)

# ------------------------------------------------------------------ KV-cache sizes

d_h, n_h, n_g, d_c, d_r = sp.symbols("d_h n_h n_g d_c d_h^R", positive=True)
cache = {
    "MHA": 2 * n_h * d_h,
    "GQA": 2 * n_g * d_h,
    "MQA": 2 * d_h,
    "MLA": d_c + d_r,
}
V2 = {n_h: 128, d_h: 128, d_c: 512, d_r: 64}

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

mla_in_dh = cache["MLA"].subs({d_c: 4 * d_h, d_r: d_h / 2})
claim(
    "mla.cache-mla",
    sp.And(
        sp.Eq(mla_in_dh, sp.Rational(9, 2) * d_h),
        sp.Eq(cache["MLA"].subs(V2), 576, evaluate=False),
    ),
    latex=r"d_c + d_h^R = 4 d_h + \tfrac{1}{2} d_h = \tfrac{9}{2}\, d_h = 576",
    wrong={
        "latent counted twice (keys and values)": sp.Eq(
            2 * cache["MLA"].subs({d_c: 4 * d_h, d_r: d_h / 2}), sp.Rational(9, 2) * d_h
        ),
        "rotary key forgotten": sp.Eq(4 * d_h, sp.Rational(9, 2) * d_h),
    },
    uses=["mla.cache", "mla.v2-sizes"],
    source=DEEPSEEK_V2,
)

groups = sp.solve(sp.Eq(cache["GQA"], mla_in_dh), n_g)
claim(
    "mla.cache-gqa-equivalent",
    sp.Eq(groups[0], sp.Rational(9, 4), evaluate=False),
    latex=r"2 n_g d_h = \tfrac{9}{2} d_h \iff n_g = \tfrac{9}{4} = 2.25",
    wrong={"no factor 2 for keys and values: n_g = 9/2": sp.Eq(groups[0], sp.Rational(9, 2))},
    uses=["mla.cache-mla"],
    source=DEEPSEEK_V2,
)

claim(
    "mla.cache-ratios",
    sp.And(
        sp.Eq(cache["MQA"] / cache["MHA"], 1 / n_h, evaluate=False),
        sp.Eq(cache["GQA"] / cache["MHA"], n_g / n_h, evaluate=False),
        sp.Eq(mla_in_dh / cache["MHA"], sp.Rational(9, 4) / n_h, evaluate=False),
        sp.Eq((mla_in_dh / cache["MHA"]).subs(V2), sp.Rational(9, 512), evaluate=False),
        sp.Eq((mla_in_dh / cache["MQA"]), sp.Rational(9, 4), evaluate=False),
    ),
    latex=r"\frac{\text{MQA}}{\text{MHA}} = \frac{1}{n_h}, \quad "
    r"\frac{\text{GQA}}{\text{MHA}} = \frac{n_g}{n_h}, \quad "
    r"\frac{\text{MLA}}{\text{MHA}} = \frac{9}{4 n_h} = \frac{9}{512}, \quad "
    r"\frac{\text{MLA}}{\text{MQA}} = \frac{9}{4}",
    wrong={
        "MLA/MHA = 9/256 (factor 2 lost)": sp.Eq(
            (mla_in_dh / cache["MHA"]).subs(V2), sp.Rational(9, 256)
        ),
        "MQA/MHA = 2/n_h": sp.Eq(cache["MQA"] / cache["MHA"], 2 / n_h),
    },
    uses=["mla.cache-mla", "mla.cache"],
    source=DEEPSEEK_V2,
)
