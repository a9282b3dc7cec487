"""Every claim on the site holds, and every claim's wrong variants are rejected by its check."""

from __future__ import annotations

import pytest

from derivations import Cited, Claim, entries, load_modules

load_modules()
CLAIMS = [e for e in entries().values() if isinstance(e, Claim)]
BY_ID = {c.id: c for c in CLAIMS}
VARIANTS = [(c.id, label) for c in CLAIMS for label in c.wrong]


def _result(report: dict, cid: str) -> dict:
    matches = [r for r in report["results"] if r["id"] == cid]
    assert matches, f"claim {cid} missing from the verification report"
    return matches[0]


def test_site_has_claims() -> None:
    """Assert the registry is not empty and every checked claim has a wrong variant.

    A cited claim is not checked, so it has nothing to refute (the registry refuses variants
    on one).
    """
    assert CLAIMS
    checked = [c for c in CLAIMS if not isinstance(c.method, Cited)]
    assert checked
    assert [c.id for c in checked if not c.wrong] == []


@pytest.mark.parametrize("cid", [c.id for c in CLAIMS])
def test_claim_holds(verification_report: dict, cid: str) -> None:
    """Assert the claim's check passes (symbolically, or numerically where declared)."""
    r = _result(verification_report, cid)
    expected = "cited" if isinstance(BY_ID[cid].method, Cited) else "pass"
    assert r["status"] == expected, f"docs/{r['page']}: claim '{cid}' failed: {r['detail']}"


@pytest.mark.parametrize(("cid", "label"), VARIANTS, ids=[f"{c}:{v}" for c, v in VARIANTS])
def test_wrong_variant_rejected(verification_report: dict, cid: str, label: str) -> None:
    """Assert the claim's check rejects this deliberately wrong variant."""
    r = _result(verification_report, cid)
    variant = next(v for v in r["variants"] if v["label"] == label)
    assert variant["rejected"], (
        f"docs/{r['page']}: the check of '{cid}' accepts its wrong variant '{label}'"
    )


def test_uses_name_registered_entries(verification_report: dict) -> None:
    """Assert every 'uses' id is registered and the uses relation has no cycle."""
    problems = [f for f in verification_report["failures"] if "uses" in f]
    assert not problems, problems
