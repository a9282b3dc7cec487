"""Claims of ``docs/posts/mathematics/position-encoding/rope-2d.md``.

Two-dimensional rotary position encoding for image patches: half of the rotation planes turn
with the column x, half with the row y. The x-part and the y-part commute, so positions compose
by adding coordinates and the score depends only on the 2-D offset.

Identities between the d x d matrices are proved for d = 8 (two planes per axis, with two
distinct symbolic frequencies); they carry over block by block, since every matrix involved is
block-diagonal with 2 x 2 rotation blocks. The scores are proved for a symbolic dimension: an
inner product with a block-diagonal matrix is a sum over its planes, written as
``Sum(..., (j, 1, d/4))`` over the x-planes and the y-planes, with the coordinates and the
frequency ``theta(j)`` undefined functions of the plane index; such a sum is proved plane by
plane (:func:`per_plane`), and its wrong variants are refuted by a counterexample to their
d = 8 case, which a statement about every d divisible by 4 includes.
"""

from __future__ import annotations

from collections.abc import Callable

import sympy as sp

from derivations import GENERAL, Instance, Symbolic, Wrong, claim, definition
from derivations.helpers import expand_trig_full, real_function, rotation

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


def product(a: sp.Matrix, b: sp.Matrix) -> sp.Matrix:
    """``a b`` with every entry left as an unevaluated sum of products (the proof evaluates it).

    The product of the one-axis rotations is entry for entry the matrix it equals once the
    zeros and ones are multiplied out, so the step is kept unevaluated (sympy's conversion of an
    unevaluated ``MatMul`` to a matrix takes seconds for 8 x 8).
    """
    return sp.Matrix(
        a.rows,
        b.cols,
        lambda r, c: sp.Add(
            *[sp.Mul(a[r, i], b[i, c], evaluate=False) for i in range(a.cols)], evaluate=False
        ),
    )


#: Why an identity of the d = 8 matrices holds for every d divisible by 4.
BLOCKWISE = (
    "every matrix here is block-diagonal with the same 2 x 2 planes, so products, transposes "
    "and inverses act plane by plane, and each plane is one rotation R(a) for any number of "
    "planes per axis"
)
D8 = "d = 8 (two planes per axis), with x, y and the frequencies theta_1, theta_2 symbolic"

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

#: A point of the d = 8 counterexamples: theta_1 a quarter turn per unit, theta_2 still.
QUARTER = {t1: sp.pi / 2, t2: 0}

claim(
    "rope2d.axes-commute",
    sp.And(
        sp.Eq(product(R2d(x, 0), R2d(0, y)), R2d(x, y), evaluate=False),
        sp.Eq(product(R2d(0, y), R2d(x, 0)), R2d(x, y), evaluate=False),
    ),
    scope=Instance(
        D8,
        "R_{x,0} is the identity on the y-planes and R_{0,y} on the x-planes (R(0) = I), so "
        "both products have the blocks of R_{x,y}, for any d divisible by 4",
    ),
    latex=r"R_{x,0}\, R_{0,y} = R_{0,y}\, R_{x,0} = R_{x,y}",
    wrong={
        "axes swapped, R_{y,x}": Wrong(
            sp.Eq(product(R2d(x, 0), R2d(0, y)), R2d(y, x), evaluate=False),
            at=({x: 1, y: 0, **QUARTER},),
        )
    },
    uses=["rope2d.block-matrix"],
    source=SU_2D,
    compare="an identity of d x d matrices",
    note="The x-planes and the y-planes are disjoint, so the two rotations act on different "
    "coordinates.",
)

