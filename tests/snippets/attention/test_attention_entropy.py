"""Tests of attention_entropy: entropy of softmax attention and the log n scale."""

import math

import numpy as np
import pytest
import torch
from scipy.special import softmax
from scipy.stats import entropy

from snippets.attention.attention_entropy import (
    attention_entropy,
    log_n_scale,
    two_level_entropy,
    two_level_scores,
)


def test_entropy_matches_scipy():
    """Assert attention_entropy equals scipy's entropy of the softmax weights."""
    scores = torch.randn(5, 40, generator=torch.Generator().manual_seed(0), dtype=torch.float64)
    ref = entropy(softmax(scores.numpy(), axis=-1), axis=-1)
    assert np.allclose(attention_entropy(scores).numpy(), ref, atol=1e-12)


def test_entropy_is_log_z_minus_mean_score():
    """Assert H = log Z - sum p_i s_i on random scores."""
    s = 3 * torch.randn(7, 30, generator=torch.Generator().manual_seed(1), dtype=torch.float64)
    p = torch.softmax(s, -1)
    assert torch.allclose(attention_entropy(s), torch.logsumexp(s, -1) - (p * s).sum(-1))


def test_entropy_bounded_by_log_n_and_attained_by_uniform():
    """Assert 0 <= H <= log n, with equality for constant scores."""
    s = 5 * torch.randn(100, 16, generator=torch.Generator().manual_seed(2), dtype=torch.float64)
    h = attention_entropy(s)
    assert (h <= math.log(16) + 1e-12).all() and (h >= 0).all()
    assert attention_entropy(torch.full((16,), 2.5, dtype=torch.float64)).item() == pytest.approx(
        math.log(16), abs=1e-12
    )


def test_two_level_closed_form_matches_entropy():
    """Assert the closed-form two-level entropy equals the entropy of noise-free scores."""
    for n, k, beta in [(10, 1, 2.0), (1000, 4, 7.5), (64, 8, -1.0)]:
        x = two_level_scores(n, k, margin=1.0, noise=0.0, trials=1)
        assert two_level_entropy(n, k, beta) == pytest.approx(
            attention_entropy(beta * x).item(), abs=1e-10
        )


def test_log_n_scale_is_one_at_training_length():
    """Assert the scale is 1 at n_train and grows like log n."""
    assert log_n_scale(512, 512) == 1.0
    assert log_n_scale(4096, 64) == pytest.approx(2.0)


@pytest.mark.cuda
@pytest.mark.skipif(not torch.cuda.is_available(), reason="needs a CUDA GPU")
def test_entropy_on_cuda():
    """Assert the CUDA entropy equals the CPU entropy."""
    s = torch.randn(4, 100, dtype=torch.float64)
    assert torch.allclose(attention_entropy(s.cuda()).cpu(), attention_entropy(s))
