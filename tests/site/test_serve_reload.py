"""``mkdocs serve`` never shows a stale ``snippets`` module after an edit."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

from conftest import ROOT


def load_hook():
    """Load the MkDocs hook module the way MkDocs does (from its file)."""
    spec = importlib.util.spec_from_file_location(
        "site_hook_under_test", ROOT / "derivations" / "_site.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_each_build_reimports_edited_snippets(tmp_path: Path, monkeypatch) -> None:
    """Assert a snippets module edited between two builds is re-imported with its new code."""
    package = tmp_path / "snippets"
    package.mkdir()
    (package / "__init__.py").write_text("")
    (package / "probe.py").write_text("VALUE = 1\n")
    saved = {k: v for k, v in sys.modules.items() if k.startswith(("snippets", "derivations"))}
    monkeypatch.syspath_prepend(str(tmp_path))
    hook = load_hook()
    try:
        hook._forget_modules()
        import snippets.probe

        assert snippets.probe.VALUE == 1
        (package / "probe.py").write_text("VALUE = 2  # edited, and a different size\n")
        hook._forget_modules()  # what on_pre_build does before every (re)build
        importlib.invalidate_caches()
        import snippets.probe as fresh

        assert fresh.VALUE == 2
    finally:
        hook._forget_modules()
        sys.modules.update(saved)
