"""The layout is the architecture: pages, claims modules, snippets and tests mirror one another.

In the style of griffe's ``tests/test_api.py``: each rule is a test parametrized over the files
it governs, so a failure names the file that breaks the rule.
"""

from __future__ import annotations

import ast
import re
import sys
from pathlib import Path

import pytest
from conftest import ROOT

POSTS = ROOT / "docs" / "posts" / "mathematics"
SHARED = {"device", "figures"}  # snippets used by every category stay at the top
OURS = {"derivations", "snippets"}

PAGES = sorted(POSTS.glob("*/*.md"))
SNIPPET_MODULES = sorted(p for p in (ROOT / "snippets").rglob("*.py") if p.name != "__init__.py")
PAGE_MODULES = sorted(
    p
    for p in (ROOT / "derivations").glob("*/*.py")
    if p.name != "__init__.py" and not p.parent.name.startswith("_")
)
OUR_FILES = sorted(
    p
    for top in ("derivations", "snippets", "tests", "benchmarks")
    for p in (ROOT / top).rglob("*.py")
    if "_vendor" not in p.parts
)
BLOCK = re.compile(r"^```python[^\n]*exec=\"on\"[^\n]*\n(.*?)^```", re.MULTILINE | re.DOTALL)


def _package(category: str) -> str:
    return category.replace("-", "_")


def _rel(path: Path) -> str:
    return path.relative_to(ROOT).as_posix()


def _imports(source: str) -> list[str]:
    """Absolute module names imported by ``source`` (``from a.b import c`` gives ``a.b.c``)."""
    names: list[str] = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            names += [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names += [node.module] + [f"{node.module}.{a.name}" for a in node.names]
    return names


def _page_code(page: Path) -> str:
    return "\n".join(BLOCK.findall(page.read_text()))


def test_layout_is_found() -> None:
    assert len(PAGES) >= 17 and len(SNIPPET_MODULES) >= 20 and len(PAGE_MODULES) == len(PAGES)


@pytest.mark.parametrize("page", PAGES, ids=_rel)
def test_every_page_has_a_claims_module(page: Path) -> None:
    module = ROOT / "derivations" / _package(page.parent.name) / f"{_package(page.stem)}.py"
    assert module.is_file(), f"{_rel(page)} has no claims module {_rel(module)}"


@pytest.mark.parametrize("module", PAGE_MODULES, ids=_rel)
def test_every_claims_module_has_a_page(module: Path) -> None:
    page = POSTS / module.parent.name.replace("_", "-") / f"{module.stem.replace('_', '-')}.md"
    assert page.is_file(), f"{_rel(module)} registers claims for a missing page {_rel(page)}"


@pytest.mark.parametrize("page", PAGES, ids=_rel)
def test_page_code_runs_from_its_snippets_category(page: Path) -> None:
    code = _page_code(page)
    if not code:
        pytest.skip("the page runs no code")
    category = _package(page.parent.name)
    used = {n.split(".")[1] for n in _imports(code) if n.startswith("snippets.")}
    assert category in used, (
        f"{_rel(page)} runs code but imports nothing from snippets/{category}/ "
        f"(it imports snippets.{{{', '.join(sorted(used))}}})"
    )


@pytest.mark.parametrize("module", SNIPPET_MODULES, ids=_rel)
def test_snippets_module_sits_in_a_category_of_the_site(module: Path) -> None:
    rel = module.relative_to(ROOT / "snippets")
    if len(rel.parts) == 1:
        assert module.stem in SHARED, (
            f"{_rel(module)} is at the top of snippets/: move it to snippets/<category>/ "
            f"(only {sorted(SHARED)} are shared across categories)"
        )
    else:
        category = rel.parts[0].replace("_", "-")
        assert (POSTS / category).is_dir(), f"{_rel(module)}: no page category {category!r}"


@pytest.mark.parametrize("module", SNIPPET_MODULES, ids=_rel)
def test_every_snippets_module_has_a_test_module(module: Path) -> None:
    rel = module.relative_to(ROOT / "snippets")
    test = ROOT / "tests" / "snippets" / rel.parent / f"test_{module.name}"
    assert test.is_file(), f"{_rel(module)} has no test module {_rel(test)}"


@pytest.mark.parametrize("path", [*PAGE_MODULES, *PAGES], ids=_rel)
def test_pages_use_only_public_modules(path: Path) -> None:
    source = _page_code(path) if path.suffix == ".md" else path.read_text()
    private = [
        n
        for n in _imports(source)
        if n.split(".")[0] in OURS and any(p.startswith("_") for p in n.split(".")[1:2])
    ]
    assert not private, f"{_rel(path)} imports internal modules {private}: use derivations' API"


@pytest.mark.parametrize("path", OUR_FILES, ids=_rel)
def test_no_private_package_of_a_dependency_is_imported(path: Path) -> None:
    bad = []
    for name in _imports(path.read_text()):
        top, *rest = name.split(".")
        if top in OURS or top in sys.stdlib_module_names or top in {"conftest", "sitetools"}:
            continue
        if any(p.startswith("_") and not p.startswith("__") for p in rest):
            bad.append(name)
    assert not bad, f"{_rel(path)} imports private parts of a dependency: {bad}"


@pytest.mark.parametrize("path", OUR_FILES, ids=_rel)
def test_modules_say_what_they_are(path: Path) -> None:
    if path.name == "__init__.py" and not path.read_text().strip():
        pytest.fail(f"{_rel(path)} is empty: give the package a docstring")
    assert ast.get_docstring(ast.parse(path.read_text())), f"{_rel(path)} has no module docstring"
