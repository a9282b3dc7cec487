"""Claims of ``docs/posts/mathematics/position-encoding/rope-geometry.md``.

Geometry of rotary position encoding: a complex phase is a 2x2 rotation, RoPE stacks d/2 such
rotations, and the score between a rotated query and a rotated key depends only on n - m.

Identities of one rotation are proved for a symbolic angle. Statements about the d x d map are
proved for a symbolic dimension where the map enters through a sum over its d/2 planes (the
scores and the norm: ``R_{Theta,m}`` is block-diagonal, so an inner product is the sum of the
planes' inner products, written as ``Sum(..., (j, 1, d/2))`` with the coordinates ``q(2j-1)``,
``q(2j)`` and the frequency ``theta(j)`` undefined functions of the plane index). Such a sum is
proved plane by plane (:func:`per_plane`), and its wrong variants are refuted by a
counterexample to their d = 4 case, which a statement about every even d includes. The
half-split layout, whose permutation has no closed form in a symbolic dimension, is proved for
d = 6 and d = 4 with every entry and every frequency a symbol.
"""

from __future__ import annotations

from collections.abc import Callable

import sympy as sp

from derivations import GENERAL, Instance, Symbolic, Wrong, claim, definition
from derivations.helpers import expand_trig_full, real_function, rotation

ROFORMER = (
    "Su, Lu, Pan, Murtadha, Wen, Liu, 'RoFormer: Enhanced Transformer with Rotary Position "
    "Embedding', https://arxiv.org/abs/2104.09864"
)

a, m, n = sp.symbols("a m n", real=True)
x1, x2 = sp.symbols("x_1 x_2", real=True)
j = sp.Symbol("j", integer=True, positive=True)
d = sp.Symbol("d", integer=True, positive=True)


theta = real_function("theta")


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


def product(a: sp.Matrix, b: sp.Matrix) -> sp.Matrix:
    """``a b`` with every entry left as an unevaluated sum of products (the proof evaluates it).

    A permutation times a matrix is entry for entry the permuted matrix, so the step is kept
    unevaluated (sympy's conversion of an unevaluated ``MatMul`` to a matrix takes seconds).
    """
    return sp.Matrix(
        a.rows,
        b.cols,
        lambda r, c: sp.Add(
            *[sp.Mul(a[r, i], b[i, c], evaluate=False) for i in range(a.cols)], evaluate=False
        ),
    )


# ------------------------------------------------------------------ complex numbers, rotations

definition(
    "rope.rotation",
    r"R(a) = \begin{pmatrix} \cos a & -\sin a \\ \sin a & \cos a \end{pmatrix}",
    expr=rotation(a),
)

_z = (x1 + sp.I * x2) * sp.exp(sp.I * a)
_re_im = sp.Matrix([sp.re(_z, evaluate=False), sp.im(_z, evaluate=False)])
claim(
    "rope.complex-rotation",
    sp.Eq(_re_im, rotation(a) * sp.Matrix([x1, x2]), evaluate=False),
    scope=GENERAL,
    latex=(
        r"\begin{pmatrix} \operatorname{Re}\,[(x_1 + i x_2)\, e^{ia}] \\ "
        r"\operatorname{Im}\,[(x_1 + i x_2)\, e^{ia}] \end{pmatrix}"
        r" = R(a) \begin{pmatrix} x_1 \\ x_2 \end{pmatrix}"
    ),
    wrong={
        "rotation by -a": Wrong(
            sp.Eq(_re_im, rotation(-a) * sp.Matrix([x1, x2]), evaluate=False),
            at=({a: sp.pi / 2, x1: 1, x2: 0},),
        ),
        "real and imaginary parts swapped": Wrong(
            sp.Eq(
                sp.Matrix([_re_im[1], _re_im[0]]),
                rotation(a) * sp.Matrix([x1, x2]),
                evaluate=False,
            ),
            at=({a: 0, x1: 1, x2: 0},),
        ),
    },
    uses=["rope.rotation"],
    source=ROFORMER,
    compare="a 2-vector identity (Re and Im of a complex product against a matrix product)",
    note="x_1, x_2, a real; Re and Im are kept unevaluated in the statement and computed by "
    "the proof.",
)

