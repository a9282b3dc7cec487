"""Tests of snippets.matrix.spectral_sphere against independent references (scipy, closed forms)."""

from __future__ import annotations

import itertools

import pytest
import torch
from scipy.optimize import brentq

from snippets import seeded_generator
from snippets.matrix.msign import msign_svd
from snippets.matrix.spectral_sphere import (
    project_tangent,
    retract,
    solve_lambda,
    spectral_sphere_step,
    spectral_sphere_theta,
    tangent_residual,
    top_singular_pair,
)

CPU = torch.device("cpu")
F64 = torch.float64


def random_problem(n: int, m: int, seed: int) -> tuple[torch.Tensor, torch.Tensor]:
    """A weight on the spectral sphere and a gradient, both ``[n, m]`` float64."""
    gen = seeded_generator(seed, CPU)
    w = torch.randn(n, m, generator=gen, dtype=F64)
    w = w / torch.linalg.matrix_norm(w, ord=2)
    g = torch.randn(n, m, generator=gen, dtype=F64)
    return w, g


def brentq_lambda(g: torch.Tensor, theta: torch.Tensor) -> float:
    """The tangent root by bracketing and Brent's method (independent of the fixed point)."""
    lo, hi = -1.0, 1.0
    while tangent_residual(g, theta, lo) > 0:
        lo *= 2
    while tangent_residual(g, theta, hi) < 0:
        hi *= 2
    return brentq(lambda x: tangent_residual(g, theta, x), lo, hi, xtol=1e-15, rtol=1e-15)


@pytest.mark.parametrize(("n", "m", "seed"), [(24, 12, 0), (16, 16, 1), (12, 20, 2)])
def test_lambda_matches_brentq(n: int, m: int, seed: int) -> None:
    """Assert the fixed-point lambda equals scipy's brentq root of the tangent condition."""
    w, g = random_problem(n, m, seed)
    theta = spectral_sphere_theta(w)
    sol = solve_lambda(g, theta, steps=100, tol=1e-14)
    assert sol.residuals[-1] < 1e-12
    assert abs(sol.lam - brentq_lambda(g, theta)) < 1e-9


def test_direction_is_unit_and_tangent() -> None:
    """Assert ||Phi||_2 = 1 and tr(Theta^T Phi) = 0 at the solution."""
    w, g = random_problem(20, 10, 3)
    theta = spectral_sphere_theta(w)
    phi = solve_lambda(g, theta, tol=1e-14).phi
    assert torch.allclose(torch.linalg.svdvals(phi), torch.ones(10, dtype=F64), atol=1e-12)
    assert abs(float((theta * phi).sum())) < 1e-12


def test_direction_beats_random_tangent_directions() -> None:
    """Assert no random feasible direction has a larger tr(G^T Phi) than the solution."""
    w, g = random_problem(16, 8, 4)
    theta = spectral_sphere_theta(w)
    sol = solve_lambda(g, theta, tol=1e-14)
    best = float((g * sol.phi).sum())
    dual = float(torch.linalg.svdvals(g + sol.lam * theta).sum())
    assert abs(best - dual) < 1e-10  # strong duality: primal value = ||G + lambda Theta||_*
    gen = seeded_generator(5, CPU)
    for _ in range(200):
        x = project_tangent(torch.randn(16, 8, generator=gen, dtype=F64), theta)
        x = x / torch.linalg.matrix_norm(x, ord=2)  # still tangent, spectral norm 1
        assert float((g * x).sum()) <= best + 1e-12
    # candidates near the optimum, from perturbing G, must not win either
    for scale in (1e-3, 1e-2, 1e-1):
        x = project_tangent(msign_svd(g + sol.lam * theta + scale * torch.randn_like(g)), theta)
        x = x / torch.linalg.matrix_norm(x, ord=2)
        assert float((g * x).sum()) <= best + 1e-12


def test_two_by_two_closed_form() -> None:
    """Assert lambda* = -(a + d) for W = diag(1, s) and G = [[a, b], [c, d]] with bc < -d^2."""
    a, b, c, d = 0.7, 2.0, -1.5, 0.4
    g = torch.tensor([[a, b], [c, d]], dtype=F64)
    theta = spectral_sphere_theta(torch.diag(torch.tensor([1.0, 0.3], dtype=F64)))
    sol = solve_lambda(g, theta, steps=200, tol=1e-15)
    assert abs(sol.lam - (-(a + d))) < 1e-10
    assert torch.allclose(sol.phi, torch.tensor([[0.0, 1.0], [-1.0, 0.0]], dtype=F64))


def test_residual_is_nondecreasing_in_lambda() -> None:
    """Assert h(lambda) = tr(Theta^T msign(G + lambda Theta)) never decreases on a grid."""
    w, g = random_problem(12, 6, 6)
    theta = spectral_sphere_theta(w)
    values = [tangent_residual(g, theta, x) for x in torch.linspace(-8, 8, 161).tolist()]
    assert all(b >= a - 1e-12 for a, b in itertools.pairwise(values))
    assert values[0] < 0 < values[-1]


def test_step_stays_on_sphere_and_decreases_a_quadratic() -> None:
    """Assert the retracted step keeps ||W||_2 = 1 and lowers 0.5 ||W - A||_F^2."""
    w, _ = random_problem(10, 6, 7)
    a = torch.randn(10, 6, generator=seeded_generator(8, CPU), dtype=F64)
    loss = float(0.5 * ((w - a) ** 2).sum())
    for _ in range(5):
        w, _ = spectral_sphere_step(w, w - a, lr=0.05)
        assert abs(float(torch.linalg.matrix_norm(w, ord=2)) - 1.0) < 1e-12
        new = float(0.5 * ((w - a) ** 2).sum())
        assert new < loss
        loss = new


def test_retract_normaliser_is_second_order_for_tangent_directions() -> None:
    """Assert ||W - eta Phi||_2 - 1 shrinks like eta^2 for a tangent Phi (like eta otherwise)."""
    w, g = random_problem(8, 5, 9)
    theta = spectral_sphere_theta(w)
    phi = solve_lambda(g, theta, tol=1e-14).phi
    gaps = [float(torch.linalg.matrix_norm(w - eta * phi, ord=2)) - 1 for eta in (1e-3, 1e-4)]
    assert abs(gaps[1]) < abs(gaps[0]) / 50  # second order: a factor ~100
    u, v, s = top_singular_pair(retract(w, phi, 1e-3))
    assert abs(float(s) - 1.0) < 1e-12 and abs(float(u @ u) - 1) < 1e-12 and v.numel() == 5
