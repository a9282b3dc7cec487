"""MkDocs hooks: publish nothing that was not checked.

Loaded by ``mkdocs.yml`` (``hooks:``). Before each build it runs ``python -m derivations`` in a
fresh process (so an edited claim module is always re-read) and fails the build on any failing
check. On each page it

* rejects display equations that are not rendered from the registry,
* replaces ``[[claim:ID]]`` and ``[[def:ID]]`` lines by the formula, its status badge and a link
  to its ledger entry (unknown ids fail the build),
* requires every executed code block to carry an ``id``, and fails the build, naming the page and
  the block, when a block raises,
* replaces ``[[ledger]]`` by the ledger of every claim.

Every error names the page (``docs/...``) and the claim or block id.
"""

from __future__ import annotations

import html
import json
import logging
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

from mkdocs.exceptions import PluginError
from mkdocs.utils import get_relative_url

log = logging.getLogger("mkdocs.hooks.verified")

TOKEN = re.compile(
    r"^(?P<indent>[ \t]*)\[\[(?P<kind>claim|def|ledger)(?::(?P<id>[^\]\s]+))?\]\]\s*$"
)
FENCE = re.compile(r"^[ \t]*(?P<fence>`{3,}|~{3,})(?P<info>.*)$")
DISPLAY = re.compile(r"\$\$|\\\[|\\begin\{(equation|align|gather|multline|eqnarray|displaymath)")
EXEC = re.compile(r"""\bexec=["']?(on|1|true|yes)["']?""", re.IGNORECASE)
BLOCK_ID = re.compile(r"""\bid=["']([^"']+)["']""")
LEDGER_PAGE = "ledger.md"

_state: dict[str, Any] = {"results": {}, "summary": {}, "pages": set(), "exec_errors": []}


class _ExecErrors(logging.Handler):
    """Collects markdown-exec's "code block ... exited with errors" warnings."""

    def emit(self, record: logging.LogRecord) -> None:
        message = record.getMessage()
        if "Execution of " in message and "code block" in message:
            _state["exec_errors"].append(message)


_handler = _ExecErrors(level=logging.WARNING)


def on_startup(command: str, dirty: bool) -> None:
    """Attach the code-block error collector once per process."""
    logger = logging.getLogger("mkdocs")
    if _handler not in logger.handlers:
        logger.addHandler(_handler)


def _forget_modules() -> None:
    """Drop ``snippets`` and the ledger renderer from ``sys.modules`` and reset exec sessions.

    ``mkdocs serve`` keeps one process alive; without this an edited ``snippets`` module would
    keep its old code until the server restarts.
    """
    for name in list(sys.modules):
        if name == "snippets" or name.startswith(("snippets.", "derivations")):
            if name != "derivations._site":
                del sys.modules[name]
    try:
        from markdown_exec._internal.formatters import python as mx_python

        mx_python._sessions_globals.clear()
    except (ImportError, AttributeError):  # pragma: no cover - layout of a future markdown-exec
        log.debug("could not reset markdown-exec sessions")


ROOT = Path(__file__).resolve().parent.parent


def _install_exec_cache() -> None:
    """Route markdown-exec's Python runner through the execution cache (unless disabled)."""
    from markdown_exec._internal.formatters import python as mx_python

    from derivations import _exec_cache

    original = getattr(mx_python, "_verified_original_run", mx_python._run_python)
    mx_python._verified_original_run = original
    if _exec_cache.disabled():
        mx_python._run_python = original
        _state["exec_cache"] = None
        return
    folder = Path(os.environ.get("VERIFIED_CACHE_DIR") or ROOT / ".cache" / "verified") / "exec"
    base = _exec_cache.source_digest([ROOT / "snippets", ROOT / "derivations"])
    base += _exec_cache.environment_digest()
    cache = _exec_cache.ExecCache(folder, base, original)
    mx_python._run_python = cache
    _state["exec_cache"] = cache


