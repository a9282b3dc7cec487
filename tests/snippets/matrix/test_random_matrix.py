"""Tests of snippets/matrix/random_matrix.py against numpy, scipy and the bounds of the page."""

from __future__ import annotations

import math

import numpy as np
import pytest
import torch
from scipy import integrate, stats

from snippets.matrix.random_matrix import (
    chi_mean,
    gaussian_spectral_norms,
    gordon_bound,
    marchenko_pastur_density,
)


def test_spectral_norms_match_numpy():
    """Assert the batched norms equal numpy's 2-norm of the same matrices."""
    gen = torch.Generator().manual_seed(0)
    norms = gaussian_spectral_norms(7, 5, 10, generator=gen, batch=3)
    gen = torch.Generator().manual_seed(0)
    mats = [torch.randn(k, 7, 5, generator=gen, dtype=torch.float64) for k in (3, 3, 3, 1)]
    ref = [np.linalg.norm(w, 2) for batch in mats for w in batch.numpy()]
    assert np.allclose(norms.numpy(), ref)


@pytest.mark.parametrize("n", [1, 2, 5, 40, 300])
def test_chi_mean_matches_scipy(n):
    """Assert c_n equals scipy's chi(n) mean and lies between n/sqrt(n+1) and sqrt(n)."""
    assert math.isclose(chi_mean(n), stats.chi(n).mean(), rel_tol=1e-12)
    assert n / math.sqrt(n + 1) <= chi_mean(n) <= math.sqrt(n)


def test_mean_norm_below_gordon_and_above_chi():
    """Assert max(c_n, c_m) <= mean ||W||_2 <= sqrt(n) + sqrt(m) on 2000 small matrices."""
    gen = torch.Generator().manual_seed(1)
    for n, m in [(4, 4), (10, 3), (2, 12)]:
        mean = gaussian_spectral_norms(n, m, 2000, generator=gen, batch=500).mean().item()
        assert max(chi_mean(n), chi_mean(m)) <= mean <= gordon_bound(n, m)


def test_marchenko_pastur_is_a_density():
    """Assert the density integrates to 1 and has mean 1 (E of an eigenvalue of W^T W / n)."""
    for y in (0.25, 0.5, 1.0):
        lo, hi = (1 - math.sqrt(y)) ** 2, (1 + math.sqrt(y)) ** 2

        def f(x, y=y):
            return marchenko_pastur_density(torch.tensor([x], dtype=torch.float64), y).item()

        mass, _ = integrate.quad(f, lo, hi, limit=200)
        mean, _ = integrate.quad(lambda x, f=f: x * f(x), lo, hi, limit=200)
        assert math.isclose(mass, 1.0, rel_tol=1e-6)
        assert math.isclose(mean, 1.0, rel_tol=1e-6)


@pytest.mark.cuda
def test_spectral_norms_on_cuda():
    """Assert CUDA norms equal the CPU norms of the same matrices."""
    w = torch.randn(4, 30, 20, dtype=torch.float64)
    ref = torch.linalg.matrix_norm(w, ord=2)
    assert torch.allclose(torch.linalg.matrix_norm(w.cuda(), ord=2).cpu(), ref)
