"""The claim registry: one entry per formula that a page shows.

A page module in ``derivations/<category>/<slug>.py`` registers its claims and definitions by
calling :func:`claim` and :func:`definition` at import time. The page it belongs to is derived
from the module's path (``derivations/position_encoding/rope_geometry.py`` belongs to
``docs/posts/mathematics/position-encoding/rope-geometry.md``), or given by a module-level
``PAGE`` constant.
"""

from __future__ import annotations

import ast
import re
import sys
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import sympy as sp

#: Where page modules live relative to ``docs/``: ``<PAGE_ROOT>/<category>/<slug>.md``.
PAGE_ROOT = "posts/mathematics"


_PRIMED = re.compile(r"((?:\\[A-Za-z]+|[A-Za-z])'+(?:_\{[^{}]*\}|_[A-Za-z0-9])?)(?=\^)")


def latex_of(expr: Any) -> str:
    """``sympy.latex`` with primed symbols braced, so a power of ``u'_1`` is valid TeX.

    Examples:
        >>> latex_of(sp.Symbol("u'_1") ** 2)
        "{u'_{1}}^{2}"
    """
    return _PRIMED.sub(r"{\1}", sp.latex(expr))


class RegistryError(ValueError):
    """A claim or definition is malformed (duplicate id, float literal, no wrong variant...)."""


@dataclass(frozen=True)
class Numeric:
    """Check a statement numerically at seeded random points (see :mod:`derivations._numeric`).

    Use it only where sympy cannot decide the statement, and say why in the claim's ``note``.

    Attributes:
        samples: How many random points to evaluate.
        rtol: Relative tolerance of an equality: ``|lhs - rhs| <= atol + rtol * max(|lhs|,
            |rhs|)``; a non-strict inequality gets the same slack, a strict one none.
        atol: Absolute tolerance (see ``rtol``).
        seed: Seed of the sampler, so a run is reproducible.
        domain: Optional ``{symbol: (low, high)}`` sampling box; symbols not listed are drawn
            according to their assumptions, across scales (see :mod:`derivations._sampling`).
        budget: Seconds the check may take before it fails.
    """

    samples: int = 200
    rtol: float = 1e-9
    atol: float = 1e-12
    seed: int = 0
    domain: Mapping[sp.Symbol, tuple[float, float]] = field(default_factory=dict)
    budget: float = 60.0

    kind = "numeric"

    def describe(self, symbols: list[sp.Symbol] | None = None) -> str:
        """One-line summary for badges and the ledger: points, domain, tolerance, seed."""
        from derivations._sampling import describe

        where = f" of {describe(symbols, self.domain)}" if symbols else ""
        return (
            f"numeric: {self.samples} seeded random points{where}; "
            f"|lhs - rhs| <= {self.atol:g} + {self.rtol:g} |rhs|, strict inequalities without "
            f"slack; seed {self.seed}"
        )


@dataclass(frozen=True)
class Symbolic:
    """Prove a statement exactly with sympy.

    Attributes:
        simplify: Targeted simplification applied to ``lhs - rhs`` before the generic chain
            (``expand``, ``cancel``, ``trigsimp``, then ``simplify``).
        budget: Seconds the proof may take. Past it the check fails, unless ``fallback`` is set.
        fallback: A numeric check to run when the proof times out; the badge then says numeric.
        doit: Evaluate sums, integrals and limits (``.doit()``) before simplifying; turn it off
            when a targeted simplification handles an unevaluated sum better.
    """

    simplify: Callable[[sp.Expr], sp.Expr] | None = None
    budget: float = 20.0
    fallback: Numeric | None = None
    doit: bool = True

    kind = "symbolic"

    def describe(self, symbols: list[sp.Symbol] | None = None) -> str:
        """One-line summary for badges and the ledger."""
        text = "symbolic: sympy reduces the difference to zero exactly"
        if self.simplify is not None:
            text += " (with the page's simplification, confirmed at random points)"
        if self.fallback is not None:
            text += f" (falls back to {self.fallback.describe(symbols)} after {self.budget:g} s)"
        return text


