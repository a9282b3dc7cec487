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
from conftest import ROOT

from derivations import Numeric, Symbolic, check_numeric, prove

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
    proc = subprocess.run(cmd, check=False, capture_output=True, text=True, env=env, cwd=ROOT)
    report = json.loads(out.read_text()) if out.exists() else {}
    return proc.returncode, report, proc.stderr


HEADER = """
import time
import sympy as sp
from derivations import GENERAL, Instance, Numeric, Symbolic, Wrong, cited, claim, definition
PAGE = "posts/mathematics/demo/demo.md"
x = sp.Symbol("x", real=True)
y = sp.Symbol("y", real=True)
h = sp.Symbol("h", positive=True)


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


def test_prove_treats_a_zero_matrix_expression_as_zero() -> None:
    """Assert an identity of matrix symbols of symbolic size reduces to the zero matrix."""
    n = sp.Symbol("n", integer=True, positive=True)
    a, b = sp.MatrixSymbol("A", n, n), sp.MatrixSymbol("B", n, n)
    assert prove(sp.Eq((a + b).T, a.T + b.T, evaluate=False), Symbolic()).holds


def test_prove_never_accepts_an_undecided_statement() -> None:
    """Assert a statement that is not a relation is a failure, not a pass."""
    assert not prove(x + 1, Symbolic()).holds


def test_numeric_check_finds_counterexample() -> None:
    """Assert seeded sampling rejects an identity that fails away from zero."""
    assert check_numeric(sp.Eq(sp.sin(x) ** 2 + sp.cos(x) ** 2, 1), Numeric(samples=50)).holds
    out = check_numeric(sp.Eq(sp.sin(x), x), Numeric(samples=50, rtol=1e-6))
    assert not out.holds and "exceeds the tolerance" in out.detail


@pytest.mark.parametrize(
    ("statement", "method"),
    [
        (sp.Gt(sp.sin(x) ** 2 + sp.cos(x) ** 2, 1), Numeric()),
        (sp.Eq(sp.sin(p) - p, -(p**3) / 3), Numeric(domain={p: (1e-4, 1e-3)})),
        (sp.Le(p**2, 20 * p), Numeric()),
    ],
    ids=["no-slack-on-strict", "tolerance-not-absolute-for-small", "scales-beyond-4"],
)
def test_numeric_check_has_no_known_holes(statement: sp.Basic, method: Numeric) -> None:
    """Assert no slack on strict inequalities, no absolute tolerance, scales beyond (0.1, 4)."""
    assert not check_numeric(statement, method).holds


def test_false_claim_fails_naming_page_and_id(tmp_path: Path) -> None:
    """Assert a false claim makes the command exit 1 with a message naming page and id."""
    code, report, err = run_cli(
        tmp_path,
        HEADER
        + """
claim("demo.false", sp.Eq(sp.sin(x) ** 2, sp.cos(x) ** 2), wrong={"w": sp.Eq(x**2, x + 1)},
      scope=GENERAL)
""",
    )
    assert code == 1
    assert "docs/posts/mathematics/demo/demo.md: claim 'demo.false' failed" in err
    assert report["results"][0]["status"] == "fail"


@pytest.mark.parametrize(
    ("variant", "why"),
    [
        ("sp.Eq((x + 1) ** 2 - 1, x**2 + 2 * x)", "true, so it cannot be refuted"),
        (
            "sp.Eq(sp.Abs(sp.sin(x)) ** 2 + sp.cos(x) ** 2, 1)",
            "true but beyond sympy: undecided is not refuted",
        ),
    ],
    ids=["true-variant", "true-variant-sympy-cannot-prove"],
)
def test_variant_counts_as_rejected_only_when_refuted(
    tmp_path: Path, variant: str, why: str
) -> None:
    """Assert a 'wrong' variant that is in fact true fails the run (not merely unproved)."""
    code, report, err = run_cli(
        tmp_path,
        HEADER
        + f"""
claim("demo.weak", sp.Eq((x + 1) ** 2, x**2 + 2 * x + 1), scope=GENERAL,
      wrong={{"not wrong at all": {variant}}})
""",
    )
    assert code == 1, why
    assert "the wrong variant 'not wrong at all' was not refuted" in err
    assert not report["results"][0]["variants"][0]["rejected"]


def test_refuted_variants_carry_their_evidence(tmp_path: Path) -> None:
    """Assert refuted variants report a counterexample (point, both sides) or a disproof."""
    code, report, err = run_cli(
        tmp_path,
        HEADER
        + """
