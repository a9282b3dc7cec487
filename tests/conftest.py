"""Shared fixtures: the verification report and one strict build of the real site."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import torch

ROOT = Path(__file__).resolve().parent.parent
torch.set_num_threads(1)  # as in the site build (derivations/_site.py): stable on busy cores


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Skip tests marked ``cuda`` when no GPU is present."""
    if torch.cuda.is_available():
        return
    skip = pytest.mark.skip(reason="needs a CUDA GPU")
    for item in items:
        if "cuda" in item.keywords:
            item.add_marker(skip)


def run_mkdocs_build(
    site_dir: Path, config: Path = ROOT / "mkdocs.yml", env: dict | None = None
) -> subprocess.CompletedProcess:
    """Run ``mkdocs build --strict`` for ``config`` into ``site_dir``."""
    full_env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})}
    cmd = [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(config)]
    cmd += ["-d", str(site_dir)]
    return subprocess.run(cmd, capture_output=True, text=True, env=full_env, cwd=config.parent)


@pytest.fixture(scope="session")
def verification_report(tmp_path_factory: pytest.TempPathFactory) -> dict:
    """Every claim and wrong variant, checked afresh (the cache is not read)."""
    out = tmp_path_factory.mktemp("verification") / "report.json"
    cmd = [sys.executable, "-m", "derivations", "--no-cache", "--quiet", "--json", str(out)]
    proc = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT)
    assert out.exists(), proc.stderr
    return json.loads(out.read_text())


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real site, built once with ``mkdocs build --strict``; the build must succeed."""
    site = tmp_path_factory.mktemp("site")
    proc = run_mkdocs_build(site)
    assert proc.returncode == 0, f"strict build failed:\n{proc.stdout}\n{proc.stderr}"
    return site
