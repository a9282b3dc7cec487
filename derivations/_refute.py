"""Refuting a wrong variant: a counterexample evaluated to certainty, or a symbolic disproof.

"sympy could not prove it" is not a refutation: a true statement that sympy cannot prove would
pass as "wrong". A variant is rejected only with evidence that it is false:

* a **counterexample**: a point (exact rationals, drawn by :mod:`derivations._sampling`, or
  given by the author) at which a relation of the variant fails, decided exactly when sympy
  evaluates the substituted sides to numbers, else by ``evalf(strict=True)``, which raises
  rather than return digits it cannot guarantee;
* a **disproof**: the variant's difference reduces (``expand``, ``cancel``) to an expression
  sympy shows is never zero (an equality) or always of the wrong sign (an inequality).

:func:`refute` returns a :class:`Refutation`, or ``None`` when it found no evidence; it never
treats an exception as evidence.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import sympy as sp

from derivations import _sampling

#: Decimal digits of the guaranteed evaluation.
DIGITS = 30
RELATIONS = (sp.Eq, sp.Ne, sp.Le, sp.Lt, sp.Ge, sp.Gt)


@dataclass(frozen=True)
class Refutation:
    """Why a variant is false: a counterexample (point and both sides) or a disproof."""

    kind: str  # "counterexample" or "disproof"
    point: dict[str, str] = field(default_factory=dict)
    lhs: str = ""
    rhs: str = ""
    disproof: str = ""

    def describe(self) -> str:
        """One line for the ledger."""
        if self.kind == "disproof":
            return f"disproof: {self.disproof}"
        at = ", ".join(f"{k} = {v}" for k, v in self.point.items()) or "(no symbols)"
        return f"counterexample at {at}: lhs = {self.lhs}, rhs = {self.rhs}"

    def as_dict(self) -> dict:
        """The report's form: ``counterexample`` ({point, lhs, rhs}) or ``disproof`` (text)."""
        if self.kind == "disproof":
            return {"disproof": self.disproof}
        return {"counterexample": {"point": self.point, "lhs": self.lhs, "rhs": self.rhs}}


def relations(statement: sp.Basic) -> list[sp.Basic]:
    """The relations of a statement: an ``And`` is split, a matrix ``Eq`` entry by entry."""
    if isinstance(statement, sp.And):
        return [r for part in statement.args for r in relations(part)]
    if isinstance(statement, sp.Eq) and (
        isinstance(statement.lhs, sp.MatrixBase) or isinstance(statement.rhs, sp.MatrixBase)
    ):
        lhs, rhs = sp.Matrix(statement.lhs), sp.Matrix(statement.rhs)
        if lhs.shape != rhs.shape:
            return [sp.false]
        return [sp.Eq(a, b, evaluate=False) for a, b in zip(lhs, rhs)]
    return [statement]


#: Unevaluated objects that must be evaluated (``doit``) before a value can be certain.
_UNEVALUATED = (
    sp.Subs,
    sp.UnevaluatedExpr,
    sp.Sum,
    sp.Product,
    sp.Integral,
    sp.Limit,
    sp.Derivative,
    sp.Trace,
    sp.Determinant,
)


def _is_plain_number(value: sp.Basic) -> bool:
    """True for a number built only of numbers and ``I`` (no symbol, bound or free)."""
    return all(a.is_Number or a is sp.I or a in (sp.pi, sp.E) for a in value.atoms())


def _whole_ranges(value: sp.Basic) -> bool:
    """False when a sum or product with numeric bounds runs over a non-whole number of terms."""
    for node in value.atoms(sp.Sum, sp.Product):
        for _, low, high in node.limits:
            span = sp.sympify(high - low)
            if span.is_number and not span.is_integer:
                return False
    return True


def _number(value: sp.Basic) -> sp.Basic | None:
    """``value`` as a number known to ``DIGITS`` digits, or ``None`` when that is not certain."""
    value = sp.sympify(value)
    if not _whole_ranges(value):
        return None  # a sum from 1 to d/4 at d = 6: the point is outside the statement's domain
    if value.has(*_UNEVALUATED):
        try:
            value = value.doit()
        except Exception:  # noqa: BLE001 - an evaluation that fails is no evidence either way
            return None
    if value.is_Number or value in (sp.zoo, sp.nan, sp.oo, -sp.oo):
        return value
    if value.has(sp.core.function.AppliedUndef, *_UNEVALUATED) or value.free_symbols:
        return None
    try:
        out = value.evalf(DIGITS, strict=True)
    except Exception:  # noqa: BLE001 - an evaluation that fails is no evidence either way
        return None
    return out if _is_plain_number(out) else None


#: Objects with bound variables: substituting into them needs ``subs`` (which knows a
#: derivative at a point is a ``Subs``), not the much faster ``xreplace``.
_BINDING = (sp.Derivative, sp.Integral, sp.Sum, sp.Product, sp.Limit, sp.Subs, sp.Lambda)


def _side(side: sp.Basic, point: Mapping[sp.Symbol, sp.Basic]) -> sp.Basic:
    if not isinstance(side, sp.Basic):
        return sp.sympify(side)
    return side.subs(point) if side.has(*_BINDING) else side.xreplace(point)


