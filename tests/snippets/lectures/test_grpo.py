"""Tests of snippets/lectures/grpo.py against independent references (scipy, numpy, autograd)."""

from __future__ import annotations

import numpy as np
import pytest
import torch
from scipy import stats

from snippets.lectures.grpo import (
    BanditConfig,
    bandit_reward,
    clipped_surrogate,
    exact_kl,
    expected_reward,
    group_advantages,
    grpo_loss,
    init_policy,
    k3_estimator,
    kl_gradients,
    policy_log_probs,
    signal_free_probability,
    train_grpo_bandit,
)

CPU = torch.device("cpu")
F64 = torch.float64


def _random_log_probs(seed: int, shape: tuple[int, ...]) -> torch.Tensor:
    gen = torch.Generator().manual_seed(seed)
    return torch.log_softmax(torch.randn(*shape, generator=gen, dtype=F64), dim=-1)


def test_bandit_reward_marks_the_correct_action():
    """Assert the reward is 1 exactly where the action equals the prompt mod 8."""
    prompts = torch.arange(32)
    actions = torch.arange(8).repeat(32, 1)  # [32, 8]: every action for every prompt
    rewards = bandit_reward(prompts, actions, 8).numpy()
    expected = (np.arange(8)[None, :] == (np.arange(32) % 8)[:, None]).astype(float)
    np.testing.assert_array_equal(rewards, expected)


def test_group_advantages_match_scipy_zscore():
    """Assert the advantages are scipy's z-scores (population std) and vanish for flat groups."""
    gen = torch.Generator().manual_seed(0)
    rewards = torch.randint(0, 2, (64, 8), generator=gen).to(F64)
    rewards[0] = 1.0  # a flat group
    adv = group_advantages(rewards).numpy()
    flat = rewards.numpy().std(axis=1) == 0
    reference = stats.zscore(rewards.numpy()[~flat], axis=1, ddof=0)
    np.testing.assert_allclose(adv[~flat], reference, rtol=1e-12, atol=1e-12)
    np.testing.assert_array_equal(adv[flat], 0.0)
    np.testing.assert_allclose(adv.sum(axis=1), 0.0, atol=1e-12)  # grpo.adv-sum
    np.testing.assert_allclose((adv[~flat] ** 2).mean(axis=1), 1.0, rtol=1e-12)  # grpo.adv-var


def test_binary_group_advantages_match_closed_form():
    """Assert a group with k successes of G gets sqrt((1-p)/p) and -sqrt(p/(1-p)), p = k/G."""
    for k in range(1, 8):
        rewards = torch.tensor([[1.0] * k + [0.0] * (8 - k)], dtype=F64)
        adv = group_advantages(rewards)[0]
        p = k / 8
        assert torch.allclose(adv[:k], torch.full((k,), np.sqrt((1 - p) / p), dtype=F64))
        assert torch.allclose(adv[k:], torch.full((8 - k,), -np.sqrt(p / (1 - p)), dtype=F64))


def test_clipped_surrogate_matches_piecewise_reference():
    """Assert the surrogate equals A min(rho, 1+eps) for A > 0 and A max(rho, 1-eps) for A < 0."""
    rho = torch.linspace(0.1, 2.5, 97, dtype=F64)
    for a in (1.7, -0.6):
        adv = torch.full_like(rho, a)
        got = clipped_surrogate(rho, adv, 0.2).numpy()
        r = rho.numpy()
        ref = a * np.minimum(r, 1.2) if a > 0 else a * np.maximum(r, 0.8)
        np.testing.assert_allclose(got, ref, rtol=1e-12)


def test_clipped_surrogate_gradient_vanishes_where_clipped():
    """Assert d/d rho is 0 past the clip in the advantage's direction and A elsewhere."""
    rho = torch.tensor([0.5, 0.9, 1.1, 1.5], dtype=F64, requires_grad=True)
    for a, expected in ((2.0, [2.0, 2.0, 2.0, 0.0]), (-2.0, [0.0, -2.0, -2.0, -2.0])):
        (grad,) = torch.autograd.grad(
            clipped_surrogate(rho, torch.full_like(rho, a), 0.2).sum(), rho
        )
        assert torch.allclose(grad, torch.tensor(expected, dtype=F64))


def test_k3_is_unbiased_and_nonnegative_by_enumeration():
    """Assert sum_a pi(a) k3(a) equals scipy's KL(pi || ref), and k3 >= 0 at every action."""
    lp, ref = _random_log_probs(1, (5, 8)), _random_log_probs(2, (5, 8))
    k3 = k3_estimator(lp, ref)
    assert (k3 >= 0).all()
    mean = (lp.exp() * k3).sum(dim=-1).numpy()
    scipy_kl = stats.entropy(lp.exp().numpy(), ref.exp().numpy(), axis=-1)
    np.testing.assert_allclose(mean, scipy_kl, rtol=1e-12)
    np.testing.assert_allclose(exact_kl(lp, ref).numpy(), scipy_kl, rtol=1e-12)


