"""Deciding a statement: exact proofs with sympy, and seeded numeric checks.

Both deciders return an :class:`Outcome`; neither ever reports "true" for a statement it could
not decide. A symbolic proof that does not reduce to zero is a failure, not a pass.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import sympy as sp

from derivations._registry import Numeric, Symbolic


@dataclass(frozen=True)
class Outcome:
    """The result of deciding one statement."""

    holds: bool
    detail: str = ""


_RELATIONS = (sp.Eq, sp.Ne, sp.Le, sp.Lt, sp.Ge, sp.Gt)


def _difference(rel: sp.Basic) -> sp.Basic:
    lhs, rhs = rel.lhs, rel.rhs
    if isinstance(lhs, sp.MatrixBase) or isinstance(rhs, sp.MatrixBase):
        return sp.Matrix(lhs) - sp.Matrix(rhs)
    if isinstance(rel, sp.Le | sp.Lt):
        return rhs - lhs
    return lhs - rhs


def _reduce(expr: sp.Basic, simplify: Callable | None) -> sp.Basic:
    """Targeted simplification first, then progressively heavier generic steps."""
    expr = expr.doit()
    if simplify is not None:
        expr = simplify(expr)
    steps = (sp.expand, sp.cancel, sp.trigsimp, sp.simplify)
    for step in steps:
        if expr == 0:
            return expr
        expr = step(expr)
    return expr


def _prove_scalar(kind: type, diff: sp.Basic, simplify: Callable | None) -> Outcome:
    reduced = _reduce(diff, simplify)
    if kind is sp.Eq:
        if reduced == 0:
            return Outcome(True)
        return Outcome(False, f"lhs - rhs reduces to {sp.sstr(reduced)[:300]}, not 0")
    if kind is sp.Ne:
        if reduced.is_zero is False:
            return Outcome(True)
        return Outcome(False, f"cannot show lhs - rhs = {sp.sstr(reduced)[:300]} is nonzero")
    strict = kind in (sp.Lt, sp.Gt)
    for candidate in (reduced, sp.factor(reduced)):
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
            out = _prove_scalar(sp.Eq, element, method.simplify)
            if not out.holds:
                return Outcome(False, f"entry {idx}: {out.detail}")
        return Outcome(True)
    return _prove_scalar(type(statement), diff, method.simplify)


def sample_point(symbol: sp.Symbol, rng: np.random.Generator, box: tuple | None) -> float:
    """Draw one value for ``symbol`` from ``box`` or from a range that fits its assumptions."""
    if symbol.is_integer:
        lo, hi = box or ((1, 12) if symbol.is_positive else (-12, 12))
        return int(rng.integers(int(lo), int(hi) + 1))
    if box is not None:
        lo, hi = box
    elif symbol.is_positive:
        lo, hi = 0.1, 4.0
    elif symbol.is_nonnegative:
        lo, hi = 0.0, 4.0
    else:
        lo, hi = -3.0, 3.0
    return float(rng.uniform(lo, hi))


def _relations(statement: sp.Basic) -> list[sp.Basic]:
    if isinstance(statement, sp.And):
        return [r for part in statement.args for r in _relations(part)]
    return [statement]


def check_numeric(statement: sp.Basic, method: Numeric) -> Outcome:
    """Evaluate ``statement`` at ``method.samples`` seeded random points.

    Examples:
        >>> x = sp.Symbol("x", positive=True)
        >>> check_numeric(sp.Eq(sp.log(sp.exp(x)), x), Numeric(samples=50)).holds
        True
        >>> check_numeric(sp.Le(sp.sin(x), x / 2), Numeric(samples=50)).holds
        False
    """
    if statement is sp.true:
        return Outcome(True)
    if statement is sp.false:
        return Outcome(False, "statement evaluates to False")
    rels = _relations(statement)
    for rel in rels:
        if not isinstance(rel, _RELATIONS):
            return Outcome(False, f"cannot evaluate a {type(rel).__name__}: state a relation")
    symbols = sorted(statement.free_symbols, key=lambda s: s.name)
    rng = np.random.default_rng(method.seed)
    funcs = [
        (type(r), sp.lambdify(symbols, r.lhs, "scipy"), sp.lambdify(symbols, r.rhs, "scipy"))
        for r in rels
    ]
    worst = 0.0
    for _ in range(method.samples):
        point = [sample_point(s, rng, method.domain.get(s)) for s in symbols]
        for kind, f_lhs, f_rhs in funcs:
            lhs = np.asarray(f_lhs(*point), dtype=complex)
            rhs = np.asarray(f_rhs(*point), dtype=complex)
            if not (np.all(np.isfinite(lhs)) and np.all(np.isfinite(rhs))):
                return Outcome(False, f"non-finite value at {dict(zip(symbols, point))}")
            scale = max(1.0, float(np.max(np.abs(rhs))))
            if kind in (sp.Eq, sp.Ne):
                err = float(np.max(np.abs(lhs - rhs))) / scale
                worst = max(worst, err) if kind is sp.Eq else worst
                if kind is sp.Eq and err > method.tol:
                    where = dict(zip(symbols, point))
                    return Outcome(False, f"relative error {err:.3g} > {method.tol:g} at {where}")
                if kind is sp.Ne and err <= method.tol:
                    return Outcome(False, f"sides agree at {dict(zip(symbols, point))}")
            else:
                if np.any(np.abs(lhs.imag) > method.tol) or np.any(np.abs(rhs.imag) > method.tol):
                    return Outcome(False, "complex value in an inequality")
                a, b = lhs.real, rhs.real
                ok = {
                    sp.Le: a <= b + method.tol,
                    sp.Lt: a < b + method.tol,
                    sp.Ge: a >= b - method.tol,
                    sp.Gt: a > b - method.tol,
                }[kind]
                if not np.all(ok):
                    return Outcome(False, f"inequality fails at {dict(zip(symbols, point))}")
    return Outcome(True, f"max relative error {worst:.2g}")


def decide(statement: sp.Basic, method: Symbolic | Numeric) -> Outcome:
    """Dispatch to :func:`prove` or :func:`check_numeric`."""
    if isinstance(method, Symbolic):
        return prove(statement, method)
    return check_numeric(statement, method)
