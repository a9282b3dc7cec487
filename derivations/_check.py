"""Deciding a statement: exact proofs with sympy (numeric checks: :mod:`derivations._numeric`).

Both deciders return an :class:`Outcome`; neither ever reports "true" for a statement it could
not decide. A symbolic proof that does not reduce to zero is a failure, not a pass.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import sympy as sp

from derivations._registry import Numeric, Symbolic


@dataclass(frozen=True)
class Outcome:
    """The result of deciding one statement."""

    holds: bool
    detail: str = ""


_RELATIONS = (sp.Eq, sp.Ne, sp.Le, sp.Lt, sp.Ge, sp.Gt)


def _explicit(side: sp.Basic) -> sp.Matrix:
    """An explicit matrix of ``side`` (an unevaluated product is evaluated, not expanded)."""
    if isinstance(side, sp.MatrixExpr) and not isinstance(side, sp.MatrixBase):
        side = side.doit()
    return sp.Matrix(side)


def _difference(rel: sp.Basic) -> sp.Basic:
    lhs, rhs = rel.lhs, rel.rhs
    if isinstance(lhs, sp.MatrixBase) or isinstance(rhs, sp.MatrixBase):
        return _explicit(lhs) - _explicit(rhs)
    if isinstance(rel, sp.Le | sp.Lt):
        return rhs - lhs
    return lhs - rhs


def _is_zero(expr: sp.Basic) -> bool:
    return expr == 0 or isinstance(expr, sp.ZeroMatrix)


def _reduce(expr: sp.Basic, simplify: Callable | None, doit: bool = True) -> sp.Basic:
    """Targeted simplification first, then progressively heavier generic steps."""
    if doit:
        expr = expr.doit()
    if simplify is not None:
        expr = simplify(expr)
    steps = (sp.expand, sp.cancel, sp.trigsimp, sp.simplify)
    for step in steps:
        if _is_zero(expr):
            return expr
        expr = step(expr)
    return expr


def _prove_scalar(
    kind: type, diff: sp.Basic, simplify: Callable | None, doit: bool = True
) -> Outcome:
    reduced = _reduce(diff, simplify, doit)
    if kind is sp.Eq:
        if _is_zero(reduced):
            return Outcome(True)
        return Outcome(False, f"lhs - rhs reduces to {sp.sstr(reduced)[:300]}, not 0")
    if kind is sp.Ne:
        if reduced.is_zero is False:
            return Outcome(True)
        return Outcome(False, f"cannot show lhs - rhs = {sp.sstr(reduced)[:300]} is nonzero")
    strict = kind in (sp.Lt, sp.Gt)
    # The sign of a sum of squares is plain before it is expanded: try the difference as built.
    built = diff.doit() if doit else diff
    if simplify is not None:
        built = simplify(built)
    for candidate in (built, reduced, sp.factor(reduced)):
        if (candidate.is_positive if strict else candidate.is_nonnegative) is True:
            return Outcome(True)
    want = "positive" if strict else "nonnegative"
    return Outcome(False, f"cannot show {sp.sstr(reduced)[:300]} is {want}")


def prove(statement: sp.Basic, method: Symbolic) -> Outcome:
    """Decide ``statement`` exactly.

    Args:
        statement: A relation (``Eq``, ``Ne``, ``Le``, ``Lt``, ``Ge``, ``Gt``), ``sympy.true``
            or ``sympy.false``, or an ``And`` of these. ``Eq`` may compare matrices.
        method: Carries the optional targeted simplification.

    Returns:
        ``holds=True`` only when sympy reduced the statement exactly.

    Examples:
        >>> x = sp.Symbol("x", real=True)
        >>> prove(sp.Eq(sp.sin(x) ** 2 + sp.cos(x) ** 2, 1), Symbolic()).holds
        True
        >>> prove(sp.Eq(sp.sin(x) ** 2 - sp.cos(x) ** 2, 1), Symbolic()).holds
        False
    """
    if statement is sp.true:
        return Outcome(True)
    if statement is sp.false:
        return Outcome(False, "statement evaluates to False")
    if isinstance(statement, sp.And):
        for part in statement.args:
            out = prove(part, method)
            if not out.holds:
                return out
        return Outcome(True)
    if not isinstance(statement, _RELATIONS):
        return Outcome(False, f"cannot decide a {type(statement).__name__}: state a relation")
    diff = _difference(statement)
    if isinstance(diff, sp.MatrixBase):
        if type(statement) is not sp.Eq:
            return Outcome(False, "only Eq may compare matrices")
        for idx, element in enumerate(diff):
            out = _prove_scalar(sp.Eq, element, method.simplify, method.doit)
            if not out.holds:
                return Outcome(False, f"entry {idx}: {out.detail}")
        return Outcome(True)
    return _prove_scalar(type(statement), diff, method.simplify, method.doit)


def decide(statement: sp.Basic, method: Symbolic | Numeric) -> Outcome:
    """Dispatch to :func:`prove` or :func:`derivations._numeric.check_numeric`."""
    if isinstance(method, Symbolic):
        return prove(statement, method)
    from derivations._numeric import check_numeric

    return check_numeric(statement, method)
