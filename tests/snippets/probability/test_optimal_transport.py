"""Tests of snippets/probability/optimal_transport.py against POT and scipy.stats."""

from __future__ import annotations

import math

import numpy as np
import ot
import pytest
import torch
from scipy import stats

from snippets.probability.optimal_transport import (
    cdf_on_grid,
    cost_matrix,
    entropy,
    exact_ot,
    gaussian_map,
    gaussian_w2,
    gaussian_w2_1d,
    gaussian_w2_2d,
    sinkhorn,
    sqrtm_psd,
    transport_cost,
    w1_cdf_area,
    wasserstein_1d,
    wasserstein_sorted,
)


def _spd(rng: np.random.Generator, d: int) -> np.ndarray:
    m = rng.standard_normal((d, d))
    return m @ m.T + 0.3 * np.eye(d)


def test_w1_cdf_area_matches_scipy_for_weighted_atoms():
    """Assert the CDF area equals scipy.stats.wasserstein_distance on weighted atoms."""
    rng = np.random.default_rng(0)
    for _ in range(20):
        x, y = rng.normal(size=7), rng.normal(0.5, 2.0, size=5)
        wx, wy = rng.dirichlet(np.ones(7)), rng.dirichlet(np.ones(5))
        expected = stats.wasserstein_distance(x, y, wx, wy)
        assert w1_cdf_area(x, y, wx, wy) == pytest.approx(expected, rel=1e-12, abs=1e-14)


def test_quantile_formula_matches_scipy_and_pot_for_every_p():
    """Assert W_p by quantiles equals scipy's W1 and POT's wasserstein_1d for p = 1, 2, 3."""
    rng = np.random.default_rng(1)
    x, y = rng.exponential(size=9), rng.normal(size=6)
    wx, wy = rng.dirichlet(np.ones(9)), rng.dirichlet(np.ones(6))
    assert wasserstein_1d(x, y, 1, wx, wy) == pytest.approx(
        stats.wasserstein_distance(x, y, wx, wy), rel=1e-12
    )
    for p in (1, 2, 3):
        pot = ot.wasserstein_1d(x, y, wx, wy, p=p) ** (1 / p)
        assert wasserstein_1d(x, y, p, wx, wy) == pytest.approx(pot, rel=1e-10)


def test_w1_by_gaps_equals_the_exact_linear_program():
    """Assert the CDF area equals ot.emd2 and exact_ot with cost |x - y|."""
    rng = np.random.default_rng(2)
    x, y = rng.normal(size=8), rng.normal(1.0, 0.5, size=6)
    wx, wy = rng.dirichlet(np.ones(8)), rng.dirichlet(np.ones(6))
    C = cost_matrix(x, y, p=1)
    assert exact_ot(wx, wy, C).cost == pytest.approx(ot.emd2(wx, wy, C), rel=1e-9)
    assert w1_cdf_area(x, y, wx, wy) == pytest.approx(ot.emd2(wx, wy, C), rel=1e-9)


def test_sorted_samples_give_the_exact_plan_value():
    """Assert matching sorted samples gives ot.emd2's W_p for p = 1, 2 (uniform weights)."""
    rng = np.random.default_rng(3)
    x, y = rng.normal(size=12), rng.uniform(-1, 3, size=12)
    w = np.full(12, 1 / 12)
    for p in (1, 2):
        exact = ot.emd2(w, w, cost_matrix(x, y, p=p)) ** (1 / p)
        assert wasserstein_sorted(x, y, p) == pytest.approx(exact, rel=1e-9)


def test_cdfs_are_right_continuous_step_functions():
    """Assert cdf_on_grid equals the empirical distribution function of each sample."""
    rng = np.random.default_rng(4)
    x, y = rng.normal(size=5), rng.normal(size=4)
    z, F, G = cdf_on_grid(x, y)
    assert np.allclose(F, [(x <= t).mean() for t in z])
    assert np.allclose(G, [(y <= t).mean() for t in z])


def test_exact_plan_is_feasible_and_optimal_like_pot():
    """Assert exact_ot's plan has the marginals and the cost of ot.emd on a random 2-D problem."""
    rng = np.random.default_rng(5)
    xs, ys = rng.normal(size=(7, 2)), rng.normal(size=(9, 2))
    a, b = rng.dirichlet(np.ones(7)), rng.dirichlet(np.ones(9))
    C = cost_matrix(xs, ys)
    t = exact_ot(a, b, C)
    assert np.allclose(t.plan.sum(1), a) and np.allclose(t.plan.sum(0), b)
    assert (t.plan >= 0).all()
    assert t.cost == pytest.approx(transport_cost(ot.emd(a, b, C), C), rel=1e-9)


def test_uniform_plan_is_a_permutation():
    """Assert for n sources and n targets of weight 1/n the plan is a scaled permutation."""
    rng = np.random.default_rng(6)
    n = 6
    C = cost_matrix(rng.normal(size=(n, 2)), rng.normal(size=(n, 2)))
    plan = exact_ot(np.full(n, 1 / n), np.full(n, 1 / n), C).plan * n
    assert np.allclose(np.sort(plan, axis=1)[:, :-1], 0) and np.allclose(plan.max(1), 1)


