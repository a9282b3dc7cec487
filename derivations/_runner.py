"""Running every check: in parallel, each under its time budget, with a cache keyed by source.

Each unit of work (a claim, or one of its wrong variants) runs in a forked child process, so a
proof that exceeds its budget can be killed: it then fails loudly, or falls back to the claim's
declared numeric check, whose badge says "numeric". Results of a page module are cached under
a key made of that module's source, the source of this package's machinery and the versions of
Python, sympy, numpy and scipy; only modules whose every check passed are cached.
"""

from __future__ import annotations

import hashlib
import importlib
import importlib.util
import json
import multiprocessing
import multiprocessing.connection
import os
import pkgutil
import platform
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import mpmath
import numpy as np
import scipy
import sympy as sp

from derivations import _registry
from derivations._check import Outcome, decide
from derivations._registry import Claim, Definition, Symbolic, latex_of
from derivations._sources import import_closure

PACKAGE_DIR = Path(__file__).resolve().parent
#: Environment variable: os.pathsep-separated Python files to load *instead of* the page modules.
MODULES_ENV = "VERIFIED_CLAIM_MODULES"
CACHE_ENV = "VERIFIED_CACHE_DIR"


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
    if extra:
        return [_load_file(Path(p).resolve()) for p in extra.split(os.pathsep) if p]
    loaded = []
    for name in page_module_names() if names is None else names:
        try:
            importlib.import_module(name)
        except Exception as exc:  # noqa: BLE001 - reported as a failure naming the module
            IMPORT_ERRORS[name] = f"{type(exc).__name__}: {exc}"
            continue
        loaded.append(name)
    return loaded


@dataclass
class VariantResult:
    """Whether one wrong variant was rejected."""

    label: str
    latex: str
    rejected: bool
    detail: str
    seconds: float


@dataclass
class Result:
    """The outcome of one entry's checks, with everything the site shows of it."""

    id: str
    kind: str
    page: str
    module: str
    latex: str
    status: str  # "pass", "fail" or "definition"
    method: str = ""  # "symbolic" or "numeric": what actually decided the claim
    method_detail: str = ""
    fallback: bool = False
    detail: str = ""
    seconds: float = 0.0
    checked_latex: str = ""
    checked_text: str = ""
    uses: list[str] = field(default_factory=list)
    source: str = ""
    note: str = ""
    file: str = ""
    line: int = 0
    code: str = ""
    variants: list[VariantResult] = field(default_factory=list)
    cached: bool = False

    @property
    def ok(self) -> bool:
        """True when the claim holds and every wrong variant was rejected."""
        return self.status != "fail" and all(v.rejected for v in self.variants)

    def failures(self) -> list[str]:
        """Human-readable failure lines naming the page and the claim."""
        out = []
        where = f"docs/{self.page}: claim '{self.id}'"
        if self.status == "fail":
            out.append(f"{where} failed its check: {self.detail}")
        for v in self.variants:
            if not v.rejected:
                verb = "could not decide" if v.detail.startswith("undecided") else "accepts"
                out.append(
                    f"{where}: its check {verb} the wrong variant '{v.label}' ({v.detail}); "
                    "a check that cannot reject a wrong variant is a defect"
                )
        return out


def _rel(path: str) -> str:
    try:
        return str(Path(path).resolve().relative_to(PACKAGE_DIR.parent))
    except ValueError:
        return path


def _skeleton(entry: Claim | Definition) -> Result:
    common = dict(
        id=entry.id,
        kind=entry.kind,
        page=entry.page,
        module=entry.module,
        latex=entry.latex,
        note=entry.note,
        file=_rel(entry.origin.file),
        line=entry.origin.line,
        code=entry.origin.code(),
    )
    if isinstance(entry, Definition):
        text = sp.sstr(entry.expr) if entry.expr is not None else ""
        latex = latex_of(entry.expr) if entry.expr is not None else ""
        return Result(status="definition", checked_text=text, checked_latex=latex, **common)
    return Result(
        status="fail",
        method=entry.method.kind,
        method_detail=entry.method.describe(),
        checked_latex=latex_of(entry.statement),
        checked_text=sp.sstr(entry.statement),
        uses=list(entry.uses),
        source=entry.source,
        **common,
    )


# --------------------------------------------------------------------------- units of work


@dataclass(frozen=True)
class _Unit:
    claim_id: str
    variant: str | None  # None: the claim itself
    mode: str  # "symbolic" or "numeric"

    def budget(self, claim: Claim) -> float:
        method = claim.method
        if self.mode == "numeric" and isinstance(method, Symbolic):
            return method.fallback.budget  # type: ignore[union-attr]
        return method.budget

    def run(self, claim: Claim) -> Outcome:
        statement = claim.statement if self.variant is None else claim.wrong[self.variant]
        method = claim.method
        if self.mode == "numeric" and isinstance(method, Symbolic):
            method = method.fallback  # type: ignore[assignment]
        return decide(statement, method)