claim(
    "rope.rotation-composition",
    sp.Eq(rotation(m * a).T * rotation(n * a), rotation((n - m) * a), evaluate=False),
    scope=GENERAL,
    latex=r"R(ma)^\top R(na) = R\big((n-m)\,a\big)",
    wrong={
        "index order swapped, R((m-n)a)": Wrong(
            sp.Eq(rotation(m * a).T * rotation(n * a), rotation((m - n) * a), evaluate=False),
            at=({a: sp.pi / 2, m: 0, n: 1},),
        ),
        "sum instead of difference, R((m+n)a)": Wrong(
            sp.Eq(rotation(m * a).T * rotation(n * a), rotation((m + n) * a), evaluate=False),
            at=({a: sp.pi / 2, m: 1, n: 0},),
        ),
    },
    uses=["rope.rotation"],
    compare="an identity of 2 x 2 matrices",
)

claim(
    "rope.rotation-orthogonal",
    sp.Eq(rotation(a).T * rotation(a), sp.eye(2), evaluate=False),
    scope=GENERAL,
    latex=r"R(a)^\top R(a) = I_2",
    wrong={
        "R(a) R(a) = I (R taken as symmetric)": Wrong(
            sp.Eq(rotation(a) * rotation(a), sp.eye(2), evaluate=False), at=({a: sp.pi / 2},)
        )
    },
    uses=["rope.rotation"],
    compare="an identity of 2 x 2 matrices",
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
    scope=GENERAL,
    latex=r"\frac{\theta_{j+1}}{\theta_j} = 10000^{-2/d}",
    wrong={
        "exponent with the wrong sign, 10000^{2/d}": Wrong(
            sp.Eq(theta_j(j + 1) / theta_j(j), sp.Integer(10000) ** (2 / d), evaluate=False),
            at=({d: 128, j: 1},),
        ),
    },
    uses=["rope.theta"],
    source=ROFORMER,
    compare="theta_j and theta_{j+1} are the frequencies defined above, which the parser "
    "would read as two unrelated symbols",
)

claim(
    "rope.theta-range",
    sp.And(
        sp.Eq(sp.Subs(theta_j(j), j, 1), 1, evaluate=False),
        sp.Eq(sp.Subs(theta_j(j), j, d / 2), sp.Integer(10000) ** (-1 + 2 / d), evaluate=False),
    ),
    scope=GENERAL,
    latex=r"\theta_1 = 1, \qquad \theta_{d/2} = 10000^{-1 + 2/d}",
    wrong={
        "off by one index: theta_{d/2} = 1/10000": Wrong(
            sp.Eq(sp.Subs(theta_j(j), j, d / 2), sp.Rational(1, 10000), evaluate=False),
            at=({d: 4},),
        ),
        "exponent -2j/d, so theta_1 = 10000^{-2/d}": Wrong(
            sp.Eq(sp.Subs(theta_j(j), j, 1), sp.Integer(10000) ** (-2 / d), evaluate=False),
            at=({d: 4},),
        ),
    },
    uses=["rope.theta"],
    compare="theta_1 and theta_{d/2} are values of the frequency defined above, which the "
    "parser would read as unrelated symbols",
    note="theta_j evaluated at j = 1 and j = d/2 (kept as unevaluated substitutions).",
)

# ------------------------------------------------------------------ the block-diagonal map

definition(
    "rope.block-matrix",
    r"R_{\Theta,m} = \operatorname{diag}\big(R(m\theta_1),\, R(m\theta_2),\, \dots,\, "
    r"R(m\theta_{d/2})\big) \in \mathbb{R}^{d \times d}",
)

# Symbolic dimension: the planes of R_{Theta,m}, summed over j = 1..d/2.
de = sp.Symbol("d", even=True, positive=True)
qf, kf = real_function("q"), real_function("k")
_w = sp.Symbol("w", real=True)  # theta(j) while a summand is simplified


def plane(v: sp.Function) -> sp.Matrix:
    """The coordinates ``(v_{2j-1}, v_{2j})`` of plane j."""
    return sp.Matrix([v(2 * j - 1), v(2 * j)])


def over_planes(summand: sp.Expr) -> sp.Sum:
    """``sum_{j=1}^{d/2} summand``, left unevaluated."""
    return sp.Sum(summand, (j, 1, de / 2))


#: Seconds a proof over planes may take. The proof itself takes a fraction of a second; the rest
#: is the confirmation of the page's simplification at random points, which substitutes numbers
#: into sums it cannot evaluate (their coordinates are undefined functions), finds nothing, and
#: takes several seconds on a loaded machine.
PLANE_BUDGET = 60.0


