"""Tests of ``snippets.lectures.latent_physics``: the Euler block against independent references."""

from __future__ import annotations

import numpy as np
import pytest
import torch
from scipy.integrate import solve_ivp

from snippets.lectures.latent_physics import (
    characteristic_roots,
    continuous_parameters,
    euler_consistent_parameters,
    fit_parameters,
    gaussian_kl,
    in_stability_triangle,
    latent_physics_loss,
    max_stable_step,
    physics_step,
    prediction_loss,
    prediction_loss_grad,
    prediction_loss_hessian,
    recurrence_coefficients,
    rollout,
    simulate_oscillator,
    spectral_radius,
)

G0, G1 = 4.0, 0.5


def _solve_ivp(g0: float, g1: float, times: np.ndarray, z0: float = 1.0, v0: float = 0.0):
    """Reference solution of z'' + g1 z' + g0 z = 0 by scipy's adaptive Runge-Kutta."""
    sol = solve_ivp(
        lambda _, y: [y[1], -g1 * y[1] - g0 * y[0]],
        (times[0], times[-1]),
        [z0, v0],
        t_eval=times,
        rtol=1e-11,
        atol=1e-12,
        method="DOP853",
    )
    return sol.y[0]


def test_simulation_matches_solve_ivp():
    """Assert the matrix-exponential samples equal scipy's ODE solution."""
    dt, steps = 0.05, 200
    z = simulate_oscillator(G0, G1, dt, steps, z0=0.7, v0=-0.3)
    reference = _solve_ivp(G0, G1, np.arange(steps) * dt, z0=0.7, v0=-0.3)
    assert np.allclose(z.numpy(), reference, atol=1e-9)


def test_physics_step_is_the_two_step_recurrence():
    """Assert one Euler step equals a z_t + b z_{t-1} with a, b written out by hand."""
    gen = torch.Generator().manual_seed(0)
    z_prev, z_curr = torch.randn(2, 50, generator=gen, dtype=torch.float64)
    g0, g1, dt = 3.1, 0.7, 0.13
    a, b = 2 - dt * g1 - dt * dt * g0, dt * g1 - 1
    assert recurrence_coefficients(g0, g1, dt) == pytest.approx((a, b))
    assert torch.allclose(physics_step(z_prev, z_curr, g0, g1, dt), a * z_curr + b * z_prev)


def test_euler_rollout_converges_to_solve_ivp_at_first_order():
    """Assert the rollout error against solve_ivp shrinks about twofold when dt halves."""
    horizon, errors = 4.0, []
    for dt in (0.02, 0.01, 0.005):
        steps = round(horizon / dt) + 1
        times = np.arange(steps) * dt
        exact = _solve_ivp(G0, G1, times)
        z = rollout(exact[0], exact[1], G0, G1, dt, steps, dtype=torch.float64)
        errors.append(np.abs(z.numpy() - exact).max())
    ratios = [errors[i] / errors[i + 1] for i in range(2)]
    assert errors[-1] < 0.02
    assert all(1.7 < r < 2.3 for r in ratios), ratios


def test_characteristic_roots_match_numpy():
    """Assert the closed-form roots are those of numpy.roots on lambda^2 - a lambda - b."""
    for g0, g1, dt in [(4.0, 0.5, 0.1), (1.0, 3.0, 0.2), (-1.0, 0.5, 0.3), (9.0, -0.2, 0.05)]:
        ours = characteristic_roots(torch.tensor(g0), torch.tensor(g1), dt).numpy()
        a, b = recurrence_coefficients(g0, g1, dt)
        ref = np.roots([1.0, -a, -b])
        assert np.allclose(np.sort_complex(ours), np.sort_complex(ref), atol=1e-6)


def test_stability_triangle_matches_spectral_radius():
    """Assert the Jury triangle agrees with max |root| < 1 at random (dt, g0, g1)."""
    gen = torch.Generator().manual_seed(1)
    dt = 0.05 + 1.95 * torch.rand(20000, generator=gen, dtype=torch.float64)
    g0 = -2 + 12 * torch.rand(20000, generator=gen, dtype=torch.float64)
    g1 = -1 + 5 * torch.rand(20000, generator=gen, dtype=torch.float64)
    decays = spectral_radius(g0, g1, dt) < 1
    assert torch.equal(decays, in_stability_triangle(dt * g1, dt**2 * g0))


def test_max_stable_step_is_the_boundary():
    """Assert the spectral radius crosses 1 at max_stable_step."""
    dt_max = max_stable_step(G0, G1)
    g0, g1 = torch.tensor(G0), torch.tensor(G1)
    assert spectral_radius(g0, g1, 0.999 * dt_max) < 1 < spectral_radius(g0, g1, 1.001 * dt_max)


