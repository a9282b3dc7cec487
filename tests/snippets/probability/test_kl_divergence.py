"""Tests of snippets/probability/kl_divergence.py against scipy (quad, stats, optimize)."""

from __future__ import annotations

import itertools
import math

import numpy as np
import pytest
import torch
from scipy import integrate, stats

from snippets.probability.kl_divergence import (
    GaussianMixture,
    categorical_log_ratios,
    fit_forward,
    fit_reverse,
    forward_kl,
    gaussian_estimator_moments,
    gaussian_kl,
    gaussian_shift_log_ratios,
    huffman_code_lengths,
    kl_estimators,
    kraft_sum,
    mean_length,
    reverse_kl,
    shannon_code_lengths,
    shift_test_exponent,
)

MIX = GaussianMixture((0.6, 0.4), (-2.0, 2.5), (0.7, 0.9))
BREAKS = [-2.0, 0.3, 2.5]  # the modes and the fitted mean: where quad should split


def _quad(f, lo=-30.0, hi=30.0) -> float:
    return integrate.quad(f, lo, hi, points=BREAKS, limit=400, epsabs=1e-13, epsrel=1e-12)[0]


def _normal_logpdf(x: float, m: float, s: float) -> float:
    return -0.5 * math.log(2 * math.pi * s * s) - (x - m) ** 2 / (2 * s * s)


def _mix_logpdf(x: float) -> float:
    """The log-density of MIX at one point, in plain floats (quad calls it thousands of times)."""
    terms = [
        math.log(w) + _normal_logpdf(x, m, s) for w, m, s in zip(MIX.weights, MIX.means, MIX.stds)
    ]
    top = max(terms)
    return top + math.log(sum(math.exp(t - top) for t in terms))


def _optimal_lengths_brute_force(p: np.ndarray) -> float:
    """Smallest expected length over all integer lengths satisfying Kraft's inequality."""
    best = math.inf
    for lengths in itertools.product(range(1, p.size + 1), repeat=p.size):
        if sum(2.0 ** -np.array(lengths)) <= 1 + 1e-12:
            best = min(best, float(np.dot(p, lengths)))
    return best


def test_huffman_is_optimal_against_brute_force():
    """Assert Huffman's mean length equals the best Kraft-feasible lengths found by search."""
    rng = np.random.default_rng(0)
    for _ in range(5):
        p = rng.dirichlet(np.ones(5))
        lengths = huffman_code_lengths(p)
        assert kraft_sum(lengths) <= 1 + 1e-12
        assert math.isclose(mean_length(p, lengths), _optimal_lengths_brute_force(p), rel_tol=1e-12)


def test_shannon_code_is_within_one_bit_of_cross_entropy():
    """Assert H(p, q) <= mean length of q's Shannon code < H(p, q) + 1, and Kraft holds."""
    rng = np.random.default_rng(1)
    for _ in range(10):
        p, q = rng.dirichlet(np.ones(12)), rng.dirichlet(np.ones(12))
        lengths = shannon_code_lengths(q)
        cross_bits = (stats.entropy(p) + stats.entropy(p, q)) / math.log(2)
        assert kraft_sum(lengths) <= 1 + 1e-12
        assert cross_bits <= mean_length(p, lengths) < cross_bits + 1


@pytest.mark.parametrize(("mu1", "s1", "mu2", "s2"), [(0.0, 1.0, 1.0, 2.0), (-1.5, 0.3, 0.4, 0.8)])
def test_gaussian_kl_matches_quadrature(mu1, s1, mu2, s2):
    """Assert the closed form equals the integral of p ln(p/q) computed by scipy.integrate.quad."""
    p, q = stats.norm(mu1, s1), stats.norm(mu2, s2)
    ref = _quad(lambda x: p.pdf(x) * (p.logpdf(x) - q.logpdf(x)))
    assert math.isclose(gaussian_kl(mu1, s1, mu2, s2), ref, rel_tol=1e-9)


def test_shift_test_exponent_matches_scipy():
    """Assert the exponent equals -ln(P_q(accept p))/N computed from scipy.stats.norm."""
    mu, alpha = 0.8, 0.05
    for n in (1, 7, 50):
        threshold = mu + stats.norm.ppf(alpha) / math.sqrt(n)  # reject p below it
        beta = stats.norm(0.0, 1 / math.sqrt(n)).sf(threshold)
        assert math.isclose(
            shift_test_exponent(mu, [n], alpha)[0], -math.log(beta) / n, rel_tol=1e-9
        )


def test_mixture_moments_match_quadrature():
    """Assert the mixture's mean and variance equal their integrals (scipy.integrate.quad)."""
    mean = _quad(lambda x: x * math.exp(_mix_logpdf(x)))
    var = _quad(lambda x: (x - mean) ** 2 * math.exp(_mix_logpdf(x)))
    assert math.isclose(MIX.mean(), mean, rel_tol=1e-10)
    assert math.isclose(MIX.var(), var, rel_tol=1e-10)


