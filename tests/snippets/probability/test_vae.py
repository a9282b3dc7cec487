"""Tests of snippets/probability/vae.py against scipy (stats, integrate) and exact formulas."""

from __future__ import annotations

import math

import numpy as np
import pytest
import torch
from scipy import integrate, stats

from snippets.probability.vae import (
    LinearGaussian,
    elbo_estimate,
    exact_gradient_variances,
    fit_encoder,
    gaussian_kl_standard,
    gradient_samples,
)

MODEL = LinearGaussian(w=1.5, b=-0.5, s=0.8)


def _quad(f, lo: float = -12.0, hi: float = 12.0) -> float:
    return integrate.quad(f, lo, hi, limit=200, epsabs=1e-12, epsrel=1e-11)[0]


def test_gaussian_kl_matches_quadrature() -> None:
    """Assert the closed-form KL term equals the integral of q ln(q/p), summed over coordinates."""
    mus, sigmas = [0.3, -1.2, 2.0], [0.5, 1.0, 1.7]
    expected = 0.0
    for m, s in zip(mus, sigmas):
        q = stats.norm(m, s)
        expected += _quad(
            lambda z, q=q: q.pdf(z) * (q.logpdf(z) - stats.norm.logpdf(z)), m - 12 * s, m + 12 * s
        )
    got = gaussian_kl_standard(
        torch.tensor(mus, dtype=torch.float64),
        torch.log(torch.tensor(sigmas, dtype=torch.float64) ** 2),
    )
    assert math.isclose(got.item(), expected, rel_tol=1e-9)


def test_log_evidence_matches_marginal_integral() -> None:
    """Assert ln p(x) equals the log of the integral of prior times likelihood over z."""
    for x in (-2.0, 0.4, 3.1):
        joint = _quad(lambda z, x=x: stats.norm.pdf(z) * stats.norm.pdf(x, 1.5 * z - 0.5, 0.8))
        assert math.isclose(MODEL.log_evidence(x), math.log(joint), rel_tol=1e-10)


def test_posterior_matches_bayes_rule() -> None:
    """Assert the posterior density equals prior times likelihood over the evidence."""
    x = 1.3
    m, s = MODEL.posterior(x)
    for z in np.linspace(-2, 2, 9):
        bayes = stats.norm.logpdf(z) + stats.norm.logpdf(x, 1.5 * z - 0.5, 0.8)
        bayes -= MODEL.log_evidence(x)
        assert math.isclose(stats.norm.logpdf(z, m, s), bayes, rel_tol=1e-10, abs_tol=1e-12)


def test_elbo_matches_quadrature_and_is_a_bound() -> None:
    """Assert the closed-form bound equals E_q[ln p(x, z) - ln q] and never exceeds ln p(x)."""
    x = 0.7
    for mu, sigma in ((0.0, 1.0), (1.2, 0.3), (-0.5, 2.0)):
        q = stats.norm(mu, sigma)

        def integrand(z: float, q=q) -> float:
            log_joint = stats.norm.logpdf(z) + stats.norm.logpdf(x, 1.5 * z - 0.5, 0.8)
            return q.pdf(z) * (log_joint - q.logpdf(z))

        bound = MODEL.elbo(x, mu, sigma)
        assert math.isclose(bound, _quad(integrand, mu - 12 * sigma, mu + 12 * sigma), rel_tol=1e-9)
        assert bound < MODEL.log_evidence(x)
    assert math.isclose(MODEL.elbo(x, *MODEL.posterior(x)), MODEL.log_evidence(x), rel_tol=1e-12)


def test_elbo_estimate_is_unbiased() -> None:
    """Assert the reparameterised Monte Carlo bound averages to the exact bound."""
    gen = torch.Generator().manual_seed(0)
    x = torch.tensor([0.7, -1.0], dtype=torch.float64)
    mu = torch.tensor([0.2, -0.4], dtype=torch.float64)
    log_sigma = torch.log(torch.tensor([0.6, 1.1], dtype=torch.float64))
    eps = torch.randn(200_000, 2, generator=gen, dtype=torch.float64)
    samples = elbo_estimate(MODEL, x, mu, log_sigma, eps[:1])  # one sample per point
    est = elbo_estimate(MODEL, x, mu, log_sigma, eps)
    exact = [MODEL.elbo(xi, mi, si) for xi, mi, si in zip([0.7, -1.0], [0.2, -0.4], [0.6, 1.1])]
    assert samples.shape == (2,)
    assert torch.allclose(est, torch.tensor(exact, dtype=torch.float64), atol=0.02)


def test_fit_encoder_reaches_the_posterior() -> None:
    """Assert training the affine encoder recovers the exact posterior and the bound ln p(x)."""
    gen = torch.Generator().manual_seed(1)
    x = torch.linspace(-2.0, 3.0, 16, dtype=torch.float64)
    history, theta = fit_encoder(MODEL, x, steps=500, lr=0.05, generator=gen)
    var = 1.5**2 + 0.8**2
    expected = torch.tensor([1.5 / var, 1.5 * 0.5 / var, math.log(0.8 / math.sqrt(var))])
    assert torch.allclose(theta, expected.double(), atol=0.03)
    log_ev = np.mean([MODEL.log_evidence(float(v)) for v in x])
    assert history[-1, 1].item() <= log_ev
    assert log_ev - history[-1, 1].item() < 1e-3


@pytest.mark.parametrize(("mu", "sigma", "c"), [(1.0, 0.5, 0.0), (-0.3, 1.5, 0.8)])
def test_gradient_estimators_match_exact_moments(mu: float, sigma: float, c: float) -> None:
    """Assert all three estimators average to 2 (mu - c) with the exact variances."""
    num = 400_000
    gen = torch.Generator().manual_seed(2)
    samples = gradient_samples(mu, sigma, c, num, generator=gen)
    exact = exact_gradient_variances(mu, sigma, c)
    for name, g in samples.items():
        var = g.var().item()
        fourth = ((g - g.mean()) ** 4).mean().item()
        assert abs(g.mean().item() - 2 * (mu - c)) < 5 * math.sqrt(exact[name] / num), name
        assert abs(var - exact[name]) < 5 * math.sqrt((fourth - var**2) / num), name


@pytest.mark.cuda
def test_gradient_samples_on_cuda() -> None:
    """Assert the estimators run on CUDA with the exact reparameterised variance."""
    device = torch.device("cuda")
    gen = torch.Generator(device=device).manual_seed(3)
    g = gradient_samples(0.5, 0.7, 0.0, 1_000_000, device=device, generator=gen)
    assert g["rep"].device.type == "cuda"
    assert abs(g["rep"].var().item() - 4 * 0.7**2) < 0.01
