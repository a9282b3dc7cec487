"""The ledger: every claim of the site, what it shows, what is checked, and what it uses.

Generated at build time from the report of ``python -m derivations``: one ledger page per site
page (``ledger/<category>/<slug>.md``, listed by :func:`ledger_pages`) and an index
(``docs/ledger.md``, the ``[[ledger]]`` token, :func:`index_markdown`) with the counts of each.
Each page draws its "uses" graph (as Lean blueprints do) as an SVG whose nodes link to the
entries. Formulas are placed with :class:`derivations._typeset.Formulas` and typeset with the
rest of the page: what the page shows as on the page, the checked statements and the wrong
variants as MathML alone (a tenth of the size of KaTeX's HTML). A checked statement longer than
:data:`TYPESET_LIMIT` characters of LaTeX is shown in a bounded form (its size and its start),
with the full text in a file of its own.
"""

from __future__ import annotations

import hashlib
import html
import io
import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import networkx as nx

from derivations._registry import PAGE_ROOT
from derivations._typeset import Formulas

_COLOURS = {
    "pass": "#2e7d32",
    "fail": "#c62828",
    "definition": "#1565c0",
    "cited": "#6a1b9a",
    "other": "#9e9e9e",
}
#: A checked statement with more LaTeX than this is not typeset in the ledger.
TYPESET_LIMIT = 3000
#: How much of a long statement's text the ledger shows inline.
PREVIEW_CHARS = 600
INDEX_PAGE = "ledger.md"


def ledger_src(page: str) -> str:
    """The ledger page of a site page: ``posts/mathematics/a/b.md`` -> ``ledger/a/b.md``.

    Examples:
        >>> ledger_src("posts/mathematics/matrix/spectral-norm.md")
        'ledger/matrix/spectral-norm.md'
        >>> ledger_src("page.md")
        'ledger/page.md'
    """
    rel = page.removeprefix(PAGE_ROOT + "/")
    return f"ledger/{rel}"


def page_title(path: str | None, fallback: str) -> str:
    """Title of a documentation page: its front-matter ``title`` or first heading."""
    if not path:
        return fallback
    text = Path(path).read_text()
    m = re.search(r"^title:\s*['\"]?(.+?)['\"]?\s*$", text, re.MULTILINE) or re.search(
        r"^#\s+(.+)$", text, re.MULTILINE
    )
    return m.group(1) if m else fallback


def uses_graph_svg(
    results: list[dict], page: str, href: Callable[[str], str], cache: Path | None = None
) -> str:
    """SVG of the "uses" graph of one page's entries, plus the entries they use elsewhere.

    Args:
        results: Report entries (dicts) of the whole site.
        page: The page (``docs``-relative path) whose graph to draw.
        href: The link of a node, by id.
        cache: Folder of drawn graphs, keyed by what they show (drawing takes matplotlib).

    Returns:
        An ``<svg>`` element (empty string for a page without entries).
    """
    by_id = {r["id"]: r for r in results}
    graph = nx.DiGraph()
    for r in results:
        if r["page"] == page:
            graph.add_node(r["id"])
            for used in r.get("uses", []):
                if used in by_id:
                    graph.add_edge(used, r["id"])
    if graph.number_of_nodes() == 0:
        return ""
    nodes = []
    for node in sorted(graph.nodes):
        r = by_id[node]
        here = r["page"] == page
        status = r["status"] if here else "other"
        label = node.split(".", 1)[-1] if here else f"{node} (elsewhere)"
        nodes.append((node, label, _COLOURS.get(status, _COLOURS["other"]), href(node)))
    edges = sorted(graph.edges)
    key = hashlib.sha256(json.dumps([nodes, edges, GRAPH_STYLE]).encode()).hexdigest()[:24]
    cached = cache / f"{key}.svg" if cache is not None else None
    if cached is not None and cached.exists():
        return cached.read_text()
    svg = _draw(graph, nodes, edges)
    if cached is not None:
        cached.parent.mkdir(parents=True, exist_ok=True)
        cached.write_text(svg)
    return svg


