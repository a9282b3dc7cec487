"""Claims of ``docs/posts/mathematics/position-encoding/rope-geometry.md``.

Geometry of rotary position encoding: a complex phase is a 2x2 rotation, RoPE stacks d/2 such
rotations, and the score between a rotated query and a rotated key depends only on n - m.
Identities that hold block by block are proved for one symbolic 2x2 block; statements about the
whole d x d map are proved for a fixed small d (4 or 6) with every entry and every frequency a
symbol, which is what the block structure reduces the general case to.
"""

from __future__ import annotations

import sympy as sp

from derivations import Symbolic, claim, definition
from derivations._helpers import expand_trig_full, rotation

ROFORMER = (
    "Su, Lu, Pan, Murtadha, Wen, Liu, 'RoFormer: Enhanced Transformer with Rotary Position "
    "Embedding', https://arxiv.org/abs/2104.09864"
)

a, m, n = sp.symbols("a m n", real=True)
x1, x2 = sp.symbols("x_1 x_2", real=True)
j = sp.Symbol("j", integer=True, positive=True)
d = sp.Symbol("d", integer=True, positive=True)
theta = sp.Function("theta")


def theta_j(index: sp.Expr, dim: sp.Expr = d, base: sp.Expr = sp.Integer(10000)) -> sp.Expr:
    """The RoPE frequency ``base^{-2(j-1)/d}``."""
    return base ** (-2 * (index - 1) / dim)


def block_diag(angles: list[sp.Expr]) -> sp.Matrix:
    """``diag(R(angle_1), ..., R(angle_k))``."""
    return sp.diag(*[rotation(t) for t in angles])


def flip(v: sp.Matrix, sign: int = 1) -> sp.Matrix:
    """``[-v_2, v_1, -v_4, v_3, ...]`` (``sign=-1`` gives the wrong ``[v_2, -v_1, ...]``)."""
    out = []
    for i in range(0, len(v), 2):
        out += [-sign * v[i + 1], sign * v[i]]
    return sp.Matrix(out)


def half_split(angles: list[sp.Expr]) -> sp.Matrix:
    """Rotation of the half-split layout: pair ``(j, j + d/2)`` turns by ``angles[j]``."""
    k = len(angles)
    mat = sp.zeros(2 * k, 2 * k)
    for i, t in enumerate(angles):
        mat[i, i], mat[i, i + k] = sp.cos(t), -sp.sin(t)
        mat[i + k, i], mat[i + k, i + k] = sp.sin(t), sp.cos(t)
    return mat


def interleaved_to_half(dim: int) -> sp.Matrix:
    """Permutation P with ``P x = [x_1, x_3, ..., x_2, x_4, ...]``."""
    order = list(range(0, dim, 2)) + list(range(1, dim, 2))
    return sp.Matrix(dim, dim, lambda r, c: 1 if order[r] == c else 0)


# ------------------------------------------------------------------ complex numbers, rotations

definition(
    "rope.rotation",
    r"R(a) = \begin{pmatrix} \cos a & -\sin a \\ \sin a & \cos a \end{pmatrix}",
    expr=rotation(a),
)

_z = sp.expand_complex((x1 + sp.I * x2) * sp.exp(sp.I * a))
claim(
    "rope.complex-rotation",
    sp.Eq(sp.Matrix([sp.re(_z), sp.im(_z)]), rotation(a) * sp.Matrix([x1, x2]), evaluate=False),
    latex=(
        r"\begin{pmatrix} \operatorname{Re}\,[(x_1 + i x_2)\, e^{ia}] \\ "
        r"\operatorname{Im}\,[(x_1 + i x_2)\, e^{ia}] \end{pmatrix}"
        r" = R(a) \begin{pmatrix} x_1 \\ x_2 \end{pmatrix}"
    ),
    wrong={
        "rotation by -a": sp.Eq(
            sp.Matrix([sp.re(_z), sp.im(_z)]), rotation(-a) * sp.Matrix([x1, x2])
        ),
    },
    uses=["rope.rotation"],
    source=ROFORMER,
)

