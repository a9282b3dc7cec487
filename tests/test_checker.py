"""The checker itself: proofs, numeric checks, time budgets, wrong variants, the cache, the CLI."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
import sympy as sp

from derivations import Numeric, Symbolic, check_numeric, prove

ROOT = Path(__file__).resolve().parent.parent
x = sp.Symbol("x", real=True)
p = sp.Symbol("p", positive=True)


def run_cli(tmp_path: Path, module_source: str, *args: str) -> tuple[int, dict, str]:
    """Run ``python -m derivations`` on one throw-away claim module; return code, report, stderr."""
    module = tmp_path / "claims_under_test.py"
    module.write_text(textwrap.dedent(module_source))
    out = tmp_path / "report.json"
    env = {
        **os.environ,
        "VERIFIED_CLAIM_MODULES": str(module),
        "VERIFIED_CACHE_DIR": str(tmp_path / "cache"),
    }
    cmd = [sys.executable, "-m", "derivations", "--quiet", "--json", str(out), *args]
    proc = subprocess.run(cmd, capture_output=True, text=True, env=env, cwd=ROOT)
    report = json.loads(out.read_text()) if out.exists() else {}
    return proc.returncode, report, proc.stderr


HEADER = """
import time
import sympy as sp
from derivations import Numeric, Symbolic, claim, definition
PAGE = "posts/mathematics/demo/demo.md"
x = sp.Symbol("x", real=True)


def slow(e):  # a targeted simplification that never finishes within a budget
    time.sleep(30)
    return e
"""


def test_prove_accepts_identity_and_rejects_its_mutation() -> None:
    """Assert an exact trigonometric identity is proved and its sign-flipped form is not."""
    assert prove(sp.Eq(sp.cos(2 * x), 1 - 2 * sp.sin(x) ** 2), Symbolic()).holds
    assert not prove(sp.Eq(sp.cos(2 * x), 1 + 2 * sp.sin(x) ** 2), Symbolic()).holds


def test_prove_decides_inequalities_from_assumptions() -> None:
    """Assert p^2 + 1 >= 2p and e^x > 0 are proved, and e^x < 0 is not."""
    assert prove(sp.Ge(p**2 + 1, 2 * p), Symbolic()).holds
    assert prove(sp.Gt(sp.exp(x), 0), Symbolic()).holds
    assert not prove(sp.Lt(sp.exp(x), 0), Symbolic()).holds


def test_prove_compares_matrices_entry_by_entry() -> None:
    """Assert a matrix identity holds and a wrong entry is reported with its index."""
    m = sp.Matrix([[x, 1], [0, x]])
    assert prove(sp.Eq(m * m, sp.Matrix([[x**2, 2 * x], [0, x**2]])), Symbolic()).holds
    out = prove(sp.Eq(m * m, sp.Matrix([[x**2, x], [0, x**2]])), Symbolic())
    assert not out.holds and "entry 1" in out.detail


def test_prove_never_accepts_an_undecided_statement() -> None:
    """Assert a statement that is not a relation is a failure, not a pass."""
    assert not prove(x + 1, Symbolic()).holds


def test_numeric_check_finds_counterexample() -> None:
    """Assert seeded sampling rejects an identity that fails away from zero."""
    assert check_numeric(sp.Eq(sp.sin(x) ** 2 + sp.cos(x) ** 2, 1), Numeric(samples=50)).holds
    out = check_numeric(sp.Eq(sp.sin(x), x), Numeric(samples=50, tol=1e-6))
    assert not out.holds and "relative error" in out.detail


def test_false_claim_fails_naming_page_and_id(tmp_path: Path) -> None:
    """Assert a false claim makes the command exit 1 with a message naming page and id."""
    code, report, err = run_cli(
        tmp_path,
        HEADER
        + """
claim("demo.false", sp.Eq(sp.sin(x) ** 2, sp.cos(x) ** 2), wrong={"w": sp.Eq(x, x + 1)})
""",
    )
    assert code == 1
    assert "docs/posts/mathematics/demo/demo.md: claim 'demo.false' failed" in err
    assert report["summary"]["failures"] == 1


def test_check_that_accepts_its_wrong_variant_is_a_defect(tmp_path: Path) -> None:
    """Assert a claim whose 'wrong' variant is also true fails the run."""
    code, _, err = run_cli(
        tmp_path,
        HEADER
        + """
claim("demo.weak", sp.Eq((x + 1) ** 2, x**2 + 2 * x + 1),
      wrong={"not wrong at all": sp.Eq((x + 1) ** 2 - 1, x**2 + 2 * x)})
""",
    )
    assert code == 1
    assert "accepts the wrong variant 'not wrong at all'" in err


def test_symbolic_timeout_fails_loudly(tmp_path: Path) -> None:
    """Assert a proof that exceeds its budget fails (undecidable is not true)."""
    code, report, _ = run_cli(
        tmp_path,
        HEADER
        + """
claim("demo.slow", sp.Eq(sp.sin(x) ** 2 + sp.cos(x) ** 2, 1), wrong={"w": sp.Eq(x, x + 1)},
      method=Symbolic(simplify=slow, budget=0.5))
