"""The built site in a real browser: maths typeset, fast, no errors, no network, links resolve.

Serves the strict build (``built_site``) on 127.0.0.1 and drives Debian's headless Chromium
through Playwright (Chrome DevTools Protocol). Every built HTML page is visited once; what each
page shows is collected by the module-scoped ``crawl`` fixture and judged by one test per
guarantee. Maths is typeset when the site is built (KaTeX), so a page is correct as loaded: no
raw TeX in its text, no KaTeX error element, and no script that typesets. Each page must reach
``load`` within ``LOAD_BUDGET_MS``. The test is skipped only when no Chromium is installed
(``make check`` installs it). Screenshots (a page and a ledger page, light and dark) are written
to ``site-screenshots/`` under pytest's temporary directory and to ``/tmp/vd-screenshots``.
"""

from __future__ import annotations

import re
import shutil
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest
from playwright.sync_api import (
    BrowserContext,
    ConsoleMessage,
    Page,
    Response,
    Route,
    sync_playwright,
)
from sitetools import find_chromium, is_local, launch, page_urls, search, serve

#: Pages photographed for a person to look at: URL path -> (file name, element, dark scheme).
SCREENSHOTS = {
    "/": ("home.png", None, False),
    "/posts/mathematics/position-encoding/rope-geometry/": (
        "rope-geometry.png",
        ".vd-claim",
        False,
    ),
    "/posts/mathematics/matrix/svd-low-rank/": ("svd-low-rank-dark.png", ".vd-claim", True),
    "/ledger/position-encoding/rope-geometry/": ("ledger-rope.png", ".vd-ledger-entry", False),
    "/ledger/matrix/dual-gradient-descent/": ("ledger-dualgd-dark.png", ".vd-ledger-entry", True),
}
SCREENSHOT_COPY = Path("/tmp/vd-screenshots")
#: Search: a word, and the page whose result it must list.
SEARCH_WORD, SEARCH_PAGE = "rotary", "/posts/mathematics/position-encoding/rope-geometry/"
#: Instant navigation: start here, then follow nav links to these pages (each has maths).
NAV_START = "/"
NAV_HOPS = (
    "/posts/mathematics/position-encoding/rope-geometry/",
    "/posts/mathematics/matrix/svd-low-rank/",
)
#: A page must reach ``load`` within this on this machine (2 cores), served from localhost.
LOAD_BUDGET_MS = 3000
NAVIGATION_TIMEOUT_MS = 30_000

# What a page shows: its formulas, KaTeX errors, TeX left in its text, links, ids, load time.
INSPECT = r"""() => {
  const text = e => (e.textContent || '').trim().replace(/\s+/g, ' ').slice(0, 160);
  const where = e => {
    const entry = e.closest('.vd-claim[id], .vd-definition[id], .vd-ledger-entry[id]');
    return entry ? '#' + entry.id : text(e);
  };
  const maths = document.querySelectorAll('.katex').length;
  const errors = Array.from(document.querySelectorAll('.katex-error')).map(where);
  const rawTex = [];
  const skip = 'pre, code, script, style, svg, textarea, kbd, math, .katex';
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const pattern = /\$\$|\\[()\[\]]|\\[A-Za-z]{2,}/;
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const parent = node.parentElement;
    if (parent && !parent.closest(skip) && pattern.test(node.data)) rawTex.push(text(parent));
  }
  const typesetters = Array.from(document.scripts).map(s => s.src)
    .filter(src => /mathjax|katex/i.test(src));
  const links = Array.from(document.querySelectorAll('a')).map(a => {
    const raw = a instanceof SVGAElement ? a.href.baseVal : a.getAttribute('href');
    return raw === null ? null : new URL(raw, document.baseURI).href;
  }).filter(h => h !== null);
  const ids = Array.from(document.querySelectorAll('[id]')).map(e => e.id);
  const nav = performance.getEntriesByType('navigation')[0];
  const loadMs = nav ? nav.loadEventEnd - nav.startTime : null;
  return {maths, errors, rawTex, typesetters, links, ids, loadMs};
}"""

# Instant navigation swaps the page's container: mark the old one, wait until it is gone.
MARK_CONTENT = """() => document.querySelector('[data-md-component=container]')
  .setAttribute('data-vd-old', '')"""
CONTENT_REPLACED = """() => document.querySelector('[data-md-component=container]') !== null
  && document.querySelector('[data-md-component=container][data-vd-old]') === null"""


@dataclass
class Crawl:
    """What the browser saw on every page."""

    base: str
    site: Path
    pages: dict[str, dict] = field(default_factory=dict)
    console: list[str] = field(default_factory=list)
    external: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    screenshots: list[Path] = field(default_factory=list)
    seconds: float = 0.0


