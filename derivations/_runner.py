"""Running every check: in parallel, each under its time budget, with a cache keyed by source.

Each unit of work (deciding a claim, refuting one of its wrong variants, comparing its display;
see :mod:`derivations._units`) runs in a forked child process, so a proof that exceeds its
budget can be killed: it then fails loudly, or falls back to the claim's declared numeric check,
whose badge says "numeric". Results of a page module are cached (:mod:`derivations._cache`);
a module whose results are cached is not even imported.
"""

from __future__ import annotations

import hashlib
import importlib
import importlib.util
import os
import pkgutil
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import sympy as sp

from derivations import _cache, _registry
from derivations._registry import Claim, Definition, Instance, Symbolic, latex_of
from derivations._report import Report, Result, VariantResult
from derivations._units import Unit, execute, first_mode

PACKAGE_DIR = Path(__file__).resolve().parent
#: Environment variable: os.pathsep-separated Python files to load *instead of* the page modules.
MODULES_ENV = "VERIFIED_CLAIM_MODULES"


def _load_file(path: Path) -> str:
    name = "derivations_extra_" + hashlib.sha1(str(path).encode()).hexdigest()[:10]
    spec = importlib.util.spec_from_file_location(name, path)
    if spec is None or spec.loader is None:
        raise ImportError(f"cannot load claim module {path}")
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return name


#: Import errors of page modules, by module name (filled by :func:`load_modules`).
IMPORT_ERRORS: dict[str, str] = {}


def page_module_names() -> list[str]:
    """Names of the page modules, ``derivations.<category>.<slug>``, without importing them."""
    names = []
    for info in pkgutil.walk_packages([str(PACKAGE_DIR)], "derivations."):
        parts = info.name.split(".")
        if info.ispkg or len(parts) != 3 or any(p.startswith("_") for p in parts[1:]):
            continue
        names.append(info.name)
    return names


def load_modules(names: list[str] | None = None) -> list[str]:
    """Import the page modules (all by default, or the files named in ``$VERIFIED_CLAIM_MODULES``).

    A module that fails to import (a malformed claim, a syntax error) does not stop the others;
    its error is kept in ``IMPORT_ERRORS`` and reported as a failure by :func:`verify`.

    Args:
        names: Page modules to import (default: every page module).

    Returns:
        The names of the imported modules.
    """
    extra = os.environ.get(MODULES_ENV)
    loaded = []
    if extra:
        for file in (Path(p).resolve() for p in extra.split(os.pathsep) if p):
            try:
                loaded.append(_load_file(file))
            except Exception as exc:  # noqa: BLE001 - reported as a failure naming the file
                IMPORT_ERRORS[str(file)] = f"{type(exc).__name__}: {exc}"
        return loaded
    for name in page_module_names() if names is None else names:
        try:
            importlib.import_module(name)
        except Exception as exc:  # noqa: BLE001 - reported as a failure naming the module
            IMPORT_ERRORS[name] = f"{type(exc).__name__}: {exc}"
            continue
        loaded.append(name)
    return loaded


def _skeleton(entry: Claim | Definition) -> Result:
    common: dict[str, Any] = {
        "id": entry.id,
        "kind": entry.kind,
        "page": entry.page,
        "module": entry.module,
        "latex": entry.latex,
        "note": entry.note,
        "file": _cache.relative(entry.origin.file),
        "line": entry.origin.line,
        "code": entry.origin.code(),
    }
    if isinstance(entry, Definition):
        text = sp.sstr(entry.expr) if entry.expr is not None else ""
        latex = latex_of(entry.expr) if entry.expr is not None else ""
        return Result(status="definition", checked_text=text, checked_latex=latex, **common)
    scope = entry.scope
    statement = entry.statement
    symbols = [] if statement is None else sorted(statement.free_symbols, key=lambda s: s.name)
    result = Result(
        status="fail",
        method=entry.method.kind,
        method_detail=entry.method.describe(symbols),
        checked_latex=latex_of(entry.statement) if entry.statement is not None else "",
        checked_text=sp.sstr(entry.statement) if entry.statement is not None else "",
        scope=scope.proved if isinstance(scope, Instance) else str(scope),
        scope_why=scope.why if isinstance(scope, Instance) else "",
        uses=list(entry.uses),
        source=entry.source,
        **common,
    )
    if entry.statement is None:  # a cited result: nothing is checked
        result.status, result.display_check = "cited", f"not compared: {entry.compare}"
    return result