#: The scope of a claim whose check covers exactly what the page displays.
GENERAL = "general"


@dataclass(frozen=True)
class Instance:
    """The scope of a claim proved for an instance of what the page displays.

    Attributes:
        proved: The instance that was proved, in words ("d = 4, every entry symbolic").
        why: The argument that carries it to the displayed generality, where there is one
            ("the map acts on each 2-D plane separately").
    """

    proved: str
    why: str = ""

    def describe(self) -> str:
        """What the page shows beside the badge."""
        text = f"proved for {self.proved}"
        return f"{text}; {self.why}" if self.why else text


@dataclass(frozen=True)
class Wrong:
    """A wrong variant with points to try first when looking for its counterexample.

    Attributes:
        statement: The wrong statement.
        at: Points (``{symbol: value}``) at which it is expected to fail; each is verified.
    """

    statement: Any
    at: tuple[Mapping[sp.Symbol, Any], ...] = ()


@dataclass(frozen=True)
class Cited:
    """A result taken from a source and not checked here (the badge says "cited")."""

    kind = "cited"

    def describe(self, symbols: list[sp.Symbol] | None = None) -> str:
        """One-line summary for badges and the ledger."""
        return "cited: taken from its source, not checked here"


@dataclass(frozen=True)
class Origin:
    """Where an entry was registered: file, first and last line of the call."""

    file: str
    line: int
    end_line: int

    def code(self) -> str:
        """The source lines of the registering call."""
        lines = Path(self.file).read_text().splitlines()
        return "\n".join(lines[self.line - 1 : self.end_line])


@dataclass(frozen=True)
class Definition:
    """A declared definition or notation: shown on a page, not checked."""

    id: str
    latex: str
    page: str
    module: str
    origin: Origin
    expr: Any = None
    note: str = ""

    kind = "definition"


@dataclass(frozen=True)
class Claim:
    """A formula that states something, with the sympy statement that is checked."""

    id: str
    latex: str
    page: str
    module: str
    origin: Origin
    statement: Any
    method: Symbolic | Numeric | Cited
    wrong: Mapping[str, Wrong]
    scope: str | Instance = GENERAL
    uses: tuple[str, ...] = ()
    source: str = ""
    note: str = ""
    compare: str | None = None
    domain: Mapping[sp.Symbol, tuple[float, float]] = field(default_factory=dict)

    kind = "claim"

    @property
    def scope_text(self) -> str:
        """``"general"``, ``"cited"`` or the instance proved, with its argument."""
        return self.scope.describe() if isinstance(self.scope, Instance) else str(self.scope)


Entry = Claim | Definition

_ENTRIES: dict[str, Entry] = {}


def entries() -> dict[str, Entry]:
    """Return every registered entry by id (in registration order)."""
    return dict(_ENTRIES)


def _page_of(module: str) -> str:
    mod = sys.modules.get(module)
    explicit = getattr(mod, "PAGE", None)
    if explicit:
        return explicit
    parts = module.split(".")
    if len(parts) != 3 or parts[0] != "derivations":
        raise RegistryError(
            f"module {module!r} registers entries but is not derivations.<category>.<slug> "
            "and sets no PAGE constant"
        )
    category, slug = (p.replace("_", "-") for p in parts[1:])
    return f"{PAGE_ROOT}/{category}/{slug}.md"


def _origin(depth: int, names: tuple[str, ...]) -> tuple[str, Origin]:
    frame = sys._getframe(depth + 1)
    module = frame.f_globals.get("__name__", "?")
    file, line = frame.f_code.co_filename, frame.f_lineno
    end = line
    try:
        tree = ast.parse(Path(file).read_text())
        best = None
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            if not (node.lineno <= line <= (node.end_lineno or node.lineno)):
                continue
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            if name in names and (best is None or node.lineno >= best.lineno):
                best = node
        if best is not None:
            line, end = best.lineno, best.end_lineno or best.lineno
    except (OSError, SyntaxError):
        pass
    return module, Origin(file, line, end)


