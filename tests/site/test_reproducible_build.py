"""Reproducible builds: two builds of the same tree are identical but for declared fields.

The first build is the session's ``built_site`` (the repository's caches, possibly warm); in
the second every page block runs again (no execution cache), so a block whose output is not
reproducible is caught. Every file of the two sites is compared: text after masking the
fields of ``ALLOWED_DIFFERENCES`` (each must differ between builds, and says why), everything
else byte for byte. ``.gz`` files are compared decompressed (``DECOMPRESSED``).
"""

from __future__ import annotations

import gzip
import json
import re
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from email.utils import parsedate_to_datetime
from fnmatch import fnmatch
from pathlib import Path

import pytest
from conftest import run_mkdocs_build

#: Files compared after decompressing: gzip's header stores the build time (MkDocs passes it
#: as the member's mtime), while the content must not change.
DECOMPRESSED = ("*.gz",)
#: Files compared as text (after masking); all others byte for byte.
TEXT_SUFFIXES = (".html", ".xml", ".json", ".js", ".css", ".svg", ".xsl", ".txt")
#: How far before the first build a build-time stamp may lie (the builds run in one session).
BUILD_WINDOW = timedelta(hours=6)


@dataclass(frozen=True)
class Allowed:
    """A field that must differ between two builds of the same tree.

    Attributes:
        name: Short name, shown in reports.
        files: Shell pattern (``fnmatch``) of the site-relative paths it applies to.
        pattern: What is masked; every match is replaced by ``<name>`` in both builds.
        why: Why it cannot be the same in two builds.
        example: A string in which ``pattern`` must find a match (checked by a test).
        is_build_time: For dates: mask a match only when this says it is the build's clock
            (dates that come from the pages' front matter are still compared).
        numbers_only: Mask only the numbers inside each match, keep its words.
    """

    name: str
    files: tuple[str, ...]
    pattern: re.Pattern[str]
    why: str
    example: str
    is_build_time: Callable[[str, datetime], bool] | None = None
    numbers_only: bool = False


def _in_window(when: datetime | None, start: datetime) -> bool:
    """True when ``when`` (naive means UTC) lies between the first build and now."""
    if when is None:
        return False
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return start - BUILD_WINDOW <= when <= datetime.now(UTC) + _SLACK


def _rfc822_now(text: str, start: datetime) -> bool:
    """True when an RFC 822 date in ``text`` lies in the build window (RSS feeds)."""
    stamp = re.search(r">([^<]+)<", text)
    try:
        when = parsedate_to_datetime(stamp.group(1)) if stamp else None
    except (TypeError, ValueError):
        return False
    return _in_window(when, start)


def _iso_now(text: str, start: datetime) -> bool:
    """True when an ISO 8601 date-time in ``text`` lies in the build window (JSON feeds)."""
    stamp = re.search(r"(\d{4}-\d\d-\d\d[T ][0-9:.]+(?:Z|[+-]\d\d:?\d\d)?)", text)
    try:
        when = datetime.fromisoformat(stamp.group(1)) if stamp else None
    except ValueError:
        return False
    return _in_window(when, start)


def _date_now(text: str, start: datetime) -> bool:
    """True when a calendar date in ``text`` is a day of the build window (sitemap)."""
    stamp = re.search(r"(\d{4}-\d\d-\d\d)", text)
    if not stamp:
        return False
    day = datetime.fromisoformat(stamp.group(1)).date()
    return (start - BUILD_WINDOW).date() <= day <= (datetime.now(UTC) + _SLACK).date()


_SLACK = timedelta(minutes=1)
_UNIT = r"\((?:ns|µs|us|ms|s)\)"

