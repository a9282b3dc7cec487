"""The strict build publishes nothing unchecked: each failure mode stops it, naming page and id."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
from conftest import ROOT, run_mkdocs_build

from derivations import entries, load_modules

CLAIMS = """
import sympy as sp
from derivations import claim, definition
PAGE = "page.md"
x = sp.Symbol("x", real=True)
definition("demo.square", r"f(x) = x^2", expr=x**2)
claim("demo.expand", sp.Eq((x + 1) ** 2, x**2 + 2 * x + 1),
      latex=r"(x+1)^2 = x^2 + 2x + 1",
      wrong={"cross term dropped": sp.Eq((x + 1) ** 2, x**2 + 1)}, uses=["demo.square"])
"""

GOOD_PAGE = """
# Demo

[[def:demo.square]]

[[claim:demo.expand]]

```python exec="on" id="demo-block"
print(6 * 7)
```
"""


def make_site(tmp_path: Path, page: str, claims: str = CLAIMS) -> tuple[Path, dict]:
    """Write a throw-away docs tree using the real hooks; return its config and environment."""
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "page.md").write_text(textwrap.dedent(page))
    (tmp_path / "claims.py").write_text(textwrap.dedent(claims))
    config = tmp_path / "mkdocs.yml"
    config.write_text(
        textwrap.dedent(
            f"""
            site_name: throwaway
            theme: {{name: mkdocs}}
            hooks: [{ROOT / "derivations" / "_site.py"}]
            plugins: [markdown-exec]
            markdown_extensions:
              - md_in_html
              - pymdownx.superfences
              - pymdownx.arithmatex: {{generic: true}}
            nav: [page.md]
            """
        )
    )
    env = {
        "VERIFIED_CLAIM_MODULES": str(tmp_path / "claims.py"),
        "VERIFIED_CACHE_DIR": str(tmp_path / "cache"),
    }
    return config, env


def build(tmp_path: Path, page: str, claims: str = CLAIMS) -> tuple[int, str]:
    """Build the throw-away tree strictly; return the exit code and all output."""
    config, env = make_site(tmp_path, page, claims)
    proc = run_mkdocs_build(tmp_path / "site", config, env)
    return proc.returncode, proc.stdout + proc.stderr


def test_checked_page_builds_with_badge(tmp_path: Path) -> None:
    """Assert a page whose claims hold builds, showing the formula and a symbolic badge."""
    code, log = build(tmp_path, GOOD_PAGE)
    assert code == 0, log
    html = (tmp_path / "site" / "page" / "index.html").read_text()
    assert 'id="demo.expand"' in html and "vd-symbolic" in html and "(x+1)^2" in html
    assert "42" in html


def test_undeclared_display_equation_fails(tmp_path: Path) -> None:
    """Assert a hand-written display equation stops the build, naming the page and line."""
    code, log = build(tmp_path, GOOD_PAGE + "\n$$\nx^2 = 2x\n$$\n")
    assert code != 0
    assert "docs/page.md" in log and "display equation that is neither a claim" in log


def test_unknown_claim_id_fails(tmp_path: Path) -> None:
    """Assert a token naming no registered claim stops the build, naming page and id."""
    code, log = build(tmp_path, GOOD_PAGE + "\n[[claim:demo.nowhere]]\n")
    assert code != 0
    assert "docs/page.md" in log and "unknown claim id 'demo.nowhere'" in log


def test_failing_claim_fails(tmp_path: Path) -> None:
    """Assert a claim whose check fails stops the build, naming page and claim."""
    bad = CLAIMS.replace("x**2 + 2 * x + 1)", "x**2 + 2 * x + 2)")
    code, log = build(tmp_path, GOOD_PAGE, bad)
    assert code != 0
    assert "docs/page.md: claim 'demo.expand' failed its check" in log


def test_raising_code_block_fails(tmp_path: Path) -> None:
    """Assert a code block that raises stops the build, naming page and block id."""
    page = GOOD_PAGE + '\n```python exec="on" id="boom"\nraise ValueError("no")\n```\n'
    code, log = build(tmp_path, page)
    assert code != 0
    assert "docs/page.md: code block 'boom' raised" in log and "ValueError" in log


@pytest.mark.parametrize(
    ("page", "message"),
    [
        (GOOD_PAGE + '\n```python exec="on"\nprint(1)\n```\n', "has no id"),
        (GOOD_PAGE.replace("[[claim:demo.expand]]", ""), "registered for this page but not shown"),
        (GOOD_PAGE + "\n[[claim:demo.square]]\n", "is a definition, not a claim"),
    ],
    ids=["block-without-id", "claim-not-shown", "definition-as-claim"],
)
def test_other_page_defects_fail(tmp_path: Path, page: str, message: str) -> None:
    """Assert blocks without id, unshown claims and mistyped tokens stop the build."""
    code, log = build(tmp_path, page)
    assert code != 0 and "docs/page.md" in log and message in log


def test_real_site_shows_every_entry_with_its_status(built_site: Path) -> None:
    """Assert the strict build renders every claim and definition on its page and in the ledger."""
    load_modules()
    ledger = (built_site / "ledger" / "index.html").read_text()
    for entry in entries().values():
        html = (built_site / entry.page.removesuffix(".md") / "index.html").read_text()
        assert f'id="{entry.id}"' in html, f"{entry.id} not shown on {entry.page}"
        assert f'id="{entry.id}"' in ledger, f"{entry.id} missing from the ledger"
        if entry.kind == "claim":
            badge = html[html.index(f'id="{entry.id}"') :][:3000]
            assert "vd-symbolic" in badge or "vd-numeric" in badge


def test_every_rendered_display_equation_comes_from_the_registry(built_site: Path) -> None:
    """Assert each display equation in the built pages sits inside a claim or definition box.

    This also covers output printed by code blocks, which the source scan cannot see.
    """
    import re

    for html_file in built_site.rglob("index.html"):
        if html_file.parent.name == "ledger":
            continue  # the ledger renders the registry itself
        html = html_file.read_text()
        total = html.count('<div class="arithmatex">')
        boxed = len(
            re.findall(
                r'<div class="vd-(?:claim|definition)"[^>]*>\s*<div class="arithmatex">', html
            )
        )
        assert total == boxed, f"{html_file.relative_to(built_site)}: {total - boxed} unboxed"