def on_pre_build(config: Any) -> None:
    """Verify every claim in a fresh process; any failure stops the build."""
    _forget_modules()
    _install_exec_cache()
    _state["exec_errors"].clear()
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "report.json"
        cmd = [sys.executable, "-m", "derivations", "--quiet", "--json", str(out)]
        if os.environ.get("VERIFIED_NO_CACHE", "") not in ("", "0"):
            cmd.append("--no-cache")
        proc = subprocess.run(cmd, capture_output=True, text=True, env=os.environ.copy())
        if not out.exists():
            raise PluginError(f"claim verification crashed:\n{proc.stderr}")
        data = json.loads(out.read_text())
    results = {r["id"]: r for r in data["results"]}
    failures = [line for line in proc.stderr.splitlines() if line.startswith("FAIL ")]
    if proc.returncode != 0:
        detail = "\n".join(failures) or proc.stderr
        raise PluginError(f"claims failed their checks:\n{detail}")
    _state["results"], _state["summary"] = results, data["summary"]
    s = data["summary"]
    log.info(
        "verified %d claims (%d symbolic, %d numeric), rejected %d/%d wrong variants "
        "in %.1f s (%d from cache)",
        s["claims"],
        s["symbolic"],
        s["numeric"],
        s["variants_rejected"],
        s["variants"],
        s["seconds"],
        s["cached"],
    )


def on_files(files: Any, config: Any) -> Any:
    """Every claim must belong to a page that exists."""
    pages = {f.src_uri for f in files.documentation_pages()}
    _state["pages"] = pages
    missing = [
        f"docs/{r['page']}: {r['kind']} '{r['id']}' is registered for this page, "
        "which does not exist"
        for r in _state["results"].values()
        if r["page"] not in pages
    ]
    if missing:
        raise PluginError("\n".join(missing))
    return files


def _fence_mask(lines: list[str]) -> list[bool]:
    """True for every line that is inside (or delimits) a fenced code block."""
    mask, open_fence = [], None
    for line in lines:
        m = FENCE.match(line)
        if open_fence is None:
            if m:
                open_fence = m.group("fence")
                mask.append(True)
                continue
            mask.append(False)
        else:
            mask.append(True)
            if (
                m
                and m.group("fence")[0] == open_fence[0]
                and len(m.group("fence")) >= len(open_fence)
                and not m.group("info").strip()
            ):
                open_fence = None
    return mask


def _badge(r: dict) -> str:
    if r["kind"] == "definition":
        return (
            '<span class="vd-badge vd-definition" title="a definition: nothing to check">'
            "definition</span>"
        )
    fallback = " (fallback)" if r.get("fallback") else ""
    title = f"{r['method_detail']}; checked in {r['seconds']:.2f} s".replace('"', "'")
    return (
        f'<span class="vd-badge vd-{r["method"]}" title="{title}">'
        f"&#10003; {r['method']}{fallback}</span>"
    )


def render_entry(r: dict, ledger_url: str, here: str) -> str:
    """Markdown for one claim or definition as a page shows it."""
    foreign = ""
    if r["page"] != here:
        foreign = f' <span class="vd-from">from {r["page"].rsplit("/", 1)[-1][:-3]}</span>'
    meta = (
        f'<div class="vd-meta">{_badge(r)} '
        f'<a class="vd-id" href="{ledger_url}#{r["id"]}" title="see the check in the ledger">'
        f"<code>{r['id']}</code></a>{foreign}</div>"
    )
    anchor = f' id="{r["id"]}"' if r["page"] == here else ""
    return (
        f'<div class="vd-{r["kind"]}"{anchor} markdown="1">\n\n$$\n{r["latex"]}\n$$\n\n'
        f"{meta}\n\n</div>"
    )