#: Every field allowed to differ between two builds of the same tree. Keep it minimal: a new
#: entry needs a reason that the field *must* change, not merely that it does.
ALLOWED_DIFFERENCES: tuple[Allowed, ...] = (
    # A measurement of the machine, not content: the badge's tooltip says how long sympy took.
    Allowed(
        name="check-time",
        files=("*.html",),
        pattern=re.compile(r"(?<=; checked in )\d+(?:\.\d+)? s"),
        why="a claim's badge title gives how long its check took in the run that decided it",
        example='title="symbolic: exact; checked in 0.02 s"',
    ),
    # The ledger gives the same time, and says whether it came from the check cache, which
    # depends on what ran before (the ledger pages are not in the search index).
    Allowed(
        name="ledger-check-time",
        files=("ledger/*/*/index.html",),
        pattern=re.compile(r"(?<=pass in )\d+(?:\.\d+)? s(?:, from cache)?"),
        why="the ledger gives each check's time and whether this build took it from the cache",
        example="&#10003; pass in 0.01 s, from cache",
    ),
    # Pages time their code on the build's machine ("Cost: element-wise against matrix form"):
    # a table whose header names a time unit holds measurements (and ratios of them).
    Allowed(
        name="timing-table",
        files=("*.html",),
        pattern=re.compile(
            rf"<table>\s*<thead>(?:(?!</thead>).)*?{_UNIT}(?:(?!</table>).)*</table>", re.DOTALL
        ),
        why="timings measured at build (a table with a time unit in its header) vary per run",
        example="<table>\n<thead>\n<tr><th>d</th><th>matrix (µs)</th></tr></thead>"
        "<tbody><tr><td>64</td><td>21</td></tr></tbody></table>",
    ),
    # The same tables, as flattened text in the search index: the numbers after a header cell
    # with a time unit, up to the next tag.
    Allowed(
        name="timing-table-search",
        files=("search/search_index.json",),
        pattern=re.compile(rf"{_UNIT}[^<]*"),
        why="the search index holds the text of the timing tables above",
        example="d element-wise (µs) matrix (µs) ratio 64 21 7993 381.5 <p>",
        numbers_only=True,
    ),
    # A block may report how long its loop took on the build's device ("training loop: 0.76 s
    # on cpu"): the seconds, and only they, vary per run (in the page and its search text).
    Allowed(
        name="timed-on-device",
        files=("*.html", "search/search_index.json"),
        pattern=re.compile(r"\b\d+(?:\.\d+)? s on (?:cpu|cuda)\b"),
        why="a block's own timing of its work on the build's device varies per run",
        example="training loop: 0.76 s on cpu",
        numbers_only=True,
    ),
    # MkDocs stamps every sitemap entry with the build date.
    Allowed(
        name="sitemap-lastmod",
        files=("sitemap.xml", "sitemap.xml.gz"),
        pattern=re.compile(r"<lastmod>[^<]*</lastmod>"),
        why="MkDocs sets each page's <lastmod> to the day of the build",
        example="<lastmod>2026-11-22</lastmod>",
        is_build_time=_date_now,
    ),
    # The RSS plugin stamps the channel with the build time, and dates a post without a
    # front-matter `date` at the build time too (dated posts keep their date and are compared).
    Allowed(
        name="feed-build-time",
        files=("feed_rss_*.xml",),
        pattern=re.compile(r"<(pubDate|lastBuildDate)>[^<]*</\1>"),
        why="an RSS channel's pubDate/lastBuildDate and an undated post's date are the build time",
        example="<lastBuildDate>Sun, 22 Nov 2026 05:49:56 -0000</lastBuildDate>",
        is_build_time=_rfc822_now,
    ),
    Allowed(
        name="feed-build-time-json",
        files=("feed_json_*.json",),
        pattern=re.compile(r'"date_(?:published|modified)": "[^"]*"'),
        why="the JSON feed dates an undated post at the build time",
        example='"date_published": "2026-11-22T05:50:02+00:00"',
        is_build_time=_iso_now,
    ),
)


def _mask(rel: str, text: str, start: datetime) -> str:
    """``text`` with every allowed field of file ``rel`` replaced by its name."""
    for rule in ALLOWED_DIFFERENCES:
        if not any(fnmatch(rel, f) for f in rule.files):
            continue

        def replace(m: re.Match[str], rule: Allowed = rule) -> str:
            if rule.is_build_time and not rule.is_build_time(m.group(0), start):
                return m.group(0)
            if rule.numbers_only:
                return re.sub(r"\d+(?:[.,]\d+)*(?:e[-+]?\d+)?", f"<{rule.name}>", m.group(0))
            return f"<{rule.name}>"

        text = rule.pattern.sub(replace, text)
    return text


def _read(path: Path, rel: str) -> bytes | str:
    """The comparable content of one built file: text for text files, else bytes."""
    data = path.read_bytes()
    if any(fnmatch(rel, f) for f in DECOMPRESSED):
        data, rel = gzip.decompress(data), rel[: -len(".gz")]
    if not rel.endswith(TEXT_SUFFIXES):
        return data
    text = data.decode("utf-8")
    if rel.endswith(".json"):
        # One field per line and unescaped text, so masks and reports see what a reader sees.
        text = json.dumps(json.loads(text), ensure_ascii=False, indent=1)
    return text


