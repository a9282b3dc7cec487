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
