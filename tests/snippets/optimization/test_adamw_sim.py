"""Tests of snippets/optimization/adamw_sim.py against torch.optim.AdamW and direct sums."""

from __future__ import annotations

import math

import pytest
import torch

from snippets.optimization.adamw_sim import (
    adamw_step,
    simulate_noise,
    update_rms_meanfield,
    weight_rms_equilibrium,
    weight_rms_first_order,
)


def test_adamw_step_matches_torch_optimizer():
    """Assert 20 steps of adamw_step equal torch.optim.AdamW on the same gradients."""
    gen = torch.Generator().manual_seed(0)
    w0 = torch.randn(5, 7, generator=gen, dtype=torch.float64)
    grads = [torch.randn(5, 7, generator=gen, dtype=torch.float64) for _ in range(20)]
    param = torch.nn.Parameter(w0.clone())
    opt = torch.optim.AdamW([param], lr=0.05, betas=(0.9, 0.99), eps=1e-8, weight_decay=0.3)
    w, m, v = w0.clone(), torch.zeros_like(w0), torch.zeros_like(w0)
    for t, g in enumerate(grads, start=1):
        param.grad = g.clone()
        opt.step()
        w, m, v, _ = adamw_step(w, m, v, g, t, lr=0.05, weight_decay=0.3, beta2=0.99)
    assert torch.allclose(param.detach(), w, atol=1e-12)


def test_per_row_hyperparameters_match_separate_runs():
    """Assert a row of a vectorised run equals the same setting run through adamw_step alone."""
    gen = torch.Generator().manual_seed(1)
    run = simulate_noise(
        30,
        8,
        lr=[0.1, 0.01],
        weight_decay=[0.5, 0.1],
        beta1=[0.9, 0.5],
        generator=gen,
        dtype=torch.float64,
    )
    gen = torch.Generator().manual_seed(1)
    w = m = v = torch.zeros(2, 8, dtype=torch.float64)
    for t in range(1, 31):
        g = torch.randn(2, 8, generator=gen, dtype=torch.float64)
        w1, *_ = adamw_step(w[1], m[1], v[1], g[1], t, lr=0.01, weight_decay=0.1, beta1=0.5)
        w, m, v, _ = adamw_step(
            w,
            m,
            v,
            g,
            t,
            lr=torch.tensor([[0.1], [0.01]]),
            weight_decay=torch.tensor([[0.5], [0.1]]),
            beta1=torch.tensor([[0.9], [0.5]], dtype=torch.float64),
        )
        assert torch.allclose(w[1], w1)
    assert torch.isclose(run.weight_rms[-1, 1], w[1].square().mean().sqrt())


def test_equilibrium_without_momentum_is_geometric_sum():
    """Assert beta1 = 0 gives sqrt(eta^2 sum_k (1 - eta lambda)^(2k)), summed directly."""
    lr, wd = 0.01, 0.3
    direct = math.sqrt(sum(lr**2 * (1 - lr * wd) ** (2 * k) for k in range(200000)))
    assert math.isclose(weight_rms_equilibrium(lr, wd, 0.0), direct, rel_tol=1e-9)


def test_equilibrium_with_momentum_matches_long_recurrence():
    """Assert the momentum formula equals the variance of the linear system summed term by term."""
    lr, wd, b = 0.02, 0.5, 0.9
    c = 1 - lr * wd
    # x_t = -lr sum_s h_s g_{t-s}: impulse response of the pair (x, m) to one unit of noise.
    x, mom, total = 0.0, 0.0, 0.0
    for s in range(20000):
        g = 1.0 if s == 0 else 0.0
        mom = b * mom + (1 - b) * g
        x = c * x - lr * mom
        total += x * x
    assert math.isclose(weight_rms_equilibrium(lr, wd, b), math.sqrt(total), rel_tol=1e-9)


@pytest.mark.parametrize("beta1", [0.0, 0.5, 0.9])
def test_update_rms_on_noise(beta1):
    """Assert the measured update RMS is within 3% of sqrt((1 - beta1)/(1 + beta1))."""
    run = simulate_noise(
        400,
        2048,
        lr=0.01,
        weight_decay=0.1,
        beta1=beta1,
        generator=torch.Generator().manual_seed(2),
    )
    measured = run.update_rms[200:].square().mean().sqrt().item()
    assert abs(measured / update_rms_meanfield(beta1) - 1) < 0.03


def test_first_order_limit():
    """Assert the exact equilibrium approaches sqrt(lr / (2 wd)) as lr wd -> 0."""
    for lr in (1e-2, 1e-3, 1e-4):
        ratio = weight_rms_equilibrium(lr, 0.1, 0.9) / weight_rms_first_order(lr, 0.1)
        assert abs(ratio - 1) < 20 * lr * 0.1


@pytest.mark.cuda
def test_simulation_on_cuda():
    """Assert the CUDA simulation gives the same update RMS statistics as the formula."""
    run = simulate_noise(
        300,
        4096,
        lr=0.01,
        weight_decay=0.1,
        device=torch.device("cuda"),
        generator=torch.Generator("cuda").manual_seed(0),
    )
    assert abs(run.update_rms[150:].mean().item() / update_rms_meanfield(0.9) - 1) < 0.03