def _first_difference(a: str, b: str) -> str:
    """A short excerpt of both texts around their first difference.

    Linear in the texts' length: a diff of two 1 MB pages (difflib) would take minutes.
    """
    i = next((k for k, (x, y) in enumerate(zip(a, b)) if x != y), min(len(a), len(b)))
    if i == len(a) == len(b):
        return "(no difference)"
    return (
        f"first build: ...{a[max(0, i - 80) : i + 120]!r}...\n"
        f"    second build: ...{b[max(0, i - 80) : i + 120]!r}..."
    )


def compare_sites(first: Path, second: Path, start: datetime) -> list[str]:
    """Every difference between two built sites that ``ALLOWED_DIFFERENCES`` does not allow."""
    files_a = {p.relative_to(first).as_posix() for p in first.rglob("*") if p.is_file()}
    files_b = {p.relative_to(second).as_posix() for p in second.rglob("*") if p.is_file()}
    problems = [f"{rel}: only in the first build" for rel in sorted(files_a - files_b)]
    problems += [f"{rel}: only in the second build" for rel in sorted(files_b - files_a)]
    for rel in sorted(files_a & files_b):
        if (first / rel).read_bytes() == (second / rel).read_bytes():
            continue
        a, b = _read(first / rel, rel), _read(second / rel, rel)
        if isinstance(a, str) and isinstance(b, str):
            a, b = _mask(rel, a, start), _mask(rel, b, start)
            if a != b:
                problems.append(f"{rel}:\n    {_first_difference(a, b)}")
        elif a != b:
            problems.append(f"{rel}: binary content differs")
    return problems


@pytest.fixture(scope="module")
def rebuilt_site(
    built_site: Path, session_cache: Path, tmp_path_factory: pytest.TempPathFactory
) -> Path:
    """A second strict build of the same tree in which every page block runs again.

    Its cache folder holds the claim results and the typeset formulas of the first build
    (claims are checked afresh by the session's ``verification_report``; re-checking them here
    would only double the time) but no execution cache (``exec/``), so no block output is
    replayed: a block whose output is not reproducible shows up as a difference.
    """
    site = tmp_path_factory.mktemp("site-again")
    cache = tmp_path_factory.mktemp("cache-without-exec")
    for result in session_cache.glob("*.json"):
        shutil.copy(result, cache / result.name)
    proc = run_mkdocs_build(site, env={"VERIFIED_CACHE_DIR": str(cache)})
    assert proc.returncode == 0, f"second strict build failed:\n{proc.stdout}\n{proc.stderr}"
    return site


def test_allowed_differences_match_their_examples() -> None:
    """Assert each declared field's pattern masks its example (so no entry silently rots)."""
    start = datetime(2026, 11, 22, 5, 0, tzinfo=UTC)
    for rule in ALLOWED_DIFFERENCES:
        assert rule.pattern.search(rule.example), rule.name
        masked = _mask(rule.files[0], rule.example, start)
        assert f"<{rule.name}>" in masked, (rule.name, masked)


def test_masks_keep_what_the_page_states() -> None:
    """Assert masking hides timings but not a changed formula, number or front-matter date."""
    start = datetime.now(UTC)
    badge = '<span title="exact; checked in {t} s">{f}</span>'
    same = _mask("a.html", badge.format(t="0.02", f="x^2"), start)
    assert same == _mask("a.html", badge.format(t="1.70", f="x^2"), start)
    assert same != _mask("a.html", badge.format(t="0.02", f="x^3"), start)
    dated = "<pubDate>Sat, 28 Mar 2026 00:00:00 +0000</pubDate>"
    assert _mask("feed_rss_created.xml", dated, start) == dated
    table = "<table>\n<thead><tr><th>d</th><th>norm</th></tr></thead><tr><td>7</td></tr></table>"
    assert _mask("a.html", table, start) == table


def test_two_builds_are_identical_but_for_declared_fields(
    built_site: Path, rebuilt_site: Path
) -> None:
    """Assert a second build from empty caches differs from the first only in declared fields."""
    start = datetime.fromtimestamp(
        min(p.stat().st_mtime for p in built_site.rglob("*") if p.is_file()), UTC
    )
    problems = compare_sites(built_site, rebuilt_site, start)
    assert not problems, (
        f"{len(problems)} file(s) differ between two builds of the same tree beyond "
        "ALLOWED_DIFFERENCES:\n" + "\n".join(problems[:30])
    )
