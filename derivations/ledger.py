"""The ledger: every claim of the site, what it shows, what is checked, and what it uses.

Rendered at build time into ``docs/ledger.md`` (the ``[[ledger]]`` token) from the report of
``python -m derivations``. For each page it draws the "uses" graph (as Lean blueprints do) as an
SVG whose nodes link to the entries below it.
"""

from __future__ import annotations

import html
import io
import re
from pathlib import Path
from typing import Any

import matplotlib
import networkx as nx
from matplotlib.figure import Figure
from mkdocs.utils import get_relative_url

_COLOURS = {"pass": "#2e7d32", "fail": "#c62828", "definition": "#1565c0", "other": "#9e9e9e"}


def page_title(file: Any) -> str:
    """Title of a documentation page: its front-matter ``title`` or first heading."""
    text = Path(file.abs_src_path).read_text()
    m = re.search(r"^title:\s*['\"]?(.+?)['\"]?\s*$", text, re.MULTILINE) or re.search(
        r"^#\s+(.+)$", text, re.MULTILINE
    )
    return m.group(1) if m else file.src_uri


def uses_graph_svg(results: list[dict], page: str) -> str:
    """SVG of the "uses" graph of one page's entries, plus the entries they use elsewhere.

    Args:
        results: Report entries (dicts) of the whole site.
        page: The page (``docs``-relative path) whose graph to draw.

    Returns:
        An ``<svg>`` element; each node links to ``#<id>``.
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
    for node, (x, y) in pos.items():
        r = by_id[node]
        status = r["status"] if r["page"] == page else "other"
        label = node.split(".", 1)[-1] if r["page"] == page else f"{node} (elsewhere)"
        boxes[node] = ax.text(
            x,
            y,
            label,
            ha="center",
            va="center",
            fontsize=8,
            color="white",
            url=f"#{node}",
            bbox={"boxstyle": "round,pad=0.3", "fc": _COLOURS[status], "ec": "none"},
        )
    for u, v in graph.edges:
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
    with matplotlib.rc_context({"svg.hashsalt": "verified-derivations"}):
        fig.savefig(buf, format="svg", metadata={"Date": None})
    svg = buf.getvalue()
    return svg[svg.index("<svg") :]


def _entry(r: dict, page_url: str, uses_links: str) -> str:
    if r["kind"] == "definition":
        status = "definition (not checked)"
        method = "&mdash;"
    else:
        mark = "&#10003;" if r["status"] == "pass" else "&#10007;"
        cached = ", from cache" if r.get("cached") else ""
        status = f"{mark} {r['status']} in {r['seconds']:.2f} s{cached}"
        method = html.escape(r["method_detail"])
    rejected = sum(v["rejected"] for v in r.get("variants", []))
    rows = [
        ("page", f'<a href="{page_url}#{r["id"]}">{html.escape(r["page"])}</a>'),
        ("status", status),
        ("method", method),
    ]
    if r["kind"] == "claim":
        rows.append(("uses", uses_links or "&mdash;"))
        variants = "; ".join(html.escape(v["label"]) for v in r["variants"])
        rows.append(("wrong variants rejected", f"{rejected} of {len(r['variants'])}: {variants}"))
    if r.get("source"):
        rows.append(("source", html.escape(r["source"])))
    if r.get("note"):
        rows.append(("note", html.escape(r["note"])))
    table = "".join(f"<tr><th>{k}</th><td>{v}</td></tr>" for k, v in rows)
    checked = ""
    if r.get("checked_latex"):
        label = "Checked (sympy)" if r["kind"] == "claim" else "Sympy object"
        checked = (
            f"\n\n**{label}:**\n\n$$\n{r['checked_latex']}\n$$\n\n"
            f"<details><summary>sympy statement as text</summary>\n\n"
            f"```text\n{r['checked_text']}\n```\n\n</details>"
        )
    return (
        f'<div class="vd-ledger-entry" id="{r["id"]}" markdown="1">\n\n'
        f"#### `{r['id']}`\n\n"
        f'<table class="vd-ledger-table">{table}</table>\n\n'
        f"**Shown on the page:**\n\n$$\n{r['latex']}\n$$"
        f"{checked}\n\n"
        f"<details><summary>the check's source: {html.escape(r['file'])}, line {r['line']}"
        f"</summary>\n\n```python\n{r['code']}\n```\n\n</details>\n\n</div>\n"
    )


def ledger_markdown(results: list[dict], page: Any, files: Any) -> str:
    """Markdown of the whole ledger, grouped by page."""
    pages: dict[str, list[dict]] = {}
    for r in results:
        pages.setdefault(r["page"], []).append(r)
    claims = [r for r in results if r["kind"] == "claim"]
    passed = sum(r["status"] == "pass" for r in claims)
    numeric = sum(r["method"] == "numeric" for r in claims)
    out = [
        f"The site states **{len(claims)} claims**: {passed} checked and holding "
        f"({len(claims) - numeric} symbolically, {numeric} numerically), "
        f"with {len(results) - len(claims)} definitions.",
        "",
    ]
    by_id = {r["id"]: r for r in results}
    for src in sorted(pages):
        file = files.get_file_from_path(src)
        url = get_relative_url(file.url, page.url) if file else src
        title = page_title(file) if file else src
        link = get_relative_url(src, page.file.src_uri)
        out += [f"## {html.escape(title)}", "", f"[Read the page]({link})", ""]
        svg = uses_graph_svg(results, src)
        if svg:
            out += [f'<div class="vd-graph">{svg}</div>', ""]
        for r in pages[src]:
            links = []
            for used in r.get("uses", []):
                target = by_id.get(used)
                if target is None:
                    continue
                links.append(f'<a href="#{used}"><code>{html.escape(used)}</code></a>')
            out.append(_entry(r, url, ", ".join(links)))
    return "\n".join(out)