""",
    )
    assert code == 1
    result = report["results"][0]
    assert result["status"] == "fail"
    assert "time budget" in result["detail"] and "undecidable is not true" in result["detail"]


def test_symbolic_timeout_falls_back_to_labelled_numeric_check(tmp_path: Path) -> None:
    """Assert a timed-out proof with a declared fallback passes only as 'numeric'."""
    code, report, _ = run_cli(
        tmp_path,
        HEADER
        + """
claim("demo.fallback", sp.Eq(sp.sin(x) ** 2 + sp.cos(x) ** 2, 1),
      wrong={"w": sp.Eq(sp.sin(x) ** 2 - sp.cos(x) ** 2, 1)},
      method=Symbolic(simplify=slow, budget=0.5, fallback=Numeric(samples=30)))
""",
    )
    assert code == 0
    result = report["results"][0]
    assert result["status"] == "pass" and result["method"] == "numeric" and result["fallback"]
    assert "timed out" in result["method_detail"]
    assert all(v["rejected"] for v in result["variants"])


def test_summary_counts_and_json(tmp_path: Path) -> None:
    """Assert the JSON report counts claims, methods, definitions and rejected variants."""
    code, report, err = run_cli(
        tmp_path,
        HEADER
        + """
definition("demo.def", r"f(x) = x^2", expr=x**2)
claim("demo.sym", sp.Eq((x + 1) ** 2, x**2 + 2 * x + 1),
      wrong={"a": sp.Eq((x + 1) ** 2, x**2 + 1), "b": sp.Eq((x + 1) ** 2, x**2 - 2 * x + 1)},
      uses=["demo.def"])
claim("demo.num", sp.Le(sp.sin(x), 1), wrong={"c": sp.Le(sp.sin(x), sp.Rational(1, 2))},
      method=Numeric(samples=100, seed=1))
""",
    )
    assert code == 0, err
    s = report["summary"]
    assert (s["claims"], s["symbolic"], s["numeric"], s["definitions"]) == (2, 1, 1, 1)
    assert (s["variants"], s["variants_rejected"], s["failures"]) == (3, 3, 0)
    assert "wrong variants rejected" in err


def test_unknown_uses_fails(tmp_path: Path) -> None:
    """Assert a claim that uses an unregistered id fails the run, naming both ids."""
    code, _, err = run_cli(
        tmp_path,
        HEADER
        + """
claim("demo.c", sp.Eq(sp.cos(x) ** 2, 1 - sp.sin(x) ** 2), wrong={"w": sp.Eq(x, 2 * x)},
      uses=["demo.nowhere"])
""",
    )
    assert code == 1 and "uses unknown id 'demo.nowhere'" in err


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ('claim("demo.f", sp.Eq(x * 0.5 + 1, x), wrong={"w": sp.Eq(x, 2 * x)})', "float literals"),
        ('claim("demo.n", sp.Eq(x, x), wrong={})', "no wrong variant"),
        (
            'claim("demo.d", sp.Eq(x**2, x * x, evaluate=False), wrong={"w": sp.Eq(x, 2*x)})\n'
            'claim("demo.d", sp.Eq(x**2, x * x, evaluate=False), wrong={"w": sp.Eq(x, 2*x)})',
            "duplicate id",
        ),
    ],
)
def test_registry_rejects_malformed_claims(tmp_path: Path, body: str, message: str) -> None:
    """Assert float literals, missing wrong variants and duplicate ids are refused."""
    code, _, err = run_cli(tmp_path, HEADER + body)
    assert code != 0 and message in err


def test_cache_hit_matches_run_and_edit_invalidates(tmp_path: Path) -> None:
    """Assert a second run reads the cache with identical results, and an edit re-runs."""
    source = (
        HEADER
        + 'claim("demo.c", sp.Eq((x + 1) ** 2 - 1, x * (x + 2)), wrong={"w": sp.Eq(x, 2 * x)})\n'
    )
    _, first, _ = run_cli(tmp_path, source)
    _, second, _ = run_cli(tmp_path, source)
    strip = ("cached", "seconds")
    a = {k: v for k, v in first["results"][0].items() if k not in strip}
    b = {k: v for k, v in second["results"][0].items() if k not in strip}
    assert first["summary"]["cached"] == 0 and second["summary"]["cached"] == 1
    assert a == b
    _, third, _ = run_cli(tmp_path, source + "# an edit\n")
    assert third["summary"]["cached"] == 0
    _, fourth, _ = run_cli(tmp_path, source, "--no-cache")
    assert fourth["summary"]["cached"] == 0


def test_statement_decided_at_construction_is_refused(tmp_path: Path) -> None:
    """Assert a statement sympy evaluated to True when built is refused (nothing to show)."""
    code, _, err = run_cli(
        tmp_path, HEADER + 'claim("demo.t", sp.Eq(2 * x, x + x), wrong={"w": sp.Eq(x, 2 * x)})'
    )
    assert code != 0 and "evaluated to True when it was built" in err