def test_forward_and_reverse_kl_match_quadrature():
    """Assert both Gauss-Hermite divergences equal scipy.integrate.quad of their integrands."""
    m, s = 0.3, 1.7
    lp = _mix_logpdf

    def lq(x: float) -> float:
        return _normal_logpdf(x, m, s)

    fwd = _quad(lambda x: math.exp(lp(x)) * (lp(x) - lq(x)))
    rev = _quad(lambda x: math.exp(lq(x)) * (lq(x) - lp(x)))
    assert math.isclose(forward_kl(MIX, m, s), fwd, rel_tol=1e-10)
    assert math.isclose(reverse_kl(MIX, m, s), rev, rel_tol=1e-10)


def test_fit_forward_minimises_the_forward_kl():
    """Assert moment matching beats every nearby (m, s) in D(p || q) computed by quadrature."""
    m, s = fit_forward(MIX)
    lp = _mix_logpdf

    def fwd(mm: float, ss: float) -> float:
        return _quad(lambda x: math.exp(lp(x)) * (lp(x) - _normal_logpdf(x, mm, ss)))

    best = fwd(m, s)
    for dm, ds in ((0.02, 0.0), (-0.02, 0.0), (0.0, 0.02), (0.0, -0.02)):
        assert fwd(m + dm, s + ds) > best


def test_fit_reverse_is_stationary_and_seeks_a_mode():
    """Assert the reverse fit sits near a mode and its quadrature gradient vanishes."""
    m, s = fit_reverse(MIX, -1.0, 1.0)
    lp = _mix_logpdf

    def rev(mm: float, ss: float) -> float:
        def integrand(x: float) -> float:
            lq = _normal_logpdf(x, mm, ss)
            return math.exp(lq) * (lq - lp(x))

        return _quad(integrand)

    h = 1e-4
    grad_m = (rev(m + h, s) - rev(m - h, s)) / (2 * h)
    grad_s = (rev(m, s + h) - rev(m, s - h)) / (2 * h)
    assert abs(grad_m) < 1e-6 and abs(grad_s) < 1e-6
    assert abs(m - MIX.means[0]) < 0.05 and abs(s - MIX.stds[0]) < 0.05


def test_estimator_moments_match_scipy_expectations():
    """Assert the exact means and variances equal scipy.stats.norm.expect of each estimator."""
    for mu in (0.2, 1.5):

        def log_r(x, mu=mu):
            return mu * x - mu**2 / 2

        fs = {
            "k1": lambda x, lr=log_r: -lr(x),
            "k2": lambda x, lr=log_r: 0.5 * lr(x) ** 2,
            "k3": lambda x, lr=log_r: np.expm1(lr(x)) - lr(x),
        }
        exact = gaussian_estimator_moments(mu)
        opts = {"lb": -30.0, "ub": 30.0, "epsabs": 1e-13, "epsrel": 1e-12, "limit": 200}
        for name, f in fs.items():
            mean = stats.norm.expect(f, **opts)
            second = stats.norm.expect(lambda x, f=f: f(x) ** 2, **opts)
            assert math.isclose(exact[name][0], mean, rel_tol=1e-8)
            assert math.isclose(exact[name][1], second - mean**2, rel_tol=1e-7)


def test_estimators_on_samples_are_unbiased_where_expected():
    """Assert sample means of k1, k3 match D(q || p) and k2 matches its biased mean (5 sigma)."""
    gen = torch.Generator().manual_seed(0)
    mu, num = 0.5, 400_000
    lr = gaussian_shift_log_ratios(mu, num, device=torch.device("cpu"), generator=gen)
    exact = gaussian_estimator_moments(mu)
    for name, k in zip(("k1", "k2", "k3"), kl_estimators(lr)):
        mean, var = exact[name]
        assert abs(k.mean().item() - mean) < 5 * math.sqrt(var / num)
    assert (kl_estimators(lr)[2] >= 0).all()


def test_categorical_estimators_match_exact_kl():
    """Assert k1 and k3 average to scipy.stats.entropy(q, p) on categorical samples."""
    rng = np.random.default_rng(2)
    q, p = rng.dirichlet(np.ones(8)), rng.dirichlet(np.ones(8))
    gen = torch.Generator().manual_seed(1)
    num = 400_000
    lr = categorical_log_ratios(q, p, num, device=torch.device("cpu"), generator=gen)
    exact = stats.entropy(q, p)
    for k in (kl_estimators(lr)[0], kl_estimators(lr)[2]):
        assert abs(k.mean().item() - exact) < 5 * k.std().item() / math.sqrt(num)