#: A difference smaller than this, relative to the sides, is not evidence (cancellation noise).
NOISE = sp.Float("1e-20")


def decide_at(rel: sp.Basic, point: Mapping[sp.Symbol, sp.Basic]) -> tuple[bool, str, str] | None:
    """Whether ``rel`` holds at ``point`` (with both sides' values), or ``None`` if not certain.

    The decision rests on the difference of the two sides, evaluated as one expression (two
    sides rounded separately could differ in their last digit while being equal), to
    ``DIGITS`` certified digits, and must exceed :data:`NOISE` relative to the sides; a value
    that needed numerical quadrature or summation is evaluated again at higher precision and
    must agree.
    """
    if rel is sp.false:
        return (False, "False", "")
    if rel is sp.true:
        return (True, "True", "")
    if not isinstance(rel, RELATIONS):
        return None
    lhs_expr, rhs_expr = _side(rel.lhs, point), _side(rel.rhs, point)
    lhs, rhs = _number(lhs_expr), _number(rhs_expr)
    if lhs is None or rhs is None:
        return None
    if any(v.has(sp.zoo, sp.nan, sp.oo, -sp.oo) for v in (lhs, rhs)):
        return None  # undefined there: outside the statement's domain
    diff_expr = sp.sympify(lhs_expr - rhs_expr)
    exact_zero = diff_expr == 0 or (lhs.is_Rational and rhs.is_Rational and lhs == rhs)
    diff = sp.Integer(0) if exact_zero else _number(diff_expr)
    shown = (_show(lhs), _show(rhs))
    if diff is None:
        # No certified digit of the difference: the sides agree as far as evalf can tell. That
        # refutes nothing, and it is where an equality (or a non-strict bound) holds.
        if abs(lhs - rhs) > NOISE * max(abs(lhs), abs(rhs), sp.Integer(1)):
            return None
        return (True, *shown) if isinstance(rel, sp.Eq | sp.Le | sp.Ge) else None
    if not exact_zero:
        scale = max(abs(lhs), abs(rhs), sp.Integer(1))
        if abs(diff) <= NOISE * scale:
            return (True, *shown) if isinstance(rel, sp.Eq | sp.Le | sp.Ge) else None
        if diff_expr.has(sp.Integral, sp.Sum, sp.Product) and not _stable(diff_expr, diff):
            return None
    if isinstance(rel, sp.Eq):
        return (exact_zero, *shown)
    if isinstance(rel, sp.Ne):
        return (not exact_zero, *shown)
    if exact_zero:
        return (not isinstance(rel, sp.Lt | sp.Gt), *shown)
    re_diff, im_diff = diff.as_real_imag()
    if abs(im_diff) > NOISE * max(abs(re_diff), sp.Integer(1)):
        return None  # a complex value: the inequality does not apply there
    negative = bool(re_diff < 0)
    holds = {sp.Le: negative, sp.Lt: negative, sp.Ge: not negative, sp.Gt: not negative}
    return (holds[type(rel)], *shown)


def _stable(expr: sp.Basic, value: sp.Basic) -> bool:
    """True when ``expr`` evaluates to ``value`` again at higher precision (quadrature check)."""
    try:
        again = expr.doit().evalf(DIGITS + 15, strict=True)
    except Exception:  # noqa: BLE001 - an evaluation that fails is no evidence either way
        return False
    if not _is_plain_number(again):
        return False
    return bool(abs(again - value) <= sp.Float("1e-10") * max(abs(value), sp.Integer(1)))


def _decide_safely(
    rel: sp.Basic, point: Mapping[sp.Symbol, sp.Basic]
) -> tuple[bool, str, str] | None:
    """:func:`decide_at`, with an evaluation that raises counted as undecided at that point."""
    try:
        return decide_at(rel, point)
    except Exception:  # noqa: BLE001 - an evaluation that fails is no evidence either way
        return None


def fails_at(rel: sp.Basic, point: Mapping[sp.Symbol, sp.Basic]) -> tuple[str, str] | None:
    """The two sides' values if ``rel`` certainly fails at ``point``, else ``None``."""
    decided = decide_at(rel, point)
    if decided is None or decided[0]:
        return None
    return decided[1], decided[2]


def _show(value: sp.Basic) -> str:
    if value.is_Rational:
        return str(value)
    return sp.sstr(sp.N(value, 12))


