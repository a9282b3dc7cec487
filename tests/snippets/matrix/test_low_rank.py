"""Tests of snippets/matrix/low_rank.py against numpy's SVD and dense matrix products."""

from __future__ import annotations

import numpy as np
import pytest
import torch

from snippets.matrix.low_rank import LoRALinear, structured_matrix, truncated_svd, truncation_errors


def _matrix(seed: int = 0, n: int = 40, m: int = 30) -> torch.Tensor:
    gen = torch.Generator().manual_seed(seed)
    return torch.randn(n, m, generator=gen, dtype=torch.float64)


def test_truncated_svd_matches_numpy():
    """Assert the rank-r truncation equals the one built from numpy's SVD."""
    a = _matrix()
    u, s, vh = np.linalg.svd(a.numpy(), full_matrices=False)
    for r in (1, 5, 30):
        ref = (u[:, :r] * s[:r]) @ vh[:r]
        assert np.allclose(truncated_svd(a, r).numpy(), ref, atol=1e-10)


def test_errors_equal_discarded_singular_values():
    """Assert ||A - A_r||_F and ||A - A_r||_2 equal the Eckart-Young formulas for every r."""
    a = structured_matrix(50, 40, generator=torch.Generator().manual_seed(1))
    s = np.linalg.svd(a.numpy(), compute_uv=False)
    fro, spec = truncation_errors(torch.from_numpy(s))
    for r in range(0, 41, 5):
        residual = (a - truncated_svd(a, r)).numpy()
        assert np.isclose(np.linalg.norm(residual, "fro"), fro[r].item(), atol=1e-9)
        assert np.isclose(np.linalg.norm(residual, 2), spec[r].item(), atol=1e-9)


def test_truncation_beats_other_rank_r_approximations():
    """Assert no random rank-r approximation (projection onto a random subspace) is closer."""
    a = _matrix(2)
    gen = torch.Generator().manual_seed(3)
    for r in (1, 4, 10):
        best = torch.linalg.matrix_norm(a - truncated_svd(a, r))
        for _ in range(20):
            q, _ = torch.linalg.qr(torch.randn(a.shape[0], r, generator=gen, dtype=a.dtype))
            other = q @ (q.T @ a)  # best approximation with this column space
            assert torch.linalg.matrix_norm(a - other) >= best - 1e-12


def test_lora_starts_at_pretrained_weights():
    """Assert B = 0 at initialisation, so the layer computes exactly W0 x."""
    w0 = _matrix(4, 6, 5)
    layer = LoRALinear(w0, rank=2, generator=torch.Generator().manual_seed(0))
    x = _matrix(5, 7, 5)
    assert torch.equal(layer.B, torch.zeros_like(layer.B))
    assert torch.allclose(layer(x), x @ w0.T)


def test_lora_forward_equals_merged_weight():
    """Assert W0 x + s B (A x) equals (W0 + s B A) x for trained (nonzero) factors."""
    w0 = _matrix(6, 8, 6)
    layer = LoRALinear(w0, rank=3, scale=0.5, generator=torch.Generator().manual_seed(1))
    with torch.no_grad():
        layer.B.copy_(_matrix(7, 8, 3))
    x = _matrix(8, 4, 6)
    assert torch.allclose(layer(x), x @ layer.merged_weight().T, atol=1e-12)
    assert torch.linalg.matrix_rank(layer.merged_weight() - w0) <= 3


def test_lora_trains_only_the_factors():
    """Assert r (d + k) trainable entries, W0 frozen, and dA = 0 at initialisation."""
    d, k, r = 12, 9, 2
    layer = LoRALinear(_matrix(9, d, k), rank=r)
    assert layer.trainable_parameters() == r * (d + k)
    layer(_matrix(10, 3, k)).sum().backward()
    assert torch.equal(layer.A.grad, torch.zeros_like(layer.A))
    assert layer.B.grad.abs().sum() > 0
    assert not any(p is layer.weight for p in layer.parameters())


@pytest.mark.cuda
def test_lora_on_cuda_matches_cpu():
    """Assert the layer gives the same output on CUDA as on the CPU."""
    w0 = _matrix(11, 6, 5)
    cpu = LoRALinear(w0, rank=2, generator=torch.Generator().manual_seed(0))
    gpu = LoRALinear(w0.cuda(), rank=2)
    gpu.load_state_dict(cpu.state_dict())
    x = _matrix(12, 3, 5)
    assert torch.allclose(gpu(x.cuda()).cpu(), cpu(x))