claim("demo.ok", sp.Eq((x + 1) ** 2, x**2 + 2 * x + 1), scope=GENERAL,
      wrong={"cross term dropped": Wrong(sp.Eq((x + 1) ** 2, x**2 + 1), at=({x: 3},)),
             "never equal": sp.Eq(x**2 + 1, 0, evaluate=False)})
""",
    )
    assert code == 0, err
    first, second = report["results"][0]["variants"]
    assert first["counterexample"] == {"point": {"x": "3"}, "lhs": "16", "rhs": "10"}
    assert second["counterexample"] or second["disproof"]


def test_variant_false_when_built_is_refused(tmp_path: Path) -> None:
    """Assert a wrong variant sympy already evaluated to False is refused (it proves nothing)."""
    code, _, err = run_cli(
        tmp_path,
        HEADER + 'claim("demo.v", sp.Eq(x * (x + 1), x**2 + x), scope=GENERAL,\n'
        '      wrong={"w": sp.Eq(sp.Integer(1), 2)})',
    )
    assert code != 0 and "evaluated to False when it was built" in err


def test_crashing_variant_is_a_failure_not_a_rejection(tmp_path: Path) -> None:
    """Assert a variant whose refutation raises fails the run."""
    code, report, _ = run_cli(
        tmp_path,
        HEADER
        + """
class Boom(sp.Function):
    def _eval_evalf(self, prec):
        raise RuntimeError("boom")
    def _eval_subs(self, old, new):
        raise RuntimeError("boom")

claim("demo.c", sp.Eq((x + 1) ** 2, x**2 + 2 * x + 1), scope=GENERAL,
      wrong={"crashes": sp.Eq(Boom(x), 0)})
""",
    )
    assert code == 1
    assert not report["results"][0]["variants"][0]["rejected"]


def test_display_that_disagrees_with_its_check_fails(tmp_path: Path) -> None:
    """Assert a display that says something else than the checked statement fails the run."""
    code, report, err = run_cli(
        tmp_path,
        HEADER
        + """
claim("demo.shown", sp.Eq((x + 1) ** 2, x**2 + 2 * x + 1), scope=GENERAL,
      latex=r"(x+1)^2 = x^2 + 1", wrong={"w": sp.Eq((x + 1) ** 2, x**2)})
""",
    )
    assert code == 1
    assert "claim 'demo.shown': the displayed LaTeX disagrees" in err
    assert report["results"][0]["display_check"].startswith("disagrees")


def test_display_check_is_reported(tmp_path: Path) -> None:
    """Assert an agreeing display says so, and one the claim does not compare says why."""
    code, report, err = run_cli(
        tmp_path,
        HEADER
        + """
claim("demo.a", sp.Eq((x + 1) ** 2, x**2 + 2 * x + 1), scope=GENERAL,
      latex=r"(x+1)^2 = x^2 + 2x + 1", wrong={"w": sp.Eq((x + 1) ** 2, x**2)})
claim("demo.b", sp.Eq((x + 1) ** 2, x**2 + 2 * x + 1), scope=GENERAL,
      latex=r"\\lVert x + 1 \\rVert^2 = x^2 + 2x + 1", compare="a norm of a scalar",
      wrong={"w": sp.Eq((x + 1) ** 2, x**2)})
""",
    )
    assert code == 0, err
    a, b = report["results"]
    assert a["display_check"] == "agrees"
    assert b["display_check"] == "not compared: a norm of a scalar"


def test_true_by_construction_is_refused(tmp_path: Path) -> None:
    """Assert a statement whose two sides are identical when built is refused."""
    code, _, err = run_cli(
        tmp_path,
        HEADER + 'claim("demo.t", sp.Eq(x**2 + 1, x**2 + 1, evaluate=False), scope=GENERAL,\n'
        '      wrong={"w": sp.Eq(x, 2 * x)})',
    )
    assert code != 0 and "true by construction" in err


def test_unsound_page_simplifier_is_caught(tmp_path: Path) -> None:
    """Assert a forced simplification that "proves" sqrt(y^2) = y for real y is caught."""
    code, _, err = run_cli(
        tmp_path,
        HEADER
        + """
claim("demo.unsound", sp.Eq(sp.sqrt(y**2), y), scope=GENERAL, compare="tested elsewhere",
      method=Symbolic(simplify=lambda e: sp.powdenest(e, force=True)),
      wrong={"w": sp.Eq(sp.sqrt(y**2), 2 * y)})
""",
    )
    assert code == 1
    assert "the page's simplification proved a false statement" in err


def test_scope_is_required_and_reported(tmp_path: Path) -> None:
    """Assert a claim without a scope is refused, and scope and badge reach the report."""
    code, _, err = run_cli(
        tmp_path, HEADER + 'claim("demo.s", sp.Eq(x * (x + 1), x**2 + x), wrong={"w": sp.Eq(x, 2)})'
    )
    assert code != 0 and "declares no scope" in err
    code, report, err = run_cli(
        tmp_path,
        HEADER
        + """
