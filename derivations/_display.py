r"""Comparing a display with its check: the LaTeX a reader sees must say what was checked.

A claim's ``latex`` is written for readers; its ``statement`` is what sympy decides. Nothing ties
the two together unless the build compares them, so :func:`compare` parses the display with
``latex2sympy2_extended`` (the parser behind HuggingFace's ``math-verify``) and evaluates both at
random points of the statement's domain:

1. the display is normalised: spacing and sizing commands go, ``\tfrac`` becomes ``\frac``,
   ``\log`` is the natural logarithm (the site's convention),
   and it is split at ``\qquad``/``\quad`` into parts; a part after the first that is an
   inequality, or that starts with "for", "if", "where" or "with", is a side condition (a
   hypothesis: points that violate it are skipped), and one that is a membership
   (``x \in \mathbb{R}``) is dropped (the symbols' assumptions carry it);
   A part ``A \implies B`` makes ``A`` a hypothesis: ``x = e`` is substituted into ``B``, an
   inequality filters the points;
2. every symbol of the display must be a symbol of the statement (names are matched without
   backslashes, braces and spaces: ``\theta_{i}`` is ``theta_i``);
3. at each point, every relation of the display must hold (evaluated to 30 digits).

The outcome is "agrees", "disagrees" (the build fails, naming the page and the claim) or "not
compared: <reason>" (the display cannot be parsed, uses a symbol the statement does not, or
the claim says why it is not compared). The parser is a bridge for comparing, never the source
of a statement.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

import sympy as sp

from derivations import _sampling
from derivations._refute import relations

SAMPLES = 24
#: Fewer valid points than this (after side conditions) and the display is not compared.
MIN_POINTS = 5
RELATIVE = sp.Rational(1, 10**20)

_DROP = re.compile(
    r"\\(?:left|right|big|Big|bigg|Bigg|bigl|bigr|Bigl|Bigr|biggl|biggr|displaystyle|"
    r"textstyle|mathstrut)(?![A-Za-z])|\\[,;:!]|\\(?:quad|qquad)\b(?=\s*$)"
)
_SPLIT = re.compile(r"\\qquad(?![A-Za-z])|\\quad(?![A-Za-z])")
#: "A \implies B": the parts before the arrow are hypotheses of the part after it.
_IMPLIES = re.compile(r"\\(?:implies|Longrightarrow|Rightarrow)(?![A-Za-z])")
_CONDITION = re.compile(
    r"^\s*(?:\\text\{\s*(?:for|if|where|with|when|and)\b|\\(?:forall|text\{for all)|,)"
)
_MEMBERSHIP = re.compile(r"\\in(?![A-Za-z])|\\notin|\\subset")


@dataclass(frozen=True)
class Comparison:
    """The outcome: ``agrees``, ``disagrees`` (with where) or ``not compared`` (with why)."""

    status: str  # "agrees", "disagrees" or "not compared"
    detail: str = ""

    @property
    def text(self) -> str:
        """What the report and the ledger say: ``agrees`` or ``not compared: <reason>``."""
        return self.status if not self.detail else f"{self.status}: {self.detail}"


def normalise(latex: str) -> list[str]:
    r"""The display's parts, with spacing and sizing commands removed.

    Examples:
        >>> normalise(r"\tfrac12 \left( a + b \right) = c, \qquad a > 0")
        ['\\frac12 ( a + b ) = c', 'a > 0']
    """
    text = latex.replace(r"\tfrac", r"\frac").replace(r"\dfrac", r"\frac")
    text = (
        text.replace(r"\operatorname", r"\mathrm").replace(r"\lvert", "|").replace(r"\rvert", "|")
    )
    # The site's logarithm is natural (the parser would read \log as base 10).
    text = re.sub(r"\\log(?![A-Za-z])", r"\\ln", text)
    parts = [_DROP.sub(" ", p) for p in _SPLIT.split(text)]
    parts = [re.sub(r"\s+", " ", p).strip().strip(",;.:").strip() for p in parts]
    return [p for p in parts if p]


def _premises(parts: list[str]) -> tuple[list[str], list[str]]:
    r"""Split ``A \implies B`` parts into (hypotheses, conclusions)."""
    hypotheses: list[str] = []
    conclusions: list[str] = []
    for part in parts:
        pieces = [q.strip().strip(",;.:").strip() for q in _IMPLIES.split(part)]
        hypotheses += [q for q in pieces[:-1] if q]
        if pieces[-1]:
            conclusions.append(pieces[-1])
    return hypotheses, conclusions


def canonical(name: str) -> str:
    r"""A symbol's name without backslashes, braces and spaces (``\theta_{i}`` -> ``theta_i``)."""
    return re.sub(r"[\\{}\s]", "", name)


