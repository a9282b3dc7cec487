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
    """Check a statement numerically at random points.

    Attributes:
        samples: How many random points to evaluate.
        tol: Tolerance, relative to ``max(1, |rhs|)`` for equalities, absolute slack for
            inequalities.
        seed: Seed of the sampler, so a run is reproducible.
        domain: Optional ``{symbol: (low, high)}`` sampling box; symbols not listed are drawn
            according to their assumptions (see ``derivations._check.sample_point``).
        budget: Seconds the check may take before it fails.
    """

    samples: int = 200
    tol: float = 1e-9
    seed: int = 0
    domain: Mapping[sp.Symbol, tuple[float, float]] = field(default_factory=dict)
    budget: float = 60.0

    kind = "numeric"

    def describe(self) -> str:
        """One-line summary for badges and the ledger."""
        return f"numeric: {self.samples} random points, tolerance {self.tol:g}, seed {self.seed}"


@dataclass(frozen=True)
class Symbolic:
    """Prove a statement exactly with sympy.

    Attributes:
        simplify: Targeted simplification applied to ``lhs - rhs`` before the generic chain
            (``expand``, ``cancel``, ``trigsimp``, then ``simplify``).
        budget: Seconds the proof may take. Past it the check fails, unless ``fallback`` is set.
        fallback: A numeric check to run when the proof times out; the badge then says numeric.
    """

    simplify: Callable[[sp.Expr], sp.Expr] | None = None
    budget: float = 20.0
    fallback: Numeric | None = None

    kind = "symbolic"

    def describe(self) -> str:
        """One-line summary for badges and the ledger."""
        text = "symbolic: sympy reduces the difference to zero exactly"
        if self.fallback is not None:
            text += f" (falls back to {self.fallback.describe()} after {self.budget:g} s)"
        return text


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
    method: Symbolic | Numeric
    wrong: Mapping[str, Any]
    uses: tuple[str, ...] = ()
    source: str = ""
    note: str = ""

    kind = "claim"


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
            if not isinstance(node, ast.Call) or not (node.lineno <= line <= node.end_lineno):
                continue
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            if name in names and (best is None or node.lineno >= best.lineno):
                best = node
        if best is not None:
            line, end = best.lineno, best.end_lineno
    except (OSError, SyntaxError):
        pass
    return module, Origin(file, line, end)


def _check_id(id: str) -> None:  # noqa: A002
    if not id or any(c.isspace() for c in id) or any(c in id for c in "[]:#/\"'"):
        raise RegistryError(f"invalid id {id!r}: use letters, digits, '.', '-' and '_'")
    if id in _ENTRIES:
        prev = _ENTRIES[id].origin
        raise RegistryError(f"duplicate id {id!r} (first registered at {prev.file}:{prev.line})")


def _floats(expr: Any) -> set:
    found: set = set()
    exprs = expr if isinstance(expr, list | tuple) else [expr]
    for e in exprs:
        if isinstance(e, sp.Basic):
            found |= {a for a in e.atoms(sp.Float)}
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


def claim(
    id: str,  # noqa: A002
    statement: Any,
    *,
    wrong: Mapping[str, Any],
    latex: str | None = None,
    method: Symbolic | Numeric | None = None,
    uses: tuple[str, ...] | list[str] = (),
    source: str = "",
    note: str = "",
) -> Claim:
    """Register a claim: a sympy statement that is checked, and what the reader sees of it.

    Args:
        id: Unique id, by convention ``<page>.<name>``.
        statement: A sympy relation (``Eq``, ``Ne``, ``Le``, ``Lt``, ``Ge``, ``Gt``, matrices
            allowed in ``Eq``) or a conjunction of them.
        wrong: Wrong variants by label (``{"sign of the sine flipped": ...}``); each must be
            rejected by the same check. At least one is required.
        latex: The LaTeX shown to the reader; defaults to ``sympy.latex(statement)``.
        method: How to check: :class:`Symbolic` (default) or :class:`Numeric`.
        uses: Ids of the claims and definitions this one depends on.
        source: Citation for the formula (title and link), if it comes from a source.
        note: Remark shown in the ledger (for example why a check is numeric).

    Returns:
        The registered claim.

    Raises:
        RegistryError: on a duplicate id, a missing wrong variant, or a float literal in a
            symbolic statement.
    """
    _check_id(id)
    module, origin = _origin(1, ("claim",))
    method = method or Symbolic()
    if not wrong:
        raise RegistryError(f"claim {id!r} has no wrong variant: every check must be able to fail")
    if isinstance(statement, sp.logic.boolalg.BooleanAtom):
        raise RegistryError(
            f"claim {id!r}: the statement evaluated to {statement} when it was built, so the "
            "ledger could not show what is checked; build it unevaluated, e.g. "
            "sp.Eq(lhs, rhs, evaluate=False)"
        )
    if isinstance(method, Symbolic):
        bad = _floats([statement, *wrong.values()])
        if bad:
            raise RegistryError(
                f"claim {id!r} is symbolic but contains float literals {sorted(map(str, bad))}: "
                "use sympy.Rational"
            )
    entry = Claim(
        id=id,
        latex=latex if latex is not None else latex_of(statement),
        page=_page_of(module),
        module=module,
        origin=origin,
        statement=statement,
        method=method,
        wrong=dict(wrong),
        uses=tuple(uses),
        source=source,
        note=note,
    )
    _ENTRIES[id] = entry
    return entry
