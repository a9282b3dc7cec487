"""Tests of linear_attention: random features, linear and causal linear attention."""

import pytest
import torch

from snippets.attention.linear_attention import (
    causal_linear_attention,
    gaussian_features,
    kernel_estimate,
    linear_attention,
    performer_attention,
    positive_random_features,
    softmax_attention,
)


def _inputs(n=9, d=4, dv=3, device=torch.device("cpu")):
    gen = torch.Generator(device=device).manual_seed(0)
    q = 0.4 * torch.randn(n, d, generator=gen, device=device, dtype=torch.float64)
    k = 0.4 * torch.randn(n, d, generator=gen, device=device, dtype=torch.float64)
    v = torch.randn(n, dv, generator=gen, device=device, dtype=torch.float64)
    return q, k, v, gen


def test_softmax_attention_matches_explicit_formula():
    """Assert softmax_attention equals exp-scores divided by their row sums, times V."""
    q, k, v, _ = _inputs()
    weights = torch.exp(q @ k.T)
    ref = (weights / weights.sum(-1, keepdim=True)) @ v
    assert torch.allclose(softmax_attention(q, k, v), ref, atol=1e-12)


def test_linear_attention_equals_quadratic_form():
    """Assert phi(Q)(phi(K)^T V) equals the row-normalised n x n kernel matrix times V."""
    q, k, v, gen = _inputs()
    w = gaussian_features(4, 16, generator=gen, dtype=torch.float64)
    kernel = kernel_estimate(q, k, w)
    ref = (kernel / kernel.sum(-1, keepdim=True)) @ v
    assert torch.allclose(performer_attention(q, k, v, w), ref, atol=1e-12)


def test_linear_attention_with_elu_features():
    """Assert linear attention with elu(x) + 1 features equals the normalised quadratic form."""
    q, k, v, _ = _inputs()
    phi_q, phi_k = torch.nn.functional.elu(q) + 1, torch.nn.functional.elu(k) + 1
    kernel = phi_q @ phi_k.T
    ref = (kernel / kernel.sum(-1, keepdim=True)) @ v
    assert torch.allclose(linear_attention(phi_q, phi_k, v), ref, atol=1e-12)


def test_causal_linear_attention_equals_masked_quadratic_form():
    """Assert the running-sum form equals the lower-triangular kernel matrix, normalised."""
    q, k, v, gen = _inputs()
    w = gaussian_features(4, 16, generator=gen, dtype=torch.float64)
    phi_q, phi_k = positive_random_features(q, w), positive_random_features(k, w)
    kernel = torch.tril(phi_q @ phi_k.T)
    ref = (kernel / kernel.sum(-1, keepdim=True)) @ v
    assert torch.allclose(causal_linear_attention(phi_q, phi_k, v), ref, atol=1e-12)


def test_features_are_positive_and_estimate_the_kernel():
    """Assert features are positive and many of them estimate exp(q^T k) to about 1%."""
    q, k, _, gen = _inputs()
    w = gaussian_features(4, 200_000, generator=gen, dtype=torch.float64)
    assert (positive_random_features(q, w) > 0).all()
    rel = (kernel_estimate(q, k, w) / torch.exp(q @ k.T) - 1).abs().max()
    assert rel < 0.03


def test_performer_approximates_softmax_attention():
    """Assert Performer attention with many features is close to exact softmax attention."""
    q, k, v, gen = _inputs()
    w = gaussian_features(4, 100_000, generator=gen, dtype=torch.float64)
    exact = softmax_attention(q, k, v)
    assert (performer_attention(q, k, v, w) - exact).abs().max() < 0.02


def test_batched_features_match_separate_draws():
    """Assert a batch of feature draws gives the same estimates as drawing them one by one."""
    q, k, _, gen = _inputs()
    w = gaussian_features(4, 8, batch=(3,), generator=gen, dtype=torch.float64)
    batched = kernel_estimate(q, k, w)
    for i in range(3):
        assert torch.allclose(batched[i], kernel_estimate(q, k, w[i]), atol=1e-12)


@pytest.mark.cuda
@pytest.mark.skipif(not torch.cuda.is_available(), reason="needs a CUDA GPU")
def test_linear_attention_on_cuda():
    """Assert the linear form equals the quadratic form on CUDA."""
    q, k, v, gen = _inputs(device=torch.device("cuda"))
    w = gaussian_features(4, 16, generator=gen, device=q.device, dtype=torch.float64)
    kernel = kernel_estimate(q, k, w)
    ref = (kernel / kernel.sum(-1, keepdim=True)) @ v
    assert torch.allclose(performer_attention(q, k, v, w), ref, atol=1e-12)