claim(
    "rope.rotation-composition",
    sp.Eq(rotation(m * a).T * rotation(n * a), rotation((n - m) * a), evaluate=False),
    latex=r"R(ma)^\top R(na) = R\big((n-m)\,a\big)",
    method=Symbolic(simplify=expand_trig_full),
    wrong={
        "index order swapped, R((m-n)a)": sp.Eq(
            rotation(m * a).T * rotation(n * a), rotation((m - n) * a)
        ),
        "sum instead of difference, R((m+n)a)": sp.Eq(
            rotation(m * a).T * rotation(n * a), rotation((m + n) * a)
        ),
    },
    uses=["rope.rotation"],
)

claim(
    "rope.rotation-orthogonal",
    sp.Eq(rotation(a).T * rotation(a), sp.eye(2), evaluate=False),
    latex=r"R(a)^\top R(a) = I_2",
    wrong={"R(a) R(a) = I": sp.Eq(rotation(a) * rotation(a), sp.eye(2))},
    uses=["rope.rotation"],
)

# ------------------------------------------------------------------ the frequencies

definition(
    "rope.theta",
    r"\theta_j = 10000^{-2(j-1)/d}, \qquad j = 1, 2, \dots, d/2",
    expr=sp.Eq(theta(j), theta_j(j)),
)

claim(
    "rope.theta-geometric",
    sp.Eq(theta_j(j + 1) / theta_j(j), sp.Integer(10000) ** (-2 / d), evaluate=False),
    latex=r"\frac{\theta_{j+1}}{\theta_j} = 10000^{-2/d}",
    wrong={
        "exponent with the wrong sign, 10000^{2/d}": sp.Eq(
            theta_j(j + 1) / theta_j(j), sp.Integer(10000) ** (2 / d)
        ),
    },
    uses=["rope.theta"],
    source=ROFORMER,
)

claim(
    "rope.theta-range",
    sp.And(
        sp.Eq(theta_j(sp.Integer(1)), 1),
        sp.Eq(theta_j(d / 2), sp.Integer(10000) ** (-1 + 2 / d), evaluate=False),
    ),
    latex=r"\theta_1 = 1, \qquad \theta_{d/2} = 10000^{-1 + 2/d}",
    wrong={
        "off by one index: theta_{d/2} = 1/10000": sp.Eq(
            theta_j(d / 2), sp.Rational(1, 10000), evaluate=False
        ),
    },
    uses=["rope.theta"],
)

# ------------------------------------------------------------------ the block-diagonal map

definition(
    "rope.block-matrix",
    r"R_{\Theta,m} = \operatorname{diag}\big(R(m\theta_1),\, R(m\theta_2),\, \dots,\, "
    r"R(m\theta_{d/2})\big) \in \mathbb{R}^{d \times d}",
)

t1, t2, t3 = sp.symbols("theta_1 theta_2 theta_3", real=True)
q = sp.Matrix(sp.symbols("q_1:5", real=True))
k = sp.Matrix(sp.symbols("k_1:5", real=True))


def R4(pos: sp.Expr) -> sp.Matrix:
    """``R_{Theta,pos}`` for d = 4 with symbolic frequencies."""
    return block_diag([pos * t1, pos * t2])


claim(
    "rope.relative-score",
    sp.Eq((R4(m) * q).T * (R4(n) * k), q.T * R4(n - m) * k, evaluate=False),
    latex=r"\langle R_{\Theta,m}\, q,\; R_{\Theta,n}\, k \rangle = q^\top R_{\Theta,n-m}\, k",
    method=Symbolic(simplify=expand_trig_full),
    wrong={
        "R_{m-n} in place of R_{n-m}": sp.Eq((R4(m) * q).T * (R4(n) * k), q.T * R4(m - n) * k),
        "R_{n+m} in place of R_{n-m}": sp.Eq((R4(m) * q).T * (R4(n) * k), q.T * R4(n + m) * k),
    },
    uses=["rope.rotation-composition", "rope.block-matrix"],
    source=ROFORMER,
    note="Proved for d = 4 with symbolic q, k, theta_1, theta_2; each block is "
    "rope.rotation-composition, so the same algebra holds block by block for any even d.",
)

claim(
    "rope.norm-preserved",
    sp.Eq((R4(m) * q).T * (R4(m) * q), q.T * q, evaluate=False),
    latex=r"\lVert R_{\Theta,m}\, q \rVert^2 = \lVert q \rVert^2",
    wrong={"norm doubled": sp.Eq((R4(m) * q).T * (R4(m) * q), 2 * q.T * q)},
    uses=["rope.rotation-orthogonal", "rope.block-matrix"],
    note="Proved for d = 4 with symbolic entries and frequencies (block by block in general).",
)

