"""Running a page's Python blocks at build time, through markdown-exec's public API.

markdown-exec documents how to plug in a runner: ``markdown_exec.formatters[language]`` is a
function of the block's options, and ``markdown_exec.base_format(language=..., run=...)`` does
the rendering around a ``run(code, returncode=, session=, id=, **extra)`` callable. This module
provides that callable (:class:`BlockRunner`) with two differences from markdown-exec's own:

* sessions belong to a page: two pages may both use ``session="demo"`` without sharing names;
* a block that raises stops the build: :class:`BlockError` names the page and the block's id and
  carries the traceback (markdown-exec would log a warning and draw the error into the page).

:class:`BlockError` derives from superfences' exception so that superfences lets it through (it
swallows any other exception from a formatter) and from MkDocs' ``PluginError`` so that MkDocs
reports it as a build error.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import linecache
import re
import sys
import traceback
from collections.abc import Callable
from functools import partial
from pathlib import Path
from types import ModuleType
from typing import Any

import markdown_exec
from mkdocs.exceptions import PluginError
from pymdownx.superfences import SuperFencesException

#: The languages whose blocks run in Python.
LANGUAGES = ("python", "py")


class BlockError(SuperFencesException, PluginError):
    """A page's code block raised: names the page and the block, carries the traceback."""


class BlockRunner:
    r"""Executes blocks with per-page sessions; the ``run`` callable of ``base_format``.

    Examples:
        >>> runner = BlockRunner()
        >>> runner.page = "a.md"
        >>> runner("x = 41\nprint(x + 1)", session="s", id="one")
        '42\n'
        >>> runner.page = "b.md"
        >>> runner("print('x' in globals())", session="s", id="two")
        'False\n'
    """

    def __init__(self) -> None:
        self.page = "?"
        self.sessions: dict[tuple[str, str], dict[str, Any]] = {}

    def reset(self) -> None:
        """Forget every session (a new build starts)."""
        self.sessions.clear()

    def namespace(self, session: str | None, block_id: str) -> dict[str, Any]:
        """The globals a block runs in: its page's session, or fresh ones."""
        if not session:
            return {}
        return self.sessions.setdefault((self.page, session), {})

    def __call__(
        self,
        code: str,
        returncode: int | None = None,
        session: str | None = None,
        id: str | None = None,  # noqa: A002 - markdown-exec's keyword
        **extra: Any,
    ) -> str:
        """Run ``code``; return what it printed. Raises :class:`BlockError` if it raises."""
        block_id = id or "?"
        filename = f"<docs/{self.page} block {block_id}>"
        namespace = self.namespace(session, block_id)
        # Functions and dataclasses defined in a block need a module that exists.
        module = re.sub(r"\W+", "_", f"page_block_{self.page}_{session or block_id}")
        namespace.setdefault("__name__", module)
        sys.modules.setdefault(module, ModuleType(module))
        # Tracebacks show the block's lines, also from functions it defines that run later.
        linecache.cache[filename] = (len(code), None, code.splitlines(True), filename)
        buffer = io.StringIO()
        try:
            compiled = compile(code, filename, "exec")
            with contextlib.redirect_stdout(buffer):
                exec(compiled, namespace)  # running the page's code is the point
        except Exception as exc:
            frames = exc.__traceback__.tb_next if exc.__traceback__ else None
            trace = "".join(traceback.format_exception(type(exc), exc, frames))
            raise BlockError(f"docs/{self.page}: code block '{block_id}' raised:\n{trace}") from exc
        return buffer.getvalue()


def runner_digest() -> str:
    """Hash of this module's source: how blocks run is part of what their output depends on."""
    return hashlib.sha256(Path(__file__).read_bytes()).hexdigest()


def install(run: Callable[..., str]) -> None:
    """Make markdown-exec run Python blocks with ``run`` (through ``base_format``)."""
    for language in LANGUAGES:
        formatters: dict[str, Any] = markdown_exec.formatters
        formatters[language] = partial(markdown_exec.base_format, language=language, run=run)
