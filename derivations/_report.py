"""The report of a verification run: what each entry showed, how it was checked, what happened.

These are the names other tools read (``python -m derivations --json FILE``): for every claim
``scope`` ("general", the instance proved, or "cited"), ``display_check`` ("agrees" or "not
compared: <reason>") and ``status`` ("pass", "fail" or "cited"); for every wrong variant
``counterexample`` (the point and both sides' values) or ``disproof`` (how it was refuted).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any


@dataclass
class VariantResult:
    """Whether one wrong variant was refuted, and the evidence."""

    label: str
    latex: str
    rejected: bool
    detail: str
    seconds: float
    counterexample: dict | None = None
    disproof: str = ""


@dataclass
class Result:
    """The outcome of one entry's checks, with everything the site shows of it."""

    id: str
    kind: str
    page: str
    module: str
    latex: str
    status: str  # "pass", "fail", "cited" or "definition"
    method: str = ""  # "symbolic", "numeric" or "cited": what actually decided the claim
    method_detail: str = ""
    fallback: bool = False
    detail: str = ""
    seconds: float = 0.0
    checked_latex: str = ""
    checked_text: str = ""
    scope: str = ""  # "general", the instance proved, or "cited"
    scope_why: str = ""
    display_check: str = ""
    uses: list[str] = field(default_factory=list)
    source: str = ""
    note: str = ""
    file: str = ""
    line: int = 0
    code: str = ""
    variants: list[VariantResult] = field(default_factory=list)
    cached: bool = False

    @property
    def badge(self) -> str:
        """What the badge says: proved, proved (instance), numeric, cited, or failed."""
        if self.kind == "definition":
            return "definition"
        if self.status == "cited":
            return "cited"
        if self.status != "pass":
            return "failed"
        if self.method == "numeric":
            return "numeric"
        return "proved" if self.scope == "general" else "proved (instance)"

    @property
    def ok(self) -> bool:
        """True when the claim holds, every wrong variant was refuted and the display agrees."""
        return (
            self.status != "fail"
            and all(v.rejected for v in self.variants)
            and not self.display_check.startswith("disagrees")
        )

    def failures(self) -> list[str]:
        """Human-readable failure lines naming the page and the claim."""
        out = []
        where = f"docs/{self.page}: claim '{self.id}'"
        if self.status == "fail":
            out.append(f"{where} failed its check: {self.detail}")
        for v in self.variants:
            if not v.rejected:
                out.append(
                    f"{where}: the wrong variant '{v.label}' was not refuted ({v.detail}); a "
                    "variant counts as rejected only with a counterexample or a disproof"
                )
        if self.display_check.startswith("disagrees"):
            out.append(f"{where}: the displayed LaTeX {self.display_check}")
        return out


def result_to_dict(result: Result) -> dict:
    """Serialise a result for JSON."""
    d = dict(result.__dict__)
    d["variants"] = [dict(v.__dict__) for v in result.variants]
    d["badge"] = result.badge
    return d


def result_from_dict(d: dict) -> Result:
    """Inverse of :func:`result_to_dict`."""
    d = {k: v for k, v in d.items() if k != "badge"}
    d["variants"] = [VariantResult(**v) for v in d.get("variants", [])]
    return Result(**d)


@dataclass
class Report:
    """Everything one verification run found."""

    results: list[Result]
    seconds: float
    problems: list[str] = field(default_factory=list)

    @property
    def claims(self) -> list[Result]:
        """Results of claims (definitions excluded)."""
        return [r for r in self.results if r.kind == "claim"]

    def failures(self) -> list[str]:
        """Every failure line, naming page and claim (unknown ``uses`` ids included)."""
        return [line for r in self.results for line in r.failures()] + self.problems

    def summary(self) -> dict[str, Any]:
        """Counts for the closing summary."""
        claims = self.claims
        variants = [v for r in claims for v in r.variants]
        checked = [r for r in claims if r.status != "cited"]
        return {
            "claims": len(claims),
            "symbolic": sum(r.method == "symbolic" for r in checked),
            "numeric": sum(r.method == "numeric" for r in checked),
            "cited": len(claims) - len(checked),
            "general": sum(r.badge == "proved" for r in claims),
            "instance": sum(r.badge == "proved (instance)" for r in claims),
            "compared": sum(r.display_check == "agrees" for r in checked),
            "definitions": len(self.results) - len(claims),
            "variants": len(variants),
            "variants_rejected": sum(v.rejected for v in variants),
            "counterexamples": sum(v.counterexample is not None for v in variants),
            "disproofs": sum(bool(v.disproof) for v in variants),
            "failures": len(self.failures()),
            "cached": sum(r.cached for r in claims),
            "seconds": round(self.seconds, 2),
        }

    def to_json(self) -> str:
        """The whole report as JSON (what the site build reads)."""
        return json.dumps(
            {
                "summary": self.summary(),
                "failures": self.failures(),
                "results": [result_to_dict(r) for r in self.results],
            },
            indent=1,
        )
