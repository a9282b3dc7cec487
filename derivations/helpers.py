"""Small sympy helpers shared by page modules (symbols are always passed in, never created)."""

from __future__ import annotations

import sympy as sp


def rotation(angle: sp.Expr) -> sp.Matrix:
    """The 2x2 rotation matrix by ``angle``.

    Examples:
        >>> a = sp.Symbol("a", real=True)
        >>> rotation(a)
        Matrix([
        [cos(a), -sin(a)],
        [sin(a),  cos(a)]])
    """
    return sp.Matrix([[sp.cos(angle), -sp.sin(angle)], [sp.sin(angle), sp.cos(angle)]])


def expand_trig_full(expr: sp.Basic) -> sp.Basic:
    """Expand products inside arguments, then angle-sum formulas, then the polynomial.

    ``cos(a(n - m))`` becomes ``cos(an)cos(am) + sin(an)sin(am)``, so identities between
    rotations reduce to polynomial cancellation.
    """
    return sp.expand(sp.expand_trig(sp.expand(expr)))


def cayley_orthogonal(params: list[sp.Expr], n: int) -> sp.Matrix:
    """A generic ``n x n`` rotation with rational entries: ``(I - S)(I + S)^{-1}``, S skew.

    ``params`` fill the strict upper triangle of the skew-symmetric ``S`` row by row
    (``n(n-1)/2`` of them). Every rotation without eigenvalue -1 is of this form, so an identity
    proved for symbolic ``params`` holds for a generic orthogonal matrix; the entries are rational
    functions, so proofs reduce to ``cancel``.

    Examples:
        >>> t = sp.Symbol("t", real=True)
        >>> q = cayley_orthogonal([t], 2)
        >>> (q.T * q).applyfunc(sp.cancel) == sp.eye(2)
        True
    """
    if len(params) != n * (n - 1) // 2:
        raise ValueError(f"need {n * (n - 1) // 2} parameters for n = {n}, got {len(params)}")
    skew = sp.zeros(n, n)
    it = iter(params)
    for i in range(n):
        for j in range(i + 1, n):
            value = next(it)
            skew[i, j], skew[j, i] = -value, value
    eye = sp.eye(n)
    return ((eye - skew) * (eye + skew).inv()).applyfunc(sp.cancel)


def gaussian_expectation(expr: sp.Expr, variables: list[sp.Symbol]) -> sp.Expr:
    """``E[expr]`` for a polynomial in independent standard normal ``variables``.

    Each monomial factorises over the independent variables, and ``E[z^k]`` is ``(k-1)!!`` for
    even ``k`` and 0 for odd ``k``; other symbols are treated as constants.

    Examples:
        >>> z1, z2, a = sp.symbols("z_1 z_2 a", real=True)
        >>> gaussian_expectation((a * z1 + z2) ** 2, [z1, z2])
        a**2 + 1
        >>> gaussian_expectation(z1**4 * z2, [z1, z2])
        0
    """
    poly = sp.Poly(sp.expand(expr), *variables)
    total = sp.Integer(0)
    for powers, coeff in poly.terms():
        moment = sp.Integer(1)
        for k in powers:
            moment *= 0 if k % 2 else sp.factorial2(k - 1)
        total += coeff * moment
    return sp.expand(total)


def eq(lhs: sp.Basic, rhs: sp.Basic) -> sp.Eq:
    """``Eq`` left unevaluated, so the ledger shows both sides even when sympy could decide it.

    The registry refuses a statement that is already ``True`` when built (it would show nothing
    of what is checked); build numeric or structural equalities with this.

    Examples:
        >>> eq(sp.Rational(1, 2) + sp.Rational(1, 2), 1)
        Eq(1, 1)
        >>> sp.Eq(sp.Rational(1, 2) + sp.Rational(1, 2), 1)
        True
    """
    return sp.Eq(lhs, rhs, evaluate=False)


def ne(lhs: sp.Basic, rhs: sp.Basic) -> sp.Ne:
    """``lhs != rhs`` left unevaluated."""
    return sp.Ne(lhs, rhs, evaluate=False)


def lt(lhs: sp.Basic, rhs: sp.Basic) -> sp.Lt:
    """``lhs < rhs`` left unevaluated."""
    return sp.Lt(lhs, rhs, evaluate=False)