def _child(conn: multiprocessing.connection.Connection, unit: _Unit) -> None:
    claim = _registry.entries()[unit.claim_id]
    try:
        out = unit.run(claim)  # type: ignore[arg-type]
        conn.send((out.holds, out.detail))
    except Exception as exc:  # noqa: BLE001  - any error is a failed check, reported as such
        conn.send((False, f"{type(exc).__name__}: {exc}"))
    finally:
        conn.close()


def _execute(
    units: list[_Unit],
    claims: dict[str, Claim],
    jobs: int,
    on_done: Callable[[_Unit, bool | None, str, float], list[_Unit]],
) -> None:
    """Run units on up to ``jobs`` forked children; ``on_done`` may enqueue follow-up units.

    ``on_done`` receives ``holds=None`` when the unit ran out of its time budget.
    """
    ctx = multiprocessing.get_context("fork")
    queue = list(units)
    running: dict[Any, tuple[_Unit, Any, float]] = {}
    while queue or running:
        while queue and len(running) < jobs:
            unit = queue.pop(0)
            recv, send = ctx.Pipe(duplex=False)
            proc = ctx.Process(target=_child, args=(send, unit), daemon=True)
            proc.start()
            send.close()
            running[recv] = (unit, proc, time.perf_counter())
        now = time.perf_counter()
        deadlines = [start + u.budget(claims[u.claim_id]) for u, _, start in running.values()]
        wait = max(0.0, min(deadlines) - now) if deadlines else None
        ready = multiprocessing.connection.wait(list(running), timeout=wait)
        now = time.perf_counter()
        for conn in list(running):
            unit, proc, start = running[conn]
            elapsed = now - start
            if conn in ready:
                try:
                    holds, detail = conn.recv()
                except EOFError:
                    holds, detail = False, f"check process died (exit code {proc.exitcode})"
            elif elapsed >= unit.budget(claims[unit.claim_id]):
                proc.kill()
                holds, detail = None, f"exceeded its time budget of {elapsed:.1f} s"
            else:
                continue
            proc.join()
            conn.close()
            del running[conn]
            queue.extend(on_done(unit, holds, detail, elapsed))


# --------------------------------------------------------------------------- the cache


def _cache_dir() -> Path:
    return Path(os.environ.get(CACHE_ENV) or PACKAGE_DIR.parent / ".cache" / "verified")


def _versions() -> str:
    return (
        f"{platform.python_version()} sympy {sp.__version__} numpy {np.__version__} "
        f"scipy {scipy.__version__} mpmath {mpmath.__version__}"
    )


def _module_file(module: str) -> Path:
    """Source file of page module ``derivations.<category>.<slug>``."""
    return PACKAGE_DIR.joinpath(*module.split(".")[1:]).with_suffix(".py")


def module_key(module: str) -> str:
    """Hash of everything a module's check results depend on.

    That is: every file of ``derivations/`` and ``snippets/`` that importing the module executes
    (the module, the modules it imports, their packages' ``__init__.py``, and through
    ``derivations/__init__.py`` the machinery that checks claims; see
    :func:`derivations._sources.import_closure`) and the versions of Python and the maths stack.
    """
    h = hashlib.sha256(_versions().encode())
    mod = sys.modules.get(module)
    path = Path(mod.__file__) if mod is not None and mod.__file__ else _module_file(module)
    for source in import_closure(path):
        h.update(_rel(str(source)).encode() + b"\0")
        h.update(source.read_bytes())
    return h.hexdigest()[:24]


def _cache_load(module: str) -> list[Result] | None:
    path = _cache_dir() / f"{module}-{module_key(module)}.json"
    if not path.exists():
        return None
    data = json.loads(path.read_text())
    return [result_from_dict({**d, "cached": True}) for d in data]


def _cache_store(module: str, results: list[Result]) -> None:
    folder = _cache_dir()
    folder.mkdir(parents=True, exist_ok=True)
    for stale in folder.glob(f"{module}-*.json"):
        stale.unlink()
    path = folder / f"{module}-{module_key(module)}.json"
    path.write_text(json.dumps([result_to_dict(r) for r in results]))


def result_to_dict(result: Result) -> dict:
    """Serialise a result for JSON."""
    d = dict(result.__dict__)
    d["variants"] = [dict(v.__dict__) for v in result.variants]
    return d


def result_from_dict(d: dict) -> Result:
    """Inverse of :func:`result_to_dict`."""
    d = dict(d)
    d["variants"] = [VariantResult(**v) for v in d.get("variants", [])]
    return Result(**d)


# --------------------------------------------------------------------------- verification