def _parse(part: str) -> sp.Basic:
    from latex2sympy2_extended import latex2sympy
    from latex2sympy2_extended.latex2sympy2 import ConversionConfig

    config = ConversionConfig(
        interpret_as_mixed_fractions=False,
        interpret_simple_eq_as_assignment=False,
        lowercase_symbols=False,
    )
    # "\text{for } x > 0": the words go, the condition stays.
    part = re.sub(r"^\s*\\text\{[^{}]*\}\s*", "", part)
    parsed = latex2sympy(part, conversion_config=config)
    # A decimal in a display is the exact decimal it spells (0.1 is 1/10, not a binary float).
    return sp.nsimplify(parsed, rational=True) if parsed.atoms(sp.Float) else parsed


def _is_condition(index: int, part: str, parsed: sp.Basic) -> bool:
    if index == 0:
        return False
    if _CONDITION.match(part):
        return True
    return isinstance(parsed, sp.Le | sp.Lt | sp.Ge | sp.Gt | sp.Ne)


def _value(side: sp.Basic, point: Mapping[sp.Symbol, sp.Basic]) -> sp.Basic:
    value = sp.sympify(side).subs(point)
    if value.has(sp.Limit, sp.Sum, sp.Integral, sp.Product, sp.Derivative):
        value = value.doit()
    return value.evalf(30)


def _holds(rel: sp.Basic, point: Mapping[sp.Symbol, sp.Basic]) -> bool | None:
    """Whether ``rel`` holds at ``point`` (``None``: it could not be evaluated there)."""
    if not isinstance(rel, sp.Eq | sp.Ne | sp.Le | sp.Lt | sp.Ge | sp.Gt):
        return None
    try:
        lhs = _value(rel.lhs, point)
        rhs = _value(rel.rhs, point)
        if not (lhs.is_number and rhs.is_number):
            return None
        if lhs.has(sp.zoo, sp.nan, sp.oo, -sp.oo) or rhs.has(sp.zoo, sp.nan, sp.oo, -sp.oo):
            return None
        close = abs(lhs - rhs) <= RELATIVE * (1 + max(abs(lhs), abs(rhs)))
        if isinstance(rel, sp.Eq):
            return bool(close)
        if isinstance(rel, sp.Ne):
            return not close
        if not (lhs.is_real and rhs.is_real):
            return None
        strict = isinstance(rel, sp.Lt | sp.Gt)
        less = lhs < rhs if isinstance(rel, sp.Lt | sp.Le) else lhs > rhs
        return bool(less or (not strict and close))
    except (TypeError, ValueError, ZeroDivisionError, AttributeError):
        return None


