"""Tests of snippets.matrix.msign: every iteration against the SVD reference, on CPU (and CUDA)."""

from __future__ import annotations

import pytest
import torch

from snippets import seeded_generator
from snippets.matrix.msign import (
    METHODS,
    MUON_QUINTIC,
    log_spectrum,
    matrix_with_spectrum,
    method_schedule,
    msign_svd,
    newton_schulz_quintic,
    odd_polynomial_iteration,
    orthogonality_error,
    polar_express,
    scalar_trajectory,
    sv_error,
)

CPU = torch.device("cpu")

#: (method, steps, tolerance on max |s_i - 1|) in float32 and in bfloat16. The Muon quintic
#: does not converge: its singular values stay in a band of half-width about 0.32 around 1.
FLOAT32 = [
    ("Newton-Schulz cubic", 25, 1e-4),
    ("Muon quintic", 8, 0.33),
    ("six-step (You)", 6, 5e-3),
    ("Polar Express", 8, 1e-4),
]
BFLOAT16 = [
    ("Newton-Schulz cubic", 25, 0.03),
    ("Muon quintic", 8, 0.36),
    ("six-step (You)", 6, 0.03),
    ("Polar Express", 8, 0.03),
]


def spectrum_matrix(m: int, n: int, cond: float, device: torch.device = CPU) -> torch.Tensor:
    """``U diag(s) V^T`` (float64) with log-spaced singular values from 1 to ``1/cond``."""
    s = log_spectrum(min(m, n), cond)
    return matrix_with_spectrum(s, m, n, seeded_generator(1, device), dtype=torch.float64)


def test_svd_reference_is_m_times_inverse_sqrt_gram() -> None:
    """Assert msign_svd(M) equals M (M^T M)^{-1/2} computed by an eigendecomposition."""
    m = spectrum_matrix(12, 8, 50.0)
    evals, evecs = torch.linalg.eigh(m.T @ m)
    inv_sqrt = evecs @ torch.diag(evals.rsqrt()) @ evecs.T
    torch.testing.assert_close(msign_svd(m), m @ inv_sqrt, atol=1e-10, rtol=0)


@pytest.mark.parametrize("shape", [(48, 32), (32, 48)])
@pytest.mark.parametrize(("name", "steps", "tol"), FLOAT32)
def test_methods_float32_against_svd(name: str, steps: int, tol: float, shape: tuple) -> None:
    """Assert each method's singular values are within its tolerance of 1 and it shares U V^T."""
    g = spectrum_matrix(*shape, cond=20.0).float()
    x = METHODS[name](g, steps)
    assert x.shape == g.shape and x.dtype == torch.float32
    assert sv_error(x) <= tol
    # Same singular vectors: the distance to msign(G) is the distance of p(S) to I.
    dist = torch.linalg.matrix_norm((x - msign_svd(g)).double(), ord=2).item()
    assert dist <= tol + 1e-5


@pytest.mark.parametrize(("name", "steps", "tol"), BFLOAT16)
def test_methods_bfloat16_against_svd(name: str, steps: int, tol: float) -> None:
    """Assert in bfloat16 each method stays within its (looser) tolerance of msign(G)."""
    g = spectrum_matrix(64, 48, cond=20.0).to(torch.bfloat16)
    x = METHODS[name](g, steps)
    assert x.dtype == torch.bfloat16
    assert sv_error(x) <= tol
    dist = torch.linalg.matrix_norm((x.double() - msign_svd(g.double())), ord=2).item()
    assert dist <= tol + 0.03


def test_polar_express_converges_with_small_singular_values() -> None:
    """Assert Polar Express reaches msign(G) to 1e-4 for condition number 1e3 in 12 steps."""
    g = spectrum_matrix(96, 64, cond=1e3).float()
    x = polar_express(g, 12)
    torch.testing.assert_close(x, msign_svd(g), atol=1e-4, rtol=0)


def test_polynomial_acts_on_singular_values() -> None:
    """Assert the matrix iteration equals U p(S) V^T with p applied by the scalar trajectory."""
    g = spectrum_matrix(40, 24, cond=30.0)
    u, s, vh = torch.linalg.svd(g, full_matrices=False)
    for name in METHODS:
        sched = method_schedule(name, 5)
        x = odd_polynomial_iteration(g, sched)
        p_s = scalar_trajectory(s, sched)[-1]
        torch.testing.assert_close(x, u @ torch.diag(p_s) @ vh, atol=1e-6, rtol=0)  # eps in norm


def test_batched_input_matches_per_matrix() -> None:
    """Assert a batch [b, m, n] gives the same result as each matrix on its own."""
    g = torch.stack([spectrum_matrix(20, 12, 10.0), spectrum_matrix(20, 12, 100.0)]).float()
    out = polar_express(g, 6)
    for i in range(2):
        torch.testing.assert_close(out[i], polar_express(g[i], 6))


def test_zero_matrix_maps_to_zero() -> None:
    """Assert msign of the zero matrix is zero (no division by zero)."""
    x = newton_schulz_quintic(torch.zeros(4, 3), 5, MUON_QUINTIC)
    assert torch.equal(x, torch.zeros(4, 3))


def test_orthogonality_error_matches_singular_values() -> None:
    """Assert ||X^T X - I||_2 = max |s_i^2 - 1| computed from the singular values."""
    x = spectrum_matrix(10, 6, 5.0)
    s = torch.linalg.svdvals(x)
    assert orthogonality_error(x) == pytest.approx((s**2 - 1).abs().max().item(), rel=1e-10)


@pytest.mark.cuda
@pytest.mark.parametrize(("name", "steps", "tol"), FLOAT32)
def test_methods_on_cuda_follow_the_input(name: str, steps: int, tol: float) -> None:
    """Assert on CUDA each method returns a CUDA tensor that agrees with the CPU result."""
    g = spectrum_matrix(48, 32, 20.0).float()
    x_gpu = METHODS[name](g.cuda(), steps)
    assert x_gpu.device.type == "cuda"
    torch.testing.assert_close(x_gpu.cpu(), METHODS[name](g, steps), atol=1e-4, rtol=0)
