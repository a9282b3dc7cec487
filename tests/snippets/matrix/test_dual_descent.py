"""Tests of snippets.matrix.dual_descent against independent references (scipy, closed forms)."""

from __future__ import annotations

import numpy as np
import pytest
import torch
from scipy.optimize import minimize

from snippets import seeded_generator
from snippets.matrix.dual_descent import (
    dual_gradient,
    dual_gradient_descent,
    dual_value,
    orthogonal_direction,
    random_stiefel,
    safe_step,
    stiefel_residual,
    sym,
)

CPU = torch.device("cpu")
F64 = torch.float64


def problem(n: int, m: int, seed: int) -> tuple[torch.Tensor, torch.Tensor]:
    """A Stiefel point and a gradient, both ``[n, m]`` float64."""
    gen = seeded_generator(seed, CPU)
    w = random_stiefel(n, m, generator=gen)
    return w, torch.randn(n, m, generator=gen, dtype=F64)


@pytest.mark.parametrize(("n", "m", "seed"), [(32, 8, 0), (48, 16, 1), (30, 10, 2)])
def test_residual_falls_below_tolerance(n: int, m: int, seed: int) -> None:
    """Assert the constraint residual of dual gradient descent falls below 1e-10."""
    w, g = problem(n, m, seed)
    out = dual_gradient_descent(g, w, steps=2000, tol=1e-10)
    assert out.residuals[-1] <= 1e-10 < out.residuals[0]
    assert abs(out.gaps[-1]) < 1e-9
    assert torch.allclose(out.lam, out.lam.T)


def test_matches_scipy_minimisation_of_the_dual() -> None:
    """Assert the direction equals msign at scipy's minimiser of ||G - W Lambda||_*."""
    n, m = 20, 4
    w, g = problem(n, m, 3)
    iu = np.triu_indices(m)
    wn, gn = w.numpy(), g.numpy()

    def unpack(x: np.ndarray) -> np.ndarray:
        lam = np.zeros((m, m))
        lam[iu] = x
        return lam + np.triu(lam, 1).T

    def fun(x: np.ndarray) -> tuple[float, np.ndarray]:
        u, s, vt = np.linalg.svd(gn - wn @ unpack(x), full_matrices=False)
        grad = -wn.T @ (u @ vt)  # derivative of the nuclear norm in an unconstrained Lambda
        grad = grad + grad.T - np.diag(np.diag(grad))  # chain rule through the symmetric packing
        return float(s.sum()), grad[iu]

    x0 = sym(w.T @ g).numpy()[iu]
    res = minimize(fun, x0, jac=True, method="BFGS", options={"gtol": 1e-12, "maxiter": 2000})
    u, _, vt = np.linalg.svd(gn - wn @ unpack(res.x), full_matrices=False)
    out = dual_gradient_descent(g, w, steps=3000, tol=1e-12)
    assert np.allclose(out.phi.numpy(), u @ vt, atol=1e-6)
    assert abs(float(dual_value(g, w, out.lam)) - res.fun) < 1e-9


def test_dual_gradient_matches_finite_differences() -> None:
    """Assert -(W^T Phi + Phi^T W)/2 is the derivative of D along symmetric directions."""
    w, g = problem(9, 3, 4)
    lam = sym(torch.randn(3, 3, generator=seeded_generator(5, CPU), dtype=F64))
    grad = dual_gradient(g, w, lam)
    for seed in range(5):
        s = sym(torch.randn(3, 3, generator=seeded_generator(10 + seed, CPU), dtype=F64))
        h = 1e-6
        fd = (dual_value(g, w, lam + h * s) - dual_value(g, w, lam - h * s)) / (2 * h)
        assert abs(float(fd) - float((grad * s).sum())) < 1e-7


def test_square_case_matches_closed_form() -> None:
    """Assert for square W the first iterate is W msign(skew(W^T G)), already tangent."""
    w, g = problem(12, 12, 6)
    out = dual_gradient_descent(g, w, steps=0)
    assert out.residuals[0] < 1e-12
    assert torch.allclose(out.phi, orthogonal_direction(g, w), atol=1e-12)


def test_solution_beats_random_tangent_directions() -> None:
    """Assert no random tangent direction of unit spectral norm scores higher than Phi."""
    n, m = 16, 4
    w, g = problem(n, m, 7)
    out = dual_gradient_descent(g, w, tol=1e-12)
    best = float((g * out.phi).sum())
    gen = seeded_generator(8, CPU)
    for _ in range(200):
        a = torch.randn(m, m, generator=gen, dtype=F64)
        b = torch.randn(n, m, generator=gen, dtype=F64)
        x = w @ (a - a.T) + b - w @ (w.T @ b)  # tangent: W^T X antisymmetric
        assert float(torch.linalg.matrix_norm(stiefel_residual(w, x))) < 1e-12
        x = x / torch.linalg.matrix_norm(x, ord=2)
        assert float((g * x).sum()) <= best + 1e-12


def test_safe_step_bounds_every_singular_value() -> None:
    """Assert sigma_min(G - W Lambda) >= sigma_min((I - W W^T) G) for random symmetric Lambda."""
    w, g = problem(20, 6, 9)
    floor = safe_step(g, w)
    gen = seeded_generator(10, CPU)
    for _ in range(50):
        lam = sym(5 * torch.randn(6, 6, generator=gen, dtype=F64))
        assert float(torch.linalg.svdvals(g - w @ lam).min()) >= floor - 1e-12