#: Part of a drawn graph's cache key: change it when :func:`_draw` changes.
GRAPH_STYLE = "left-to-right generations, 2.1 in per column, 0.42 in per row, v1"


def _draw(graph: nx.DiGraph, nodes: list[tuple[str, str, str, str]], edges: list) -> str:
    import matplotlib as mpl
    from matplotlib.figure import Figure

    layers = [sorted(layer) for layer in nx.topological_generations(graph)]
    height = max(len(layer) for layer in layers)
    # Left to right: a column per generation, so long chains grow the figure sideways.
    pos = {
        node: (depth, (height - len(layer)) / 2 + i)
        for depth, layer in enumerate(layers)
        for i, node in enumerate(layer)
    }
    fig = Figure(figsize=(2.1 * len(layers) + 0.4, 0.42 * height + 0.4))
    ax = fig.add_axes((0, 0, 1, 1))
    ax.set_axis_off()
    boxes = {}
    for node, label, colour, url in nodes:
        x, y = pos[node]
        boxes[node] = ax.text(
            x,
            y,
            label,
            ha="center",
            va="center",
            fontsize=8,
            color="white",
            url=url,
            bbox={"boxstyle": "round,pad=0.3", "fc": colour, "ec": "none"},
        )
    for u, v in edges:
        ax.annotate(
            "",
            xy=(0, 0.5),
            xycoords=boxes[v],
            xytext=(1, 0.5),
            textcoords=boxes[u],
            arrowprops={
                "arrowstyle": "->",
                "color": "#888888",
                "lw": 0.7,
                "shrinkA": 4,
                "shrinkB": 4,
            },
        )
    ax.set_xlim(-0.55, len(layers) - 0.45)
    ax.set_ylim(height - 0.5, -0.5)
    buf = io.StringIO()
    with mpl.rc_context({"svg.hashsalt": "verified-derivations"}):
        fig.savefig(buf, format="svg", metadata={"Date": None})
    svg = buf.getvalue()
    return svg[svg.index("<svg") :]


@dataclass(frozen=True)
class LedgerPage:
    """One generated ledger page: its source path, its Markdown, and side files (full texts)."""

    src: str
    markdown: str
    attachments: dict[str, str]


def _esc(text: Any) -> str:
    return html.escape(str(text))


def _pre(text: str) -> str:
    return f"<pre><code>{_esc(text)}</code></pre>"


def status_text(r: dict) -> str:
    """What the ledger says of an entry's status."""
    if r["kind"] == "definition":
        return "definition (not checked)"
    if r["status"] == "cited":
        return "cited (not checked here)"
    mark = "&#10003;" if r["status"] == "pass" else "&#10007;"
    cached = ", from cache" if r.get("cached") else ""
    return f"{mark} {r['status']} in {r['seconds']:.2f} s{cached}"


def _checked_statement(r: dict, formulas: Formulas, attachments: dict[str, str]) -> str:
    """The checked statement: typeset when small, otherwise its size, its start and a file."""
    tex, text = r.get("checked_latex", ""), r.get("checked_text", "")
    if not tex:
        return ""
    label = "Checked (sympy)" if r["kind"] == "claim" else "Sympy object"
    if len(tex) <= TYPESET_LIMIT:
        owner = f"ledger of '{r['id']}': checked statement"
        shown = formulas.place(tex, display=True, owner=owner, compact=True)
        details = f"<details><summary>sympy statement as text</summary>{_pre(text)}</details>"
        return f"<p><strong>{label}:</strong></p>\n{shown}\n{details}"
    name = f"{r['id']}.txt"
    attachments[name] = text + "\n"
    return (
        f"<p><strong>{label}:</strong> {len(text):,} characters of sympy text "
        f"({len(tex):,} of LaTeX), too long to typeset here. It begins:</p>\n"
        f"{_pre(text[:PREVIEW_CHARS] + ' ...')}\n"
        f'<p><a href="{_esc(name)}">The whole statement as text</a> '
        f"({len(text.encode()):,} bytes).</p>"
    )


