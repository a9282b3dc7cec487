"""The GitHub Pages workflow: it parses, checks everything before building, and deploys site/."""

from __future__ import annotations

import yaml
from conftest import ROOT

WORKFLOW = ROOT / ".github" / "workflows" / "deploy.yml"


def _build_steps() -> list[dict]:
    data = yaml.safe_load(WORKFLOW.read_text())
    return data["jobs"]["build"]["steps"]


def test_workflow_checks_before_it_builds_and_deploys() -> None:
    """Assert the workflow runs `make check`, then `make build`, then uploads site/ to Pages."""
    steps = _build_steps()
    runs = [s.get("run", "").strip() for s in steps]
    uses = [s.get("uses", "").split("@")[0] for s in steps]
    assert runs.index("make check") < runs.index("make build")
    upload = uses.index("actions/upload-pages-artifact")
    assert runs.index("make build") < upload
    assert steps[upload]["with"]["path"] == "site"
    python = steps[uses.index("actions/setup-python")]["with"]["python-version"]
    assert str(python) == "3.11"


def test_workflow_deploys_with_pages_permissions_and_no_secrets() -> None:
    """Assert the deploy job uses deploy-pages after the build, with the Pages token only."""
    text = WORKFLOW.read_text()
    data = yaml.safe_load(text)
    assert data["permissions"] == {"contents": "read", "pages": "write", "id-token": "write"}
    deploy = data["jobs"]["deploy"]
    assert deploy["needs"] == "build"
    assert deploy["steps"][0]["uses"].startswith("actions/deploy-pages@")
    assert "secrets." not in text
