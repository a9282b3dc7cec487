"""Shared fixtures: the verification report and one strict build of the real site."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import torch

ROOT = Path(__file__).resolve().parent.parent
torch.set_num_threads(1)  # as in the site build (derivations/_site.py): stable on busy cores


#: Fixtures that build or verify the whole site: a test that uses one is slow.
SLOW_FIXTURES = frozenset({"built_site", "verification_report", "rebuilt_site", "crawl", "browser"})


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Mark whole-site tests ``slow``; skip ``cuda`` tests when no GPU is present."""
    skip = pytest.mark.skip(reason="needs a CUDA GPU")
    for item in items:
        if SLOW_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.slow)
        if "cuda" in item.keywords and not torch.cuda.is_available():
            item.add_marker(skip)


def run_mkdocs_build(
    site_dir: Path, config: Path = ROOT / "mkdocs.yml", env: dict | None = None
) -> subprocess.CompletedProcess:
    """Run ``mkdocs build --strict`` for ``config`` into ``site_dir``."""
    full_env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})}
    cmd = [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(config)]
    cmd += ["-d", str(site_dir)]
    return subprocess.run(
        cmd, check=False, capture_output=True, text=True, env=full_env, cwd=config.parent
    )


@pytest.fixture(scope="session")
def session_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One cache folder for the whole test session, empty at its start.

    The verification below fills it with fresh results of every claim; the strict build of the
    real site then reads them instead of checking every claim a second time (the result of a
    check is keyed by everything it depends on, so a hit proves the same thing).
    """
    return tmp_path_factory.mktemp("verified-cache")


@pytest.fixture(scope="session")
def verification_report(session_cache: Path, tmp_path_factory: pytest.TempPathFactory) -> dict:
    """Every claim and wrong variant, checked afresh (into an empty cache folder)."""
    out = tmp_path_factory.mktemp("verification") / "report.json"
    cmd = [sys.executable, "-m", "derivations", "--quiet", "--json", str(out)]
    env = {**os.environ, "VERIFIED_CACHE_DIR": str(session_cache)}
    proc = subprocess.run(cmd, check=False, capture_output=True, text=True, cwd=ROOT, env=env)
    assert out.exists(), proc.stderr
    report = json.loads(out.read_text())
    assert report["summary"]["cached"] == 0, "the session's verification must not read a cache"
    return report


@pytest.fixture(scope="session")
def built_site(
    verification_report: dict, session_cache: Path, tmp_path_factory: pytest.TempPathFactory
) -> Path:
    """The real site, built once with ``mkdocs build --strict``; the build must succeed.

    It reuses the session's fresh claim results (``verification_report``), so every claim is
    checked once per session; page blocks run and maths is typeset from empty caches.
    """
    site = tmp_path_factory.mktemp("site")
    proc = run_mkdocs_build(site, env={"VERIFIED_CACHE_DIR": str(session_cache)})
    assert proc.returncode == 0, f"strict build failed:\n{proc.stdout}\n{proc.stderr}"
    counts = re.search(r"verified (\d+) claims .* \((\d+) from cache\)", proc.stderr)
    assert counts and counts.group(1) == counts.group(2), (
        f"the build re-checked claims this session already checked: {counts and counts.group(0)}"
    )
    return site