claim(
    "rope2d.transpose",
    sp.And(
        sp.Eq(sp.Transpose(sp.ImmutableMatrix(R2d(x, y))), R2d(-x, -y), evaluate=False),
        sp.Eq(R2d(-x, -y) * R2d(x, y), sp.eye(8), evaluate=False),
    ),
    scope=Instance(D8, BLOCKWISE + "; per plane R(a)^T = R(-a) = R(a)^{-1}"),
    latex=r"R_{x,y}^\top = R_{-x,-y} = R_{x,y}^{-1}",
    wrong={
        "only x negated": Wrong(
            sp.Eq(R2d(x, y).T, R2d(-x, y), evaluate=False), at=({x: 0, y: 1, **QUARTER},)
        )
    },
    uses=["rope2d.block-matrix", "rope.rotation-orthogonal"],
    compare="an identity of d x d matrices",
    note="The second conjunct, R_{-x,-y} R_{x,y} = I, is the '= R_{x,y}^{-1}' of the display.",
)

claim(
    "rope2d.group",
    sp.Eq(R2d(x1, y1) * R2d(x2, y2), R2d(x1 + x2, y1 + y2), evaluate=False),
    scope=Instance(D8.replace("x, y", "x_1, y_1, x_2, y_2"), BLOCKWISE),
    latex=r"R_{x_1,y_1}\, R_{x_2,y_2} = R_{x_1 + x_2,\; y_1 + y_2}",
    wrong={
        "y difference instead of sum": Wrong(
            sp.Eq(R2d(x1, y1) * R2d(x2, y2), R2d(x1 + x2, y1 - y2), evaluate=False),
            at=({x1: 0, x2: 0, y1: 0, y2: 1, **QUARTER},),
        )
    },
    uses=["rope2d.axes-commute", "rope.rotation-composition"],
    source=SU_2D,
    compare="an identity of d x d matrices",
)

claim(
    "rope2d.relative",
    sp.Eq(R2d(x1, y1).T * R2d(x2, y2), R2d(x2 - x1, y2 - y1), evaluate=False),
    scope=Instance(
        D8.replace("x, y", "x_1, y_1, x_2, y_2"),
        BLOCKWISE + "; per plane this is rope.rotation-composition",
    ),
    latex=r"R_{x_1,y_1}^\top\, R_{x_2,y_2} = R_{x_2 - x_1,\; y_2 - y_1}",
    wrong={
        "offset reversed, R_{x_1 - x_2, y_1 - y_2}": Wrong(
            sp.Eq(R2d(x1, y1).T * R2d(x2, y2), R2d(x1 - x2, y1 - y2), evaluate=False),
            at=({x1: 0, x2: 1, y1: 0, y2: 0, **QUARTER},),
        ),
        "axes swapped, R_{y_2 - y_1, x_2 - x_1}": Wrong(
            sp.Eq(R2d(x1, y1).T * R2d(x2, y2), R2d(y2 - y1, x2 - x1), evaluate=False),
            at=({x1: 0, x2: 1, y1: 0, y2: 0, **QUARTER},),
        ),
    },
    uses=["rope2d.transpose", "rope2d.group"],
    source=SU_2D,
    compare="an identity of d x d matrices",
)

# ------------------------------------------------------------------ scores, symbolic dimension


d = sp.Symbol("d", integer=True, positive=True)
j = sp.Symbol("j", integer=True, positive=True)
theta = real_function("theta")
qf, kf = real_function("q"), real_function("k")
_w = sp.Symbol("w", real=True)  # theta(j) while a summand is simplified


def x_plane(v: sp.core.function.UndefinedFunction) -> sp.Matrix:
    """Coordinates ``(v_{2j-1}, v_{2j})``: x-plane j."""
    return sp.Matrix([v(2 * j - 1), v(2 * j)])


def y_plane(v: sp.core.function.UndefinedFunction) -> sp.Matrix:
    """Coordinates ``(v_{d/2+2j-1}, v_{d/2+2j})``: y-plane j."""
    return sp.Matrix([v(d / 2 + 2 * j - 1), v(d / 2 + 2 * j)])


def over_planes(summand: sp.Expr) -> sp.Sum:
    """``sum_{j=1}^{d/4} summand``, left unevaluated."""
    return sp.Sum(summand, (j, 1, d / 4))


