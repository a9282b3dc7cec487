"""MkDocs hooks: publish nothing that was not checked, and typeset every formula at build time.

Loaded by ``mkdocs.yml`` (``hooks:``). Before each build it runs ``python -m derivations`` in a
fresh process (so an edited claim module is always re-read) and fails the build on any failing
check. Then

* ``on_files`` adds one generated ledger page per site page (``ledger/<category>/<slug>.md``),
* ``on_page_markdown`` replaces ``[[claim:ID]]`` and ``[[def:ID]]`` lines by the formula, its
  badge and a link to its ledger entry (unknown ids fail the build), ``[[ledger]]`` by the
  ledger index, requires every executed code block to carry a unique ``id``, and points out
  hand-written display equations by line,
* page code runs through :mod:`derivations._exec` (per-page sessions; a block that raises fails
  the build naming page and block), behind the execution cache,
* ``on_post_page`` typesets the page's maths with KaTeX (:mod:`derivations._typeset`): a LaTeX
  error, display maths that is not a registry entry (block output included) or TeX left in the
  page fails the build, naming the page and the claim.

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
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, InclusionLevel
from mkdocs.utils import get_relative_url

log = logging.getLogger("mkdocs.hooks.verified")

TOKEN = re.compile(
    r"^(?P<indent>[ \t]*)\[\[(?P<kind>claim|def|ledger|summary)(?::(?P<id>[^\]\s]+))?\]\]\s*$"
)
FENCE = re.compile(r"^[ \t]*(?P<fence>`{3,}|~{3,})(?P<info>.*)$")
#: Hand-written display maths, pointed out by line (the rendered-page gate catches the rest).
DISPLAY = re.compile(
    r"\$\$|\\\[|\\begin\{(equation|align|gather|multline|eqnarray|displaymath|flalign|split|"
    r"cases|array|aligned|gathered|[pbBvV]?matrix)\*?\}"
)
EXEC = re.compile(r"""\bexec=["']?(on|1|true|yes)["']?""", re.IGNORECASE)
BLOCK_ID = re.compile(r"""\bid=["']([^"']+)["']""")
LEDGER_PAGE = "ledger.md"
ROOT = Path(__file__).resolve().parent.parent

_state: dict[str, Any] = {"results": {}, "summary": {}, "pages": set()}


def _cache_root() -> Path:
    return Path(os.environ.get("VERIFIED_CACHE_DIR") or ROOT / ".cache" / "verified")


def _forget_modules() -> None:
    """Drop ``snippets`` and ``derivations`` (but these hooks) from ``sys.modules``.

    ``mkdocs serve`` keeps one process alive; without this an edited ``snippets`` module would
    keep its old code until the server restarts.
    """
    for name in list(sys.modules):
        ours = name == "snippets" or name.startswith(("snippets.", "derivations"))
        if ours and name != "derivations._site":
            del sys.modules[name]


def _install_runner() -> None:
    """Run page blocks with per-page sessions, behind the execution cache (unless disabled)."""
    from derivations import _exec, _exec_cache

    runner = _exec.BlockRunner()
    _state["runner"] = runner
    if _exec_cache.disabled():
        _state["exec_cache"] = None
        _exec.install(runner)
        return
    base = _exec_cache.environment_digest() + _exec.runner_digest()
    cache = _exec_cache.ExecCache(_cache_root() / "exec", base, runner)
    _state["exec_cache"] = cache
    _exec.install(cache)


def _renderer() -> Any:
    """A KaTeX renderer for this build, reading the formulas earlier builds rendered."""
    from derivations import _katex

    _state["katex"] = katex = _katex.Katex(_katex.cache_file(_cache_root()))
    return katex


def on_pre_build(config: Any) -> None:
    """Verify every claim in a fresh process; any failure stops the build."""
    _forget_modules()
    _install_runner()
    from derivations._typeset import Formulas

    _state["formulas"] = Formulas()
    _renderer()
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "report.json"
        cmd = [sys.executable, "-m", "derivations", "--quiet", "--json", str(out)]
        if os.environ.get("VERIFIED_NO_CACHE", "") not in ("", "0"):
            cmd.append("--no-cache")
        # The hash seed the command would pin by re-running itself (see derivations.__main__).
        env = {"PYTHONHASHSEED": "0", **os.environ}
        proc = subprocess.run(cmd, check=False, capture_output=True, text=True, env=env)
        if not out.exists():
            raise PluginError(f"claim verification crashed:\n{proc.stderr}")
        data = json.loads(out.read_text())
    results = {r["id"]: r for r in data["results"]}
    if proc.returncode != 0:
        detail = "\n".join(data["failures"]) or proc.stderr
        raise PluginError(f"claims failed their checks:\n{detail}")
    _state["results"], _state["summary"] = results, data["summary"]
    s = data["summary"]
    log.info(
        "verified %d claims (%d proved in general, %d for an instance, %d numeric, %d cited), "
        "refuted %d/%d wrong variants, %d displays agree, in %.1f s (%d from cache)",
        s["claims"],
        s["general"],
        s["instance"],
        s["numeric"],
        s["cited"],
        s["variants_rejected"],
        s["variants"],
        s["compared"],
        s["seconds"],
        s["cached"],
    )


def _titles(files: Any) -> dict[str, str]:
    from derivations.ledger import page_title

    return {f.src_uri: page_title(f.abs_src_path, f.src_uri) for f in files.documentation_pages()}


def on_files(files: Any, config: Any) -> Any:
    """Every claim must belong to a page that exists; add the generated ledger pages."""
    from derivations.ledger import ledger_pages, ledger_src

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
    if files.get_file_from_path(LEDGER_PAGE) is None:
        return files
    _state["titles"] = titles = _titles(files)
    results, graphs = list(_state["results"].values()), _cache_root() / "graphs"
    for ledger in ledger_pages(results, titles, _state["formulas"], graphs):
        files.append(
            File.generated(
                config, ledger.src, content=ledger.markdown, inclusion=InclusionLevel.NOT_IN_NAV
            )
        )
        folder = ledger.src.removesuffix(".md")
        for name, text in ledger.attachments.items():
            files.append(File.generated(config, f"{folder}/{name}", content=text))
    _state["ledger_of"] = {page: ledger_src(page) for page in pages}
    return files


def _fence_mask(lines: list[str]) -> list[bool]:
    """True for every line that is inside (or delimits) a fenced code block.

    A fence opens only on a line that starts with the fence (after indentation) and closes on a
    bare fence at least as long; a line such as ```` ```x``` text ```` is inline code, not a
    fence, because a backtick fence's info string may not contain a backtick.
    """
    mask, open_fence = [], None
    for line in lines:
        m = FENCE.match(line)
        if open_fence is None:
            if m and not (m.group("fence")[0] == "`" and "`" in m.group("info")):
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


#: Badge of each status: CSS class and text (see docs/index.md, "How to read a claim").
BADGES = {
    "proved": ("vd-proved", "&#10003; proved"),
    "proved (instance)": ("vd-instance", "&#10003; proved for an instance"),
    "numeric": ("vd-numeric", "&#8776; numeric"),
    "cited": ("vd-cited", "cited"),
}


def _badge(r: dict) -> str:
    if r["kind"] == "definition":
        return (
            '<span class="vd-badge vd-definition" title="a definition: nothing to check">'
            "definition</span>"
        )
    css, text = BADGES[r["badge"]]
    timing = f"; checked in {r['seconds']:.2f} s" if r["badge"] != "cited" else ""
    title = html.escape(f"{r['method_detail']}{timing}")
    return f'<span class="vd-badge {css}" title="{title}">{text}</span>'


def scope_line(r: dict) -> str:
    """What the page says beside the badge, unless the claim was proved as displayed."""
    if r["kind"] == "definition" or r["badge"] == "proved":
        return ""
    if r["badge"] == "cited":
        text = f"not checked here; see {r['source']}"
    elif r["badge"] == "numeric":
        text = r["method_detail"].removeprefix("numeric: ")
        if r["scope"] != "general":
            text = f"for {r['scope']}: {text}"
    else:
        text = f"proved for {r['scope']}" + (f"; {r['scope_why']}" if r["scope_why"] else "")
    return f'<span class="vd-scope">{html.escape(text)}</span>'


def page_summary(results: list[dict], page: str) -> str:
    """How this page's claims were checked, counted from the report (never typed)."""
    claims = [r for r in results if r["kind"] == "claim" and r["page"] == page]
    if not claims:
        return ""
    counts = {b: sum(r["badge"] == b for r in claims) for b in BADGES}
    parts = [
        f"{counts['proved']} proved as shown",
        f"{counts['proved (instance)']} proved for an instance (named beside the badge)",
        f"{counts['numeric']} checked numerically",
        f"{counts['cited']} cited",
    ]
    return f"{len(claims)} claims on this page: " + ", ".join(parts) + "."


def render_entry(r: dict, ledger_url: str, here: str, formulas: Any) -> str:
    """HTML for one claim or definition as a page shows it (its formula is a placeholder)."""
    foreign = ""
    if r["page"] != here:
        foreign = f' <span class="vd-from">from {r["page"].rsplit("/", 1)[-1][:-3]}</span>'
    meta = (
        f'<div class="vd-meta">{_badge(r)} '
        f'<a class="vd-id" href="{ledger_url}#{r["id"]}" title="see the check in the ledger">'
        f"<code>{r['id']}</code></a>{foreign} {scope_line(r)}</div>"
    )
    anchor = f' id="{r["id"]}"' if r["page"] == here else ""
    owner = f"{'claim' if r['kind'] == 'claim' else 'definition'} '{r['id']}'"
    formula = formulas.place(r["latex"], display=True, owner=owner)
    return f'<div class="vd-{r["kind"]}"{anchor} markdown="1">\n\n{formula}\n{meta}\n\n</div>'


def _ledger_url(r: dict, page: Any, files: Any) -> str:
    ledger = files.get_file_from_path(_state.get("ledger_of", {}).get(r["page"], ""))
    return get_relative_url(ledger.url, page.url) if ledger else ""


def on_page_markdown(markdown: str, page: Any, config: Any, files: Any) -> str:
    """Check and expand the claim tokens of one page."""
    src = page.file.src_uri
    runner = _state.get("runner")
    if runner is not None:
        runner.page = src
    results = _state["results"]
    formulas = _state["formulas"]
    lines = markdown.split("\n")
    mask = _fence_mask(lines)
    errors: list[str] = []
    out: list[str] = []
    shown: set[str] = set()
    block_ids: set[str] = set()
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
                from derivations.ledger import index_markdown

                text = index_markdown(list(results.values()), _state.get("titles", {}))
            elif kind == "summary":
                text = site_summary(_state["summary"])
            elif cid not in results:
                errors.append(f"line {no}: unknown {kind} id '{cid}'")
                continue
            elif (results[cid]["kind"] == "claim") != (kind == "claim"):
                errors.append(f"line {no}: '{cid}' is a {results[cid]['kind']}, not a {kind}")
                continue
            else:
                shown.add(cid)
                r = results[cid]
                text = render_entry(r, _ledger_url(r, page, files), src, formulas)
            out.extend(indent + t if t else t for t in text.split("\n"))
            continue
        if page.file.generated_by is None and DISPLAY.search(line):
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
    summary = page_summary(list(results.values()), src)
    return _with_post_header("\n".join(out), page.meta, summary)


def site_summary(s: dict) -> str:
    """The whole site's counts, from the verification report (the ``[[summary]]`` token)."""
    checked = s["claims"] - s["cited"]
    return (
        f"Today the site states **{s['claims']} claims**: {s['general']} proved as shown, "
        f"{s['instance']} proved for an instance, {s['numeric']} checked numerically and "
        f"{s['cited']} cited, with {s['definitions']} definitions. Of their "
        f"{s['variants']} wrong variants, {s['variants_rejected']} were refuted "
        f"({s['counterexamples']} by a counterexample, {s['disproofs']} by a disproof), and "
        f"{s['compared']} of the "
        f"{checked} checked displays were parsed and agree with their statement."
    )


def post_header(meta: dict, summary: str = "") -> str:
    """The lines under a post's title: date, original title and post; how its claims fared."""
    parts = []
    if meta.get("date"):
        parts.append(f"Published {html.escape(str(meta['date']))}")
    if meta.get("source_title"):
        parts.append(f"original title: <em>{html.escape(str(meta['source_title']))}</em>")
    if meta.get("source_url"):
        parts.append(f'<a href="{html.escape(str(meta["source_url"]))}">original post</a>')
    out = f'<p class="vd-post-meta">{" &middot; ".join(parts)}</p>' if parts else ""
    if summary:
        out += f'\n<p class="vd-page-summary">{html.escape(summary)}</p>'
    return out


def _with_post_header(markdown: str, meta: dict, summary: str = "") -> str:
    header = post_header(meta, summary)
    if not header:
        return markdown
    lines = markdown.split("\n")
    mask = _fence_mask(lines)
    for i, (line, in_code) in enumerate(zip(lines, mask)):
        if not in_code and line.startswith("# "):
            return "\n".join([*lines[: i + 1], "", header, "", *lines[i + 1 :]])
    return f"{header}\n\n{markdown}"


def on_build_error(error: Exception) -> None:
    """Shut the maths renderer down when a build fails (``mkdocs serve`` goes on)."""
    katex = _state.get("katex")
    if katex is not None:
        katex.close()


@event_priority(-100)  # after the search plugin and the others have read the page
def on_post_page(output: str, page: Any, config: Any) -> str:
    """Typeset the page's maths; fail the build on any LaTeX error or untypeset formula."""
    from derivations._typeset import typeset

    out, problems = typeset(output, _state["formulas"], _state["katex"])
    if problems:
        raise PluginError(f"docs/{page.file.src_uri}:\n  " + "\n  ".join(problems))
    return out


def on_post_build(config: Any) -> None:
    """Keep the rendered formulas; report what ran and what came from the caches."""
    katex = _state.get("katex")
    if katex is not None:
        katex.close()
        katex.save()
        log.info(
            "maths: %d formulas rendered in %.2f s, %d from the cache",
            katex.misses,
            katex.seconds,
            katex.hits,
        )
    cache = _state.get("exec_cache")
    if cache is not None:
        log.info("code blocks: %d run, %d from the execution cache", cache.misses, cache.hits)
