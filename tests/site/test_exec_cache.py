"""The execution cache of page blocks: a hit is indistinguishable from a run, edits re-run."""

from __future__ import annotations

from pathlib import Path

from conftest import run_mkdocs_build
from scratch_site import CLAIMS, GOOD_PAGE, make_site

BLOCKS = """

```python exec="on" session="s" id="first"
import os
with open(os.environ["BLOCK_LOG"], "a") as log:
    log.write("first\\n")
base = 40
print(f"first: {base}")
```

```python exec="on" session="s" id="second"
with open(os.environ["BLOCK_LOG"], "a") as log:
    log.write("second\\n")
print(f"second: {base + 2}")
```
"""


def build_and_read(tmp_path: Path, page: str, extra_env: dict | None = None) -> tuple[str, list]:
    """Build the throw-away site; return the page's HTML and the blocks that actually ran."""
    log = tmp_path / "ran.log"
    log.write_text("")
    (tmp_path / "docs" / "page.md").write_text(page)
    config = tmp_path / "mkdocs.yml"
    env = {
        "VERIFIED_CLAIM_MODULES": str(tmp_path / "claims.py"),
        "VERIFIED_CACHE_DIR": str(tmp_path / "cache"),
        "BLOCK_LOG": str(log),
        **(extra_env or {}),
    }
    proc = run_mkdocs_build(tmp_path / "site", config, env)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    html = (tmp_path / "site" / "page" / "index.html").read_text()
    return html, log.read_text().split()


def test_cache_hit_equals_run_and_edits_rerun(tmp_path: Path) -> None:
    """Assert a warm build runs nothing yet renders the same page, and edits re-run blocks."""
    make_site(tmp_path, GOOD_PAGE, CLAIMS)
    page = GOOD_PAGE + BLOCKS
    cold, ran = build_and_read(tmp_path, page)
    assert ran == ["first", "second"] and "second: 42" in cold

    warm, ran = build_and_read(tmp_path, page)
    assert ran == [] and warm == cold

    # Editing the second block replays the first (to rebuild the session) and runs the second.
    edited, ran = build_and_read(tmp_path, page.replace("base + 2", "base + 3"))
    assert ran == ["first", "second"] and "second: 43" in edited and "first: 40" in edited

    # Editing the first block changes the key of every block after it in its session.
    _, ran = build_and_read(tmp_path, page.replace("base = 40", "base = 50"))
    assert ran == ["first", "second"]


def test_no_cache_forces_full_rerun(tmp_path: Path) -> None:
    """Assert VERIFIED_NO_CACHE=1 runs every block even when all are cached."""
    make_site(tmp_path, GOOD_PAGE, CLAIMS)
    page = GOOD_PAGE + BLOCKS
    build_and_read(tmp_path, page)
    _, ran = build_and_read(tmp_path, page, {"VERIFIED_NO_CACHE": "1"})
    assert ran == ["first", "second"]


def test_replayed_block_error_names_its_own_block(tmp_path: Path) -> None:
    """Assert a cached block that fails when replayed is named in the error, not the new one."""
    make_site(tmp_path, GOOD_PAGE, CLAIMS)
    fragile = BLOCKS.replace(
        "base = 40\n", 'base = 40\nassert not os.environ.get("BREAK_FIRST"), "first broke"\n'
    )
    page = GOOD_PAGE + fragile
    build_and_read(tmp_path, page)
    (tmp_path / "docs" / "page.md").write_text(page.replace("base + 2", "base + 3"))
    config = tmp_path / "mkdocs.yml"
    env = {
        "VERIFIED_CLAIM_MODULES": str(tmp_path / "claims.py"),
        "VERIFIED_CACHE_DIR": str(tmp_path / "cache"),
        "BLOCK_LOG": str(tmp_path / "ran.log"),
        "BREAK_FIRST": "1",
    }
    proc = run_mkdocs_build(tmp_path / "site", config, env)
    log = proc.stdout + proc.stderr
    assert proc.returncode != 0
    assert "docs/page.md: code block 'first' raised" in log and "first broke" in log