def _units_of(claim: Claim) -> list[Unit]:
    if claim.statement is None:
        return []
    return [
        Unit(claim.id, first_mode(claim)),
        Unit(claim.id, "display"),
        *(Unit(claim.id, "refute", label) for label in claim.wrong),
    ]


def _record(claim: Claim, res: Result, unit: Unit, payload: dict | None, elapsed: float) -> None:
    """Write what one finished unit found into its claim's result."""
    method = claim.method
    if unit.mode == "display":
        if payload is None:
            res.display_check = "not compared: the comparison exceeded its time budget"
        elif payload.get("crashed"):
            res.display_check = f"disagrees: the comparison crashed ({payload['detail']})"
        else:
            res.display_check = payload["detail"]
        return
    if unit.mode == "refute":
        variant = claim.wrong[unit.variant or ""]
        ok = payload is not None and payload["ok"]
        detail = "the refutation exceeded its time budget" if payload is None else payload["detail"]
        res.variants.append(
            VariantResult(
                label=unit.variant or "",
                latex=latex_of(variant.statement),
                rejected=ok,
                detail=detail,
                seconds=elapsed,
                counterexample=(payload or {}).get("counterexample") if ok else None,
                disproof=(payload or {}).get("disproof", "") if ok else "",
            )
        )
        return
    if payload is None:
        res.status, res.detail = (
            "fail",
            (f"undecided: exceeded its time budget of {elapsed:.1f} s (undecidable is not true)"),
        )
    else:
        res.status = "pass" if payload["ok"] else "fail"
        res.detail = payload["detail"]
    res.method = "numeric" if unit.mode == "numeric" else "symbolic"
    res.fallback = unit.mode == "numeric" and isinstance(method, Symbolic)
    fb = method.fallback if isinstance(method, Symbolic) else None
    if res.fallback and fb is not None:
        symbols = sorted(claim.statement.free_symbols, key=lambda s: s.name)
        res.method_detail = f"{fb.describe(symbols)} (the symbolic proof timed out)"
    res.seconds += elapsed


def modules_mentioning(prefix: str) -> list[str]:
    """Page modules whose source holds the string literal start ``"<prefix>`` (without import).

    ``python -m derivations --only 'rope.*'`` imports only the modules that can register such ids.
    """
    names = []
    for name in page_module_names():
        source = _cache._module_file(name).read_text()
        if f'"{prefix}' in source or f"'{prefix}" in source:
            names.append(name)
    return names


def _from_cache(
    use_cache: bool, select: Callable[[str], bool] | None, names: list[str] | None = None
) -> tuple[dict[str, list[Result]], list[str]]:
    """Cached results by module, and the modules to check (imported here)."""
    cached: dict[str, list[Result]] = {}
    read_cache = use_cache and select is None
    if read_cache and not os.environ.get(MODULES_ENV):
        for name in page_module_names():
            hit = _cache.load(name)
            if hit is not None:
                cached[name] = hit
        return cached, load_modules([n for n in page_module_names() if n not in cached])
    modules = load_modules(None if os.environ.get(MODULES_ENV) else names)
    for name in modules if read_cache else []:
        hit = _cache.load(name)
        if hit is not None:
            cached[name] = hit
    return cached, [name for name in modules if name not in cached]


