"""Tests of ``rope_scaling`` against plain-Python references, one plane at a time."""

from __future__ import annotations

import math

import pytest
import torch

from snippets.position_encoding.rope import rope_frequencies
from snippets.position_encoding.rope_scaling import (
    ntk_base,
    ntk_frequencies,
    pi_frequencies,
    rope_digits,
    wavelengths,
    yarn_attention_factor,
    yarn_frequencies,
    yarn_ramp,
)


def reference_theta(d: int, base: float) -> list[float]:
    return [base ** (-2 * i / d) for i in range(d // 2)]


def test_digits_are_base_beta_digits():
    """Assert floor(m theta_j) mod beta are the base-beta digits of m (beta = 10 and 100)."""
    for d, base, beta in [(8, 1e4, 10), (4, 1e4, 100)]:
        m = torch.arange(0, beta ** (d // 2), 7)
        expected = torch.tensor(
            [[(v // beta**i) % beta for i in range(d // 2)] for v in m.tolist()]
        )
        assert torch.equal(rope_digits(m, d, base), expected)


def test_pi_divides_every_frequency():
    """Assert PI frequencies equal base^{-2i/d} / s plane by plane."""
    got = pi_frequencies(64, 4.0, 10000.0)
    ref = torch.tensor([t / 4.0 for t in reference_theta(64, 10000.0)], dtype=torch.float64)
    assert torch.allclose(got, ref, rtol=1e-13, atol=0)


@pytest.mark.parametrize(("d", "s"), [(16, 2.0), (64, 8.0), (128, 32.0)])
def test_ntk_keeps_highest_and_divides_lowest_by_s(d: int, s: float):
    """Assert the NTK-aware base keeps theta_1 and divides theta_{d/2} by exactly s."""
    new = ntk_frequencies(d, s, 10000.0)
    old = reference_theta(d, 10000.0)
    assert new[0].item() == pytest.approx(old[0], rel=1e-14)
    assert new[-1].item() == pytest.approx(old[-1] / s, rel=1e-12)
    ref = [(10000.0 * s ** (d / (d - 2))) ** (-2 * i / d) for i in range(d // 2)]
    assert torch.allclose(new, torch.tensor(ref, dtype=torch.float64), rtol=1e-13, atol=0)
    assert ntk_base(10000.0, s, d) == pytest.approx(10000.0 * s ** (d / (d - 2)))


def test_yarn_matches_piecewise_reference():
    """Assert YaRN frequencies equal an if/elif implementation of the paper's formula."""
    d, s, L, base = 128, 8.0, 4096, 10000.0
    ref = []
    for theta in reference_theta(d, base):
        r = L * theta / (2 * math.pi)
        if r < 1:
            gamma = 0.0
        elif r > 32:
            gamma = 1.0
        else:
            gamma = (r - 1) / 31
        ref.append((1 - gamma) * theta / s + gamma * theta)
    got = yarn_frequencies(d, s, L, base)
    assert torch.allclose(got, torch.tensor(ref, dtype=torch.float64), rtol=1e-13, atol=0)


def test_yarn_ramp_is_continuous_at_thresholds():
    """Assert the ramp is 0 at and below alpha, 1 at and above beta, with no jump."""
    eps = 1e-9
    r = torch.tensor([1 - eps, 1.0, 1 + eps, 32 - eps, 32.0, 32 + eps], dtype=torch.float64)
    g = yarn_ramp(r)
    assert torch.allclose(g, torch.tensor([0, 0, 0, 1, 1, 1], dtype=torch.float64), atol=1e-9)


def test_wavelength_times_frequency_is_two_pi():
    """Assert lambda_j theta_j = 2 pi for every plane."""
    theta = rope_frequencies(32, dtype=torch.float64)
    assert torch.allclose(wavelengths(theta) * theta, torch.full_like(theta, 2 * math.pi))


def test_attention_factor_formula():
    """Assert sqrt(1/t) = 0.1 ln s + 1 at a few stretches."""
    for s in (1.0, 2.0, 8.0, 64.0):
        assert yarn_attention_factor(s) == pytest.approx(0.1 * math.log(s) + 1.0, rel=1e-15)


def test_cpu_path_respects_dtype():
    """Assert the frequency functions return the requested dtype on the CPU."""
    cpu = torch.device("cpu")
    for fn in (pi_frequencies, ntk_frequencies):
        assert fn(16, 2.0, device=cpu, dtype=torch.float32).dtype == torch.float32
    assert yarn_frequencies(16, 2.0, 512, device=cpu, dtype=torch.float32).dtype == torch.float32