claim("demo.i", sp.Eq(x * (x + 1), x**2 + x), wrong={"w": sp.Eq(x * (x + 1), x**2)},
      scope=Instance("one block", "blocks are independent"))
cited("demo.cited", r"\\sum_{n} \\frac{1}{n^2} = \\frac{\\pi^2}{6}", source="Euler (1734)")
""",
    )
    assert code == 0, err
    inst, cite = report["results"]
    assert (inst["scope"], inst["scope_why"], inst["badge"]) == (
        "one block",
        "blocks are independent",
        "proved (instance)",
    )
    assert (cite["status"], cite["badge"], cite["scope"]) == ("cited", "cited", "cited")
    assert report["summary"]["cited"] == 1 and report["summary"]["instance"] == 1


def test_symbolic_timeout_fails_loudly(tmp_path: Path) -> None:
    """Assert a proof that exceeds its budget fails (undecidable is not true)."""
    code, report, _ = run_cli(
        tmp_path,
        HEADER
        + """
claim("demo.slow", sp.Eq(sp.sin(x) ** 2 + sp.cos(x) ** 2, 1), wrong={"w": sp.Eq(x**2, x + 1)},
      method=Symbolic(simplify=slow, budget=0.5), scope=GENERAL)
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
claim("demo.fallback", sp.Eq(sp.sin(x) ** 2 + sp.cos(x) ** 2, 1), scope=GENERAL,
      wrong={"w": sp.Eq(sp.sin(x) ** 2 - sp.cos(x) ** 2, 1)},
      method=Symbolic(simplify=slow, budget=0.5, fallback=Numeric(samples=30)))
""",
    )
    assert code == 0
    result = report["results"][0]
    assert result["status"] == "pass" and result["method"] == "numeric" and result["fallback"]
    assert result["badge"] == "numeric" and "timed out" in result["method_detail"]
    assert all(v["rejected"] for v in result["variants"])


def test_summary_counts_and_json(tmp_path: Path) -> None:
    """Assert the JSON report counts claims, methods, definitions and refuted variants."""
    code, report, err = run_cli(
        tmp_path,
        HEADER
        + """
definition("demo.def", r"f(x) = x^2", expr=x**2)
claim("demo.sym", sp.Eq((x + 1) ** 2, x**2 + 2 * x + 1), scope=GENERAL,
      wrong={"a": sp.Eq((x + 1) ** 2, x**2 + 1), "b": sp.Eq((x + 1) ** 2, x**2 - 2 * x + 1)},
      uses=["demo.def"])
claim("demo.num", sp.Le(sp.sin(x), 1), wrong={"c": sp.Le(sp.sin(x), sp.Rational(1, 2))},
      method=Numeric(samples=100, seed=1), scope=GENERAL)
""",
    )
    assert code == 0, err
    s = report["summary"]
    assert (s["claims"], s["symbolic"], s["numeric"], s["definitions"]) == (2, 1, 1, 1)
    assert (s["variants"], s["variants_rejected"], s["failures"]) == (3, 3, 0)
    assert s["counterexamples"] + s["disproofs"] == 3
    assert "wrong variants refuted" in err


def test_unknown_uses_fails(tmp_path: Path) -> None:
    """Assert a claim that uses an unregistered id fails the run, naming both ids."""
    code, _, err = run_cli(
        tmp_path,
        HEADER
        + """
claim("demo.c", sp.Eq(sp.cos(x) ** 2, 1 - sp.sin(x) ** 2), wrong={"w": sp.Eq(x, 2 * x)},
      uses=["demo.nowhere"], scope=GENERAL)