@dataclass
class Report:
    """Everything one verification run found."""

    results: list[Result]
    seconds: float
    problems: list[str] = field(default_factory=list)

    @property
    def claims(self) -> list[Result]:
        """Results of claims (definitions excluded)."""
        return [r for r in self.results if r.kind == "claim"]

    def failures(self) -> list[str]:
        """Every failure line, naming page and claim (unknown ``uses`` ids included)."""
        return [line for r in self.results for line in r.failures()] + self.problems

    def summary(self) -> dict[str, Any]:
        """Counts for the closing summary."""
        claims = self.claims
        variants = [v for r in claims for v in r.variants]
        return {
            "claims": len(claims),
            "symbolic": sum(r.method == "symbolic" for r in claims),
            "numeric": sum(r.method == "numeric" for r in claims),
            "definitions": len(self.results) - len(claims),
            "variants": len(variants),
            "variants_rejected": sum(v.rejected for v in variants),
            "failures": len(self.failures()),
            "cached": sum(r.cached for r in claims),
            "seconds": round(self.seconds, 2),
        }

    def to_json(self) -> str:
        """The whole report as JSON (what the site build reads)."""
        return json.dumps(
            {
                "summary": self.summary(),
                "failures": self.failures(),
                "results": [result_to_dict(r) for r in self.results],
            },
            indent=1,
        )


def verify(
    *,
    jobs: int | None = None,
    use_cache: bool = True,
    select: Callable[[str], bool] | None = None,
    progress: Callable[[int, int, str], None] | None = None,
) -> Report:
    """Load every page module and check every claim and every wrong variant.

    Args:
        jobs: Parallel check processes (default: the machine's cores).
        use_cache: Reuse results of modules whose source has not changed. Fresh results of
            modules whose every check passed are stored either way.
        select: Keep only entries whose id this returns True for.
        progress: Called as ``progress(done, total, label)`` after each finished unit.

    Returns:
        The report; failures are in ``report.failures()``.
    """
    t0 = time.perf_counter()
    # A module whose results are cached (same source, same machinery, same versions) is not even
    # imported: building its sympy statements is most of the cost of a warm run.
    cached: dict[str, list[Result]] = {}
    read_cache = use_cache and select is None
    if read_cache and not os.environ.get(MODULES_ENV):
        for name in page_module_names():
            hit = _cache_load(name)
            if hit is not None:
                cached[name] = hit
        modules = load_modules([n for n in page_module_names() if n not in cached])
    else:
        modules = load_modules()
        for name in modules if read_cache else []:
            hit = _cache_load(name)
            if hit is not None:
                cached[name] = hit
        modules = [name for name in modules if name not in cached]
    all_entries = _registry.entries()
    chosen = [e for e in all_entries.values() if e.module in modules]
    if select is not None:
        chosen = [e for e in chosen if select(e.id)]

    results: dict[str, Result] = {}
    todo: list[Claim] = []
    by_module: dict[str, list[Claim | Definition]] = {}
    for e in chosen:
        by_module.setdefault(e.module, []).append(e)
        results[e.id] = _skeleton(e)
        if isinstance(e, Claim):
            todo.append(e)
    duplicates = []
    for group in cached.values():
        for r in group:
            if r.id in results and results[r.id].module != r.module:
                first = results[r.id]
                duplicates.append(
                    f"docs/{r.page}: duplicate id '{r.id}' (registered in {first.file} "
                    f"and {r.file})"
                )
            results[r.id] = r

    claims = {c.id: c for c in todo}
    units = []
    for c in todo:
        first = "symbolic" if isinstance(c.method, Symbolic) else "numeric"
        units.append(_Unit(c.id, None, first))
        units.extend(_Unit(c.id, label, first) for label in c.wrong)
    total = len(units)
    done = 0

    def on_done(unit: _Unit, holds: bool | None, detail: str, elapsed: float) -> list[_Unit]:
        nonlocal total, done
        claim = claims[unit.claim_id]
        method = claim.method
        if holds is None and unit.mode == "symbolic" and isinstance(method, Symbolic):
            if method.fallback is not None:
                total += 1
                return [_Unit(unit.claim_id, unit.variant, "numeric")]
        res = results[unit.claim_id]
        done += 1
        if holds is None:
            holds = False
            detail = f"undecided: {detail} (undecidable is not true)"
        if unit.variant is None:
            res.status = "pass" if holds else "fail"
            res.method = unit.mode
            res.fallback = unit.mode != method.kind
            if res.fallback:
                fb = method.fallback  # type: ignore[union-attr]
                res.method_detail = f"{fb.describe()} (the symbolic proof timed out)"
            res.detail = detail
            res.seconds += elapsed
        else:
            latex = latex_of(claim.wrong[unit.variant])
            # An undecided variant is not rejected: the check did not show it false.
            rejected = not holds and not detail.startswith("undecided")
            res.variants.append(VariantResult(unit.variant, latex, rejected, detail, elapsed))
        if progress is not None:
            progress(done, total, unit.claim_id)
        return []

    _execute(units, claims, jobs or os.cpu_count() or 1, on_done)

    for e in chosen:
        if isinstance(e, Claim):
            order = list(e.wrong)
            results[e.id].variants.sort(key=lambda v: order.index(v.label))
    if select is None:
        for module, group in by_module.items():
            rs = [results[e.id] for e in group]
            if all(r.ok for r in rs):
                _cache_store(module, rs)
    names = (*page_module_names(), *cached, *modules)
    ordered = [r for name in names for r in _in_module(name, results)]
    ordered = list({r.id: r for r in ordered}.values())
    problems = [
        f"{name.replace('.', '/')}.py could not be imported: {error}"
        for name, error in IMPORT_ERRORS.items()
    ] + duplicates
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
