"""Tests of ``scaling_laws``: the closed-form optimum against scipy, the loss table."""

from __future__ import annotations

import numpy as np
import pytest
import sympy as sp
from scipy.optimize import minimize

from snippets.lectures.scaling_laws import (
    BESIROGLU_2024,
    CHINCHILLA_D,
    CHINCHILLA_N,
    FITS,
    HOFFMANN_2022,
    LossFit,
    exponents,
    loss,
    loss_at_compute,
    minimize_along_budget,
    optimal_allocation,
    tokens_per_parameter,
    training_flops,
)

BUDGETS = (1e18, 1e20, 1e22, 5.88e23, 1e25, 1e27)


def _slsqp_optimum(fit: LossFit, compute: float) -> tuple[float, float]:
    """Minimise L over (log N, log D) with the equality constraint log 6 + log N + log D = log C."""
    target = np.log(compute / 6.0)

    def objective(x: np.ndarray) -> float:
        return float(fit.A * np.exp(-fit.alpha * x[0]) + fit.B * np.exp(-fit.beta * x[1]))

    constraint = {"type": "eq", "fun": lambda x: x[0] + x[1] - target}
    start = np.array([target / 2, target / 2])
    result = minimize(
        objective, start, method="SLSQP", constraints=[constraint], options={"ftol": 1e-15}
    )
    assert result.success, result.message
    return float(np.exp(result.x[0])), float(np.exp(result.x[1]))


@pytest.mark.parametrize("fit", FITS, ids=lambda f: f.name)
@pytest.mark.parametrize("compute", BUDGETS)
def test_closed_form_matches_constrained_minimisation(fit: LossFit, compute: float) -> None:
    """Assert the closed-form optimum equals scipy's SLSQP minimum of L subject to 6ND = C."""
    n_closed, d_closed = optimal_allocation(fit, compute)
    n_num, d_num = _slsqp_optimum(fit, compute)
    assert np.isclose(n_closed, n_num, rtol=1e-4)
    assert np.isclose(d_closed, d_num, rtol=1e-4)


@pytest.mark.parametrize("fit", FITS, ids=lambda f: f.name)
@pytest.mark.parametrize("compute", BUDGETS)
def test_closed_form_matches_bounded_search(fit: LossFit, compute: float) -> None:
    """Assert the closed form and the bounded Brent search along the budget agree to 1e-5."""
    n_closed, d_closed = optimal_allocation(fit, compute)
    n_num, d_num = minimize_along_budget(fit, compute)
    assert np.isclose(n_closed, n_num, rtol=1e-5)
    assert np.isclose(d_closed, d_num, rtol=1e-5)
    assert np.isclose(training_flops(n_num, d_num), compute, rtol=1e-12)


@pytest.mark.parametrize("fit", FITS, ids=lambda f: f.name)
def test_optimum_beats_every_grid_point(fit: LossFit) -> None:
    """Assert no model size on a dense grid along the budget has lower loss than the optimum."""
    compute = 1e23
    n_closed, d_closed = optimal_allocation(fit, compute)
    grid = np.logspace(6, 14, 4001)
    assert loss(fit, n_closed, d_closed) <= loss_at_compute(fit, grid, compute).min() + 1e-15


def test_loss_table_matches_direct_evaluation() -> None:
    """Assert the vectorised loss equals E + A/N^alpha + B/D^beta evaluated term by term."""
    sizes = 10.0 ** np.arange(5, 15)
    for fit in FITS:
        table = loss(fit, sizes, sizes)
        for size, value in zip(sizes, table, strict=True):
            direct = fit.E + fit.A * size ** (-fit.alpha) + fit.B * size ** (-fit.beta)
            assert value == pytest.approx(direct, rel=1e-14)
        assert np.all(np.diff(table) < 0)
        assert np.all(table > fit.E)


def test_table_matches_exact_rationals() -> None:
    """Assert float losses agree with sympy's exact evaluation from the published decimals."""
    for fit in FITS:
        consts = [sp.Rational(str(v)) for v in (fit.E, fit.A, fit.B, fit.alpha, fit.beta)]
        e, a, b, al, be = consts
        for power in (5, 9, 14):
            size = sp.Integer(10) ** power
            exact = sp.N(e + a / size**al + b / size**be, 30)
            assert float(loss(fit, 10.0**power, 10.0**power)) == pytest.approx(float(exact))


def test_exponents_and_tokens_per_parameter() -> None:
    """Assert a + b = 1 and D_opt / N_opt equals the ratio of the closed-form optimum."""
    for fit in FITS:
        a, b = exponents(fit)
        assert a + b == pytest.approx(1.0)
        n, d = optimal_allocation(fit, BUDGETS)
        assert np.allclose(tokens_per_parameter(fit, BUDGETS), d / n, rtol=1e-12)
        assert np.allclose(6 * n * d, BUDGETS, rtol=1e-12)


def test_chinchilla_budget_under_both_fits() -> None:
    """Assert the numbers the page's claims state about Chinchilla's budget, in float64."""
    compute = training_flops(CHINCHILLA_N, CHINCHILLA_D)
    n_h, _ = optimal_allocation(HOFFMANN_2022, compute)
    n_b, _ = optimal_allocation(BESIROGLU_2024, compute)
    assert n_h < 35e9 and tokens_per_parameter(HOFFMANN_2022, compute) > 80
    assert 63e9 < n_b < 77e9 and 15 < tokens_per_parameter(BESIROGLU_2024, compute) < 20


def test_fit_constants_match_claims() -> None:
    """Assert the snippet's fit constants are the rationals the page's claims are checked with."""
    from derivations.lectures import scaling_laws as claims

    for fit, key in ((HOFFMANN_2022, "hoffmann"), (BESIROGLU_2024, "besiroglu")):
        exact = claims.FITS[key]
        for name in ("E", "A", "B", "alpha", "beta"):
            assert sp.Rational(str(getattr(fit, name))) == exact[name]
