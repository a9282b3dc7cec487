r"""Typesetting a built page: every formula becomes HTML, and the page is checked for leftovers.

Two kinds of maths reach a page's HTML:

* formulas of the registry (claims, definitions, the ledger's statements), which the hooks
  place as empty placeholders (:meth:`Formulas.place`) that know their owner's id, so that an
  error names the claim;
* maths written in the page's prose or printed by a code block, which ``pymdownx.arithmatex``
  (generic mode) wraps as ``<span class="arithmatex">\\(...\\)</span>`` (inline) or
  ``<div class="arithmatex">\\[...\\]</div>`` (display).

:func:`typeset` renders both with KaTeX. Display maths that does not come from the registry is
refused (every display on the site is a claim or a definition), and so is inline maths in
display form. Whatever TeX is left in the page's text afterwards (a ``$$`` that no extension
picked up, a ``\\frac`` in raw HTML) is refused too: no page is published with a raw formula.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from derivations._katex import Katex, MathsError

PLACEHOLDER = re.compile(r'<(span|div) class="vd-tex" data-vd-n="(\d+)"></\1>')
ARITHMATEX = re.compile(
    r'<span class="arithmatex">\\\((?P<inline>.*?)\\\)</span>'
    r'|<div class="arithmatex">\\\[(?P<display>.*?)\\\]</div>',
    re.DOTALL,
)
#: Inline maths that is a display in disguise.
DISPLAY_INLINE = re.compile(
    r"\\displaystyle|\\begin\{(?:equation|align|gather|multline|flalign|split|eqnarray)\*?\}"
)
#: Elements whose text is not prose: code, scripts, styles, figures, the document title.
NOT_PROSE = frozenset({"pre", "code", "script", "style", "svg", "textarea", "kbd", "title"})
TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9-]*)[^>]*>|<!--.*?-->", re.DOTALL)
#: Inline maths left in text by something that is not Markdown: the table of contents and the
#: navigation repeat a heading's text, arithmatex's delimiters included.
TEXT_INLINE = re.compile(r"\\\((.+?)\\\)", re.DOTALL)
#: TeX in a page's text: display delimiters, inline delimiters, a control word.
RAW_TEX = re.compile(r"\$\$|\\[()\[\]]|\\[A-Za-z]{2,}")
MARK = "\x00vd-maths-{}\x00"
MARKED = re.compile("\x00vd-maths-(\\d+)\x00")


@dataclass
class Formulas:
    """Formulas the hooks place on pages during one build, each with the id that owns it."""

    items: list[tuple[str, bool, str, bool]] = field(default_factory=list)

    def place(self, tex: str, *, display: bool, owner: str, compact: bool = False) -> str:
        """An HTML placeholder for ``tex``; :func:`typeset` replaces it by the rendering.

        Args:
            tex: The formula's TeX.
            display: Display (block) or inline maths.
            owner: What an error should name, e.g. ``"claim 'rope.relative'"``.
            compact: Typeset as MathML alone (the ledger), see :data:`derivations._katex.OUTPUT`.

        Returns:
            An empty ``<div>`` (display) or ``<span>`` (inline) with the formula's number.
        """
        self.items.append((tex, display, owner, compact))
        tag = "div" if display else "span"
        return f'<{tag} class="vd-tex" data-vd-n="{len(self.items) - 1}"></{tag}>'

    def clear(self) -> None:
        """Forget the placed formulas (a new build starts)."""
        self.items.clear()


def _wrap(rendered: str, display: bool) -> str:
    if display:
        return f'<div class="vd-display">{rendered}</div>'
    return rendered


def typeset(page_html: str, formulas: Formulas, katex: Katex) -> tuple[str, list[str]]:
    """Render every formula of a built page; return the new HTML and the problems found.

    Args:
        page_html: The page as MkDocs wrote it (theme included).
        formulas: The placeholders' formulas.
        katex: The renderer.

    Returns:
        ``(html, problems)``; each problem is one line naming the formula's owner or text. The
        caller fails the build when there are any.
    """
    problems: list[str] = []
    rendered: list[str] = []

    def mark(text: str) -> str:
        rendered.append(text)
        return MARK.format(len(rendered) - 1)

    def from_registry(m: re.Match[str]) -> str:
        n = int(m.group(2))
        if n >= len(formulas.items):
            problems.append(f"a maths placeholder ({n}) that this build did not place")
            return mark("")
        tex, display, owner, compact = formulas.items[n]
        try:
            return mark(_wrap(katex.render(tex, display=display, compact=compact), display))
        except MathsError as exc:
            problems.append(f"{owner}: LaTeX error: {exc}")
            return mark("")

    def from_prose(m: re.Match[str]) -> str:
        display = m.group("display") is not None
        tex = html.unescape(m.group("display") if display else m.group("inline"))
        short = " ".join(tex.split())[:80]
        if display:
            problems.append(
                f"display equation that is neither a claim nor a definition: {short!r}; "
                "register it in derivations/ and write [[claim:ID]] or [[def:ID]] (a code block "
                "must not print one either)"
            )
            return mark("")
        if DISPLAY_INLINE.search(tex):
            problems.append(f"inline maths in display form: {short!r}; make it a claim")
        try:
            return mark(_wrap(katex.render(tex, display=False), False))
        except MathsError as exc:
            problems.append(f"LaTeX error in {short!r}: {exc}")
            return mark("")

    out = PLACEHOLDER.sub(from_registry, page_html)
    out = ARITHMATEX.sub(from_prose, out)
    out = _in_text(out, mark, katex, problems)
    return MARKED.sub(lambda m: rendered[int(m.group(1))], out), problems


def _in_text(page_html: str, mark: Callable[[str], str], katex: Katex, problems: list[str]) -> str:
    """Typeset inline maths left in the page's text nodes; report any other TeX left there."""
    pieces: list[str] = []
    skip: list[str] = []  # open elements whose text is not prose
    pos = 0
    for tag in TAG.finditer(page_html):
        pieces.append(_text_node(page_html[pos : tag.start()], bool(skip), mark, katex, problems))
        closing, name = tag.group(1), (tag.group(2) or "").lower()
        if name in NOT_PROSE and not tag.group(0).endswith("/>"):
            if closing and skip and skip[-1] == name:
                skip.pop()
            elif not closing:
                skip.append(name)
        pieces.append(tag.group(0))
        pos = tag.end()
    pieces.append(_text_node(page_html[pos:], bool(skip), mark, katex, problems))
    return "".join(pieces)


def _text_node(
    text: str, skipped: bool, mark: Callable[[str], str], katex: Katex, problems: list[str]
) -> str:
    if skipped or ("\\" not in text and "$$" not in text):
        return text

    def inline(m: re.Match[str]) -> str:
        tex = html.unescape(m.group(1))
        try:
            return mark(katex.render(tex, display=False))
        except MathsError as exc:
            problems.append(f"LaTeX error in {' '.join(tex.split())[:80]!r}: {exc}")
            return mark("")

    text = TEXT_INLINE.sub(inline, text)
    left = RAW_TEX.search(html.unescape(MARKED.sub(" ", text)))
    if left:
        plain = html.unescape(MARKED.sub(" ", text))
        around = " ".join(plain[max(0, left.start() - 40) : left.end() + 40].split())
        problems.append(f"TeX left untypeset in the page's text: ...{around}...")
    return text
