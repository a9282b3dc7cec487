"""Units of verification work, and the pool of forked processes that runs them under budgets.

A claim gives several units, each run in a child process that is killed at its time budget:

* ``symbolic`` / ``numeric``: decide the statement (a symbolic proof that used the page's own
  simplification is then confirmed: the original statement is searched for a counterexample at
  random points, so an unsound simplifier cannot pass a false statement);
* ``refute``: find a counterexample to, or a disproof of, one wrong variant
  (:mod:`derivations._refute`);
* ``display``: compare the displayed LaTeX with the statement (:mod:`derivations._display`).

A child that raises reports a failure: an exception is never evidence for anything.
"""

from __future__ import annotations

import multiprocessing
import multiprocessing.connection
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import sympy as sp

from derivations import _registry
from derivations._registry import Claim, Instance, Numeric, Symbolic

#: Random points at which a proof that used the page's own simplification is confirmed.
CONFIRM_POINTS = 16
#: At least this many of them must be evaluable, or the confirmation proves nothing; the search
#: stops once ``CONFIRM_ENOUGH`` agreed.
MIN_CONFIRMED = 4
CONFIRM_ENOUGH = 8
#: Seconds a variant's refutation and a display's comparison may take.
REFUTE_BUDGET = 30.0
DISPLAY_BUDGET = 30.0


@dataclass(frozen=True)
class Unit:
    """One piece of work on one claim."""

    claim_id: str
    mode: str  # "symbolic", "numeric", "refute" or "display"
    variant: str | None = None

    def budget(self, claim: Claim) -> float:
        """Seconds this unit may run before it is killed."""
        method = claim.method
        if self.mode == "refute":
            return REFUTE_BUDGET
        if self.mode == "display":
            return DISPLAY_BUDGET
        if self.mode == "numeric" and isinstance(method, Symbolic):
            return method.fallback.budget  # type: ignore[union-attr]
        return method.budget  # type: ignore[union-attr]

    def run(self, claim: Claim) -> dict[str, Any]:
        """Do the work; return what the parent records (always with ``ok`` and ``detail``)."""
        if self.mode == "refute":
            return _refute_variant(claim, self.variant or "")
        if self.mode == "display":
            return _compare_display(claim)
        return _decide(claim, self.mode)


def _decide(claim: Claim, mode: str) -> dict[str, Any]:
    from derivations._check import decide
    from derivations._refute import search

    method = claim.method
    if mode == "numeric" and isinstance(method, Symbolic):
        method = method.fallback  # type: ignore[assignment]
    out = decide(claim.statement, method)  # type: ignore[arg-type]
    if out.holds and isinstance(method, Symbolic) and method.simplify is not None:
        if claim.statement.atoms(sp.MatrixSymbol):
            return {
                "ok": False,
                "detail": "a proof that used the page's simplification is confirmed at random "
                "points, and matrices of symbolic size cannot be sampled: prove it without one",
            }
        bad, evaluated = search(
            claim.statement, count=CONFIRM_POINTS, domain=claim.domain, enough=CONFIRM_ENOUGH
        )
        if bad is not None:
            return {
                "ok": False,
                "detail": f"the page's simplification proved a false statement: {bad.describe()}",
            }
        if evaluated < MIN_CONFIRMED:
            return {
                "ok": False,
                "detail": "proved with the page's simplification, but the statement could be "
                f"evaluated at only {evaluated} of {CONFIRM_POINTS} random points, so the "
                "simplification is not confirmed: prove it without one, or make it evaluable",
            }
        return {"ok": True, "detail": f"proved; confirmed at {evaluated} random points"}
    return {"ok": out.holds, "detail": out.detail}


def _refute_variant(claim: Claim, label: str) -> dict[str, Any]:
    from derivations._refute import refute

    variant = claim.wrong[label]
    seed = sum(map(ord, claim.id + label)) % 1000
    found = refute(variant.statement, seed=seed, domain=claim.domain, at=list(variant.at))
    if found is None:
        return {
            "ok": False,
            "detail": "no counterexample at the sampled points and no symbolic disproof",
        }
    return {"ok": True, "detail": found.describe(), **found.as_dict()}


def _compare_display(claim: Claim) -> dict[str, Any]:
    from derivations._display import compare

    if claim.compare:
        return {"ok": True, "detail": f"not compared: {claim.compare}"}
    result = compare(claim.latex, claim.statement, domain=claim.domain)
    text = result.text
    if result.status == "not compared" and isinstance(claim.scope, Instance):
        text = f"not compared: the display shows the general case of an instance ({result.detail})"
    return {"ok": result.status != "disagrees", "detail": text}


def _child(conn: multiprocessing.connection.Connection, unit: Unit) -> None:
    claim = _registry.entries()[unit.claim_id]
    try:
        conn.send(unit.run(claim))  # type: ignore[arg-type]
    except Exception as exc:  # noqa: BLE001 - any error is a failed unit, reported as such
        conn.send({"ok": False, "detail": f"{type(exc).__name__}: {exc}", "crashed": True})
    finally:
        conn.close()


def execute(
    units: list[Unit],
    claims: dict[str, Claim],
    jobs: int,
    on_done: Callable[[Unit, dict[str, Any] | None, float], list[Unit]],
) -> None:
    """Run units on up to ``jobs`` forked children; ``on_done`` may enqueue follow-up units.

    ``on_done`` receives ``None`` for a unit that ran out of its time budget.
    """
    ctx = multiprocessing.get_context("fork")
    queue = list(units)
    running: dict[Any, tuple[Unit, Any, float]] = {}
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
                    payload: dict[str, Any] | None = conn.recv()
                except EOFError:
                    code = proc.exitcode
                    payload = {"ok": False, "detail": f"check process died (exit code {code})"}
            elif elapsed >= unit.budget(claims[unit.claim_id]):
                proc.kill()
                payload = None
            else:
                continue
            proc.join()
            conn.close()
            del running[conn]
            queue.extend(on_done(unit, payload, elapsed))


def first_mode(claim: Claim) -> str:
    """How a claim is decided first: ``symbolic`` or ``numeric``."""
    return "numeric" if isinstance(claim.method, Numeric) else "symbolic"