def compare(
    latex: str,
    statement: sp.Basic,
    *,
    domain: Mapping[sp.Symbol, _sampling.Box] | None = None,
    seed: int = 0,
) -> Comparison:
    r"""Compare a display with its statement at random points (see the module's docstring).

    Examples:
        >>> x = sp.Symbol("x", real=True)
        >>> compare(r"(x+1)^2 = x^2 + 2x + 1", sp.Eq((x + 1) ** 2, x**2 + 2 * x + 1)).status
        'agrees'
        >>> compare(r"(x+1)^2 = x^2 + 1", sp.Eq((x + 1) ** 2, x**2 + 2 * x + 1)).status
        'disagrees'
        >>> compare(r"\lVert x \rVert = 1", sp.Eq(x, x + 1 - 1, evaluate=False)).status
        'not compared'
    """
    by_name = {canonical(s.name): s for s in statement.free_symbols}
    rels: list[sp.Basic] = []
    conditions: list[sp.Basic] = []
    hypotheses, parts = _premises(normalise(latex))
    substitutions: dict[sp.Basic, sp.Basic] = {}
    for part in hypotheses:
        if _MEMBERSHIP.search(part):
            continue
        try:
            parsed = _parse(part)
        except Exception:  # noqa: BLE001 - a hypothesis the parser cannot read is not compared
            return Comparison("not compared", f"the hypothesis {part!r} cannot be parsed")
        for rel in relations(parsed):
            if isinstance(rel, sp.Eq) and isinstance(rel.lhs, sp.Symbol):
                substitutions[rel.lhs] = rel.rhs  # "eta = 2/(L + mu) => ...": substitute
            elif isinstance(rel, sp.Rel):
                conditions.append(rel)
    for index, part in enumerate(parts):
        if index and _MEMBERSHIP.search(part):
            continue  # "x \in R^n": a hypothesis the symbols' assumptions carry
        try:
            parsed = _parse(part)
        except Exception as exc:  # noqa: BLE001 - any parser failure means "cannot compare"
            message = " ".join(str(exc).split())[:80]
            return Comparison("not compared", f"the display cannot be parsed ({message})")
        if isinstance(parsed, sp.logic.boolalg.BooleanAtom):
            return Comparison("not compared", f"the part {part!r} parses to {parsed}")
        if not isinstance(parsed, sp.Basic) or not isinstance(
            parsed, sp.Eq | sp.Ne | sp.Le | sp.Lt | sp.Ge | sp.Gt | sp.And
        ):
            return Comparison("not compared", f"the part {part!r} is not a relation")
        if _is_condition(index, part, parsed):
            # A membership or type statement is a hypothesis the symbols' assumptions carry.
            conditions += [c for c in relations(parsed) if isinstance(c, sp.Rel)]
        else:
            rels.extend(relations(parsed))
    if not rels:
        return Comparison("not compared", "the display states no relation")
    if substitutions:
        rels = [r.subs(substitutions) for r in rels]
    mapping: dict[sp.Symbol, sp.Symbol] = {}
    for rel in rels + conditions:
        for sym in rel.free_symbols:
            target = by_name.get(canonical(sym.name))
            if target is None:
                return Comparison(
                    "not compared", f"the display's symbol {sym.name} is not in the statement"
                )
            mapping[sym] = target
        undefined = rel.atoms(sp.core.function.AppliedUndef)
        if undefined:
            name = min(str(type(f)) for f in undefined)
            return Comparison("not compared", f"the display applies an unknown function {name}")
    if statement.free_symbols and not mapping:
        return Comparison("not compared", "the display has none of the statement's symbols")
    rels = [r.xreplace(mapping) for r in rels]
    conditions = [c.xreplace(mapping) for c in conditions]
    # With the statement's symbols (and their assumptions) sympy may decide a relation outright.
    if any(r is sp.false for r in rels):
        return Comparison("disagrees", "the display is false for every value of its symbols")
    rels = [r for r in rels if r is not sp.true]
    conditions = [c for c in conditions if c is not sp.true]
    if not rels:
        return Comparison("agrees", "sympy decides the display true for the statement's symbols")
    symbols = sorted(statement.free_symbols, key=lambda s: s.name)
    valid = 0
    needed = MIN_POINTS if symbols else 1
    for raw in _sampling.points(symbols, SAMPLES if symbols else 1, seed, domain):
        point = {s: _sampling.exact(v) for s, v in raw.items()}
        if any(_holds(c, point) is not True for c in conditions):
            continue
        outcomes = [_holds(r, point) for r in rels]
        if any(o is None for o in outcomes):
            continue
        valid += 1
        if not all(outcomes):
            at = ", ".join(f"{s.name} = {v}" for s, v in point.items())
            return Comparison("disagrees", f"the display is false at {at}")
    if valid < needed:
        return Comparison(
            "not compared", f"only {valid} of {SAMPLES} points could be evaluated in the display"
        )
    return Comparison("agrees", "")