""",
    )
    assert code == 1 and "uses unknown id 'demo.nowhere'" in err


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (
            'claim("demo.f", sp.Eq(x * 0.5 + 1, x), wrong={"w": sp.Eq(x, 2 * x)}, scope=GENERAL)',
            "float literals",
        ),
        ('claim("demo.n", sp.Eq(x, 2 * x), wrong={}, scope=GENERAL)', "no wrong variant"),
        (
            (
                'claim("demo.d", sp.Eq(x * (x + 1), x**2 + x), wrong={"w": sp.Eq(x, 2*x)},'
                " scope=GENERAL)\n"
                'claim("demo.d", sp.Eq(x * (x + 1), x**2 + x), wrong={"w": sp.Eq(x, 2*x)},'
                " scope=GENERAL)"
            ),
            "duplicate id",
        ),
        ('cited("demo.c", r"a = b", source="")', "names no source"),
    ],
)
def test_registry_rejects_malformed_claims(tmp_path: Path, body: str, message: str) -> None:
    """Assert float literals, no variants, duplicate ids and sourceless citations are refused."""
    code, _, err = run_cli(tmp_path, HEADER + body)
    assert code != 0 and message in err


def test_cache_hit_matches_run_and_edit_invalidates(tmp_path: Path) -> None:
    """Assert a second run reads the cache with identical results, and an edit re-runs."""
    source = (
        HEADER
        + 'claim("demo.c", sp.Eq((x + 1) ** 2 - 1, x * (x + 2)), wrong={"w": sp.Eq(x, 2 * x)},'
        " scope=GENERAL)\n"
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
        tmp_path,
        HEADER
        + 'claim("demo.t", sp.Eq(2 * x, x + x), wrong={"w": sp.Eq(x, 2 * x)}, scope=GENERAL)',
    )
    assert code != 0 and "evaluated to True when it was built" in err


def test_cache_key_covers_imports_and_category_init(tmp_path: Path) -> None:
    """Assert a module's key covers its imports from snippets/ and its packages' __init__.py."""
    from derivations._sources import import_closure

    (tmp_path / "derivations" / "cat").mkdir(parents=True)
    (tmp_path / "snippets").mkdir()
    (tmp_path / "derivations" / "__init__.py").write_text("from derivations import _machinery\n")
    (tmp_path / "derivations" / "_machinery.py").write_text("")
    (tmp_path / "derivations" / "cat" / "__init__.py").write_text("")
    (tmp_path / "snippets" / "__init__.py").write_text("")
    (tmp_path / "snippets" / "helper.py").write_text("from . import deeper\n")
    (tmp_path / "snippets" / "deeper.py").write_text("")
    page = tmp_path / "derivations" / "cat" / "page.py"
    page.write_text("import sympy\nfrom snippets.helper import thing\n")
    found = {f.relative_to(tmp_path).as_posix() for f in import_closure(page, tmp_path)}
    assert found == {
        "derivations/__init__.py",
        "derivations/_machinery.py",
        "derivations/cat/__init__.py",
        "derivations/cat/page.py",
        "snippets/__init__.py",
        "snippets/helper.py",
        "snippets/deeper.py",
    }


def test_duplicate_id_fails_on_a_warm_cache(monkeypatch: pytest.MonkeyPatch) -> None:
    """Assert two cached modules registering the same id fail the run (nothing is imported)."""
    from derivations import _cache, _runner
    from derivations._report import Result

    def cached(module: str) -> list[Result]:
        return [
            Result(
                id="demo.same",
                kind="claim",
                page=f"{module}.md",
                module=module,
                latex="",
                status="pass",
                file=f"{module}.py",
                cached=True,
            )
        ]

    monkeypatch.setattr(_runner, "page_module_names", lambda: ["demo.a", "demo.b"])
    monkeypatch.setattr(_cache, "load", cached)
    monkeypatch.delenv("VERIFIED_CLAIM_MODULES", raising=False)
    report = _runner.verify()
    assert any("duplicate id 'demo.same'" in line for line in report.failures())


def test_refuter_finds_no_counterexample_to_true_statements() -> None:
    """Assert equal irrational sides, sums of undefined functions, indexed sums are not refuted."""
    from derivations._refute import counterexample

    a, b = sp.symbols("a b", real=True)
    rot = lambda t: sp.Matrix([[sp.cos(t), -sp.sin(t)], [sp.sin(t), sp.cos(t)]])  # noqa: E731
    q = sp.Function("q")
    j = sp.Symbol("j", integer=True, positive=True)
    d = sp.Symbol("d", integer=True, positive=True, even=True)
    w = sp.IndexedBase("w")
    true_ones = [
        sp.Eq(sp.MatMul(rot(a), rot(b), evaluate=False), rot(a + b), evaluate=False),
        sp.Eq(sp.Sum(q(j) ** 2, (j, 1, d / 2)), sp.Sum(q(j) * q(j), (j, 1, d / 2))),
        sp.Eq(sp.Sum(w[j] * 2, (j, 1, d)), 2 * sp.Sum(w[j], (j, 1, d)), evaluate=False),
    ]
    for statement in true_ones:
        assert counterexample(statement) is None, statement
    wrong = sp.Eq(sp.Sum(q(j) ** 2, (j, 1, d / 2)), sp.Sum(2 * q(j), (j, 1, d / 2)))
    assert counterexample(wrong) is not None