def test_gaussian_w2_matches_pot_bures():
    """Assert gaussian_w2 and the 2-D closed form equal ot.gaussian.bures_wasserstein_distance."""
    rng = np.random.default_rng(7)
    for d in (1, 2, 3, 5):
        m1, m2 = rng.normal(size=d), rng.normal(size=d)
        S1, S2 = _spd(rng, d), _spd(rng, d)
        pot = ot.gaussian.bures_wasserstein_distance(m1, m2, S1, S2)
        assert gaussian_w2(m1, S1, m2, S2) == pytest.approx(float(pot), rel=1e-9)
        if d == 2:
            assert gaussian_w2_2d(m1, S1, m2, S2) == pytest.approx(float(pot), rel=1e-9)
    assert gaussian_w2_1d(0.3, 1.2, -1.0, 0.4) == pytest.approx(
        gaussian_w2([0.3], [[1.44]], [-1.0], [[0.16]]), rel=1e-12
    )


def test_gaussian_map_matches_pot_and_pushes_forward():
    """Assert the map equals ot.gaussian.bures_wasserstein_mapping and A S1 A = S2."""
    rng = np.random.default_rng(8)
    m1, m2 = rng.normal(size=3), rng.normal(size=3)
    S1, S2 = _spd(rng, 3), _spd(rng, 3)
    A, b = gaussian_map(m1, S1, m2, S2)
    A_pot, b_pot = ot.gaussian.bures_wasserstein_mapping(m1, m2, S1, S2)
    assert np.allclose(A, A_pot, atol=1e-9) and np.allclose(b, np.ravel(b_pot), atol=1e-9)
    assert np.allclose(A @ S1 @ A, S2, atol=1e-9)
    assert np.allclose(sqrtm_psd(S1) @ sqrtm_psd(S1), S1, atol=1e-10)


def test_sinkhorn_matches_pot_plan():
    """Assert the log-domain Sinkhorn plan equals ot.sinkhorn's for several regularisations."""
    rng = np.random.default_rng(9)
    x, y = rng.normal(size=10), rng.normal(0.5, 1.0, size=8)
    a, b = rng.dirichlet(np.ones(10)), rng.dirichlet(np.ones(8))
    C = cost_matrix(x, y)
    for eps in (1.0, 0.3, 0.1):
        ours = sinkhorn(a, b, C, eps, tol=1e-13).plan.numpy()
        ref = ot.sinkhorn(a, b, C, eps, method="sinkhorn_log", stopThr=1e-13, numItermax=100_000)
        assert np.allclose(ours, ref, atol=1e-10)
        assert np.allclose(ours.sum(0), b, atol=1e-12) and np.allclose(ours.sum(1), a, atol=1e-12)


def test_sinkhorn_cost_gap_obeys_the_entropy_bound():
    """Assert 0 <= <C, P_eps> - OT <= eps min(H(a), H(b)), the gap closing with eps."""
    rng = np.random.default_rng(10)
    x, y = rng.normal(size=9), rng.normal(size=7)
    a, b = rng.dirichlet(np.ones(9)), rng.dirichlet(np.ones(7))
    C = cost_matrix(x, y)
    exact = ot.emd2(a, b, C)
    gaps = []
    for eps in (1.0, 0.1, 0.01):
        gap = transport_cost(sinkhorn(a, b, C, eps).plan, C) - exact
        assert -1e-9 <= gap <= eps * min(entropy(a), entropy(b)) + 1e-9
        gaps.append(gap)
    assert gaps[0] > gaps[1] > gaps[2]


def test_sinkhorn_float32_follows_the_device():
    """Assert the plan is on the requested device and dtype and close to the float64 plan."""
    a = b = np.full(4, 0.25)
    C = cost_matrix(np.arange(4.0), np.arange(4.0) + 0.5)
    r32 = sinkhorn(a, b, C, 0.5, dtype=torch.float32, tol=1e-6)
    r64 = sinkhorn(a, b, C, 0.5)
    assert r32.plan.dtype == torch.float32 and r32.plan.device.type == "cpu"
    assert torch.allclose(r32.plan.double(), r64.plan, atol=1e-6)


@pytest.mark.cuda
@pytest.mark.skipif(not torch.cuda.is_available(), reason="needs a CUDA GPU")
def test_sinkhorn_on_cuda_agrees_with_cpu():
    """Assert the CUDA plan equals the CPU plan."""
    rng = np.random.default_rng(11)
    a, b = rng.dirichlet(np.ones(30)), rng.dirichlet(np.ones(20))
    C = cost_matrix(rng.normal(size=30), rng.normal(size=20))
    gpu = sinkhorn(a, b, C, 0.05, device=torch.device("cuda"))
    assert gpu.plan.device.type == "cuda"
    assert torch.allclose(gpu.plan.cpu(), sinkhorn(a, b, C, 0.05).plan, atol=1e-12)


def test_entropy_matches_scipy():
    """Assert entropy equals scipy.stats.entropy in nats."""
    p = np.random.default_rng(12).dirichlet(np.ones(6))
    assert entropy(p) == pytest.approx(stats.entropy(p), rel=1e-12)
    assert entropy([1.0, 0.0]) == 0.0
    assert math.isclose(entropy([0.25] * 4), math.log(4))
