"""Claims and their checks, one module per page of the site.

A page module registers what its page shows: :func:`claim` for every formula that states
something (with the sympy statement that is checked and at least one wrong variant that the
check must reject) and :func:`definition` for notation. ``python -m derivations`` checks them
all; the site build reads the same results.
"""

from derivations._check import Outcome, check_numeric, decide, prove
from derivations._registry import (
    Claim,
    Definition,
    Numeric,
    RegistryError,
    Symbolic,
    claim,
    definition,
    entries,
)
from derivations._runner import Report, Result, load_modules, verify

__all__ = [
    "Claim",
    "Definition",
    "Numeric",
    "Outcome",
    "RegistryError",
    "Report",
    "Result",
    "Symbolic",
    "check_numeric",
    "claim",
    "decide",
    "definition",
    "entries",
    "load_modules",
    "prove",
    "verify",
]
