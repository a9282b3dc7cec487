"""The strict build publishes nothing unchecked: each failure mode stops it, naming page and id."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import ROOT
from scratch_site import CLAIMS, GOOD_PAGE, build, make_site

from derivations import entries, load_modules
from derivations.ledger import ledger_src

def test_checked_page_builds_with_badge(tmp_path: Path) -> None:
    """Assert a page whose claims hold builds, with its formula typeset and a symbolic badge."""
    code, log = build(tmp_path, GOOD_PAGE + "\nInline maths: $x^2$.\n")
    assert code == 0, log
    html = (tmp_path / "site" / "page" / "index.html").read_text()
    assert 'id="demo.expand"' in html and "vd-proved" in html and "42" in html
    assert html.count('class="katex-display"') == 2 and 'class="katex"' in html
    assert "arithmatex" not in html and "\\(" not in html and "$$" not in html


def test_undeclared_display_equation_fails(tmp_path: Path) -> None:
    """Assert a hand-written display equation stops the build, naming the page and line."""
    code, log = build(tmp_path, GOOD_PAGE + "\n$$\nx^2 = 2x\n$$\n")
    assert code != 0
    assert "docs/page.md" in log and "display equation that is neither a claim" in log


@pytest.mark.parametrize(
    "display",
    [
        "\\begin{cases} x & x > 0 \\\\ 0 & \\text{else} \\end{cases}",
        "\\begin{split} a &= b \\end{split}",
        "```x``` looks like a fence\n\n$$\nx = 2x\n$$",
    ],
    ids=["cases", "split", "inline-code-that-looks-like-a-fence"],
)
def test_display_in_disguise_fails(tmp_path: Path, display: str) -> None:
    """Assert environments and a line that only looks like a fence let no display through."""
    code, log = build(tmp_path, GOOD_PAGE + f"\n{display}\n")
    assert code != 0
    assert "docs/page.md" in log and "display equation that is neither a claim" in log


def test_display_printed_by_a_block_fails(tmp_path: Path) -> None:
    """Assert a display equation in a code block's output is refused (the rendered-page gate)."""
    page = GOOD_PAGE + '\n```python exec="on" id="prints-maths"\nprint("$$x^2 = 2x$$")\n```\n'
    code, log = build(tmp_path, page)
    assert code != 0
    assert "docs/page.md" in log and "display equation that is neither a claim" in log
    assert "x^2 = 2x" in log


def test_raw_tex_left_in_the_page_fails(tmp_path: Path) -> None:
    """Assert TeX that no extension typesets (inside raw HTML) stops the build."""
    code, log = build(tmp_path, GOOD_PAGE + "\n<div>the ratio \\frac{1}{2}</div>\n")
    assert code != 0
    assert "docs/page.md" in log and "TeX left untypeset" in log


@pytest.mark.parametrize(
    ("claims", "owner"),
    [
        (CLAIMS.replace('r"(x+1)^2 = x^2', 'r"\\frac{(x+1)^2 = x^2'), "claim 'demo.expand'"),
        (CLAIMS.replace('r"f(x) = x^2"', 'r"f(x) = \\squre{x}"'), "definition 'demo.square'"),
    ],
    ids=["unbalanced-brace", "undefined-macro"],
)
def test_latex_error_fails_naming_page_and_id(tmp_path: Path, claims: str, owner: str) -> None:
    """Assert a registry formula KaTeX cannot parse stops the build, naming page and id."""
    code, log = build(tmp_path, GOOD_PAGE, claims)
    assert code != 0
    assert f"docs/page.md:\n  {owner}: LaTeX error: KaTeX parse error" in log


def test_latex_error_in_prose_fails(tmp_path: Path) -> None:
    """Assert an inline formula with a TeX error stops the build, naming page and formula."""
    code, log = build(tmp_path, GOOD_PAGE + "\nA typo: $\\alpah + 1$.\n")
    assert code != 0
    assert "docs/page.md" in log and "LaTeX error in '\\\\alpah + 1'" in log


@pytest.mark.parametrize(
    ("script", "message"),
    [
        (None, "the maths renderer is missing"),
        ("this is not JavaScript (", "KaTeX failed to load"),
        (
            "var katex = {renderToString: function () {"
            " return '<span class=\"katex-error\">no</span>'; }};",
            "KaTeX drew an error element",
        ),
    ],
    ids=["missing", "crashes-on-load", "error-element"],
)
def test_broken_renderer_fails_naming_page_and_id(
    tmp_path: Path, script: str | None, message: str
) -> None:
    """Assert a missing, crashing or error-drawing renderer fails the build, never publishes."""
    bundle = tmp_path / "katex.js"
    if script is not None:
        bundle.write_text(script)
    code, log = build(tmp_path, GOOD_PAGE, env={"VERIFIED_KATEX_JS": str(bundle)})
    assert code != 0
    assert "docs/page.md" in log and message in log
    assert not (tmp_path / "site" / "page" / "index.html").exists()


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
    """Assert a code block that raises stops the build, naming page, block id and the error."""
    page = GOOD_PAGE + '\n```python exec="on" id="boom"\nraise ValueError("no")\n```\n'
    code, log = build(tmp_path, page)
    assert code != 0
    assert "docs/page.md: code block 'boom' raised" in log and "ValueError: no" in log