def _variants(r: dict, formulas: Formulas) -> str:
    variants = r.get("variants", [])
    if not variants:
        return ""
    rows = []
    for v in variants:
        mark = "&#10003; refuted" if v["rejected"] else "&#10007; not refuted"
        tex = v.get("latex", "")
        shown = (
            formulas.place(
                tex, display=False, owner=f"ledger of '{r['id']}': variant", compact=True
            )
            if tex and len(tex) <= TYPESET_LIMIT // 3
            else f"<em>{len(tex):,} characters of LaTeX</em>"
        )
        rows.append(
            f"<tr><td>{_esc(v['label'])}</td><td>{shown}</td><td>{mark}</td>"
            f"<td><code>{_esc(v.get('detail', ''))}</code></td></tr>"
        )
    return (
        '<table class="vd-ledger-variants"><thead><tr><th>wrong variant</th><th>statement</th>'
        "<th>result</th><th>how</th></tr></thead><tbody>" + "".join(rows) + "</tbody></table>"
    )


def _display_check(text: str) -> str:
    """The display comparison's verdict; a parser message that quotes TeX is shown as code."""
    if "\\" not in text:
        return _esc(text)
    return f"<code>{_esc(text)}</code>"


def entry_html(
    r: dict, page_link: str, uses_links: str, formulas: Formulas, attachments: dict[str, str]
) -> str:
    """HTML of one ledger entry."""
    rows = [
        ("page", f'<a href="{page_link}#{_esc(r["id"])}">{_esc(r["page"])}</a>'),
        ("status", status_text(r)),
        ("method", _esc(r["method_detail"]) if r.get("method_detail") else "&mdash;"),
    ]
    if r["kind"] == "claim":
        scope = r.get("scope", "")
        if r.get("scope_why"):
            scope = f"{scope}; {r['scope_why']}"
        rows.append(("scope", _esc(scope) if scope != "general" else "general: as displayed"))
        rows.append(("display", _display_check(r.get("display_check", ""))))
        rows.append(("uses", uses_links or "&mdash;"))
    if r.get("source"):
        rows.append(("source", _esc(r["source"])))
    if r.get("note"):
        rows.append(("note", _esc(r["note"])))
    table = "".join(f"<tr><th>{k}</th><td>{v}</td></tr>" for k, v in rows)
    shown = formulas.place(r["latex"], display=True, owner=f"{r['kind']} '{r['id']}'")
    return (
        f'<div class="vd-ledger-entry" id="{_esc(r["id"])}">\n'
        f"<h4><code>{_esc(r['id'])}</code></h4>\n"
        f'<table class="vd-ledger-table">{table}</table>\n'
        f"<p><strong>Shown on the page:</strong></p>\n{shown}\n"
        f"{_checked_statement(r, formulas, attachments)}\n"
        f"{_variants(r, formulas)}\n"
        f"<details><summary>the check's source: {_esc(r['file'])}, line {r['line']}</summary>"
        f"{_pre(r['code'])}</details>\n</div>\n"
    )


def _rel(target: str, here: str) -> str:
    """Relative link between two ``docs``-relative source paths (MkDocs resolves ``.md``)."""
    up = here.count("/")
    return "../" * up + target


def counts(results: list[dict]) -> dict[str, int]:
    """Claims, definitions, methods and variants of a list of report entries."""
    claims = [r for r in results if r["kind"] == "claim"]
    variants = [v for r in claims for v in r.get("variants", [])]
    return {
        "claims": len(claims),
        "passed": sum(r["status"] == "pass" for r in claims),
        "symbolic": sum(r.get("method") == "symbolic" for r in claims),
        "numeric": sum(r.get("method") == "numeric" for r in claims),
        "definitions": sum(r["kind"] == "definition" for r in results),
        "variants": len(variants),
        "rejected": sum(v["rejected"] for v in variants),
    }


