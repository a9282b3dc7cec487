"""Claims of ``docs/posts/mathematics/position-encoding/rope-2d.md``.

Two-dimensional rotary position encoding for image patches: half of the rotation planes turn
with the column x, half with the row y. The x-part and the y-part commute, so positions compose
by adding coordinates and the score depends only on the 2-D offset. Matrix identities are proved
for d = 8 (two frequencies per axis, all symbolic); the score identity for d = 4, the smallest
case (one plane per axis), with every entry symbolic.
"""

from __future__ import annotations

import sympy as sp

from derivations import Symbolic, claim, definition
from derivations._helpers import expand_trig_full, rotation

SU_2D = (
    "Su, 'Transformer upgrade road 4: 2-D rotary position encoding', https://kexue.fm/archives/8397"
)
HEO = (
    "Heo, Park, Han, Yun, 'Rotary Position Embedding for Vision Transformer', "
    "https://arxiv.org/abs/2403.13298"
)

x, y, x1, y1, x2, y2 = sp.symbols("x y x_1 y_1 x_2 y_2", real=True)
t1, t2 = sp.symbols("theta_1 theta_2", real=True)
FREQS = [t1, t2]


def R2d(px: sp.Expr, py: sp.Expr, freqs: list[sp.Expr] = FREQS) -> sp.Matrix:
    """``diag(R(px t_1), ..., R(px t_k), R(py t_1), ..., R(py t_k))`` (d = 4k)."""
    return sp.diag(*[rotation(px * t) for t in freqs], *[rotation(py * t) for t in freqs])


definition(
    "rope2d.theta",
    r"\theta_j = b^{-4(j-1)/d}, \qquad j = 1, \dots, d/4",
    note="The 1-D RoPE frequencies of dimension d/2: each axis gets a full RoPE ladder.",
)

definition(
    "rope2d.block-matrix",
    r"R_{x,y} = \operatorname{diag}\big(\underbrace{R(x\theta_1), \dots, R(x\theta_{d/4})}"
    r"_{\text{first } d/2 \text{ coordinates}},\ \underbrace{R(y\theta_1), \dots, "
    r"R(y\theta_{d/4})}_{\text{last } d/2 \text{ coordinates}}\big)",
)

claim(
    "rope2d.axes-commute",
    sp.And(
        sp.Eq(R2d(x, 0) * R2d(0, y), R2d(x, y), evaluate=False),
        sp.Eq(R2d(0, y) * R2d(x, 0), R2d(x, y), evaluate=False),
    ),
    latex=r"R_{x,0}\, R_{0,y} = R_{0,y}\, R_{x,0} = R_{x,y}",
    wrong={"axes swapped, R_{y,x}": sp.Eq(R2d(x, 0) * R2d(0, y), R2d(y, x))},
    uses=["rope2d.block-matrix"],
    source=SU_2D,
    note="Proved for d = 8 with symbolic x, y, theta_1, theta_2: the x-planes and the y-planes "
    "are disjoint, so the two rotations act on different coordinates.",
)

claim(
    "rope2d.transpose",
    sp.Eq(R2d(x, y).T, R2d(-x, -y), evaluate=False),
    latex=r"R_{x,y}^\top = R_{-x,-y} = R_{x,y}^{-1}",
    wrong={"only x negated": sp.Eq(R2d(x, y).T, R2d(-x, y))},
    uses=["rope2d.block-matrix", "rope.rotation-orthogonal"],
    note="Proved for d = 8 with symbolic entries.",
)

claim(
    "rope2d.group",
    sp.Eq(R2d(x1, y1) * R2d(x2, y2), R2d(x1 + x2, y1 + y2)),
    latex=r"R_{x_1,y_1}\, R_{x_2,y_2} = R_{x_1 + x_2,\; y_1 + y_2}",
    method=Symbolic(simplify=expand_trig_full),
    wrong={"y difference instead of sum": sp.Eq(R2d(x1, y1) * R2d(x2, y2), R2d(x1 + x2, y1 - y2))},
    uses=["rope2d.axes-commute", "rope.rotation-composition"],
    source=SU_2D,
    note="Proved for d = 8 with symbolic coordinates and frequencies.",
)

