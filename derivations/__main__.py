"""``python -m derivations``: check every claim, refute every wrong variant, compare displays.

Exit status 0 when every claim holds, every wrong variant is refuted (by a counterexample or a
disproof) and no display disagrees with its check, 1 otherwise.
"""

from __future__ import annotations

import argparse
import fnmatch
import os
import re
import subprocess
import sys
from pathlib import Path

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from derivations._runner import modules_mentioning, verify


def _pin_hash_seed(argv: list[str] | None) -> None:
    """Re-run this command with ``PYTHONHASHSEED=0`` unless a seed is set explicitly.

    sympy's simplification can take different paths for different orders of set iteration, and
    those follow Python's hash seed; a fixed seed makes every run decide the same way (and lets a
    cached result stand for a fresh one).
    """
    if "PYTHONHASHSEED" in os.environ:
        return
    args = sys.argv[1:] if argv is None else argv
    env = {**os.environ, "PYTHONHASHSEED": "0"}
    sys.exit(
        subprocess.run(
            [sys.executable, "-m", "derivations", *args], check=False, env=env
        ).returncode
    )


def main(argv: list[str] | None = None) -> int:
    """Run the verification command."""
    _pin_hash_seed(argv)
    parser = argparse.ArgumentParser(prog="python -m derivations", description=__doc__)
    parser.add_argument("--json", type=Path, help="write the full report as JSON to this file")
    parser.add_argument("--no-cache", action="store_true", help="re-run every check")
    parser.add_argument("--jobs", type=int, default=None, help="parallel checks (default: cores)")
    parser.add_argument(
        "--only",
        metavar="GLOB",
        help="check only ids matching this glob, or, without a wildcard, this id or prefix "
        "('vae' means 'vae' and 'vae.*'); only the modules that mention its literal start are "
        "imported, so 'uses' into other modules are then not checked",
    )
    parser.add_argument("--quiet", action="store_true", help="no progress bar, summary only")
    args = parser.parse_args(argv)

    console = Console(stderr=True)
    patterns = [args.only] if args.only else []
    if args.only and not any(c in args.only for c in "*?["):
        patterns.append(f"{args.only}.*")  # a bare prefix: the id itself and its children
    select = (lambda cid: any(fnmatch.fnmatch(cid, p) for p in patterns)) if patterns else None
    columns = (
        TextColumn("checking claims"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        TextColumn("{task.description}"),
    )
    with Progress(*columns, console=console, disable=args.quiet, transient=True) as bar:
        task = bar.add_task("", total=None)

        def progress(done: int, total: int, label: str) -> None:
            bar.update(task, completed=done, total=total, description=label)

        literal = re.match(r"[^*?\[]+", args.only) if args.only else None
        modules = modules_mentioning(literal.group(0)) if literal else None
        report = verify(
            jobs=args.jobs,
            use_cache=not args.no_cache,
            select=select,
            progress=progress,
            modules=modules,
        )

    s = report.summary()
    table = Table(title="Verification", show_header=False)
    table.add_row(
        "claims",
        f"{s['claims']}: {s['general']} proved in general, {s['instance']} proved for an "
        f"instance, {s['numeric']} numeric, {s['cited']} cited",
    )
    table.add_row("definitions", str(s["definitions"]))
    table.add_row(
        "wrong variants refuted",
        f"{s['variants_rejected']} of {s['variants']} ({s['counterexamples']} by counterexample, "
        f"{s['disproofs']} by disproof)",
    )
    checked = s["claims"] - s["cited"]
    table.add_row("displays compared", f"{s['compared']} of {checked} agree with their check")
    table.add_row("taken from cache", f"{s['cached']} claims")
    table.add_row("failures", str(s["failures"]))
    table.add_row("time", f"{s['seconds']:.1f} s")
    console.print(table)
    if args.only and not s["claims"] + s["definitions"]:
        console.print(f"[red]FAIL[/red] --only {args.only!r} matches no claim or definition")
        return 1
    for line in report.failures():
        console.print(f"[red]FAIL[/red] {line}", highlight=False, soft_wrap=True)
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(report.to_json())
    return 1 if report.failures() else 0


if __name__ == "__main__":
    sys.exit(main())