def _check_id(id: str) -> None:  # noqa: A002
    if not id or any(c.isspace() for c in id) or any(c in id for c in "[]:#/\"'"):
        raise RegistryError(f"invalid id {id!r}: use letters, digits, '.', '-' and '_'")
    if id in _ENTRIES and _ENTRIES[id].module not in sys.modules:
        # The import that registered it raised (Python drops a module whose import fails):
        # forget that module's entries, so a retry reports its own error, not a duplicate.
        failed = _ENTRIES[id].module
        for key in [k for k, e in _ENTRIES.items() if e.module == failed]:
            del _ENTRIES[key]
    if id in _ENTRIES:
        prev = _ENTRIES[id].origin
        raise RegistryError(f"duplicate id {id!r} (first registered at {prev.file}:{prev.line})")


def _floats(expr: Any) -> set:
    found: set = set()
    exprs = expr if isinstance(expr, list | tuple) else [expr]
    for e in exprs:
        if isinstance(e, sp.Basic):
            found |= set(e.atoms(sp.Float))
    return found


def definition(id: str, latex: str, *, expr: Any = None, note: str = "") -> Definition:  # noqa: A002
    """Declare a definition or notation that a page displays.

    Args:
        id: Unique id, by convention ``<page>.<name>``.
        latex: The LaTeX the reader sees.
        expr: Optional sympy object the definition introduces (shown in the ledger).
        note: Optional remark for the ledger.

    Returns:
        The registered definition.
    """
    _check_id(id)
    module, origin = _origin(1, ("definition",))
    entry = Definition(id, latex, _page_of(module), module, origin, expr, note)
    _ENTRIES[id] = entry
    return entry


def _relations(statement: Any) -> list[Any]:
    if isinstance(statement, sp.And):
        return [r for part in statement.args for r in _relations(part)]
    return [statement]


def _refuse_trivial(cid: str, what: str, statement: Any) -> None:
    """Refuse a statement decided, or true by construction, when it was built."""
    if isinstance(statement, sp.logic.boolalg.BooleanAtom):
        raise RegistryError(
            f"claim {cid!r}: {what} evaluated to {statement} when it was built, so nothing is "
            "left to check (the ledger could not show what is checked); build it unevaluated, "
            "e.g. sp.Eq(lhs, rhs, evaluate=False)"
        )
    for rel in _relations(statement):
        if isinstance(rel, sp.logic.boolalg.BooleanAtom):
            raise RegistryError(
                f"claim {cid!r}: a part of {what} evaluated to {rel} when it was built; "
                "build it unevaluated or drop it"
            )
        lhs, rhs = getattr(rel, "lhs", None), getattr(rel, "rhs", None)
        if lhs is not None and rhs is not None and lhs == rhs:
            raise RegistryError(
                f"claim {cid!r}: {what} is true by construction (both sides are "
                f"{sp.sstr(lhs)[:80]} when built); state the step that computes them instead"
            )