@pytest.fixture(scope="module")
def chromium() -> str:
    """Chromium's executable; skip the module when none is installed."""
    path = find_chromium()
    if path is None:
        pytest.skip("no Chromium: `make check` installs it (apt-get install chromium)")
    return path


@pytest.fixture(scope="module")
def site_url(built_site: Path) -> Iterator[str]:
    """The strict build, served on 127.0.0.1."""
    with serve(built_site) as url:
        yield url


@pytest.fixture(scope="module")
def external_requests() -> list[str]:
    """Requests to other hosts (aborted by ``browser``), as "page -> url"."""
    return []


@pytest.fixture(scope="module")
def browser(
    chromium: str,
    tmp_path_factory: pytest.TempPathFactory,
    site_url: str,
    external_requests: list[str],
) -> Iterator[BrowserContext]:
    """A headless Chromium context with a fresh profile; requests off this machine are aborted."""
    profile = tmp_path_factory.mktemp("chromium-profile")
    with sync_playwright() as pw:
        context = launch(pw, chromium, profile)

        def guard(route: Route) -> None:
            url = route.request.url
            if not is_local(url):
                external_requests.append(f"{route.request.frame.url} -> {url}")
                route.abort()
            elif urlsplit(url).path == "/sitemap.xml":
                # Instant navigation only follows links listed in the sitemap, whose URLs carry
                # site_url's host and port: serve it as the site at its own address would.
                response = route.fetch()
                body = response.text()
                root = min(re.findall(r"<loc>([^<]+)</loc>", body), key=len)
                route.fulfill(response=response, body=body.replace(root, site_url))
            else:
                route.continue_()

        context.set_default_navigation_timeout(NAVIGATION_TIMEOUT_MS)
        context.route("**/*", guard)
        try:
            yield context
        finally:
            context.close()


def _watch(page: Page, sink: Crawl) -> None:
    """Record console errors, uncaught exceptions and failed local requests of ``page``."""

    def on_console(msg: ConsoleMessage) -> None:
        # A blocked request to another host logs a load error: test_no_request_leaves_localhost
        # reports those, so they are not counted twice here.
        source = msg.location.get("url", "")
        if msg.type == "error" and (not source or is_local(source)):
            sink.console.append(f"{page.url}: {msg.text}")

    def on_response(response: Response) -> None:
        if response.status >= 400 and is_local(response.url):
            sink.failed.append(f"{page.url}: {response.status} {response.url}")

    page.on("console", on_console)
    page.on("pageerror", lambda exc: sink.console.append(f"{page.url}: uncaught {exc}"))
    page.on("response", on_response)


def _inspect(page: Page) -> dict:
    """Wait for ``load``; return what ``INSPECT`` sees."""
    page.wait_for_load_state("load")
    return page.evaluate(INSPECT)


@pytest.fixture(scope="module")
def crawl(
    browser: BrowserContext,
    site_url: str,
    built_site: Path,
    tmp_path_factory: pytest.TempPathFactory,
    external_requests: list[str],
) -> Crawl:
    """Visit every built HTML page once; collect maths, errors, requests, links and ids."""
    result = Crawl(base=site_url, site=built_site)
    shots = tmp_path_factory.mktemp("site-screenshots")
    SCREENSHOT_COPY.mkdir(parents=True, exist_ok=True)
    page = browser.new_page()
    _watch(page, result)
    start = time.perf_counter()
    for path in page_urls(built_site):
        page.goto(urljoin(site_url, path.lstrip("/")), wait_until="load")
        result.pages[path] = _inspect(page)
        if path in SCREENSHOTS:
            name, anchor, dark = SCREENSHOTS[path]
            if dark:
                page.evaluate("() => document.body.setAttribute('data-md-color-scheme', 'slate')")
            if anchor and page.locator(anchor).count():
                page.locator(anchor).first.evaluate("e => e.scrollIntoView({block: 'center'})")
            page.screenshot(path=str(shots / name), animations="disabled")
            shutil.copy(shots / name, SCREENSHOT_COPY / name)
            result.screenshots.append(shots / name)
    result.seconds = time.perf_counter() - start
    result.external = list(external_requests)
    page.close()
    print(
        f"\nbrowser: visited {len(result.pages)} pages in {result.seconds:.1f} s; screenshots in "
        f"{shots} and {SCREENSHOT_COPY}"
    )
    return result


def _report(title: str, problems: list[str], crawl: Crawl) -> str:
    shown = "\n  ".join(problems[:40])
    more = f"\n  ... and {len(problems) - 40} more" if len(problems) > 40 else ""
    return (
        f"{title} ({len(problems)}):\n  {shown}{more}\n"
        f"(screenshots: {', '.join(str(p) for p in crawl.screenshots)})"
    )