def test_k3_mean_over_samples_is_within_standard_errors():
    """Assert the sample mean of k3 under pi is within 5 standard errors of the exact KL."""
    lp, ref = _random_log_probs(3, (8,)), _random_log_probs(4, (8,))
    gen = torch.Generator().manual_seed(5)
    actions = torch.multinomial(lp.exp(), 200_000, replacement=True, generator=gen)
    k3 = k3_estimator(lp[actions], ref[actions])
    target = stats.entropy(lp.exp().numpy(), ref.exp().numpy())
    assert abs(k3.mean().item() - target) < 5 * k3.std().item() / np.sqrt(k3.numel())


def test_kl_gradients_match_autograd():
    """Assert the closed-form gradients of both KL directions equal autograd's."""
    z = torch.randn(3, 8, generator=torch.Generator().manual_seed(6), dtype=F64)
    z_ref = torch.randn(3, 8, generator=torch.Generator().manual_seed(7), dtype=F64)
    fwd, rev = kl_gradients(z, z_ref)
    zz = z.clone().requires_grad_()
    lp, ref = torch.log_softmax(zz, -1), torch.log_softmax(z_ref, -1)
    (g_fwd,) = torch.autograd.grad(exact_kl(ref, lp).sum(), zz, retain_graph=True)
    (g_rev,) = torch.autograd.grad(exact_kl(lp, ref).sum(), zz)
    assert torch.allclose(fwd, g_fwd) and torch.allclose(rev, g_rev)


def test_k3_loss_gradient_is_the_forward_kl_gradient():
    """Assert E_pi[grad k3] (sample weights fixed) equals the gradient of KL(ref || pi)."""
    z = torch.randn(8, generator=torch.Generator().manual_seed(8), dtype=F64)
    z_ref = torch.randn(8, generator=torch.Generator().manual_seed(9), dtype=F64)
    zz = z.clone().requires_grad_()
    lp = torch.log_softmax(zz, -1)
    weights = lp.detach().exp()
    (grad,) = torch.autograd.grad(
        (weights * k3_estimator(lp, torch.log_softmax(z_ref, -1))).sum(), zz
    )
    fwd, rev = kl_gradients(z, z_ref)
    assert torch.allclose(grad, fwd) and not torch.allclose(grad, rev)


def test_signal_free_probability_matches_binomial():
    """Assert p^G + (1-p)^G equals scipy's binomial mass at k = 0 and k = G."""
    for p in (0.01, 0.125, 0.5, 0.9):
        binom = stats.binom(8, p)
        got = signal_free_probability(torch.tensor(p, dtype=F64), 8).item()
        assert got == pytest.approx(binom.pmf(0) + binom.pmf(8), rel=1e-12)


def test_grpo_loss_gradient_at_old_policy_is_reinforce():
    """Assert at pi = pi_old and pi = ref the loss gradient is -mean(A grad log pi)."""
    params = init_policy(BanditConfig(hidden=4), device=CPU, dtype=F64)
    q = torch.arange(4)
    actions = torch.tensor([[0, 1, 2], [3, 3, 1], [2, 0, 0], [7, 7, 7]])  # [B, G]
    adv = group_advantages(bandit_reward(q, actions, 8, F64))
    taken = policy_log_probs(params, q).gather(1, actions)
    grads = torch.autograd.grad(
        grpo_loss(taken, taken.detach(), taken.detach(), adv, 0.2, 0.05), list(params.values())
    )
    taken2 = policy_log_probs(params, q).gather(1, actions)
    reference = torch.autograd.grad(-(adv * taken2).mean(), list(params.values()))
    assert all(torch.allclose(g, r) for g, r in zip(grads, reference))


def test_expected_reward_of_uniform_policy_is_one_over_actions():
    """Assert a uniform policy has expected reward 1/8."""
    params = init_policy(BanditConfig(hidden=0), device=CPU, dtype=F64)
    lp = policy_log_probs(params, torch.arange(32))
    assert expected_reward(lp).item() == pytest.approx(1 / 8, rel=1e-12)


def test_training_raises_the_reward_and_is_reproducible():
    """Assert a short run raises the exact expected reward, and the same seed repeats it."""
    cfg = BanditConfig(steps=80)
    first = train_grpo_bandit(cfg, device=CPU)
    again = train_grpo_bandit(cfg, device=CPU)
    assert first.expected_reward[-1] > first.expected_reward[0] + 0.05
    assert torch.equal(first.expected_reward, again.expected_reward)
    assert (first.kl >= 0).all() and first.kl[0] == 0
    assert torch.allclose(first.kl_batch.mean(), first.k3_batch.mean(), rtol=0.2)


@pytest.mark.cuda
@pytest.mark.skipif(not torch.cuda.is_available(), reason="needs a CUDA GPU")
def test_training_on_cuda_matches_cpu_start():
    """Assert the CUDA run starts from the CPU's policy and also learns."""
    cfg = BanditConfig(steps=150)
    cpu = train_grpo_bandit(cfg, device=CPU)
    gpu = train_grpo_bandit(cfg, device=torch.device("cuda"))
    assert torch.allclose(cpu.ref_log_probs, gpu.ref_log_probs, atol=1e-6)
    assert gpu.expected_reward[-1] > gpu.expected_reward[0] + 0.1
