"""Tests of snippets.matrix.remez: minimax odd polynomials and the Polar Express schedule."""

from __future__ import annotations

import itertools

import numpy as np
import pytest
from scipy.optimize import minimize

from snippets.matrix.remez import (
    CUSHION,
    PUBLISHED_POLAR_EXPRESS,
    minimax_odd_cubic,
    minimax_odd_quintic,
    odd_poly,
    polar_express_coefficients,
    polar_express_schedule,
    with_safety,
)


def max_error(coeffs: tuple[float, ...], lo: float, hi: float, n: int = 20001) -> float:
    """``max |1 - p|`` on a fine grid of ``[lo, hi]`` (float64)."""
    x = np.linspace(lo, hi, n)
    return float(np.abs(1 - odd_poly(tuple(coeffs), x)).max())


@pytest.mark.parametrize(("lo", "hi"), [(0.1, 1.0), (0.5, 1.0), (0.01, 2.0)])
def test_cubic_closed_form_is_minimax(lo: float, hi: float) -> None:
    """Assert no odd cubic found by a numerical optimiser beats the closed-form minimax cubic."""
    a, b, err = minimax_odd_cubic(lo, hi)
    assert max_error((a, b), lo, hi) == pytest.approx(err, rel=1e-6)
    found = minimize(
        lambda ab: max_error(tuple(ab), lo, hi, 2001),
        x0=[1.5, -0.5],
        method="Nelder-Mead",
        options={"xatol": 1e-10, "fatol": 1e-12},
    )
    assert max_error(tuple(found.x), lo, hi) >= err * (1 - 1e-6)


@pytest.mark.parametrize(("lo", "hi"), [(1e-3, 1.0), (0.0241, 1.0), (0.3, 1.0), (0.9, 1.1)])
def test_quintic_equioscillates(lo: float, hi: float) -> None:
    """Assert 1 - p takes +E, -E, +E, -E at l < q < r < u and |1 - p| <= E on the whole interval."""
    p = minimax_odd_quintic(lo, hi)
    pts = [float(t) for t in p.points]
    assert pts == sorted(pts) and pts[0] == lo and pts[-1] == hi
    err = float(p.error)
    values = [float(1 - p(t)) for t in pts]
    np.testing.assert_allclose(values, [err, -err, err, -err], rtol=1e-12)
    assert max_error(p.floats(), lo, hi) <= err * (1 + 1e-9)


def test_quintic_beats_perturbations() -> None:
    """Assert random perturbations of the minimax quintic's coefficients never lower its error."""
    lo, hi = 0.1, 1.0
    p = minimax_odd_quintic(lo, hi)
    base = np.array(p.floats())
    rng = np.random.default_rng(0)
    for _ in range(200):
        trial = base + rng.normal(scale=1e-3, size=3) * np.abs(base)
        assert max_error(tuple(trial), lo, hi, 4001) >= float(p.error) * (1 - 1e-6)


def test_schedule_reproduces_published_polar_express() -> None:
    """Assert our greedy schedule equals the published Polar Express coefficients (l = 1e-3)."""
    sched = polar_express_schedule(len(PUBLISHED_POLAR_EXPRESS), 1e-3, cushion=CUSHION)
    for step, published in zip(sched, PUBLISHED_POLAR_EXPRESS, strict=True):
        np.testing.assert_allclose(step.coeffs, published, rtol=1e-9, atol=1e-10)


def test_interval_update_bounds_the_image() -> None:
    """Assert each step maps [l, u] into [l', 2 - l'] with l' = p(l), and errors decrease."""
    sched = polar_express_schedule(8, 1e-3)
    for step, nxt in itertools.pairwise(sched):
        x = np.linspace(step.lower, step.upper, 20001)
        y = odd_poly(step.coeffs, x)
        new_lo = odd_poly(step.coeffs, step.lower)
        assert nxt.lower == pytest.approx(new_lo, rel=1e-12)
        assert nxt.upper == pytest.approx(2 - new_lo, rel=1e-12)
        assert y.min() >= new_lo - 1e-12 and y.max() <= 2 - new_lo + 1e-12
        assert nxt.error < step.error


def test_without_cushion_first_step_is_plain_minimax() -> None:
    """Assert with cushion 0 the first step is the minimax quintic on [l, 1] itself."""
    step = polar_express_schedule(1, 0.05, cushion=0.0)[0]
    p = minimax_odd_quintic(0.05, 1.0)
    np.testing.assert_allclose(step.coeffs, p.floats(), rtol=1e-12)


def test_safety_factor_is_a_rescaled_argument() -> None:
    """Assert with_safety(p) evaluates p(x / s), and only the last step of a run is exempt."""
    coeffs = PUBLISHED_POLAR_EXPRESS[0]
    x = np.linspace(0, 1.2, 101)
    np.testing.assert_allclose(odd_poly(with_safety(coeffs, 1.01), x), odd_poly(coeffs, x / 1.01))
    run = polar_express_coefficients(4)
    raw = [s.coeffs for s in polar_express_schedule(4)]
    np.testing.assert_allclose(run[0], with_safety(raw[0], 1.01))
    np.testing.assert_allclose(run[-1], raw[-1])


def test_collapsed_interval_gives_limit_quintic() -> None:
    """Assert on a tiny interval around 1 the minimax quintic tends to (15/8, -5/4, 3/8)."""
    p = minimax_odd_quintic(1 - 1e-4, 1 + 1e-4)
    np.testing.assert_allclose(p.floats(), (1.875, -1.25, 0.375), rtol=1e-3)
    q = minimax_odd_quintic(1.0, 1.0)
    assert q.floats() == (1.875, -1.25, 0.375)