# ------------------------------------------------------------------ the O(d) element-wise form

q6 = sp.Matrix(sp.symbols("q_1:7", real=True))
angles6 = [m * t1, m * t2, m * t3]
cos6 = sp.Matrix([sp.cos(t) for t in angles6 for _ in range(2)])
sin6 = sp.Matrix([sp.sin(t) for t in angles6 for _ in range(2)])

definition(
    "rope.flip",
    r"\operatorname{flip}(q) = (-q_2,\; q_1,\; -q_4,\; q_3,\; \dots,\; -q_d,\; q_{d-1})",
)

claim(
    "rope.elementwise",
    sp.Eq(
        block_diag(angles6) * q6,
        q6.multiply_elementwise(cos6) + flip(q6).multiply_elementwise(sin6),
        evaluate=False,
    ),
    latex=(
        r"R_{\Theta,m}\, q = q \odot \cos(m\Theta) + \operatorname{flip}(q) \odot \sin(m\Theta),"
        r"\qquad \cos(m\Theta) = (\cos m\theta_1, \cos m\theta_1, \dots, \cos m\theta_{d/2}, "
        r"\cos m\theta_{d/2})"
    ),
    wrong={
        "flip with the other sign, (q_2, -q_1, ...)": sp.Eq(
            block_diag(angles6) * q6,
            q6.multiply_elementwise(cos6) + flip(q6, -1).multiply_elementwise(sin6),
        ),
    },
    uses=["rope.block-matrix", "rope.flip"],
    note="Proved for d = 6 with symbolic entries and frequencies; the map is block-diagonal.",
)

# ------------------------------------------------------------------ interleaved vs half-split

P6 = interleaved_to_half(6)
claim(
    "rope.half-split-permutation",
    sp.Eq(P6.T * half_split(angles6) * P6, block_diag(angles6), evaluate=False),
    latex=r"P^\top R^{\text{half}}_{\Theta,m}\, P = R_{\Theta,m}, \qquad "
    r"P q = (q_1, q_3, \dots, q_{d-1},\; q_2, q_4, \dots, q_d)",
    wrong={
        "no permutation: R^half = R": sp.Eq(half_split(angles6), block_diag(angles6)),
    },
    uses=["rope.block-matrix"],
    note="Proved for d = 6 with symbolic frequencies.",
)

P4 = interleaved_to_half(4)


def H4(pos: sp.Expr) -> sp.Matrix:
    """Half-split rotation for d = 4."""
    return half_split([pos * t1, pos * t2])


claim(
    "rope.half-split-scores",
    sp.Eq((H4(m) * P4 * q).T * (H4(n) * P4 * k), (R4(m) * q).T * (R4(n) * k), evaluate=False),
    latex=r"\langle R^{\text{half}}_{\Theta,m} P q,\; R^{\text{half}}_{\Theta,n} P k \rangle "
    r"= \langle R_{\Theta,m}\, q,\; R_{\Theta,n}\, k \rangle",
    method=Symbolic(simplify=expand_trig_full),
    wrong={
        "half-split applied without permuting q and k": sp.Eq(
            (H4(m) * q).T * (H4(n) * k), (R4(m) * q).T * (R4(n) * k)
        ),
    },
    uses=["rope.half-split-permutation", "rope.relative-score"],
    note="Proved for d = 4 with symbolic entries and frequencies.",
)

# ------------------------------------------------------------------ the all-ones score

ones = sp.ones(4, 1)
claim(
    "rope.all-ones-score",
    sp.Eq(
        (R4(m) * ones).T * (R4(n) * ones),
        sp.Matrix([2 * sp.cos((n - m) * t1) + 2 * sp.cos((n - m) * t2)]),
        evaluate=False,
    ),
    latex=r"\langle R_{\Theta,m} \mathbf{1},\; R_{\Theta,n} \mathbf{1} \rangle "
    r"= 2 \sum_{j=1}^{d/2} \cos\big((n-m)\,\theta_j\big)",
    method=Symbolic(simplify=expand_trig_full),
    wrong={
        "factor 2 dropped": sp.Eq(
            (R4(m) * ones).T * (R4(n) * ones),
            sp.Matrix([sp.cos((n - m) * t1) + sp.cos((n - m) * t2)]),
        ),
    },
    uses=["rope.relative-score"],
    note="Proved for d = 4 (two symbolic frequencies).",
)