#: Seconds a proof over planes may take. The proof itself takes a fraction of a second; the rest
#: is the confirmation of the page's simplification at random points, which substitutes numbers
#: into sums it cannot evaluate (their coordinates are undefined functions), finds nothing, and
#: takes several seconds on a loaded machine.
PLANE_BUDGET = 60.0


def per_plane(fn: Callable[[sp.Basic], sp.Basic]) -> Callable[[sp.Basic], sp.Basic]:
    """Merge sums over the same planes into one and simplify its summand with ``fn``.

    ``theta(j)`` is a plain real symbol while ``fn`` runs; a summand that reduces to zero makes
    the sum zero for every d. (The sum itself is never evaluated.)
    """

    def simplify(expr: sp.Basic) -> sp.Basic:
        groups: dict = {}
        rest = sp.Integer(0)
        for term in sp.Add.make_args(sp.expand(expr)):
            coeff, s = term.as_independent(sp.Sum, as_Add=False)
            if isinstance(s, sp.Sum):
                groups[s.limits] = groups.get(s.limits, 0) + coeff * s.function
            else:
                rest += term
        out = rest
        for limits, summand in groups.items():
            reduced = fn(summand.subs(theta(j), _w)).subs(_w, theta(j))
            out += sp.Sum(reduced, *limits) if reduced != 0 else 0
        return out

    return simplify


def plane_score(pa: sp.Expr, pb: sp.Expr, u: sp.Matrix, v: sp.Matrix) -> sp.Expr:
    """``(R(pa theta_j) u)^T (R(pb theta_j) v)``."""
    return ((rotation(pa * theta(j)) * u).T * (rotation(pb * theta(j)) * v))[0]


def plane_relative(offset: sp.Expr, u: sp.Matrix, v: sp.Matrix) -> sp.Expr:
    """``u^T R(offset theta_j) v``."""
    return (u.T * rotation(offset * theta(j)) * v)[0]


q8 = sp.Matrix(sp.symbols("q_1:9", real=True))
k8 = sp.Matrix(sp.symbols("k_1:9", real=True))
_PLAIN = {
    **{qf(i + 1): q8[i] for i in range(8)},
    **{kf(i + 1): k8[i] for i in range(8)},
    theta(1): t1,
    theta(2): t2,
}


def with_d8(rel: sp.Eq) -> sp.And:
    """A wrong variant for every d divisible by 4, with its d = 8 case (its counterexample)."""
    sides = [s.subs(d, 8).doit().xreplace(_PLAIN) for s in (rel.lhs, rel.rhs)]
    return sp.And(rel, sp.Eq(*sides, evaluate=False))


def unit(v: sp.Matrix, i: int) -> dict:
    """The point at which the vector of symbols ``v`` is the i-th unit vector."""
    return {s: int(idx == i) for idx, s in enumerate(v)}


# (Separate sums for the x-planes and the y-planes: the search for counterexamples substitutes
# into smaller summands, which takes a third less time than one sum over both.)
_score = over_planes(plane_score(x1, x2, x_plane(qf), x_plane(kf))) + over_planes(
    plane_score(y1, y2, y_plane(qf), y_plane(kf))
)


def _relative(dx: sp.Expr, dy: sp.Expr) -> sp.Expr:
    """``q^T R_{dx,dy} k``, plane by plane: x-plane j turns by dx theta_j, y-plane j by dy."""
    return over_planes(plane_relative(dx, x_plane(qf), x_plane(kf))) + over_planes(
        plane_relative(dy, y_plane(qf), y_plane(kf))
    )


