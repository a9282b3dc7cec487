"""Throw-away docs trees that use the real hooks, for tests of what the build refuses."""

from __future__ import annotations

import textwrap
from pathlib import Path

from conftest import ROOT, run_mkdocs_build

CLAIMS = """
import sympy as sp
from derivations import GENERAL, claim, definition
PAGE = "page.md"
x = sp.Symbol("x", real=True)
definition("demo.square", r"f(x) = x^2", expr=x**2)
claim("demo.expand", sp.Eq((x + 1) ** 2, x**2 + 2 * x + 1),
      latex=r"(x+1)^2 = x^2 + 2x + 1",
      wrong={"cross term dropped": sp.Eq((x + 1) ** 2, x**2 + 1)}, uses=["demo.square"],
      scope=GENERAL)
"""

GOOD_PAGE = """
# Demo

[[def:demo.square]]

[[claim:demo.expand]]

```python exec="on" id="demo-block"
print(6 * 7)
```
"""


def make_site(
    tmp_path: Path, page: str, claims: str = CLAIMS, extra_pages: dict[str, str] | None = None
) -> tuple[Path, dict]:
    """Write a throw-away docs tree using the real hooks; return its config and environment."""
    docs = tmp_path / "docs"
    docs.mkdir(exist_ok=True)
    pages = {"page.md": page, **(extra_pages or {})}
    for name, text in pages.items():
        (docs / name).write_text(textwrap.dedent(text))
    (tmp_path / "claims.py").write_text(textwrap.dedent(claims))
    config = tmp_path / "mkdocs.yml"
    config.write_text(
        textwrap.dedent(
            f"""
            site_name: throwaway
            theme: {{name: mkdocs}}
            hooks: [{ROOT / "derivations" / "_site.py"}]
            plugins: [markdown-exec]
            markdown_extensions:
              - md_in_html
              - pymdownx.superfences
              - pymdownx.arithmatex: {{generic: true}}
            nav: {list(pages)}
            """
        )
    )
    env = {
        "VERIFIED_CLAIM_MODULES": str(tmp_path / "claims.py"),
        "VERIFIED_CACHE_DIR": str(tmp_path / "cache"),
    }
    return config, env


def build(
    tmp_path: Path,
    page: str,
    claims: str = CLAIMS,
    env: dict | None = None,
    extra_pages: dict[str, str] | None = None,
) -> tuple[int, str]:
    """Build the throw-away tree strictly; return the exit code and all output."""
    config, base_env = make_site(tmp_path, page, claims, extra_pages)
    proc = run_mkdocs_build(tmp_path / "site", config, {**base_env, **(env or {})})
    return proc.returncode, proc.stdout + proc.stderr
