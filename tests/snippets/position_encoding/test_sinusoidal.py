"""Tests of ``sinusoidal`` against the paper's formula and scipy quadrature."""

from __future__ import annotations

import math

import numpy as np
import pytest
import torch
from scipy.integrate import quad

from snippets.position_encoding.sinusoidal import (
    pe_decay_integral,
    pe_inner_product,
    shift_matrix,
    sinusoidal_encoding,
)


def paper_pe(pos: int, d: int) -> np.ndarray:
    """PE(pos, 2i) = sin(pos / 10000^{2i/d}), PE(pos, 2i+1) = cos(pos / 10000^{2i/d})."""
    out = np.zeros(d)
    for i in range(d // 2):
        out[2 * i] = math.sin(pos / 10000 ** (2 * i / d))
        out[2 * i + 1] = math.cos(pos / 10000 ** (2 * i / d))
    return out


def test_encoding_matches_paper_formula():
    """Assert the encoding equals the paper's PE(pos, 2i), PE(pos, 2i+1) entry by entry."""
    positions = [0, 1, 17, 500]
    got = sinusoidal_encoding(torch.tensor(positions), 32, dtype=torch.float64).numpy()
    ref = np.stack([paper_pe(p, 32) for p in positions])
    assert np.allclose(got, ref, atol=1e-12)


@pytest.mark.parametrize("k", [1, 5, 250])
def test_shift_matrix_maps_pe_p_to_pe_p_plus_k(k: int):
    """Assert T_k PE(p) = PE(p + k) for many p, with T_k orthogonal."""
    d = 64
    T = shift_matrix(float(k), d)
    p = torch.arange(0, 300, 13)
    pe = sinusoidal_encoding(p, d, dtype=torch.float64)
    assert torch.allclose(pe @ T.T, sinusoidal_encoding(p + k, d, dtype=torch.float64), atol=1e-12)
    assert torch.allclose(T.T @ T, torch.eye(d, dtype=T.dtype), atol=1e-12)


def test_inner_product_depends_only_on_offset():
    """Assert <PE(p), PE(q)> equals the closed form f(q - p) for all pairs."""
    d = 48
    pos = torch.arange(60)
    pe = sinusoidal_encoding(pos, d, dtype=torch.float64)
    gram = pe @ pe.T
    f = pe_inner_product((pos[None, :] - pos[:, None]).flatten(), d).view(60, 60)
    assert torch.allclose(gram, f, atol=1e-12)
    assert pe_inner_product(torch.tensor([0]), d).item() == pytest.approx(d / 2)


def test_decay_integral_matches_quadrature():
    """Assert (Ci(k) - Ci(k/b)) / ln b equals the integral of cos(k b^-t) over [0, 1]."""
    for k in (0.5, 3.0, 40.0, 700.0):
        ref, _ = quad(lambda t, k=k: math.cos(k * 10000.0**-t), 0.0, 1.0, limit=400)
        assert pe_decay_integral(np.array([k]))[0] == pytest.approx(ref, abs=1e-9)


def test_riemann_sum_approaches_integral():
    """Assert f(k)/(d/2) approaches I(k) as d grows, at small offsets."""
    ks = torch.arange(1, 51)
    ref = pe_decay_integral(ks.numpy().astype(float))
    err = [np.abs(pe_inner_product(ks, d).numpy() / (d / 2) - ref).max() for d in (64, 256, 1024)]
    assert err[0] > err[1] > err[2]
    assert err[2] < 0.01
