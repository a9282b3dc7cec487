"""Typesetting TeX at build time: KaTeX in an embedded V8, with a cache keyed by the TeX.

The site ships no client-side typesetter: every formula is turned into KaTeX's HTML (with
MathML for screen readers) when the site is built. KaTeX is vendored
(``derivations/_vendor/katex/katex.min.js``) and runs in V8 through ``mini-racer``, so the
build needs neither Node nor a network. The engine starts only when a formula is not in the
cache, so a warm build renders nothing.

Errors are never drawn into the page: a formula KaTeX cannot parse (``throwOnError``), one that
breaks its strict rules (``strict: "error"``), a missing or crashing engine, or output that
holds an error element all raise :class:`MathsError`, which the caller turns into a build
failure naming the page and the claim.
"""

from __future__ import annotations

import atexit
import hashlib
import json
import os
import time
from pathlib import Path
from typing import Any

#: The vendored KaTeX (see ``derivations/_vendor/README.md``); ``$VERIFIED_KATEX_JS`` names
#: another bundle (to try an upgrade, or a broken one in a test).
KATEX_JS = Path(__file__).resolve().parent / "_vendor" / "katex" / "katex.min.js"
KATEX_ENV = "VERIFIED_KATEX_JS"
KATEX_VERSION = "0.19.1"
#: What KaTeX is asked to do: everything here is part of the cache key. Pages get KaTeX's HTML
#: (with MathML for screen readers); the ledger, which lists thousands of statements, asks for
#: MathML alone (``compact``), which browsers draw natively at a tenth of the size.
OPTIONS = {"throwOnError": True, "strict": "error", "trust": False}
OUTPUT = {False: "htmlAndMathml", True: "mathml"}

_SCRIPT = """
function vdRender(tex, display, options) {
  try {
    const opts = Object.assign({}, options, {displayMode: display});
    return {html: katex.renderToString(tex, opts)};
  } catch (e) {
    return {error: String((e && e.message) || e)};
  }
}
"""


class MathsError(Exception):
    """A formula could not be typeset (bad TeX, missing or crashed renderer, error element)."""


class Katex:
    r"""Render TeX to HTML with the vendored KaTeX, caching each distinct formula.

    Args:
        cache_file: JSON file of earlier renderings (read at start, written by :meth:`save`);
            ``None`` keeps the cache in memory only.
        script: The KaTeX bundle to load (default: :func:`bundle`).

    Examples:
        >>> k = Katex(None)
        >>> 'class="katex"' in k.render(r"\frac{a}{b}", display=False)
        True
        >>> k.render(r"\frac{a}{", display=True)
        Traceback (most recent call last):
        ...
        derivations._katex.MathsError: KaTeX parse error: ...
    """

    def __init__(self, cache_file: Path | None, script: Path | None = None) -> None:
        self.cache_file = cache_file
        self.script = script or bundle()
        self.rendered: dict[str, str] = {}
        if cache_file is not None and cache_file.exists():
            try:
                self.rendered = json.loads(cache_file.read_text())
            except (OSError, ValueError):
                self.rendered = {}
        self._engine: Any = None  # a mini-racer context, started on the first miss
        self._used: set[str] = set()
        self._dirty = False
        self.hits = 0
        self.misses = 0
        self.seconds = 0.0

    def _start(self):  # -> a mini-racer context
        try:
            from py_mini_racer import MiniRacer
        except ImportError as exc:
            raise MathsError(
                "the maths renderer is missing: mini-racer is not installed "
                "(pip install -e . installs it)"
            ) from exc
        if not self.script.exists():
            raise MathsError(f"the maths renderer is missing: no KaTeX at {self.script}")
        engine = MiniRacer()
        # A V8 context still open when the interpreter exits blocks the exit: close it first.
        atexit.register(engine.close)
        try:
            engine.eval(self.script.read_text())
            engine.eval(_SCRIPT)
        except Exception as exc:
            raise MathsError(f"KaTeX failed to load in V8: {str(exc)[:300]}") from exc
        return engine

    @staticmethod
    def key(tex: str, display: bool, compact: bool = False) -> str:
        """Cache key of one formula: its text, whether it is a display, which output."""
        return hashlib.sha256(f"{int(display)}{int(compact)}\0{tex}".encode()).hexdigest()[:32]

    def render(self, tex: str, *, display: bool, compact: bool = False) -> str:
        """KaTeX's HTML for ``tex``; raises :class:`MathsError` instead of drawing an error.

        Args:
            tex: The formula.
            display: Display (block) or inline style.
            compact: MathML only, without KaTeX's HTML (see :data:`OUTPUT`).
        """
        key = self.key(tex, display, compact)
        self._used.add(key)
        cached = self.rendered.get(key)
        if cached is not None:
            self.hits += 1
            return cached
        self.misses += 1
        start = time.perf_counter()
        if self._engine is None:
            self._engine = self._start()
        try:
            options = {**OPTIONS, "output": OUTPUT[compact]}
            out = self._engine.call("vdRender", tex, display, options)
        except Exception as exc:
            self.close()  # a crashed engine is restarted for the next formula
            raise MathsError(f"the maths renderer crashed: {str(exc)[:300]}") from exc
        finally:
            self.seconds += time.perf_counter() - start
        if "error" in out:
            raise MathsError(str(out["error"]).split("\n", 1)[0][:400])
        html = str(out["html"])
        if "katex-error" in html:
            raise MathsError("KaTeX drew an error element")
        self.rendered[key] = html
        self._dirty = True
        return html

    def close(self) -> None:
        """Shut the engine down (it starts again if another formula is rendered)."""
        if self._engine is not None:
            atexit.unregister(self._engine.close)
            self._engine.close()
            self._engine = None

    def save(self) -> None:
        """Write the formulas of this build to the cache file, if anything changed.

        Formulas no longer used by the build are dropped, so the file does not grow with edits.
        """
        stale = set(self.rendered) - self._used
        if self.cache_file is None or not (self._dirty or stale):
            return
        self.rendered = {k: v for k, v in self.rendered.items() if k in self._used}
        self.cache_file.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.cache_file.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_text(json.dumps(self.rendered))
        tmp.replace(self.cache_file)
        for other in self.cache_file.parent.glob("katex-*.json"):
            if other != self.cache_file:
                other.unlink()  # renderings of another bundle or option set
        self._dirty = False


def bundle() -> Path:
    """The KaTeX bundle to run: ``$VERIFIED_KATEX_JS`` if set, else the vendored one."""
    return Path(os.environ.get(KATEX_ENV) or KATEX_JS)


def cache_file(folder: Path) -> Path:
    """Where the rendered formulas are kept: one file per KaTeX bundle and option set."""
    script = bundle()
    digest = hashlib.sha256(
        (script.read_bytes() if script.exists() else b"")
        + json.dumps([OPTIONS, OUTPUT], sort_keys=True).encode()
    ).hexdigest()[:12]
    return folder / f"katex-{KATEX_VERSION}-{digest}.json"
