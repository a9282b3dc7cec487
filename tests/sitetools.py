"""Helpers for the tests that look at the built site: serve it locally, find and start Chromium.

The browser tests drive Debian's Chromium (``/usr/bin/chromium``, installed by ``make check``)
through Playwright's Chrome DevTools Protocol client; Playwright's own browser downloads are
never used. The site is served by a stdlib ``http.server`` thread on 127.0.0.1 and a free port.
"""

from __future__ import annotations

import os
import shutil
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

#: Flags for a quiet, reproducible headless Chromium that never reaches the network on its own.
#: Playwright adds ``--headless`` and a fresh ``--user-data-dir`` (``launch_persistent_context``).
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--no-first-run",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]

#: Hosts whose requests the site may make: itself.
LOCAL_HOSTS = frozenset({"127.0.0.1", "localhost", "[::1]", "::1"})


def find_chromium() -> str | None:
    """Path of a Chromium executable: ``$CHROMIUM``, else ``chromium`` or ``chromium-browser``.

    Examples:
        >>> path = find_chromium()
        >>> path is None or Path(path).exists()
        True
    """
    explicit = os.environ.get("CHROMIUM")
    if explicit:
        return explicit if Path(explicit).exists() else None
    for name in ("chromium", "chromium-browser"):
        found = shutil.which(name)
        if found:
            return found
    return None


def is_local(url: str) -> bool:
    """True for a URL that stays on this machine (the served site, ``data:``, ``blob:``).

    Examples:
        >>> is_local("http://127.0.0.1:8123/assets/x.js"), is_local("data:image/png;base64,AA")
        (True, True)
        >>> is_local("https://fonts.googleapis.com/css")
        False
    """
    parts = urlsplit(url)
    if parts.scheme in ("data", "blob", "about"):
        return True
    return parts.scheme in ("http", "https", "ws", "wss") and parts.hostname in LOCAL_HOSTS


class _QuietHandler(SimpleHTTPRequestHandler):
    """Serves files without logging every request to stderr."""

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 (stdlib signature)
        pass


@contextmanager
def serve(directory: Path) -> Iterator[str]:
    """Serve ``directory`` over HTTP on 127.0.0.1 and a free port; yield the base URL.

    Examples:
        >>> import tempfile, urllib.request
        >>> with tempfile.TemporaryDirectory() as tmp:
        ...     _ = (Path(tmp) / "index.html").write_text("hello")
        ...     with serve(Path(tmp)) as url:
        ...         urllib.request.urlopen(url).read()
        b'hello'
    """
    handler = partial(_QuietHandler, directory=str(directory))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, name="site-server", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def page_urls(site: Path) -> dict[str, Path]:
    """Every built HTML page of ``site`` by its URL path (``/``, ``/ledger/``, ``/404.html``).

    Examples:
        >>> import tempfile
        >>> with tempfile.TemporaryDirectory() as tmp:
        ...     (Path(tmp) / "a").mkdir()
        ...     for name in ("index.html", "a/index.html", "404.html"):
        ...         _ = (Path(tmp) / name).write_text("")
        ...     sorted(page_urls(Path(tmp)))
        ['/', '/404.html', '/a/']
    """
    pages = {}
    for path in sorted(site.rglob("*.html")):
        rel = path.relative_to(site).as_posix()
        if rel == "index.html":
            url = "/"
        elif rel.endswith("/index.html"):
            url = "/" + rel[: -len("index.html")]
        else:
            url = "/" + rel
        pages[url] = path
    return pages


def launch(playwright: Any, executable: str, profile: Path) -> Any:
    """A headless Chromium browser context with a fresh profile in ``profile``.

    Args:
        playwright: The object ``playwright.sync_api.sync_playwright()`` yields.
        executable: Chromium's executable (see :func:`find_chromium`).
        profile: An empty folder for the profile (``--user-data-dir``).

    Returns:
        A Playwright ``BrowserContext`` with a 1280x900 viewport.
    """
    return playwright.chromium.launch_persistent_context(
        str(profile),
        executable_path=executable,
        headless=True,
        args=CHROMIUM_ARGS,
        viewport={"width": 1280, "height": 900},
        service_workers="block",
    )


def search(page: Any, url: str, query: str, timeout_ms: int = 15_000) -> list[str]:
    """Type ``query`` into Material's search box on ``url``; return the results' URL paths.

    Material searches on ``keyup``, so the text is entered and then a key is pressed.
    """
    page.goto(url, wait_until="load")
    box = page.locator("input.md-search__input")
    box.click()
    box.fill(query)
    box.press("End")
    page.wait_for_selector(".md-search-result__item", timeout=timeout_ms)
    return page.eval_on_selector_all(
        ".md-search-result__item a", "els => els.map(e => decodeURI(new URL(e.href).pathname))"
    )
