"""Figures for pages: matplotlib to inline SVG, byte-for-byte reproducible.

Pages print :func:`svg` of a figure inside a block with ``html="1"``. The SVG carries no date
and a fixed hash salt, so two builds of the same commit give the same bytes.
"""

from __future__ import annotations

import io
from typing import Any

import matplotlib as mpl
from matplotlib.figure import Figure

_STYLE: dict[Any, Any] = {
    "svg.hashsalt": "verified-derivations",
    "svg.fonttype": "path",
    "axes.grid": True,
    "grid.alpha": 0.3,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "font.size": 10,
}


def figure(width: float = 7.0, height: float = 3.6, ncols: int = 1) -> tuple[Figure, object]:
    """A new figure (no pyplot state) and its axes, in the site's style.

    Examples:
        >>> fig, ax = figure()
        >>> ax.plot([0, 1], [0, 1])[0].get_xdata().tolist()
        [0, 1]
    """
    with mpl.rc_context(_STYLE):
        fig = Figure(figsize=(width, height), layout="constrained")
        axes = fig.subplots(1, ncols)
    return fig, axes


def svg(fig: Figure, alt: str = "") -> str:
    """Render ``fig`` as an inline ``<svg>`` wrapped in a figure ``<div>``.

    Args:
        fig: The figure.
        alt: Text alternative, used as the SVG's title for screen readers.

    Examples:
        >>> def line():
        ...     fig, ax = figure(2, 2)
        ...     _ = ax.plot([0, 1], [1, 0])
        ...     return fig
        >>> svg(line(), "a line") == svg(line(), "a line")  # same figure, same bytes
        True
        >>> svg(line()).startswith('<div class="vd-figure">')
        True
    """
    buf = io.StringIO()
    metadata = {"Date": None, **({"Title": alt} if alt else {})}
    with mpl.rc_context(_STYLE):
        fig.savefig(buf, format="svg", metadata=metadata)
    text = buf.getvalue()
    text = text[text.index("<svg") :]
    return f'<div class="vd-figure">{text}</div>'
