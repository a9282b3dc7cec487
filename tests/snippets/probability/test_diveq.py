"""Tests of snippets/probability/diveq.py against numpy/scipy references and torch autograd."""

from __future__ import annotations

import numpy as np
import pytest
import torch
from scipy.cluster.vq import kmeans2
from scipy.spatial.distance import cdist

from snippets.probability.diveq import (
    distortion,
    diveq_quantize,
    lloyd,
    nearest_codeword,
    ste_quantize,
    train_codebook,
)


def _data(seed: int, n: int = 50, k: int = 7, d: int = 5) -> tuple[torch.Tensor, torch.Tensor]:
    gen = torch.Generator().manual_seed(seed)
    z = torch.randn(n, d, generator=gen, dtype=torch.float64)
    codebook = torch.randn(k, d, generator=gen, dtype=torch.float64)
    return z, codebook


def test_forward_value_is_the_nearest_codeword() -> None:
    """Assert DiVeQ and STE both output the codeword that scipy's cdist finds nearest."""
    z, codebook = _data(0)
    expected = codebook.numpy()[cdist(z.numpy(), codebook.numpy()).argmin(axis=1)]
    assert np.allclose(diveq_quantize(z, codebook).numpy(), expected, atol=1e-12)
    assert np.allclose(ste_quantize(z, codebook).numpy(), expected, atol=1e-12)
    assert (nearest_codeword(z, codebook)[0].numpy() == cdist(z, codebook).argmin(1)).all()


def test_jacobians_are_the_two_projections() -> None:
    """Assert dz_q/dz = I - u u^T and dz_q/dc = u u^T (u from z to c), by torch autograd."""
    z, codebook = _data(1, n=1)
    index = int(cdist(z.numpy(), codebook.numpy()).argmin())
    w = (codebook[index] - z[0]).numpy()
    u = w / np.linalg.norm(w)
    jac_z = torch.autograd.functional.jacobian(lambda v: diveq_quantize(v[None], codebook)[0], z[0])
    assert np.allclose(jac_z.numpy(), np.eye(5) - np.outer(u, u), atol=1e-12)

    def through_codeword(c: torch.Tensor) -> torch.Tensor:
        book = torch.cat([codebook[:index], c[None], codebook[index + 1 :]])  # [K, D]
        return diveq_quantize(z, book)[0]

    jac_c = torch.autograd.functional.jacobian(through_codeword, codebook[index])
    assert np.allclose(jac_c.numpy(), np.outer(u, u), atol=1e-12)


def test_ste_jacobians_are_identity_and_zero() -> None:
    """Assert the straight-through estimator has Jacobian I in z and passes nothing to c."""
    z, codebook = _data(2, n=1)
    jac = torch.autograd.functional.jacobian(lambda v: ste_quantize(v[None], codebook)[0], z[0])
    assert torch.equal(jac, torch.eye(5, dtype=torch.float64))
    book = codebook.clone().requires_grad_(True)
    assert not ste_quantize(z, book).requires_grad  # the codebook is cut off from the output


def test_noise_moves_the_output_by_at_most_twice_the_noise() -> None:
    """Assert ||z_q - c|| <= 2 ||xi|| for the noise xi drawn by the same seeded generator."""
    z, codebook = _data(3, n=200)
    sigma = 0.05
    zq = diveq_quantize(z, codebook, sigma, generator=torch.Generator().manual_seed(4))
    xi = sigma * torch.randn(z.shape, generator=torch.Generator().manual_seed(4), dtype=z.dtype)
    _, c = nearest_codeword(z, codebook)
    gap = torch.linalg.vector_norm(zq - c, dim=1)
    assert (gap <= 2 * torch.linalg.vector_norm(xi, dim=1) + 1e-12).all()
    assert gap.max() > 0


def test_diveq_training_equals_the_codebook_loss() -> None:
    """Assert with an identity encoder DiVeQ trains exactly like STE plus VQ-VAE's codebook loss."""
    z, init = _data(5, n=400, k=6, d=2)
    runs = {
        m: train_codebook(
            z, init, m, steps=40, lr=0.3, batch=64, generator=torch.Generator().manual_seed(6)
        )
        for m in ("diveq", "ste+codebook-loss", "ste")
    }
    assert torch.allclose(runs["diveq"].codebook, runs["ste+codebook-loss"].codebook, atol=1e-12)
    assert torch.equal(runs["ste"].codebook, init)
    assert runs["diveq"].distortion[-1] < runs["ste"].distortion[-1]


def test_lloyd_matches_scipy_kmeans2() -> None:
    """Assert Lloyd's iterations give scipy's kmeans2 codebook from the same start."""
    z, init = _data(7, n=300, k=4, d=2)
    ours = lloyd(z, init, 20)
    ref, _ = kmeans2(z.numpy(), init.numpy(), iter=20, minit="matrix", missing="warn")
    assert np.allclose(ours.numpy(), ref, atol=1e-10)
    assert distortion(z, ours) == pytest.approx(
        float((cdist(z.numpy(), ref, "sqeuclidean").min(1)).mean()), rel=1e-10
    )
