"""Tests of ``figures``: inline SVG that is reproducible and self-contained."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from snippets.figures import figure, svg


def drawing(title: str = "") -> str:
    fig, ax = figure(3, 2)
    ax.plot([0, 1, 2], [1, 0, 1])
    return svg(fig, title)


def test_same_figure_gives_same_bytes() -> None:
    assert drawing("t") == drawing("t")


def test_svg_is_wellformed_with_title_and_no_date_or_external_reference() -> None:
    html = drawing("a parabola-like line")
    start = html.index("<svg")
    end = html.rindex("</svg>") + len("</svg>")
    root = ET.fromstring(html[start:end])
    assert root.tag.endswith("svg")
    assert "a parabola-like line" in html
    assert "dc:date" not in html
    # namespaces name URLs, but nothing is fetched: no link or image points outside
    assert not re.search(r'(href|src)="(https?:)?//', html)


def test_several_axes() -> None:
    _, axes = figure(6, 2, ncols=3)
    assert len(axes) == 3