def test_euler_consistent_parameters_fit_exact_samples():
    """Assert the recurrence with (hat g0, hat g1) reproduces exact samples of the ODE."""
    for g0, g1, dt in [(4.0, 0.5, 0.05), (2.0, 3.5, 0.1)]:  # under- and overdamped
        z = simulate_oscillator(g0, g1, dt, 120, z0=1.0, v0=0.4)
        h0, h1 = euler_consistent_parameters(g0, g1, dt)
        assert prediction_loss(z, h0, h1, dt).item() < 1e-24
        assert continuous_parameters(h0, h1, dt) == pytest.approx((g0, g1), rel=1e-9)


def test_loss_gradient_matches_autograd_and_finite_differences():
    """Assert the closed-form gradient equals torch.autograd and central differences."""
    gen = torch.Generator().manual_seed(2)
    z = torch.randn(30, 3, generator=gen, dtype=torch.float64)
    params = torch.tensor([2.3, 0.4], dtype=torch.float64, requires_grad=True)
    dt = 0.1
    (auto,) = torch.autograd.grad(prediction_loss(z, params[0], params[1], dt), params)
    closed = prediction_loss_grad(z, 2.3, 0.4, dt)
    assert torch.allclose(closed, auto, rtol=1e-12, atol=1e-14)
    h = 1e-5
    fd = [
        (prediction_loss(z, 2.3 + h, 0.4, dt) - prediction_loss(z, 2.3 - h, 0.4, dt)) / (2 * h),
        (prediction_loss(z, 2.3, 0.4 + h, dt) - prediction_loss(z, 2.3, 0.4 - h, dt)) / (2 * h),
    ]
    assert torch.allclose(closed, torch.stack(fd), rtol=1e-7)


def test_loss_hessian_matches_autograd():
    """Assert the Gram-matrix Hessian equals torch.autograd.functional.hessian."""
    gen = torch.Generator().manual_seed(3)
    z = torch.randn(25, 2, generator=gen, dtype=torch.float64)
    dt = 0.2
    auto = torch.autograd.functional.hessian(
        lambda p: prediction_loss(z, p[0], p[1], dt), torch.tensor([1.0, 0.5], dtype=z.dtype)
    )
    assert torch.allclose(prediction_loss_hessian(z, dt), auto, rtol=1e-12)


def test_gaussian_kl_matches_torch_distributions():
    """Assert the closed-form KL equals torch.distributions.kl_divergence."""
    gen = torch.Generator().manual_seed(4)
    mu = torch.randn(5, 4, generator=gen, dtype=torch.float64)
    logvar = torch.randn(5, 4, generator=gen, dtype=torch.float64)
    q = torch.distributions.Normal(mu, (0.5 * logvar).exp())
    p = torch.distributions.Normal(torch.zeros_like(mu), torch.ones_like(mu))
    reference = torch.distributions.kl_divergence(q, p).sum(-1)
    assert torch.allclose(gaussian_kl(mu, logvar), reference, rtol=1e-12)


def test_kl_term_has_no_gradient_in_g():
    """Assert the full loss has the same (g0, g1) gradient as the prediction error alone."""
    gen = torch.Generator().manual_seed(5)
    mu = torch.randn(20, 2, generator=gen, dtype=torch.float64)
    logvar = torch.randn(20, 2, generator=gen, dtype=torch.float64)
    params = torch.tensor([1.5, 0.3], dtype=torch.float64, requires_grad=True)
    (full,) = torch.autograd.grad(latent_physics_loss(mu, logvar, *params, 0.1), params)
    assert torch.allclose(full, prediction_loss_grad(mu, 1.5, 0.3, 0.1), rtol=1e-12)


def test_fit_recovers_parameters_on_cpu():
    """Assert gradient descent recovers the Euler-consistent parameters from exact data."""
    dt = 0.05
    z = simulate_oscillator(G0, G1, dt, 241, device=torch.device("cpu"))
    fit = fit_parameters(z, dt, iterations=200)
    h0, h1 = euler_consistent_parameters(G0, G1, dt)
    assert (fit.g0, fit.g1) == pytest.approx((h0, h1), rel=1e-9)
    assert continuous_parameters(fit.g0, fit.g1, dt) == pytest.approx((G0, G1), rel=1e-8)


@pytest.mark.cuda
def test_fit_recovers_parameters_on_cuda():
    """Assert the CUDA fit agrees with the Euler-consistent parameters."""
    dt = 0.05
    z = simulate_oscillator(G0, G1, dt, 241, device=torch.device("cuda"))
    fit = fit_parameters(z, dt, iterations=200)
    assert (fit.g0, fit.g1) == pytest.approx(euler_consistent_parameters(G0, G1, dt), rel=1e-9)