def le(lhs: sp.Basic, rhs: sp.Basic) -> sp.Le:
    """``lhs <= rhs`` left unevaluated."""
    return sp.Le(lhs, rhs, evaluate=False)


def gt(lhs: sp.Basic, rhs: sp.Basic) -> sp.Gt:
    """``lhs > rhs`` left unevaluated."""
    return sp.Gt(lhs, rhs, evaluate=False)


def ge(lhs: sp.Basic, rhs: sp.Basic) -> sp.Ge:
    """``lhs >= rhs`` left unevaluated."""
    return sp.Ge(lhs, rhs, evaluate=False)


def nuclear_norm_2x2_pos(m: sp.Matrix) -> sp.Expr:
    """Nuclear norm of a 2 x 2 matrix with positive determinant.

    Examples:
        >>> nuclear_norm_2x2_pos(sp.Matrix([[3, 0], [0, 2]]))
        5
    """
    return sp.sqrt((m[0, 0] + m[1, 1]) ** 2 + (m[0, 1] - m[1, 0]) ** 2)


def msign_2x2_pos(m: sp.Matrix) -> sp.Matrix:
    """The msign of a 2 x 2 matrix with positive determinant: a rotation.

    Examples:
        >>> msign_2x2_pos(sp.Matrix([[3, 0], [0, 2]]))
        Matrix([
        [1, 0],
        [0, 1]])
    """
    p, q = m[0, 0] + m[1, 1], m[0, 1] - m[1, 0]
    return sp.Matrix([[p, q], [-q, p]]) / nuclear_norm_2x2_pos(m)


def real_function(name: str) -> sp.core.function.UndefinedFunction:
    """An undefined real function printed as ``name``: a coordinate or a frequency of plane j.

    A statement about it holds for every real sequence; the refuter looks for counterexamples
    with random smooth functions in its place.

    Examples:
        >>> q = real_function("q")
        >>> j = sp.Symbol("j", integer=True)
        >>> q(j).is_real
        True
    """
    return sp.Function(name, real=True)


def spectral_ball_2x2(
    p: sp.Symbol, q: sp.Symbol, tau1: sp.Symbol, tau2: sp.Symbol
) -> tuple[sp.Matrix, sp.Expr, sp.Expr, dict]:
    """Every 2x2 matrix of spectral norm <= 1, with sums of squares for its diagonal gaps.

    The ball is ``R(p + q) diag(cos 2 tau_1, cos 2 tau_2) R(q - p)^T`` (an SVD with the signs
    of the singular values absorbed into the cosines). Returned: the matrix, ``1 - A_11`` and
    ``1 - A_22`` written as sums of squares of products of sines and cosines, and the map that
    replaces each of those cosines and sines by a free real symbol (the polynomials then have
    nonnegative coefficients and even powers only, so they are >= 0 for all real values).

    Examples:
        >>> p, q, t1, t2 = sp.symbols("p q tau_1 tau_2", real=True)
        >>> A, gap11, gap22, free = spectral_ball_2x2(p, q, t1, t2)
        >>> sp.simplify(1 - A[0, 0] - gap11), sp.simplify(1 - A[1, 1] - gap22)
        (0, 0)
    """
    cs, sn = sp.cos, sp.sin
    ball = rotation(p + q) * sp.diag(cs(2 * tau1), cs(2 * tau2)) * rotation(q - p).T
    gap11 = 2 * (
        cs(tau1) ** 2 * sn(q) ** 2 * sn(p) ** 2
        + sn(tau1) ** 2 * cs(q) ** 2 * cs(p) ** 2
        + cs(tau2) ** 2 * cs(q) ** 2 * sn(p) ** 2
        + sn(tau2) ** 2 * sn(q) ** 2 * cs(p) ** 2
    )
    gap22 = 2 * (
        cs(tau1) ** 2 * cs(q) ** 2 * sn(p) ** 2
        + sn(tau1) ** 2 * sn(q) ** 2 * cs(p) ** 2
        + cs(tau2) ** 2 * sn(q) ** 2 * sn(p) ** 2
        + sn(tau2) ** 2 * cs(q) ** 2 * cs(p) ** 2
    )
    free = {
        f(v): sp.Symbol(f"{name}_{tag}", real=True)
        for v, tag in ((p, "p"), (q, "q"), (tau1, "1"), (tau2, "2"))
        for f, name in ((sp.cos, "C"), (sp.sin, "S"))
    }
    return ball, gap11, gap22, free