claim(
    "rope2d.relative",
    sp.Eq(R2d(x1, y1).T * R2d(x2, y2), R2d(x2 - x1, y2 - y1)),
    latex=r"R_{x_1,y_1}^\top\, R_{x_2,y_2} = R_{x_2 - x_1,\; y_2 - y_1}",
    method=Symbolic(simplify=expand_trig_full),
    wrong={
        "offset reversed, R_{x_1 - x_2, y_1 - y_2}": sp.Eq(
            R2d(x1, y1).T * R2d(x2, y2), R2d(x1 - x2, y1 - y2)
        ),
        "axes swapped, R_{y_2 - y_1, x_2 - x_1}": sp.Eq(
            R2d(x1, y1).T * R2d(x2, y2), R2d(y2 - y1, x2 - x1)
        ),
    },
    uses=["rope2d.transpose", "rope2d.group"],
    source=SU_2D,
    note="Proved for d = 8 with symbolic coordinates and frequencies (block by block in general).",
)

q = sp.Matrix(sp.symbols("q_1:5", real=True))
k = sp.Matrix(sp.symbols("k_1:5", real=True))
tx = sp.Symbol("theta", real=True)


def R4(px: sp.Expr, py: sp.Expr) -> sp.Matrix:
    """The d = 4 case: one plane for x, one for y."""
    return R2d(px, py, [tx])


claim(
    "rope2d.score",
    sp.Eq((R4(x1, y1) * q).T * (R4(x2, y2) * k), q.T * R4(x2 - x1, y2 - y1) * k),
    latex=r"\langle R_{x_1,y_1}\, q,\; R_{x_2,y_2}\, k \rangle = "
    r"q^\top R_{x_2 - x_1,\; y_2 - y_1}\, k",
    method=Symbolic(simplify=expand_trig_full),
    wrong={
        "offset reversed": sp.Eq(
            (R4(x1, y1) * q).T * (R4(x2, y2) * k), q.T * R4(x1 - x2, y1 - y2) * k
        ),
    },
    uses=["rope2d.relative"],
    source=SU_2D,
    note="Proved for d = 4 (Su's minimal case) with symbolic q, k, positions and frequency.",
)

ones8 = sp.ones(8, 1)
_dx, _dy = x2 - x1, y2 - y1
claim(
    "rope2d.all-ones-score",
    sp.Eq(
        (R2d(x1, y1) * ones8).T * (R2d(x2, y2) * ones8),
        sp.Matrix([2 * sum(sp.cos(_dx * t) + sp.cos(_dy * t) for t in FREQS)]),
    ),
    latex=r"\langle R_{x_1,y_1} \mathbf{1},\; R_{x_2,y_2} \mathbf{1} \rangle = "
    r"2 \sum_{j=1}^{d/4} \cos\big((x_2 - x_1)\,\theta_j\big) + "
    r"2 \sum_{j=1}^{d/4} \cos\big((y_2 - y_1)\,\theta_j\big)",
    method=Symbolic(simplify=expand_trig_full),
    wrong={
        "x and y in every plane": sp.Eq(
            (R2d(x1, y1) * ones8).T * (R2d(x2, y2) * ones8),
            sp.Matrix([2 * sum(sp.cos((_dx + _dy) * t) for t in FREQS)]),
        ),
    },
    uses=["rope2d.relative", "rope.all-ones-score"],
    note="Proved for d = 8 (two symbolic frequencies per axis).",
)

# ------------------------------------------------------------------ RoPE-Mixed

ax_, ay_ = sp.symbols("theta^x_j theta^y_j", real=True)


def phi(px: sp.Expr, py: sp.Expr) -> sp.Expr:
    """RoPE-Mixed angle of one plane."""
    return px * ax_ + py * ay_


definition(
    "rope2d.mixed",
    r"\text{plane } j \text{ turns by } \varphi_j(x, y) = x\,\theta^x_j + y\,\theta^y_j",
    note="Heo et al.'s RoPE-Mixed, with learned theta^x_j, theta^y_j. The axial scheme above is "
    "theta^y_j = 0 on the first d/4 planes and theta^x_j = 0 on the last d/4.",
)

claim(
    "rope2d.mixed-relative",
    sp.Eq(rotation(phi(x1, y1)).T * rotation(phi(x2, y2)), rotation(phi(x2 - x1, y2 - y1))),
    latex=r"R\big(\varphi_j(x_1, y_1)\big)^\top R\big(\varphi_j(x_2, y_2)\big) = "
    r"R\big(\varphi_j(x_2 - x_1,\; y_2 - y_1)\big)",
    method=Symbolic(simplify=expand_trig_full),
    wrong={
        "offset reversed": sp.Eq(
            rotation(phi(x1, y1)).T * rotation(phi(x2, y2)), rotation(phi(x1 - x2, y1 - y2))
        ),
    },
    uses=["rope2d.mixed", "rope.rotation-composition"],
    source=HEO,
    note="One plane with symbolic frequencies; the angle is linear in (x, y), which is all the "
    "relative identity needs.",
)