claim(
    "rope2d.score",
    sp.Eq(_score, _relative(x2 - x1, y2 - y1), evaluate=False),
    scope=GENERAL,
    latex=r"\langle R_{x_1,y_1}\, q,\; R_{x_2,y_2}\, k \rangle = "
    r"q^\top R_{x_2 - x_1,\; y_2 - y_1}\, k",
    method=Symbolic(simplify=per_plane(expand_trig_full), doit=False, budget=PLANE_BUDGET),
    wrong={
        "offset reversed": Wrong(
            with_d8(sp.Eq(_score, _relative(x1 - x2, y1 - y2), evaluate=False)),
            at=({d: 8, x1: 0, x2: 1, y1: 0, y2: 0, **QUARTER, **unit(q8, 0), **unit(k8, 1)},),
        ),
        "axes swapped": Wrong(
            with_d8(sp.Eq(_score, _relative(y2 - y1, x2 - x1), evaluate=False)),
            at=({d: 8, x1: 0, x2: 1, y1: 0, y2: 0, **QUARTER, **unit(q8, 0), **unit(k8, 0)},),
        ),
    },
    uses=["rope2d.relative"],
    source=SU_2D,
    compare="inner products of d-vectors; the statement writes them as sums over the x-planes "
    "and the y-planes",
    note="d symbolic (divisible by 4); both sides are written plane by plane: x-plane j holds "
    "coordinates 2j - 1, 2j and y-plane j coordinates d/2 + 2j - 1, d/2 + 2j, both turning at "
    "theta(j), any real frequency. Each wrong variant is refuted by a counterexample to its "
    "d = 8 case.",
)

_ones = sp.ones(2, 1)
_ones_score = over_planes(plane_score(x1, x2, _ones, _ones)) + over_planes(
    plane_score(y1, y2, _ones, _ones)
)
claim(
    "rope2d.all-ones-score",
    sp.Eq(
        _ones_score,
        2 * over_planes(sp.cos((x2 - x1) * theta(j)))
        + 2 * over_planes(sp.cos((y2 - y1) * theta(j))),
        evaluate=False,
    ),
    scope=GENERAL,
    latex=r"\langle R_{x_1,y_1} \mathbf{1},\; R_{x_2,y_2} \mathbf{1} \rangle = "
    r"2 \sum_{j=1}^{d/4} \cos\big((x_2 - x_1)\,\theta_j\big) + "
    r"2 \sum_{j=1}^{d/4} \cos\big((y_2 - y_1)\,\theta_j\big)",
    method=Symbolic(simplify=per_plane(expand_trig_full), doit=False, budget=PLANE_BUDGET),
    wrong={
        "x and y in every plane": Wrong(
            with_d8(
                sp.Eq(
                    _ones_score,
                    2 * over_planes(sp.cos((x2 - x1 + y2 - y1) * theta(j))),
                    evaluate=False,
                )
            ),
            at=({d: 8, x1: 0, x2: 0, y1: 0, y2: 0, t1: 0, t2: 0},),
        ),
    },
    uses=["rope2d.relative", "rope.all-ones-score"],
    compare="an inner product of d-vectors; the statement writes it as sums over the planes",
    note="d symbolic (divisible by 4), theta(j) any real frequency; each plane contributes "
    "2 cos(offset theta_j). The wrong variant is refuted by a counterexample to its d = 8 case.",
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
    sp.Eq(
        rotation(phi(x1, y1)).T * rotation(phi(x2, y2)),
        rotation(phi(x2 - x1, y2 - y1)),
        evaluate=False,
    ),
    scope=GENERAL,
    latex=r"R\big(\varphi_j(x_1, y_1)\big)^\top R\big(\varphi_j(x_2, y_2)\big) = "
    r"R\big(\varphi_j(x_2 - x_1,\; y_2 - y_1)\big)",
    wrong={
        "offset reversed": Wrong(
            sp.Eq(
                rotation(phi(x1, y1)).T * rotation(phi(x2, y2)),
                rotation(phi(x1 - x2, y1 - y2)),
                evaluate=False,
            ),
            at=({x1: 0, y1: 0, x2: 1, y2: 0, ax_: sp.pi / 2, ay_: 0},),
        ),
    },
    uses=["rope2d.mixed", "rope.rotation-composition"],
    source=HEO,
    compare="an identity of 2 x 2 matrices",
    note="One plane with symbolic frequencies theta^x_j, theta^y_j: the display is itself a "
    "statement about one plane j. The angle is linear in (x, y), which is all the relative "
    "identity needs.",
)