def test_every_page_is_visited(crawl: Crawl) -> None:
    """Assert the crawl reached every built page, and that the site has maths to check."""
    assert len(crawl.pages) == len(page_urls(crawl.site))
    assert sum(p["maths"] for p in crawl.pages.values()) > 0


def test_all_maths_is_typeset_at_build_without_errors(crawl: Crawl) -> None:
    """Assert no page holds raw TeX, a KaTeX error element or a client-side typesetter."""
    problems = []
    for path, seen in crawl.pages.items():
        problems += [f"{path}: TeX left in the text: {t!r}" for t in seen["rawTex"]]
        problems += [f"{path}: KaTeX error element in {t}" for t in seen["errors"]]
        problems += [f"{path}: ships a typesetter: {t}" for t in seen["typesetters"]]
    assert not problems, _report("maths that was not typeset at build", problems, crawl)


def test_every_page_loads_within_budget(crawl: Crawl) -> None:
    """Assert every page reaches ``load`` within the budget, naming the slow ones."""
    slow = sorted(
        (seen["loadMs"], path)
        for path, seen in crawl.pages.items()
        if seen["loadMs"] is None or seen["loadMs"] > LOAD_BUDGET_MS
    )
    problems = [f"{path}: {ms:.0f} ms to load (budget {LOAD_BUDGET_MS} ms)" for ms, path in slow]
    assert not problems, _report("pages slower than the budget", problems, crawl)


def test_no_console_errors(crawl: Crawl) -> None:
    """Assert no page logs a console error, throws, or fails to load one of its own files."""
    problems = crawl.console + crawl.failed
    assert not problems, _report("console errors and failed requests", problems, crawl)


def test_no_request_leaves_localhost(crawl: Crawl) -> None:
    """Assert every request a page makes is served by the local site (no CDN, fonts, APIs)."""
    assert not crawl.external, _report("requests to other hosts", crawl.external, crawl)


def test_internal_links_and_anchors_resolve(crawl: Crawl) -> None:
    """Assert every link into the site reaches a built file, and every #fragment an id there."""
    base = urlsplit(crawl.base)
    ids = {path: set(seen["ids"]) for path, seen in crawl.pages.items()}
    problems = []
    for source, seen in crawl.pages.items():
        for href in sorted(set(seen["links"])):
            parts = urlsplit(href)
            if parts.scheme not in ("http", "https") or parts.netloc != base.netloc:
                continue
            path = unquote(parts.path)
            target = crawl.site / path.lstrip("/")
            if path.endswith("/"):
                target = target / "index.html"
            elif target.is_dir():
                target, path = target / "index.html", path + "/"
            if not target.is_file():
                problems.append(f"{source}: link to a missing page: {href}")
                continue
            fragment = unquote(parts.fragment)
            if fragment and path in ids and fragment not in ids[path]:
                problems.append(f"{source}: link to a missing anchor #{fragment} on {path}")
    assert not problems, _report("broken internal links", problems, crawl)


def test_search_finds_a_known_page(browser: BrowserContext, site_url: str) -> None:
    """Assert Material's search lists the RoPE geometry page for the word "rotary"."""
    page = browser.new_page()
    try:
        hrefs = search(page, site_url, SEARCH_WORD)
    finally:
        page.close()
    assert any(h.startswith(SEARCH_PAGE) for h in hrefs), hrefs


def test_instant_navigation_shows_typeset_maths(browser: BrowserContext, site_url: str) -> None:
    """Assert pages reached by Material's instant navigation show their typeset maths."""
    page = browser.new_page()
    thrown: list[str] = []
    page.on("pageerror", lambda exc: thrown.append(str(exc)))
    try:
        page.goto(urljoin(site_url, NAV_START.lstrip("/")), wait_until="load")
        page.evaluate("() => { window.__vdNoReload = true; }")
        for hop in NAV_HOPS:
            link = page.locator(f"nav.md-nav--primary a.md-nav__link[href$='{hop.strip('/')}/']")
            assert link.count(), f"no nav link to {hop} on {page.url}"
            page.evaluate(MARK_CONTENT)
            link.first.click()
            page.wait_for_url(urljoin(site_url, hop.lstrip("/")), timeout=NAVIGATION_TIMEOUT_MS)
            page.wait_for_function(CONTENT_REPLACED, timeout=NAVIGATION_TIMEOUT_MS)
            seen = page.evaluate(INSPECT)
            assert page.evaluate("() => window.__vdNoReload === true"), (
                f"{hop}: a full page load, not an instant navigation"
            )
            assert seen["maths"] > 0, f"{hop}: no typeset maths after instant navigation"
            assert not seen["rawTex"] and not seen["errors"], (hop, seen["rawTex"], seen["errors"])
            assert not thrown, f"{hop}: uncaught errors: {thrown}"
    finally:
        page.close()