def per_plane(fn: Callable[[sp.Basic], sp.Basic]) -> Callable[[sp.Basic], sp.Basic]:
    """Merge sums over the same planes into one and simplify its summand with ``fn``.

    ``theta(j)`` is a plain real symbol while ``fn`` runs, so the identities of one rotation act
    on the summand; a summand that reduces to zero makes the sum zero for every d. (The sum
    itself is never evaluated: sympy's ``Sum.doit`` on these summands does not finish.)
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


t1, t2, t3 = sp.symbols("theta_1 theta_2 theta_3", real=True)
q = sp.Matrix(sp.symbols("q_1:5", real=True))
k = sp.Matrix(sp.symbols("k_1:5", real=True))
_PLAIN = {
    **{qf(i + 1): q[i] for i in range(4)},
    **{kf(i + 1): k[i] for i in range(4)},
    theta(1): t1,
    theta(2): t2,
}


def at_d4(rel: sp.Basic) -> sp.Basic:
    """The d = 4 case of a relation between sums over planes, in plain symbols."""
    sides = [s.subs(de, 4).doit().xreplace(_PLAIN) for s in (rel.lhs, rel.rhs)]
    return type(rel)(*sides, evaluate=False)


def with_d4(rel: sp.Basic) -> sp.And:
    """A wrong variant for every even d, together with its d = 4 case (its counterexample)."""
    return sp.And(rel, at_d4(rel))


def unit(v: sp.Matrix, i: int) -> dict:
    """The point at which the vector of symbols ``v`` is the i-th unit vector."""
    return {s: int(idx == i) for idx, s in enumerate(v)}


#: Frequencies of the d = 4 counterexamples: plane 1 turns a quarter turn per position.
QUARTER = {t1: sp.pi / 2, t2: 0}


def score(pos_q: sp.Expr, pos_k: sp.Expr, u: sp.Matrix, v: sp.Matrix) -> sp.Expr:
    """``(R(pos_q theta_j) u)^T (R(pos_k theta_j) v)`` for plane j."""
    return ((rotation(pos_q * theta(j)) * u).T * (rotation(pos_k * theta(j)) * v))[0]


def relative(offset: sp.Expr) -> sp.Expr:
    """``u^T R(offset theta_j) v`` for plane j, with u, v the planes of q and k."""
    return (plane(qf).T * rotation(offset * theta(j)) * plane(kf))[0]


_score = over_planes(score(m, n, plane(qf), plane(kf)))
claim(
    "rope.relative-score",
    sp.Eq(_score, over_planes(relative(n - m))),
    scope=GENERAL,
    latex=r"\langle R_{\Theta,m}\, q,\; R_{\Theta,n}\, k \rangle = q^\top R_{\Theta,n-m}\, k",
    method=Symbolic(simplify=per_plane(expand_trig_full), doit=False, budget=PLANE_BUDGET),
    wrong={
        "R_{m-n} in place of R_{n-m}": Wrong(
            with_d4(sp.Eq(_score, over_planes(relative(m - n)))),
            at=({de: 4, m: 0, n: 1, **QUARTER, **unit(q, 0), **unit(k, 1)},),
        ),
        "R_{n+m} in place of R_{n-m}": Wrong(
            with_d4(sp.Eq(_score, over_planes(relative(n + m)))),
            at=({de: 4, m: 1, n: 1, **QUARTER, **unit(q, 0), **unit(k, 0)},),
        ),
    },
    uses=["rope.rotation-composition", "rope.block-matrix"],
    source=ROFORMER,
    compare="inner products of d-vectors; the statement writes them as sums over the d/2 planes",
    note="d even and symbolic; both sides are written plane by plane (R_{Theta,m} is "
    "block-diagonal), with q(2j-1), q(2j), k(2j-1), k(2j) the coordinates of plane j and theta(j) "
    "any real frequency (the ladder rope.theta included). Each wrong variant is refuted by a "
    "counterexample to its d = 4 case.",
)

claim(
    "rope.norm-preserved",
    sp.Eq(
        over_planes(score(m, m, plane(qf), plane(qf))),
        over_planes(qf(2 * j - 1) ** 2 + qf(2 * j) ** 2),
    ),
    scope=GENERAL,
    latex=r"\lVert R_{\Theta,m}\, q \rVert^2 = \lVert q \rVert^2",
    method=Symbolic(
        simplify=per_plane(lambda e: sp.trigsimp(sp.expand(e))), doit=False, budget=PLANE_BUDGET
    ),
    wrong={
        "R taken as symmetric: q^T R_{Theta,2m} q": Wrong(
            with_d4(
                sp.Eq(
                    over_planes(score(m, m, plane(qf), plane(qf))),
                    over_planes((plane(qf).T * rotation(2 * m * theta(j)) * plane(qf))[0]),
                )
            ),
            at=({de: 4, m: 1, **QUARTER, **unit(q, 0)},),
        ),
        "norm doubled": Wrong(
            with_d4(
                sp.Eq(
                    over_planes(score(m, m, plane(qf), plane(qf))),
                    2 * over_planes(qf(2 * j - 1) ** 2 + qf(2 * j) ** 2),
                )
            ),
            at=({de: 4, m: 0, **QUARTER, **unit(q, 0)},),
        ),
    },
    uses=["rope.rotation-orthogonal", "rope.block-matrix"],
    compare="norms of d-vectors; the statement writes them as sums over the d/2 planes",
    note="d even and symbolic; both sides are sums over the planes of squared coordinates. "
    "Each wrong variant is refuted by a counterexample to its d = 4 case.",
)

# ------------------------------------------------------------------ the O(d) element-wise form

q6 = sp.Matrix(sp.symbols("q_1:7", real=True))
angles6 = [m * t1, m * t2, m * t3]

definition(
    "rope.flip",
    r"\operatorname{flip}(q) = (-q_2,\; q_1,\; -q_4,\; q_3,\; \dots,\; -q_d,\; q_{d-1})",
)

# Coordinates 2j - 1 and 2j of both sides, for a symbolic plane j of a d-vector.
_cos_j = sp.Matrix([sp.cos(m * theta(j))] * 2)
_sin_j = sp.Matrix([sp.sin(m * theta(j))] * 2)
_flip_j = sp.Matrix([-qf(2 * j), qf(2 * j - 1)])


def _elementwise(flipped: sp.Matrix) -> sp.Eq:
    return sp.Eq(
        sp.MatMul(rotation(m * theta(j)), plane(qf), evaluate=False),
        plane(qf).multiply_elementwise(_cos_j) + flipped.multiply_elementwise(_sin_j),
        evaluate=False,
    )


def _at_plane1(rel: sp.Eq) -> sp.Eq:
    plain = {qf(1): q6[0], qf(2): q6[1], theta(1): t1}
    lhs, rhs = (sp.Matrix(s).subs(j, 1).xreplace(plain) for s in (rel.lhs, rel.rhs))
    return sp.Eq(lhs, rhs, evaluate=False)


_wrong_flip = _elementwise(sp.Matrix([qf(2 * j), -qf(2 * j - 1)]))
claim(
    "rope.elementwise",
    _elementwise(_flip_j),
    scope=GENERAL,
    latex=(
        r"R_{\Theta,m}\, q = q \odot \cos(m\Theta) + \operatorname{flip}(q) \odot \sin(m\Theta),"
        r"\qquad \cos(m\Theta) = (\cos m\theta_1, \cos m\theta_1, \dots, \cos m\theta_{d/2}, "
        r"\cos m\theta_{d/2})"
    ),
    wrong={
        "flip with the other sign, (q_2, -q_1, ...)": Wrong(
            sp.And(_wrong_flip, _at_plane1(_wrong_flip)),
            at=({q6[0]: 1, q6[1]: 0, t1: sp.pi / 2, m: 1},),
        ),
    },
    uses=["rope.block-matrix", "rope.flip"],
    compare="a vector identity with element-wise products; the statement compares coordinates "
    "2j - 1 and 2j",
    note="Coordinates 2j - 1 and 2j of both sides for a symbolic plane j of a d-vector (q(i) "
    "the i-th coordinate, theta(j) the j-th frequency): R_{Theta,m} acts on plane j by "
    "R(m theta_j), flip and cos(m Theta) repeat pair by pair, so this is every coordinate. The "
    "wrong variant is refuted by a counterexample to its plane-1 case.",
)

# ------------------------------------------------------------------ interleaved vs half-split

P6 = interleaved_to_half(6)
claim(
    "rope.half-split-permutation",
    sp.Eq(
        product(product(P6.T, half_split(angles6)), P6),
        block_diag(angles6),
        evaluate=False,
    ),
    scope=Instance(
        "d = 6 (three planes), with m, theta_1, theta_2, theta_3 symbolic",
        "P only relabels coordinates: half-split pair (j, j + d/2) is sent to the interleaved "
        "pair (2j - 1, 2j) and turned by the same angle m theta_j, for every even d",
    ),
    latex=r"P^\top R^{\text{half}}_{\Theta,m}\, P = R_{\Theta,m}, \qquad "
    r"P q = (q_1, q_3, \dots, q_{d-1},\; q_2, q_4, \dots, q_d)",
    wrong={
        "no permutation: R^half = R": Wrong(
            sp.Eq(half_split(angles6), block_diag(angles6), evaluate=False),
            at=({m: 1, t1: sp.pi / 2, t2: 0, t3: 0},),
        ),
        "transpose on the other side: P R^half P^T = R": Wrong(
            sp.Eq(
                product(product(P6, half_split(angles6)), P6.T),
                block_diag(angles6),
                evaluate=False,
            ),
            at=({m: 1, t1: sp.pi / 2, t2: 0, t3: 0},),
        ),
    },
    uses=["rope.block-matrix"],
    compare="an identity of d x d matrices",
    note="P is built by interleaved_to_half(6), so P x = (x_1, x_3, x_5, x_2, x_4, x_6).",
)

P4 = interleaved_to_half(4)


def H4(pos: sp.Expr) -> sp.Matrix:
    """Half-split rotation for d = 4."""
    return half_split([pos * t1, pos * t2])


def R4(pos: sp.Expr) -> sp.Matrix:
    """``R_{Theta,pos}`` for d = 4 with symbolic frequencies."""
    return block_diag([pos * t1, pos * t2])


def _half_score(permute: bool) -> sp.Expr:
    pq = sp.MatMul(P4, q, evaluate=False) if permute else q
    pk = sp.MatMul(P4, k, evaluate=False) if permute else k
    return sp.MatMul(
        sp.MatMul(H4(m), pq, evaluate=False).T, sp.MatMul(H4(n), pk, evaluate=False), evaluate=False
    )


claim(
    "rope.half-split-scores",
    sp.Eq(_half_score(True), (R4(m) * q).T * (R4(n) * k), evaluate=False),
    scope=Instance(
        "d = 4, with q, k, theta_1, theta_2, m, n symbolic",
        "by rope.half-split-permutation R^half = P R P^T, and P^T P = I, so "
        "(R^half_m P q)^T (R^half_n P k) = (R_m q)^T (R_n k) in every even d",
    ),
    latex=r"\langle R^{\text{half}}_{\Theta,m} P q,\; R^{\text{half}}_{\Theta,n} P k \rangle "
    r"= \langle R_{\Theta,m}\, q,\; R_{\Theta,n}\, k \rangle",
    wrong={
        "half-split applied without permuting q and k": Wrong(
            sp.Eq(_half_score(False), (R4(m) * q).T * (R4(n) * k), evaluate=False),
            at=({m: 0, n: 1, **QUARTER, **unit(q, 1), **unit(k, 1)},),
        ),
    },
    uses=["rope.half-split-permutation", "rope.relative-score"],
    compare="inner products of d-vectors",
)

# ------------------------------------------------------------------ the all-ones score

_ones = sp.ones(2, 1)
_ones_score = over_planes(score(m, n, _ones, _ones))
claim(
    "rope.all-ones-score",
    sp.Eq(_ones_score, 2 * over_planes(sp.cos((n - m) * theta(j)))),
    scope=GENERAL,
    latex=r"\langle R_{\Theta,m} \mathbf{1},\; R_{\Theta,n} \mathbf{1} \rangle "
    r"= 2 \sum_{j=1}^{d/2} \cos\big((n-m)\,\theta_j\big)",
    method=Symbolic(simplify=per_plane(expand_trig_full), doit=False, budget=PLANE_BUDGET),
    wrong={
        "factor 2 dropped": Wrong(
            with_d4(sp.Eq(_ones_score, over_planes(sp.cos((n - m) * theta(j))))),
            at=({de: 4, m: 0, n: 0, t1: 0, t2: 0},),
        ),
        "sum instead of difference, cos((n+m) theta_j)": Wrong(
            with_d4(sp.Eq(_ones_score, 2 * over_planes(sp.cos((n + m) * theta(j))))),
            at=({de: 4, m: 1, n: 1, t1: sp.pi / 2, t2: 0},),
        ),
    },
    uses=["rope.relative-score"],
    compare="an inner product of d-vectors; the statement writes it as a sum over the d/2 planes",
    note="d even and symbolic, theta(j) any real frequency; each plane contributes "
    "(1, 1) R((n - m) theta_j) (1, 1)^T = 2 cos((n - m) theta_j). Each wrong variant is refuted "
    "by a counterexample to its d = 4 case.",
)
