"""Search in English and Chinese, and the RSS feed of the posts with their dates.

Chinese has no spaces between words: the search index can only find a word inside a title if
the build splits the text (Material's search plugin does, with jieba, marking word boundaries
with U+200B, which ``mkdocs.yml``'s separator splits on). A throw-away site, built with the real
hooks and the real search configuration, carries a Chinese ``source_title``; the tests check the
index, and (when Chromium is installed) that the browser's search finds a word from its middle.
"""

from __future__ import annotations

import json
import re
import textwrap
import xml.etree.ElementTree as ET
from datetime import date, datetime
from email.utils import parsedate_to_datetime
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml
from conftest import ROOT, run_mkdocs_build
from mkdocs.config import load_config
from sitetools import find_chromium, launch, search, serve

#: A Chinese original title, and a word from its middle that only a segmented index finds.
CHINESE_TITLE = "旋转位置编码的几何：从复数到旋转矩阵"
CHINESE_WORD = "几何"
ZWSP = "\u200b"


class _AnyTagLoader(yaml.SafeLoader):
    """Reads mkdocs.yml without resolving its tags (``!ENV``, ``!!python/name:``)."""


_AnyTagLoader.add_multi_constructor("", lambda loader, suffix, node: None)


def mkdocs_config() -> dict:
    """The site's ``mkdocs.yml`` as plain data."""
    return yaml.load((ROOT / "mkdocs.yml").read_text(), Loader=_AnyTagLoader)


def plugin_config(name: str) -> dict:
    """The options of plugin ``name`` in ``mkdocs.yml`` (empty when it has none)."""
    for entry in mkdocs_config()["plugins"]:
        if entry == name:
            return {}
        if isinstance(entry, dict) and name in entry:
            return entry[name] or {}
    raise AssertionError(f"plugin {name!r} is not in mkdocs.yml")


def front_matter(page: Path) -> dict:
    """The YAML front matter of a Markdown page (empty when it has none)."""
    m = re.match(r"^---\n(.*?)\n---\n", page.read_text(), re.S)
    return (yaml.safe_load(m.group(1)) or {}) if m else {}


@pytest.fixture(scope="module")
def chinese_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A throw-away site with a Chinese source_title, built with the site's hooks and search."""
    root = tmp_path_factory.mktemp("chinese-site")
    (root / "docs").mkdir()
    (root / "docs" / "index.md").write_text("# Home\n\nAn English page.\n")
    (root / "docs" / "post.md").write_text(
        textwrap.dedent(
            f"""\
            ---
            title: The geometry of RoPE
            date: 2026-03-28
            source_title: "{CHINESE_TITLE}"
            ---
            # The geometry of RoPE

            Rotary position encoding, in English.
            """
        )
    )
    (root / "claims.py").write_text('"""No claims."""\n')
    config = {
        "site_name": "throwaway",
        "site_url": "https://example.org/",
        "theme": {"name": "material", "font": False},
        "hooks": [str(ROOT / "derivations" / "_site.py")],
        "plugins": [{"search": plugin_config("search")}],
        "markdown_extensions": ["md_in_html", "attr_list"],
        "nav": ["index.md", "post.md"],
    }
    (root / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True))
    env = {
        "VERIFIED_CLAIM_MODULES": str(root / "claims.py"),
        "VERIFIED_CACHE_DIR": str(root / "cache"),
    }
    proc = run_mkdocs_build(root / "site", root / "mkdocs.yml", env)
    assert proc.returncode == 0, f"{proc.stdout}\n{proc.stderr}"
    return root / "site"


def test_search_is_configured_for_english_and_chinese() -> None:
    """Assert the search plugin indexes English and Chinese and splits on jieba's boundaries."""
    search_config = plugin_config("search")
    assert {"en", "zh"} <= set(search_config.get("lang", []))
    assert "\\u200b" in search_config.get("separator", ""), search_config


def test_chinese_title_is_in_the_search_index(chinese_site: Path) -> None:
    """Assert the index holds the Chinese source_title, split into words (one is 几何)."""
    index = json.loads((chinese_site / "search" / "search_index.json").read_text())
    texts = {doc["location"]: doc["title"] + " " + doc["text"] for doc in index["docs"]}
    post = texts.get("post/", "")
    assert CHINESE_TITLE in post.replace(ZWSP, ""), post
    assert f"{ZWSP}{CHINESE_WORD}{ZWSP}" in post, f"not split into words: {post!r}"


def test_browser_search_finds_a_chinese_word(
    chinese_site: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    """Assert Material's search, in Chromium, finds the post by a word inside its Chinese title."""
    chromium = find_chromium()
    if chromium is None:
        pytest.skip("no Chromium: `make check` installs it (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with serve(chinese_site) as url, sync_playwright() as pw:
        context = launch(pw, chromium, tmp_path_factory.mktemp("chromium-profile"))
        try:
            found = search(context.new_page(), url, CHINESE_WORD)
        finally:
            context.close()
    assert "/post/" in found, found


def _posts() -> dict[str, dict]:
    """Every post in ``docs/posts`` by URL path, with its front matter."""
    posts = {}
    for page in sorted((ROOT / "docs" / "posts").rglob("*.md")):
        rel = page.relative_to(ROOT / "docs").with_suffix("").as_posix()
        posts[f"/{rel}/"] = front_matter(page)
    return posts


def test_feed_lists_every_post_with_its_date(built_site: Path) -> None:
    """Assert the RSS feed has one item per post, dated by the post's front-matter date."""
    channel = ET.parse(built_site / "feed_rss_created.xml").getroot().find("channel")
    assert channel is not None
    prefix = urlsplit(load_config(str(ROOT / "mkdocs.yml"))["site_url"]).path.rstrip("/")
    items = {
        urlsplit(item.findtext("link", "")).path.removeprefix(prefix): item.findtext("pubDate", "")
        for item in channel.findall("item")
    }
    posts = _posts()
    assert set(items) == set(posts), set(items) ^ set(posts)
    for path, meta in posts.items():
        when = meta.get("date")
        if isinstance(when, datetime):
            when = when.date()
        if isinstance(when, date):
            assert parsedate_to_datetime(items[path]).date() == when, (path, items[path])
