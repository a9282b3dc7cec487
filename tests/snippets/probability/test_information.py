"""Tests of snippets/probability/information.py against scipy.stats and scipy.special."""

from __future__ import annotations

import math

import numpy as np
import pytest
import torch
from scipy import special, stats

from snippets.probability.information import (
    binary_entropy,
    conditional_entropy,
    cross_entropy,
    differential_entropy,
    entropy,
    fit_categorical,
    grid_moments,
    kl_divergence,
    mutual_information,
)

RNG_SEED = 20260525


def _dirichlet(n: int, seed: int) -> np.ndarray:
    return np.random.default_rng(seed).dirichlet(np.ones(n))


@pytest.mark.parametrize("base", [None, 2.0])
def test_entropy_matches_scipy(base):
    """Assert entropy equals scipy.stats.entropy, in nats and in bits."""
    for seed in range(5):
        p = _dirichlet(7, RNG_SEED + seed)
        assert math.isclose(entropy(p, base), stats.entropy(p, base=base), rel_tol=1e-12)


def test_entropy_ignores_zero_probabilities():
    """Assert outcomes of probability zero contribute nothing (0 ln 0 = 0)."""
    p = np.array([0.2, 0.0, 0.8, 0.0])
    assert math.isclose(entropy(p), stats.entropy(p), rel_tol=1e-12)


def test_kl_divergence_matches_scipy():
    """Assert kl_divergence equals scipy.stats.entropy(p, q) and is infinite off the support."""
    p, q = _dirichlet(6, RNG_SEED), _dirichlet(6, RNG_SEED + 1)
    assert math.isclose(kl_divergence(p, q), stats.entropy(p, q), rel_tol=1e-12)
    assert math.isclose(kl_divergence(p, q, 2.0), stats.entropy(p, q, base=2), rel_tol=1e-12)
    assert kl_divergence([0.5, 0.5], [1.0, 0.0]) == math.inf


def test_cross_entropy_matches_xlogy():
    """Assert cross_entropy equals -sum xlogy(p, q) from scipy.special."""
    p, q = _dirichlet(9, RNG_SEED + 2), _dirichlet(9, RNG_SEED + 3)
    reference = -special.xlogy(p, q).sum()
    assert math.isclose(cross_entropy(p, q), reference, rel_tol=1e-12)


def test_binary_entropy_matches_bernoulli():
    """Assert binary_entropy (bits) equals scipy's Bernoulli entropy divided by ln 2."""
    qs = np.linspace(0.01, 0.99, 41)
    reference = np.array([stats.bernoulli(q).entropy() for q in qs]) / math.log(2)
    assert np.allclose(binary_entropy(qs), reference, rtol=1e-12, atol=0)


def test_mutual_information_and_conditional_entropy_match_scipy():
    """Assert I(X;Y) = H(X) + H(Y) - H(X,Y) and H(X|Y) = H(X,Y) - H(Y), entropies from scipy."""
    joint = np.random.default_rng(RNG_SEED + 4).dirichlet(np.ones(12)).reshape(3, 4)
    hx = stats.entropy(joint.sum(axis=1))
    hy = stats.entropy(joint.sum(axis=0))
    hxy = stats.entropy(joint.ravel())
    assert math.isclose(mutual_information(joint), hx + hy - hxy, rel_tol=1e-10)
    assert math.isclose(conditional_entropy(joint), hxy - hy, rel_tol=1e-12)


@pytest.mark.parametrize(
    ("dist", "lo", "hi"),
    [
        (stats.norm(loc=0.3, scale=2.0), -40.0, 40.0),
        (stats.laplace(loc=0.0, scale=0.7), -40.0, 40.0),
        (stats.logistic(loc=0.0, scale=0.5), -40.0, 40.0),
        (stats.uniform(loc=-1.0, scale=3.0), -1.0, 2.0),
    ],
)
def test_differential_entropy_matches_scipy(dist, lo, hi):
    """Assert the Simpson entropy of a density equals scipy.stats' closed form."""
    assert math.isclose(differential_entropy(dist.logpdf, lo, hi), dist.entropy(), abs_tol=1e-8)


def test_grid_moments_match_scipy():
    """Assert the grid mass, mean and variance of a Laplace density match scipy.stats."""
    dist = stats.laplace(loc=0.4, scale=1.3)
    mass, mean, var = grid_moments(dist.logpdf, -60.0, 60.0)
    assert math.isclose(mass, 1.0, abs_tol=1e-9)
    assert math.isclose(mean, dist.mean(), abs_tol=1e-9)
    assert math.isclose(var, dist.var(), rel_tol=1e-7)


def test_fit_categorical_reaches_the_target():
    """Assert the fit drives D(p || q) to 0, and loss - H(p) equals D(p || q) at every step."""
    p = _dirichlet(10, RNG_SEED + 5)
    cpu = torch.device("cpu")
    gen = torch.Generator().manual_seed(0)
    hist = fit_categorical(p, 1000, 3.0, device=cpu, dtype=torch.float64, generator=gen)
    q = torch.softmax(hist.logits, dim=0).numpy()
    assert stats.entropy(p, q) < 1e-9
    assert torch.allclose(hist.cross_entropy - hist.entropy, hist.kl, rtol=0, atol=1e-12)
    assert math.isclose(hist.entropy.item(), stats.entropy(p), rel_tol=1e-12)
    assert hist.max_grad_error.item() < 1e-12