def verify(
    *,
    jobs: int | None = None,
    use_cache: bool = True,
    select: Callable[[str], bool] | None = None,
    progress: Callable[[int, int, str], None] | None = None,
    modules: list[str] | None = None,
) -> Report:
    """Load every page module; check every claim, refute every wrong variant, compare displays.

    Args:
        jobs: Parallel check processes (default: the machine's cores).
        use_cache: Reuse results of modules whose source has not changed. Fresh results of
            modules whose every check passed are stored either way.
        select: Keep only entries whose id this returns True for.
        progress: Called as ``progress(done, total, label)`` after each finished unit.
        modules: With ``select``, import only these page modules (a partial run: ``uses`` that
            point into other modules are not checked).

    Returns:
        The report; failures are in ``report.failures()``.
    """
    t0 = time.perf_counter()
    partial = modules is not None
    cached, modules = _from_cache(use_cache, select, modules)
    all_entries = _registry.entries()
    chosen = [e for e in all_entries.values() if e.module in modules]
    if select is not None:
        chosen = [e for e in chosen if select(e.id)]

    results: dict[str, Result] = {e.id: _skeleton(e) for e in chosen}
    claims = {e.id: e for e in chosen if isinstance(e, Claim)}
    duplicates = []
    for group in cached.values():
        for r in group:
            if r.id in results and results[r.id].module != r.module:
                duplicates.append(
                    f"docs/{r.page}: duplicate id '{r.id}' (registered in "
                    f"{results[r.id].file} and {r.file})"
                )
            results[r.id] = r

    units = [u for c in claims.values() for u in _units_of(c)]
    total, done = len(units), 0

    def on_done(unit: Unit, payload: dict | None, elapsed: float) -> list[Unit]:
        nonlocal total, done
        claim = claims[unit.claim_id]
        method = claim.method
        if (
            payload is None
            and unit.mode == "symbolic"
            and isinstance(method, Symbolic)
            and method.fallback is not None
        ):
            total += 1
            return [Unit(unit.claim_id, "numeric")]
        done += 1
        _record(claim, results[unit.claim_id], unit, payload, elapsed)
        if progress is not None:
            progress(done, total, unit.claim_id)
        return []

    execute(units, claims, jobs or os.cpu_count() or 1, on_done)

    for c in claims.values():
        order = list(c.wrong)
        results[c.id].variants.sort(key=lambda v: order.index(v.label))
    if select is None:
        for module in modules:
            rs = [r for r in results.values() if r.module == module and not r.cached]
            if rs and all(r.ok for r in rs):
                _cache.store(module, rs)
    names = (*page_module_names(), *cached, *modules)
    ordered = [r for name in names for r in _in_module(name, results)]
    ordered = list({r.id: r for r in ordered}.values())
    problems = [
        f"{name if name.endswith('.py') else name.replace('.', '/') + '.py'} could not be "
        f"imported: {error}"
        for name, error in IMPORT_ERRORS.items()
    ] + duplicates
    if not partial:
        problems += dependency_problems({**{r.id: r for r in ordered}, **all_entries})
    return Report(ordered, time.perf_counter() - t0, problems)


def _in_module(name: str, results: dict[str, Result]) -> list[Result]:
    return [r for r in results.values() if r.module == name]


def dependency_problems(entries: dict[str, Any]) -> list[str]:
    """Failure lines for ``uses`` that name no registered entry, or that form a cycle."""
    problems = []
    for e in entries.values():
        for u in getattr(e, "uses", ()):
            if u not in entries:
                problems.append(f"docs/{e.page}: claim '{e.id}' uses unknown id '{u}'")
    state: dict[str, int] = {}

    def visit(node: str, path: list[str]) -> None:
        state[node] = 1
        for u in getattr(entries[node], "uses", ()):
            if state.get(u) == 1:
                cycle = " -> ".join([*path[path.index(u) :], u])
                problems.append(f"docs/{entries[u].page}: 'uses' forms a cycle: {cycle}")
            elif u in entries and u not in state:
                visit(u, [*path, u])
        state[node] = 2

    for node in entries:
        if node not in state:
            visit(node, [node])
    return problems
