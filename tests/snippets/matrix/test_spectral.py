"""Tests of spectral against torch.linalg and torch's own spectral normalisation."""

from __future__ import annotations

import pytest
import torch

from snippets.matrix.spectral import (
    gradient_descent_quadratic,
    matrix_with_singular_values,
    power_iteration,
    quadratic_with_spectrum,
    spectral_normalize,
)


def _gen(seed: int) -> torch.Generator:
    return torch.Generator().manual_seed(seed)


def test_power_iteration_matches_matrix_norm():
    """Assert the estimate equals torch.linalg.matrix_norm(ord=2) and the vectors are singular."""
    a = torch.randn(60, 40, generator=_gen(0), dtype=torch.float64)
    res = power_iteration(a, 500, generator=_gen(1))
    exact = torch.linalg.matrix_norm(a, ord=2)
    assert torch.allclose(res.sigma, exact, rtol=1e-10)
    assert torch.allclose(a @ res.v, res.sigma * res.u, atol=1e-6)
    assert torch.allclose(a.T @ res.u, res.sigma * res.v, atol=1e-6)


def test_power_iteration_never_overshoots():
    """Assert every estimate is at most sigma_1 and the sequence is non-decreasing."""
    a = torch.randn(30, 30, generator=_gen(2), dtype=torch.float64)
    hist = power_iteration(a, 50, generator=_gen(3)).history
    exact = torch.linalg.matrix_norm(a, ord=2)
    assert (hist <= exact * (1 + 1e-12)).all()
    assert (hist[1:] >= hist[:-1] * (1 - 1e-12)).all()


def test_power_iteration_rate():
    """Assert the Rayleigh error shrinks by (sigma_2 / sigma_1)^4 per step."""
    s = torch.tensor([1.0, 0.8, 0.5, 0.3, 0.1], dtype=torch.float64)
    a = matrix_with_singular_values(s, 20, 10, generator=_gen(4))
    hist = power_iteration(a, 40, generator=_gen(5)).history
    err = 1 - hist**2  # lambda_1 - Rayleigh quotient, lambda_1 = 1
    ratio = (err[30] / err[20]) ** (1 / 10)
    assert abs(ratio.item() - 0.8**4) < 1e-3


def test_spectral_normalize_matches_torch():
    """Assert W / sigma(W) has spectral norm 1 and equals torch's spectral_norm parametrization."""
    w = torch.randn(16, 8, generator=_gen(6), dtype=torch.float64)
    ours = spectral_normalize(w, 200, generator=_gen(7))
    assert torch.isclose(torch.linalg.matrix_norm(ours, ord=2), torch.tensor(1.0, dtype=w.dtype))
    lin = torch.nn.Linear(8, 16, bias=False, dtype=torch.float64)
    with torch.no_grad():
        lin.weight.copy_(w)
    torch.manual_seed(0)
    lin = torch.nn.utils.parametrizations.spectral_norm(lin, n_power_iterations=200)
    assert torch.allclose(lin.weight, ours, atol=1e-8)


def test_gradient_descent_contraction():
    """Assert GD at step 2/(L+mu) contracts by at most (kappa-1)/(kappa+1) per step."""
    eig = torch.linspace(1.0, 50.0, 12, dtype=torch.float64)
    h = quadratic_with_spectrum(eig, generator=_gen(8))
    b = torch.randn(12, generator=_gen(9), dtype=torch.float64)
    xstar = torch.linalg.solve(h, b)
    x0 = torch.randn(12, generator=_gen(10), dtype=torch.float64)
    xs = gradient_descent_quadratic(h, b, x0, 2 / (50.0 + 1.0), 60)
    err = torch.linalg.vector_norm(xs - xstar, dim=1)
    rate = (50.0 - 1.0) / (50.0 + 1.0)
    bound = err[0] * rate ** torch.arange(61, dtype=torch.float64)
    assert (err <= bound * (1 + 1e-9)).all()


@pytest.mark.cuda
def test_power_iteration_on_cuda():
    """Assert the CUDA estimate equals torch.linalg.matrix_norm on the GPU."""
    a = torch.randn(50, 30, generator=_gen(11), dtype=torch.float64).cuda()
    res = power_iteration(a, 500, generator=torch.Generator("cuda").manual_seed(0))
    assert torch.allclose(res.sigma, torch.linalg.matrix_norm(a, ord=2), rtol=1e-10)
