"""Benchmark of authoring speed: ``make bench`` (``python benchmarks/authoring.py``).

Copies the tracked files of the repository to a temporary folder (so nothing here is edited) and
times, on this machine: a cold full build (empty caches), a warm build with nothing changed, a
rebuild after editing one page, a rebuild after editing one ``snippets`` module, a full
verification of every claim without cache, and the full test suite. Prints a table.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PAGE = "docs/posts/mathematics/position-encoding/rope-geometry.md"
SNIPPET = "snippets/position_encoding/rope.py"


def copy_tree(dest: Path) -> None:
    """Copy the files git tracks (as they are in the working tree) to ``dest``."""
    files = subprocess.run(
        ["git", "ls-files"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout.split()
    for name in files:
        target = dest / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / name, target)


LOGS: list[str] = []


def timed(cmd: list[str], cwd: Path, env: dict) -> float:
    """Run ``cmd`` and return its wall time; fail loudly if it fails (its log is kept)."""
    start = time.perf_counter()
    proc = subprocess.run(cmd, check=False, cwd=cwd, env=env, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if proc.returncode != 0:
        sys.exit(f"{' '.join(cmd)} failed:\n{proc.stdout[-3000:]}\n{proc.stderr[-3000:]}")
    LOGS.append(proc.stderr)
    return elapsed


def serve_reload(work: Path, env: dict) -> float:
    """Seconds from saving an edited page to ``mkdocs serve`` serving the edit."""
    port = 8765
    url = f"http://127.0.0.1:{port}/" + PAGE.removeprefix("docs/").removesuffix(".md") + "/"
    cmd = [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}"]
    server = subprocess.Popen(
        cmd, cwd=work, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    try:
        _wait_for(url, "</html>", 600)
        marker = f"edited-{time.time_ns()}"
        start = time.perf_counter()
        with (work / PAGE).open("a") as f:
            f.write(f"\nA sentence that says {marker}.\n")
        _wait_for(url, marker, 300)
        return time.perf_counter() - start
    finally:
        server.terminate()
        server.wait(timeout=30)


def _wait_for(url: str, text: str, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                if text in response.read().decode():
                    return
        except OSError:
            pass
        time.sleep(0.2)
    sys.exit(f"{url} did not show {text!r} within {timeout} s")


def main() -> None:
    """Run every measurement and print the table."""
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp) / "repo"
        copy_tree(work)
        env = {
            **os.environ,
            "PYTHONPATH": str(work),
            "VERIFIED_CACHE_DIR": str(Path(tmp) / "cache"),
            "NO_MKDOCS_2_WARNING": "1",
        }
        build = [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(Path(tmp) / "s")]
        rows = []
        rows.append(("cold full build (empty caches)", timed(build, work, env)))
        maths = re.search(r"maths: .*", LOGS[-1])
        biggest = max((Path(tmp) / "s").rglob("*.html"), key=lambda f: f.stat().st_size)
        largest = (biggest.relative_to(Path(tmp) / "s"), biggest.stat().st_size)
        rows.append(("warm build, nothing changed", timed(build, work, env)))
        with (work / PAGE).open("a") as f:
            f.write("\nAn edited sentence.\n")
        rows.append(("rebuild after editing one page", timed(build, work, env)))
        with (work / SNIPPET).open("a") as f:
            f.write("\n# an edited comment\n")
        rows.append(("rebuild after editing one snippets module", timed(build, work, env)))
        rows.append(("mkdocs serve: edited page served after", serve_reload(work, env)))
        verify = [sys.executable, "-m", "derivations", "--no-cache", "--quiet"]
        rows.append(("full verification of every claim (no cache)", timed(verify, work, env)))
        tests = [sys.executable, "-m", "pytest", "-q", "-x"]
        rows.append(("full test suite", timed(tests, work, env)))
    cold = rows[0][1]
    width = max(len(name) for name, _ in rows)
    print(f"{'measurement':<{width}}  seconds  vs cold build")
    for name, seconds in rows:
        print(f"{name:<{width}}  {seconds:7.1f}  {seconds / cold:6.2f}")
    print(f"\ncold build {maths.group(0) if maths else '(no maths line)'}")
    print(f"largest page: {largest[0]} ({largest[1]:,} bytes)")
    print(f"{os.cpu_count()} cores; target: warm build under a quarter of the cold build.")


if __name__ == "__main__":
    main()
