"""Claims and their checks, one module per page of the site.

A page module registers what its page shows: :func:`claim` for every formula that states
something (with the sympy statement that is checked and at least one wrong variant that the
check must reject) and :func:`definition` for notation. ``python -m derivations`` checks them
all; the site build reads the same results.
"""

from derivations._check import Outcome, decide, prove
from derivations._numeric import check_numeric
from derivations._registry import (
    GENERAL,
    Cited,
    Claim,
    Definition,
    Instance,
    Numeric,
    RegistryError,
    Symbolic,
    Wrong,
    cited,
    claim,
    definition,
    entries,
)
from derivations._report import Report, Result
from derivations._runner import load_modules, verify

__all__ = [
    "GENERAL",
    "Cited",
    "Claim",
    "Definition",
    "Instance",
    "Numeric",
    "Outcome",
    "RegistryError",
    "Report",
    "Result",
    "Symbolic",
    "Wrong",
    "check_numeric",
    "cited",
    "claim",
    "decide",
    "definition",
    "entries",
    "load_modules",
    "prove",
    "verify",
]
