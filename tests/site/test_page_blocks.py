"""The code blocks of every page run under pytest, as at build time (sessions honoured).

Sybil finds the fenced blocks that markdown-exec executes (``exec="on"``); blocks sharing a
``session`` share one namespace within their page, and blocks run in page order.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

import pytest
from conftest import ROOT
from sybil import Document, Example, Region, Sybil
from sybil.parsers.markdown.lexers import RawFencedCodeBlockLexer

DOCS = ROOT / "docs"
EXEC = re.compile(r"""\bexec=["']?(on|1|true|yes)["']?""", re.IGNORECASE)
SESSION = re.compile(r"""\bsession=["']([^"']+)["']""")
BLOCK_ID = re.compile(r"""\bid=["']([^"']+)["']""")
LEXER = RawFencedCodeBlockLexer(
    info_pattern=re.compile(r"python(?P<options>[^\n]*)$\n", re.MULTILINE),
    mapping={"options": "options", "source": "source"},
)


def _evaluate(example: Example) -> None:
    session, block_id, source = example.parsed
    sessions = example.namespace.setdefault("_sessions", {})
    namespace = sessions.setdefault(session, {}) if session else {}
    namespace.setdefault("__name__", f"page_block_{session or block_id}")
    exec(compile(source, f"{example.path} [block {block_id}]", "exec"), namespace)


def parse_exec_blocks(document: Document) -> Iterable[Region]:
    """Yield one region per executed Python block, parsed as (session, id, source)."""
    for region in LEXER(document):
        options = region.lexemes["options"]
        if not EXEC.search(options):
            continue
        session = SESSION.search(options)
        block_id = BLOCK_ID.search(options)
        region.parsed = (
            session.group(1) if session else None,
            block_id.group(1) if block_id else "?",
            str(region.lexemes["source"]),
        )
        region.evaluator = _evaluate
        yield region


SYBIL = Sybil(parsers=[parse_exec_blocks], path=str(DOCS), patterns=["**/*.md"])
PAGES = sorted(p for p in DOCS.rglob("*.md") if 'exec="' in p.read_text())


# Every page's code is whole-site work, and the real site's strict build (tests/site/) runs
# it too: out of both lanes, run it for a page's block times (`pytest -m blocks --durations=0`).
@pytest.mark.slow
@pytest.mark.blocks
@pytest.mark.parametrize("page", PAGES, ids=[str(p.relative_to(DOCS)) for p in PAGES])
def test_page_blocks_run(page: Path) -> None:
    """Assert every executed block of the page runs without raising, in page order."""
    document = SYBIL.parse(page)
    examples = list(document.examples())
    assert examples, f"{page} has exec blocks but none were parsed"
    for example in examples:
        example.evaluate()


def test_sessions_share_state_and_failures_raise(tmp_path: Path) -> None:
    """Assert blocks of one session share names, other blocks do not, and a raise propagates."""
    page = tmp_path / "page.md"
    page.write_text(
        '```python exec="on" session="s" id="a"\nvalue = 41\n```\n\n'
        '```python exec="on" session="s" id="b"\nvalue += 1\nassert value == 42\n```\n\n'
        '```python exec="on" id="c"\nassert "value" not in globals()\n```\n\n'
        "```python\nnot executed at all (\n```\n\n"
        '```python exec="on" session="s" id="d"\nassert value == 43, "boom"\n```\n'
    )
    sybil = Sybil(parsers=[parse_exec_blocks], path=str(tmp_path), patterns=["*.md"])
    examples = list(sybil.parse(page).examples())
    assert [e.parsed[1] for e in examples] == ["a", "b", "c", "d"]
    for example in examples[:3]:
        example.evaluate()
    with pytest.raises(AssertionError, match="boom"):
        examples[3].evaluate()