def ledger_pages(
    results: list[dict], titles: dict[str, str], formulas: Formulas, cache: Path | None = None
) -> list[LedgerPage]:
    """The ledger page of every site page that has entries.

    Args:
        results: The whole report.
        titles: Page titles by page source path.
        formulas: Where the formulas are placed.
        cache: Folder of drawn "uses" graphs (see :func:`uses_graph_svg`).

    Returns:
        One :class:`LedgerPage` per page, in page order.
    """
    pages: dict[str, list[dict]] = {}
    for r in results:
        pages.setdefault(r["page"], []).append(r)
    by_id = {r["id"]: r for r in results}
    out = []
    for page, group in sorted(pages.items()):
        src = ledger_src(page)
        here_url = url_of_page(src)

        def href(cid: str, here_url: str = here_url) -> str:
            target = url_of_page(ledger_src(by_id[cid]["page"]))
            return f"#{cid}" if target == here_url else f"{_up(here_url)}{target}#{cid}"

        attachments: dict[str, str] = {}
        title = titles.get(page, page)
        c = counts(group)
        parts = [
            "---",
            f"title: {_yaml(f'Ledger: {title}')}",
            "search:",
            "  exclude: true",
            "---",
            "",
            f"# Ledger: {_esc(title)}",
            "",
            f"[Read the page]({_rel(page, src)}) &middot; [all ledgers]({_rel(INDEX_PAGE, src)})",
            "",
            (
                f"{c['claims']} claims ({c['passed']} holding: {c['symbolic']} symbolic, "
                f"{c['numeric']} numeric), {c['definitions']} definitions, {c['rejected']} of "
                f"{c['variants']} wrong variants rejected."
            ),
            "",
        ]
        svg = uses_graph_svg(results, page, href, cache)
        if svg:
            parts += [f'<div class="vd-graph">{svg}</div>', ""]
        page_link = f"{_up(here_url)}{url_of_page(page)}"
        for r in group:
            links = ", ".join(
                f'<a href="{href(u)}"><code>{_esc(u)}</code></a>'
                for u in r.get("uses", [])
                if u in by_id
            )
            parts.append(entry_html(r, page_link, links, formulas, attachments))
        out.append(LedgerPage(src, "\n".join(parts), attachments))
    return out


def url_of_page(page: str) -> str:
    """Site-relative URL of a page (MkDocs' directory URLs).

    Examples:
        >>> url_of_page("a/b.md"), url_of_page("a/index.md"), url_of_page("index.md")
        ('a/b/', 'a/', '')
    """
    stem = page.removesuffix(".md")
    if stem == "index":
        return ""
    if stem.endswith("/index"):
        return stem[: -len("index")]
    return stem + "/"


def _up(url: str) -> str:
    """The relative prefix from a directory URL back to the site root."""
    return "../" * url.strip("/").count("/") + ("../" if url.strip("/") else "")


def _yaml(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def index_markdown(results: list[dict], titles: dict[str, str]) -> str:
    """The ledger index: the whole site's counts and one row per page's ledger."""
    c = counts(results)
    out = [
        (
            f"The site states **{c['claims']} claims**: {c['passed']} checked and holding "
            f"({c['symbolic']} symbolically, {c['numeric']} numerically), with "
            f"{c['definitions']} definitions; the checks rejected {c['rejected']} of "
            f"{c['variants']} wrong variants."
        ),
        "",
        "| page | claims | symbolic | numeric | definitions | wrong variants rejected |",
        "| --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    pages: dict[str, list[dict]] = {}
    for r in results:
        pages.setdefault(r["page"], []).append(r)
    for page, group in sorted(pages.items()):
        g = counts(group)
        link = _rel(ledger_src(page), INDEX_PAGE)
        title = titles.get(page, page).replace("|", "\\|")
        out.append(
            f"| [{title}]({link}) | {g['claims']} | {g['symbolic']} | {g['numeric']} | "
            f"{g['definitions']} | {g['rejected']} of {g['variants']} |"
        )
    return "\n".join(out)
