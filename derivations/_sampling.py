"""Where statements are evaluated: random points that respect the symbols' assumptions.

Numeric checks, the refutation of wrong variants and the comparison of a display with its
statement all evaluate a statement at points. A point that only covers ``(0.1, 4)`` hides what
happens at large and tiny scales, so by default

* a positive symbol is drawn log-uniformly over ``POSITIVE`` (eight decades),
* a real symbol gets a random sign and such a magnitude (and is sometimes 0),
* a nonnegative symbol is sometimes 0,
* an integer symbol is drawn uniformly from a small range that fits its sign,
* a declared box ``(lo, hi)`` is sampled uniformly (log-uniformly when it spans more than two
  decades of positive numbers), and its edges are visited: the first points of every run sit
  just inside ``lo`` and ``hi``.

:func:`describe` says in words what a run samples; the badge of a numeric claim shows it.
"""

from __future__ import annotations

import math
from collections.abc import Mapping

import numpy as np
import sympy as sp

#: Magnitudes of positive (and of real) symbols without a declared box: log-uniform.
POSITIVE = (1e-4, 1e4)
#: Integers without a declared box.
INTEGERS = {"positive": (1, 12), "nonnegative": (0, 12), "any": (-12, 12)}
#: How far inside a box its edge points lie (relative to the box's width or to the bound).
EDGE = 1e-6

Box = tuple[float, float]


def _integer_range(symbol: sp.Symbol, box: Box | None) -> tuple[int, int]:
    if box is not None:
        return math.ceil(box[0]), math.floor(box[1])
    if symbol.is_positive:
        return INTEGERS["positive"]
    if symbol.is_nonnegative:
        return INTEGERS["nonnegative"]
    return INTEGERS["any"]


def _log_uniform(rng: np.random.Generator, lo: float, hi: float) -> float:
    return float(math.exp(rng.uniform(math.log(lo), math.log(hi))))


def draw(symbol: sp.Symbol, rng: np.random.Generator, box: Box | None, index: int = 99) -> float:
    """One value for ``symbol``; ``index`` is the point's number in its run (edges come first).

    Examples:
        >>> rng = np.random.default_rng(0)
        >>> x = sp.Symbol("x", positive=True)
        >>> values = [draw(x, rng, None, i) for i in range(200)]
        >>> min(values) < 1e-2 and max(values) > 1e2
        True
        >>> draw(x, rng, (1.0, 2.0), index=0), draw(x, rng, (1.0, 2.0), index=1)
        (1.000001, 1.999999)
    """
    if symbol.is_integer:
        lo, hi = _integer_range(symbol, box)
        step, offset = (2, 0) if symbol.is_even else (2, 1) if symbol.is_odd else (1, 0)
        first = lo + (offset - lo) % step  # the smallest value of the right parity
        count = (hi - first) // step + 1
        if index == 0:
            return first
        if index == 1:
            return first + (count - 1) * step
        return int(first + step * int(rng.integers(0, count)))
    if box is not None:
        low, high = float(box[0]), float(box[1])
        width = high - low
        if index == 0:
            return low + EDGE * width
        if index == 1:
            return high - EDGE * width
        if low > 0 and high / low > 100:
            return _log_uniform(rng, low, high)
        return float(rng.uniform(low, high))
    magnitude = _log_uniform(rng, *POSITIVE)
    if symbol.is_positive:
        return magnitude
    if symbol.is_nonnegative:
        return 0.0 if index == 0 else magnitude
    if index == 0:
        return 0.0
    return magnitude if rng.random() < 0.5 else -magnitude


def points(
    symbols: list[sp.Symbol],
    count: int,
    seed: int,
    domain: Mapping[sp.Symbol, Box] | None = None,
) -> list[dict[sp.Symbol, float]]:
    """``count`` seeded points; the first two visit the edges of every declared box."""
    rng = np.random.default_rng(seed)
    domain = domain or {}
    return [{s: draw(s, rng, domain.get(s), i) for s in symbols} for i in range(count)]


def exact(value: float, digits: int = 6) -> sp.Rational | sp.Integer:
    """A float as the exact rational of its decimal form to ``digits`` significant digits.

    Short decimals keep exact arithmetic cheap (a rational power of a 20-digit fraction is not).

    Examples:
        >>> exact(0.1), exact(3.0), exact(2.5e-7), exact(0.123456789)
        (1/10, 3, 1/4000000, 123457/1000000)
    """
    if float(value).is_integer():
        return sp.Integer(int(value))
    return sp.Rational(f"{float(value):.{digits}g}")


def describe(symbols: list[sp.Symbol], domain: Mapping[sp.Symbol, Box] | None = None) -> str:
    """In words, where :func:`points` samples each symbol.

    Examples:
        >>> x, n = sp.Symbol("x", positive=True), sp.Symbol("n", integer=True, positive=True)
        >>> describe([n, x])
        'n integer in [1, 12]; x in [1e-04, 1e+04] log-uniform'
    """
    domain = domain or {}
    parts = []
    for s in sorted(symbols, key=lambda s: s.name):
        box = domain.get(s)
        if s.is_integer:
            lo, hi = _integer_range(s, box)
            parts.append(f"{s.name} integer in [{lo}, {hi}]")
        elif box is not None:
            low, high = box
            scale = " log-uniform" if low > 0 and high / low > 100 else ""
            parts.append(f"{s.name} in ({low:g}, {high:g}){scale}, edges included")
        elif s.is_positive:
            parts.append(f"{s.name} in [{POSITIVE[0]:.0e}, {POSITIVE[1]:.0e}] log-uniform")
        else:
            sign = "0 or " if s.is_nonnegative else "0 or ±"
            parts.append(f"{s.name} {sign}[{POSITIVE[0]:.0e}, {POSITIVE[1]:.0e}] log-uniform")
    return "; ".join(parts)
