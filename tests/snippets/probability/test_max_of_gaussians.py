"""Tests of snippets/probability/max_of_gaussians.py against scipy.stats and scipy.integrate."""

from __future__ import annotations

import math

import numpy as np
import pytest
import torch
from scipy import integrate, stats

from snippets.probability.max_of_gaussians import (
    EULER_GAMMA,
    expected_max,
    gumbel_mean,
    location,
    sample_max,
    su_estimate,
    two_term,
    upper_bound,
)


def _quad_mean(n: int) -> float:
    """E[max] as the integral of x times the density n Phi^(n-1) phi, by scipy.integrate.quad."""
    density = lambda x: n * stats.norm.cdf(x) ** (n - 1) * stats.norm.pdf(x)  # noqa: E731
    peak = math.sqrt(2 * math.log(n))
    return integrate.quad(lambda x: x * density(x), -15, peak + 15, points=[0, peak], limit=400)[0]


@pytest.mark.parametrize("n", [2, 3, 5, 17, 1000, 123_456])
def test_expected_max_matches_scipy_quad(n: int) -> None:
    """Assert the quadrature agrees with scipy's integral of x times the density of the max."""
    assert expected_max(n) == pytest.approx(_quad_mean(n), rel=1e-9, abs=1e-12)


def test_expected_max_exact_for_two_and_three() -> None:
    """Assert E[max] is 1/sqrt(pi) for n = 2 and 3/(2 sqrt(pi)) for n = 3."""
    assert expected_max(2) == pytest.approx(1 / math.sqrt(math.pi), rel=1e-13)
    assert expected_max(3) == pytest.approx(3 / (2 * math.sqrt(math.pi)), rel=1e-13)


def test_sample_max_matches_quadrature() -> None:
    """Assert Monte Carlo means of the maximum are within 5 standard errors of the quadrature."""
    gen = torch.Generator().manual_seed(0)
    for n in (4, 300):
        draws = sample_max(n, 40_000, generator=gen, dtype=torch.float64)
        se = draws.std().item() / math.sqrt(draws.numel())
        assert abs(draws.mean().item() - expected_max(n)) < 5 * se


def test_sample_max_has_law_phi_to_the_n() -> None:
    """Assert Monte Carlo maxima follow the CDF Phi(x)^n (Kolmogorov-Smirnov, p > 0.001)."""
    n = 1000
    gen = torch.Generator().manual_seed(1)
    draws = sample_max(n, 4000, generator=gen, dtype=torch.float64).numpy()
    assert stats.kstest(draws, lambda x: stats.norm.cdf(x) ** n).pvalue > 1e-3


def test_upper_bound_holds_and_expansions_improve() -> None:
    """Assert E[max] <= sqrt(2 ln n), and both expansions beat the root of n phi = 1."""
    for n in np.unique(np.logspace(1, 9, 17).astype(np.int64)):
        exact = expected_max(int(n))
        assert exact <= upper_bound(n)
        assert abs(two_term(n) - exact) < abs(su_estimate(n) - exact)
        if n >= 100:
            assert abs(gumbel_mean(n) - exact) < abs(su_estimate(n) - exact)


def test_location_and_su_estimate_solve_their_equations() -> None:
    """Assert n (1 - Phi(b_n)) = 1 and n phi(x) = 1 at x = sqrt(2 ln(n / sqrt(2 pi)))."""
    for n in (10, 1000, 10**7):
        assert n * stats.norm.sf(location(n)) == pytest.approx(1, rel=1e-12)
        assert n * stats.norm.pdf(su_estimate(n)) == pytest.approx(1, rel=1e-12)


def test_gumbel_mean_is_euler_gamma() -> None:
    """Assert the standard Gumbel mean used by gumbel_mean is scipy's."""
    assert stats.gumbel_r.mean() == pytest.approx(EULER_GAMMA, rel=1e-14)