def on_page_markdown(markdown: str, page: Any, config: Any, files: Any) -> str:
    """Check and expand the claim tokens of one page."""
    src = page.file.src_uri
    results = _state["results"]
    lines = markdown.split("\n")
    mask = _fence_mask(lines)
    errors: list[str] = []
    out: list[str] = []
    shown: set[str] = set()
    block_ids: set[str] = set()
    ledger = files.get_file_from_path(LEDGER_PAGE)
    ledger_url = get_relative_url(ledger.url, page.url) if ledger else ""
    # MkDocs strips the front matter: count its lines back so errors point at the file's line.
    raw = Path(page.file.abs_src_path).read_text() if page.file.abs_src_path else markdown
    offset = 1 + raw.count("\n") - markdown.count("\n")
    for no, (line, in_code) in enumerate(zip(lines, mask), start=offset):
        if in_code:
            m = FENCE.match(line)
            if m and EXEC.search(m.group("info")):
                bid = BLOCK_ID.search(m.group("info"))
                if not bid:
                    errors.append(f'line {no}: executed code block has no id="..."')
                elif bid.group(1) in block_ids:
                    errors.append(f"line {no}: code block id '{bid.group(1)}' is used twice")
                else:
                    block_ids.add(bid.group(1))
            out.append(line)
            continue
        m = TOKEN.match(line)
        if m:
            kind, cid, indent = m.group("kind"), m.group("id"), m.group("indent")
            if kind == "ledger":
                from derivations.ledger import ledger_markdown

                text = ledger_markdown(list(results.values()), page, files)
            elif cid not in results:
                errors.append(f"line {no}: unknown {kind} id '{cid}'")
                continue
            elif (results[cid]["kind"] == "claim") != (kind == "claim"):
                errors.append(f"line {no}: '{cid}' is a {results[cid]['kind']}, not a {kind}")
                continue
            else:
                shown.add(cid)
                text = render_entry(results[cid], ledger_url, src)
            out.extend(indent + t if t else t for t in text.split("\n"))
            continue
        if DISPLAY.search(line):
            errors.append(
                f"line {no}: display equation that is neither a claim nor a definition: "
                f"{line.strip()[:80]!r}; register it in derivations/ and write [[claim:ID]] "
                "or [[def:ID]]"
            )
        out.append(line)
    for r in results.values():
        if r["page"] == src and r["id"] not in shown:
            errors.append(f"{r['kind']} '{r['id']}' is registered for this page but not shown")
    if errors:
        raise PluginError(f"docs/{src}:\n  " + "\n  ".join(errors))
    return _with_post_header("\n".join(out), page.meta)


def post_header(meta: dict) -> str:
    """The line under a post's title: its date, its original title and the original post."""
    parts = []
    if meta.get("date"):
        parts.append(f"Published {html.escape(str(meta['date']))}")
    if meta.get("source_title"):
        parts.append(f"original title: <em>{html.escape(str(meta['source_title']))}</em>")
    if meta.get("source_url"):
        parts.append(f'<a href="{html.escape(str(meta["source_url"]))}">original post</a>')
    if not parts:
        return ""
    return f'<p class="vd-post-meta">{" &middot; ".join(parts)}</p>'


def _with_post_header(markdown: str, meta: dict) -> str:
    header = post_header(meta)
    if not header:
        return markdown
    lines = markdown.split("\n")
    mask = _fence_mask(lines)
    for i, (line, in_code) in enumerate(zip(lines, mask)):
        if not in_code and line.startswith("# "):
            return "\n".join([*lines[: i + 1], "", header, "", *lines[i + 1 :]])
    return f"{header}\n\n{markdown}"


def on_post_build(config: Any) -> None:
    """Report how many code blocks ran and how many came from the execution cache."""
    cache = _state.get("exec_cache")
    if cache is not None:
        log.info("code blocks: %d run, %d from the execution cache", cache.misses, cache.hits)


def on_page_content(html: str, page: Any, config: Any, files: Any) -> str:
    """Fail the build when a code block of this page raised."""
    if _state["exec_errors"]:
        messages = list(_state["exec_errors"])
        _state["exec_errors"].clear()
        parts = []
        for msg in messages:
            bid = re.search(r"code block '([^']*)'", msg)
            name = bid.group(1) if bid else "?"
            parts.append(f"code block '{name}' raised:\n{msg}")
        raise PluginError(f"docs/{page.file.src_uri}: " + "\n".join(parts))
    return html
