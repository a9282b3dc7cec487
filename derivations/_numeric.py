"""The numeric checker: a statement evaluated at seeded random points, across scales.

Used only where sympy cannot decide a statement, and held to what a numeric check can honestly
say:

* points come from :mod:`derivations._sampling`: log-uniform over eight decades for positive
  symbols, both signs for reals, the edges of every declared box first;
* an equality holds at a point when ``|lhs - rhs| <= atol + rtol * max(|lhs|, |rhs|)``: a
  stated absolute-plus-relative tolerance, not one relative to ``max(1, |rhs|)`` (which is
  absolute for small quantities and hides ``sin h - h = -h^3/3`` at ``h ~ 1e-4``);
* a non-strict inequality gets the same slack, a strict one none: ``a < b`` must hold as
  computed, so slack cannot turn equality into a pass;
* a value that is not finite, or complex in an inequality, fails the check.
"""

from __future__ import annotations

import numpy as np
import sympy as sp

from derivations import _sampling
from derivations._check import Outcome
from derivations._refute import RELATIONS
from derivations._registry import Numeric

#: How a relation compares two real arrays ``a`` (lhs) and ``b`` (rhs), given the slack.
_HOLDS = {
    sp.Le: lambda a, b, slack: a <= b + slack,
    sp.Ge: lambda a, b, slack: a >= b - slack,
    sp.Lt: lambda a, b, slack: a < b,
    sp.Gt: lambda a, b, slack: a > b,
}


def _relations(statement: sp.Basic) -> list[sp.Basic]:
    if isinstance(statement, sp.And):
        return [r for part in statement.args for r in _relations(part)]
    return [statement]


def check_numeric(statement: sp.Basic, method: Numeric) -> Outcome:
    """Evaluate ``statement`` at ``method.samples`` seeded random points.

    Examples:
        >>> x = sp.Symbol("x", positive=True)
        >>> check_numeric(sp.Eq(sp.log(sp.exp(x)), x), Numeric(samples=50)).holds
        True
        >>> check_numeric(sp.Le(x**2, 20 * x), Numeric(samples=50)).holds  # fails at large x
        False
        >>> h = sp.Symbol("h", positive=True)
        >>> check_numeric(sp.Eq(sp.sin(h) - h, -h**3 / 3), Numeric(domain={h: (1e-4, 1e-3)})).holds
        False
        >>> r = sp.Symbol("r", real=True)
        >>> check_numeric(sp.Gt(sp.sin(r) ** 2 + sp.cos(r) ** 2, 1), Numeric()).holds
        False
    """
    if statement is sp.true:
        return Outcome(True)
    if statement is sp.false:
        return Outcome(False, "statement evaluates to False")
    rels = _relations(statement)
    for rel in rels:
        if not isinstance(rel, RELATIONS):
            return Outcome(False, f"cannot evaluate a {type(rel).__name__}: state a relation")
    symbols = sorted(statement.free_symbols, key=lambda s: s.name)
    funcs = [
        (type(r), sp.lambdify(symbols, r.lhs, "scipy"), sp.lambdify(symbols, r.rhs, "scipy"))
        for r in rels
    ]
    worst = 0.0
    with np.errstate(all="ignore"):
        for point in _sampling.points(symbols, method.samples, method.seed, method.domain):
            values = [point[s] for s in symbols]
            where = {s.name: v for s, v in point.items()}
            for kind, f_lhs, f_rhs in funcs:
                lhs = np.asarray(f_lhs(*values), dtype=complex)
                rhs = np.asarray(f_rhs(*values), dtype=complex)
                if not (np.all(np.isfinite(lhs)) and np.all(np.isfinite(rhs))):
                    return Outcome(False, f"non-finite value at {where}")
                scale = np.maximum(np.abs(lhs), np.abs(rhs))
                slack = method.atol + method.rtol * scale
                if kind in (sp.Eq, sp.Ne):
                    err = np.abs(lhs - rhs)
                    close = np.all(err <= slack)
                    if kind is sp.Eq and not close:
                        excess = float(np.max(err - slack))
                        return Outcome(
                            False, f"|lhs - rhs| exceeds the tolerance by {excess:.3g} at {where}"
                        )
                    if kind is sp.Ne and close:
                        return Outcome(False, f"sides agree within the tolerance at {where}")
                    if kind is sp.Eq:
                        rel = err / np.where(scale > 0, scale, 1.0)
                        worst = max(worst, float(np.max(rel)))
                    continue
                if np.any(np.abs(lhs.imag) > slack) or np.any(np.abs(rhs.imag) > slack):
                    return Outcome(False, f"complex value in an inequality at {where}")
                if not np.all(_HOLDS[kind](lhs.real, rhs.real, slack)):
                    return Outcome(False, f"inequality fails at {where}")
    return Outcome(True, f"max relative error {worst:.2g}")