def _with_random_functions(statement: sp.Basic, seed: int) -> sp.Basic:
    """``statement`` with each undefined function replaced by a random smooth one.

    A statement about an arbitrary function ``q`` holds for every function; a wrong one fails
    for almost every smooth function, so ``q(x) = a + b sin(c x + e)`` with random rationals is a
    fair place to look for a counterexample.
    """
    functions = sorted({type(f) for f in statement.atoms(sp.core.function.AppliedUndef)}, key=str)
    if not functions:
        return statement
    rng = np.random.default_rng(seed + 7919)
    replacements = {}
    for f in functions:
        arity = max(len(g.args) for g in statement.atoms(f))
        xs = sp.symbols(f"_vd_x0:{arity}", real=True)
        a, *rest = (sp.Rational(int(v), 100) for v in rng.integers(-200, 200, size=1 + 3 * arity))
        body = a + sum(
            rest[3 * i] * sp.sin(rest[3 * i + 1] * x + rest[3 * i + 2]) for i, x in enumerate(xs)
        )
        replacements[f] = sp.Lambda(xs, body)

    def swap(expr: sp.Basic) -> sp.Basic:
        return expr.replace(
            lambda e: isinstance(e, sp.core.function.AppliedUndef) and type(e) in replacements,
            lambda e: replacements[type(e)](*e.args),
        )

    # Side by side, so that no relation is decided while it is rebuilt.
    return sp.And(
        *(
            type(r)(swap(r.lhs), swap(r.rhs), evaluate=False) if isinstance(r, RELATIONS) else r
            for r in relations(statement)
        ),
        evaluate=False,
    )


def counterexample(statement: sp.Basic, **options: Any) -> Refutation | None:
    """A point at which ``statement`` certainly fails, if one is found (see :func:`search`).

    Examples:
        >>> x = sp.Symbol("x", real=True)
        >>> counterexample(sp.Eq((x + 1) ** 2, x**2 + 1)).kind
        'counterexample'
        >>> counterexample(sp.Eq((x + 1) ** 2, x**2 + 2 * x + 1)) is None
        True
    """
    return search(statement, **options)[0]


def search(
    statement: sp.Basic,
    *,
    count: int = 48,
    seed: int = 0,
    domain: Mapping[sp.Symbol, _sampling.Box] | None = None,
    at: list[Mapping[sp.Symbol, object]] | None = None,
    enough: int | None = None,
) -> tuple[Refutation | None, int]:
    """Look for a point at which ``statement`` certainly fails.

    Args:
        statement: The variant.
        count: Random points to try (after the points in ``at``).
        seed: Seed of the sampler.
        domain: Sampling boxes by symbol (default: by assumptions, see
            :mod:`derivations._sampling`).
        at: Points to try first (an author's counterexample), values exact or floats.
        enough: Stop after this many points were decided without a counterexample.

    Returns:
        The counterexample (or ``None``) and how many points were decided without one: a
        search that could evaluate the statement nowhere is no confirmation of it.
    """
    rels = relations(_with_random_functions(statement, seed))
    labels = {b.label for b in statement.atoms(sp.IndexedBase)}
    symbols = sorted(statement.free_symbols - labels, key=lambda s: s.name)
    candidates = [
        {s: sp.nsimplify(v) if isinstance(v, float) else sp.sympify(v) for s, v in p.items()}
        for p in at or []
    ]
    for raw in _sampling.points(symbols, count, seed, domain):
        candidates.append({s: _sampling.exact(v) for s, v in raw.items()})
    evaluated = 0
    for point in candidates:
        decided = [_decide_safely(rel, point) for rel in rels]
        for outcome in decided:
            if outcome is not None and not outcome[0]:
                shown = {s.name: str(v) for s, v in sorted(point.items(), key=lambda i: i[0].name)}
                return Refutation("counterexample", shown, outcome[1], outcome[2]), evaluated
        evaluated += all(o is not None for o in decided)
        if enough is not None and evaluated >= enough:
            break
    return None, evaluated


def disproof(statement: sp.Basic) -> Refutation | None:
    """A symbolic disproof: a relation whose reduced difference can never satisfy it.

    Examples:
        >>> x = sp.Symbol("x", real=True)
        >>> disproof(sp.Eq(x**2 + 1, 0)).kind
        'disproof'
    """
    for rel in relations(statement):
        if rel is sp.false:
            return Refutation("disproof", disproof="the statement is False")
        if not isinstance(rel, RELATIONS):
            continue
        # Limits, sums and integrals are evaluated (a "limit 0" variant is refuted by the limit).
        diff = sp.cancel(sp.expand((rel.lhs - rel.rhs).doit()))
        text = sp.sstr(diff)[:200]
        if isinstance(rel, sp.Eq) and diff.is_zero is False:
            return Refutation("disproof", disproof=f"lhs - rhs = {text}, which is never zero")
        if isinstance(rel, sp.Ne) and diff.is_zero is True:
            return Refutation("disproof", disproof="lhs - rhs is identically zero")
        never = {
            sp.Le: diff.is_positive,
            sp.Lt: diff.is_nonnegative,
            sp.Ge: diff.is_negative,
            sp.Gt: diff.is_nonpositive,
        }.get(type(rel))
        if never is True:
            return Refutation("disproof", disproof=f"lhs - rhs = {text} always has the wrong sign")
    return None


def refute(
    statement: sp.Basic,
    *,
    seed: int = 0,
    domain: Mapping[sp.Symbol, _sampling.Box] | None = None,
    at: list[Mapping[sp.Symbol, object]] | None = None,
) -> Refutation | None:
    """Evidence that ``statement`` is false: a counterexample, else a disproof, else ``None``."""
    return counterexample(statement, seed=seed, domain=domain, at=at) or disproof(statement)