def claim(
    id: str,  # noqa: A002
    statement: Any,
    *,
    wrong: Mapping[str, Any],
    scope: str | Instance | None = None,
    latex: str | None = None,
    method: Symbolic | Numeric | None = None,
    uses: tuple[str, ...] | list[str] = (),
    source: str = "",
    note: str = "",
    compare: str | None = None,
    domain: Mapping[sp.Symbol, tuple[float, float]] | None = None,
) -> Claim:
    """Register a claim: a sympy statement that is checked, and what the reader sees of it.

    Args:
        id: Unique id, by convention ``<page>.<name>``.
        statement: A sympy relation (``Eq``, ``Ne``, ``Le``, ``Lt``, ``Ge``, ``Gt``, matrices
            allowed in ``Eq``) or a conjunction of them.
        wrong: Wrong variants by label (``{"sign of the sine flipped": ...}``), each a
            statement or a :class:`Wrong`; each must be refuted, by a counterexample or a
            disproof. At least one is required.
        scope: :data:`GENERAL` when the statement is what the page displays, else an
            :class:`Instance` naming what was proved; the page shows it beside the badge.
        latex: The LaTeX shown to the reader; defaults to ``sympy.latex(statement)``.
        method: How to check: :class:`Symbolic` (default) or :class:`Numeric`.
        uses: Ids of the claims and definitions this one depends on.
        source: Citation for the formula (title and link), if it comes from a source.
        note: Remark shown in the ledger (for example why a check is numeric).
        compare: Why the displayed LaTeX is not compared with the statement (it uses notation
            the parser cannot read, or shows the general case of an instance); by default it
            is compared (see :mod:`derivations._display`).
        domain: Sampling boxes ``{symbol: (low, high)}`` for the points at which variants are
            refuted and the display is compared (default: the numeric method's domain, else
            the symbols' assumptions).

    Returns:
        The registered claim.

    Raises:
        RegistryError: on a duplicate id, a missing scope or wrong variant, a float literal in
            a symbolic statement, or a statement or variant decided when it was built.
    """
    _check_id(id)
    module, origin = _origin(1, ("claim",))
    method = method or Symbolic()
    if scope is None:
        raise RegistryError(
            f"claim {id!r} declares no scope: say scope=GENERAL when the check covers what the "
            "page displays, or scope=Instance('what was proved', 'why it carries over')"
        )
    if not (scope == GENERAL or isinstance(scope, Instance)):
        raise RegistryError(f"claim {id!r}: scope must be GENERAL or an Instance, not {scope!r}")
    if not wrong:
        raise RegistryError(f"claim {id!r} has no wrong variant: every check must be able to fail")
    variants = {k: v if isinstance(v, Wrong) else Wrong(v) for k, v in wrong.items()}
    _refuse_trivial(id, "the statement", statement)
    for label, variant in variants.items():
        if isinstance(variant.statement, sp.logic.boolalg.BooleanAtom):
            raise RegistryError(
                f"claim {id!r}: wrong variant {label!r} evaluated to {variant.statement} when it "
                "was built, so refuting it would prove nothing; build it unevaluated"
            )
    if isinstance(method, Symbolic):
        bad = _floats([statement, *(v.statement for v in variants.values())])
        if bad:
            raise RegistryError(
                f"claim {id!r} is symbolic but contains float literals {sorted(map(str, bad))}: "
                "use sympy.Rational"
            )
    if domain is None:
        domain = method.domain if isinstance(method, Numeric) else {}
    entry = Claim(
        id=id,
        latex=latex if latex is not None else latex_of(statement),
        page=_page_of(module),
        module=module,
        origin=origin,
        statement=statement,
        method=method,
        wrong=variants,
        scope=scope,
        uses=tuple(uses),
        source=source,
        note=note,
        compare=compare,
        domain=dict(domain),
    )
    _ENTRIES[id] = entry
    return entry


def cited(
    id: str,  # noqa: A002
    latex: str,
    *,
    source: str,
    uses: tuple[str, ...] | list[str] = (),
    note: str = "",
) -> Claim:
    """Register a result the page states but this site does not check (badge: "cited").

    Args:
        id: Unique id, by convention ``<page>.<name>``.
        latex: The LaTeX shown to the reader.
        source: Where the result is proved (title and link): required.
        uses: Ids of the entries it is stated in terms of.
        note: Remark shown in the ledger (what would be needed to check it here).

    Returns:
        The registered entry (a claim whose status is "cited").
    """
    _check_id(id)
    module, origin = _origin(1, ("cited",))
    if not source.strip():
        raise RegistryError(f"cited result {id!r} names no source: say where it is proved")
    entry = Claim(
        id=id,
        latex=latex,
        page=_page_of(module),
        module=module,
        origin=origin,
        statement=None,
        method=Cited(),
        wrong={},
        scope="cited",
        uses=tuple(uses),
        source=source,
        note=note,
        compare="a cited result has no statement to compare",
    )
    _ENTRIES[id] = entry
    return entry