def test_sessions_belong_to_their_page(tmp_path: Path) -> None:
    """Assert two pages using the same session name do not share variables."""
    first = GOOD_PAGE + '\n```python exec="on" session="s" id="set"\nsecret = 1\n```\n'
    second = (
        '# Other\n\n```python exec="on" session="s" id="check"\n'
        'assert "secret" not in globals()\nprint("isolated")\n```\n'
    )
    code, log = build(tmp_path, first, extra_pages={"other.md": second})
    assert code == 0, log
    assert "isolated" in (tmp_path / "site" / "other" / "index.html").read_text()


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
    """Assert every claim and definition is on its page, with a badge, and in its ledger page."""
    load_modules()
    everything = entries()
    for entry in everything.values():
        html = (built_site / entry.page.removesuffix(".md") / "index.html").read_text()
        assert f'id="{entry.id}"' in html, f"{entry.id} not shown on {entry.page}"
        ledger = built_site / ledger_src(entry.page).removesuffix(".md") / "index.html"
        assert f'id="{entry.id}"' in ledger.read_text(), f"{entry.id} missing from {ledger}"
        if entry.kind == "claim":
            # the claim's own block: from its id to the next entry's id on the page
            start = html.index(f'id="{entry.id}"')
            later = [
                i
                for other in everything
                if other != entry.id and (i := html.find(f'id="{other}"', start + 1)) > start
            ]
            block = html[start : min(later, default=len(html))]
            badges = r'class="vd-badge vd-(proved|instance|numeric|cited)"'
            assert re.search(badges, block), f"{entry.id} has no badge on {entry.page}"


def test_ledger_index_lists_every_ledger_page(built_site: Path) -> None:
    """Assert the ledger index links each page's ledger, and each ledger page is under 1 MB."""
    index = (built_site / "ledger" / "index.html").read_text()
    pages = sorted((built_site / "ledger").glob("*/*/index.html"))
    load_modules()
    assert len(pages) == len({e.page for e in entries().values()})
    for page in pages:
        rel = page.parent.relative_to(built_site / "ledger").as_posix()
        assert f'href="{rel}/"' in index, f"the ledger index does not link {rel}"
        assert page.stat().st_size < 1_000_000, f"{page}: {page.stat().st_size} bytes"


def test_built_pages_hold_no_typesetter_and_no_raw_tex(built_site: Path) -> None:
    """Assert no page ships a client-side typesetter, and every formula is KaTeX output."""
    for html_file in built_site.rglob("*.html"):
        html = html_file.read_text()
        rel = html_file.relative_to(built_site)
        assert "mathjax" not in html.lower() and "katex.min.js" not in html, rel
        assert "arithmatex" not in html and 'class="vd-tex"' not in html, rel
    assert not [p for p in built_site.rglob("*") if "mathjax" in p.name.lower()]


def test_page_shows_scope_and_counts(tmp_path: Path) -> None:
    """Assert scopes and sources stand beside their badges, and the header counts the claims."""
    claims = CLAIMS.replace(
        "from derivations import GENERAL,", "from derivations import GENERAL, Instance, cited,"
    )
    claims += (
        'claim("demo.block", sp.Eq(x * (x + 2), x**2 + 2 * x),\n'
        '      wrong={"w": sp.Eq(x * (x + 2), x**2)},\n'
        '      scope=Instance("one 2-D block", "the map acts on each block separately"))\n'
        'cited("demo.cited", r"\\zeta(2) = \\frac{\\pi^2}{6}", source="Euler, 1734")\n'
    )
    page = GOOD_PAGE.replace("# Demo", "---\ndate: 2026-01-01\n---\n# Demo")
    page += "\n[[claim:demo.block]]\n\n[[claim:demo.cited]]\n"
    code, log = build(tmp_path, page, claims)
    assert code == 0, log
    html = (tmp_path / "site" / "page" / "index.html").read_text()
    assert "vd-instance" in html and "proved for one 2-D block; the map acts on each" in html
    assert "vd-cited" in html and "not checked here; see Euler, 1734" in html
    assert "3 claims on this page: 1 proved as shown, 1 proved for an instance" in html
