"""A minimal GRPO on a toy bandit: group-normalised advantages, the clipped ratio, the k3 penalty.

The page ``posts/mathematics/lectures/grpo-minimal`` runs these:

* :func:`group_advantages` -- rewards of a group of ``G`` samples of one prompt, centred by the
  group mean and divided by the group's (population) standard deviation; zero for a group whose
  rewards are all equal;
* :func:`clipped_surrogate` -- PPO's ``min(rho A, clip(rho, 1 - eps, 1 + eps) A)``;
* :func:`k3_estimator`, :func:`exact_kl`, :func:`kl_gradients` -- Schulman's k3 estimate of
  ``KL(pi || pi_ref)`` from log-probabilities of sampled actions, the exact divergence of two
  categorical distributions, and the exact gradients of both KL directions with respect to the
  logits;
* :func:`signal_free_probability` -- the chance that a group of ``G`` binary rewards is constant;
* :class:`BanditConfig`, :func:`init_policy`, :func:`policy_log_probs`, :func:`grpo_loss`,
  :func:`train_grpo_bandit` -- the lecture's toy (32 prompts, 8 actions, reward 1 when the
  action equals the prompt mod 8) trained with GRPO in torch on the given device.

References:
    Z. Shao et al., "DeepSeekMath: Pushing the Limits of Mathematical Reasoning in Open Language
    Models", arXiv:2402.03300 (2024) -- GRPO. J. Schulman et al., "Proximal Policy Optimization
    Algorithms", arXiv:1707.06347 (2017) -- the clipped ratio. J. Schulman, "Approximating KL
    Divergence" (2020), http://joschu.net/blog/kl-approx.html -- k3. Y. Tang, R. Munos, "On a
    few pitfalls in KL divergence gradient estimation for RL", arXiv:2506.09477 (2025).
    Lecture 17, "Mathematics for large models", section 5 (the toy and its settings).
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass

import torch
from torch import Tensor


def bandit_reward(
    prompts: Tensor, actions: Tensor, n_actions: int, dtype: torch.dtype = torch.float32
) -> Tensor:
    """Reward 1 where the action equals the prompt mod ``n_actions``, else 0.

    Args:
        prompts: Prompt indices, shape ``[B]``.
        actions: Sampled actions, shape ``[B, G]``.
        n_actions: Number of actions.
        dtype: Floating dtype of the result.

    Returns:
        Rewards of shape ``[B, G]``.

    Examples:
        >>> bandit_reward(torch.tensor([3, 9]), torch.tensor([[3, 1], [1, 9]]), 8).tolist()
        [[1.0, 0.0], [1.0, 0.0]]
    """
    return (actions == (prompts % n_actions)[:, None]).to(dtype)


def group_advantages(rewards: Tensor) -> Tensor:
    """``(R_i - mean) / std`` over the last axis (one group per row), population std.

    A group whose rewards are all equal has zero standard deviation and carries no signal: its
    advantages are 0 (what the usual ``std + 1e-6`` in the denominator also gives).

    Examples:
        >>> group_advantages(torch.tensor([[1.0, 0.0, 0.0, 0.0], [1.0, 1.0, 1.0, 1.0]]))
        tensor([[ 1.7321, -0.5774, -0.5774, -0.5774],
                [ 0.0000,  0.0000,  0.0000,  0.0000]])
    """
    centred = rewards - rewards.mean(dim=-1, keepdim=True)
    std = rewards.std(dim=-1, correction=0, keepdim=True)
    return centred / torch.where(std > 0, std, torch.ones_like(std))  # centred = 0 where std = 0


def clipped_surrogate(ratio: Tensor, advantages: Tensor, clip: float) -> Tensor:
    """PPO's clipped objective ``min(rho A, clip(rho, 1 - eps, 1 + eps) A)``, element-wise.

    Examples:
        >>> rho = torch.tensor([0.5, 1.0, 1.5])
        >>> clipped_surrogate(rho, torch.ones(3), 0.2).tolist()
        [0.5, 1.0, 1.2000000476837158]
        >>> clipped_surrogate(rho, -torch.ones(3), 0.2).tolist()
        [-0.800000011920929, -1.0, -1.5]
    """
    return torch.minimum(ratio * advantages, ratio.clamp(1 - clip, 1 + clip) * advantages)


def k3_estimator(log_probs: Tensor, ref_log_probs: Tensor) -> Tensor:
    """Schulman's k3: ``exp(ref - logp) - (ref - logp) - 1`` at sampled actions.

    With ``r = pi_ref / pi``, this is ``r - 1 - ln r``; ``expm1`` keeps it accurate near 0.

    Examples:
        >>> lp = torch.log(torch.tensor([0.5, 0.25], dtype=torch.float64))
        >>> ref = torch.log(torch.tensor([0.25, 0.5], dtype=torch.float64))
        >>> [round(v, 6) for v in k3_estimator(lp, ref).tolist()]
        [0.193147, 0.306853]
    """
    d = ref_log_probs - log_probs  # ln r
    return torch.expm1(d) - d


def exact_kl(log_probs: Tensor, ref_log_probs: Tensor) -> Tensor:
    """``KL(p || p_ref) = sum_a p_a (ln p_a - ln p_ref,a)`` over the last axis.

    Examples:
        >>> p = torch.log(torch.tensor([0.5, 0.5], dtype=torch.float64))
        >>> q = torch.log(torch.tensor([0.25, 0.75], dtype=torch.float64))
        >>> round(exact_kl(p, q).item(), 6)
        0.143841
    """
    return (log_probs.exp() * (log_probs - ref_log_probs)).sum(dim=-1)


def kl_gradients(logits: Tensor, ref_logits: Tensor) -> tuple[Tensor, Tensor]:
    """Exact gradients with respect to ``logits`` of ``KL(pi_ref || pi)`` and ``KL(pi || pi_ref)``.

    For ``pi = softmax(z)``: the forward divergence has gradient ``pi - pi_ref``; the reverse one
    has gradient ``pi * (ln pi - ln pi_ref - KL(pi || pi_ref))``.

    Returns:
        ``(forward, reverse)``, each of the shape of ``logits``.

    Examples:
        >>> z = torch.zeros(2, dtype=torch.float64)
        >>> fwd, rev = kl_gradients(z, z)
        >>> fwd.tolist(), rev.tolist()
        ([0.0, 0.0], [0.0, 0.0])
    """
    logp = torch.log_softmax(logits, dim=-1)
    ref = torch.log_softmax(ref_logits, dim=-1)
    forward = logp.exp() - ref.exp()
    reverse = logp.exp() * (logp - ref - exact_kl(logp, ref)[..., None])
    return forward, reverse


def signal_free_probability(p: Tensor, group: int) -> Tensor:
    """Probability that ``group`` independent 0/1 rewards with success chance ``p`` are all equal.

    Examples:
        >>> round(signal_free_probability(torch.tensor(1 / 8, dtype=torch.float64), 8).item(), 6)
        0.343609
    """
    return p**group + (1 - p) ** group


@dataclass(frozen=True)
class BanditConfig:
    """The lecture's toy and its GRPO settings.

    Attributes:
        prompts: Number of prompts ``q``.
        actions: Number of actions ``a``; the reward is 1 when ``a = q mod actions``.
        group: Group size ``G`` (samples per prompt).
        batch: Prompts per step (drawn without replacement).
        clip: Clip range ``eps`` of the ratio.
        beta: KL coefficient.
        lr: AdamW learning rate (PyTorch's default weight decay, 0.01).
        steps: Sampled batches.
        updates_per_batch: Gradient steps on each sampled batch (1: the ratio is 1 at the step).
        hidden: Width of the policy's prompt embedding; 0 for a plain table of logits.
        seed: Seed of the initial policy (drawn on the CPU) and of the sampler.
    """

    prompts: int = 32
    actions: int = 8
    group: int = 8
    batch: int = 16
    clip: float = 0.2
    beta: float = 0.05
    lr: float = 1e-3
    steps: int = 1000
    updates_per_batch: int = 1
    hidden: int = 64
    seed: int = 0


def init_policy(
    config: BanditConfig, *, device: torch.device, dtype: torch.dtype = torch.float32
) -> dict[str, Tensor]:
    """Initial parameters: ``tanh(embed[q]) @ weight + bias``, or a zero table of logits.

    The draws use a CPU generator, so every device starts from the same policy.

    Examples:
        >>> p = init_policy(BanditConfig(hidden=4), device=torch.device("cpu"))
        >>> {k: tuple(v.shape) for k, v in p.items()}
        {'embed': (32, 4), 'weight': (4, 8), 'bias': (8,)}
    """
    gen = torch.Generator().manual_seed(config.seed)
    n, a, h = config.prompts, config.actions, config.hidden
    if h == 0:
        params = {"table": torch.zeros(n, a)}
    else:
        bound = 1 / math.sqrt(h)  # nn.Linear's default range
        params = {
            "embed": torch.randn(n, h, generator=gen),
            "weight": (2 * torch.rand(h, a, generator=gen) - 1) * bound,
            "bias": (2 * torch.rand(a, generator=gen) - 1) * bound,
        }
    return {k: v.to(device=device, dtype=dtype).requires_grad_() for k, v in params.items()}


def policy_log_probs(params: dict[str, Tensor], prompts: Tensor) -> Tensor:
    """``log pi(a | q)`` for every action, shape ``[len(prompts), actions]``.

    Examples:
        >>> p = init_policy(BanditConfig(hidden=0), device=torch.device("cpu"))
        >>> policy_log_probs(p, torch.tensor([0])).exp().tolist()
        [[0.125, 0.125, 0.125, 0.125, 0.125, 0.125, 0.125, 0.125]]
    """
    if "table" in params:
        logits = params["table"][prompts]  # [B, A]
    else:
        logits = torch.tanh(params["embed"][prompts]) @ params["weight"] + params["bias"]  # [B, A]
    return torch.log_softmax(logits, dim=-1)


def grpo_loss(
    log_probs: Tensor,
    old_log_probs: Tensor,
    ref_log_probs: Tensor,
    advantages: Tensor,
    clip: float,
    beta: float,
) -> Tensor:
    """Minus the GRPO objective, averaged over every sampled action (one token per output).

    ``-(min(rho A, clip(rho) A) - beta k3)`` with ``rho = exp(log_probs - old_log_probs)``.

    Examples:
        >>> lp = torch.log(torch.tensor([[0.5, 0.25]]))
        >>> grpo_loss(lp, lp, lp, torch.tensor([[1.0, -1.0]]), 0.2, 0.05).item() == 0.0
        True
    """
    ratio = torch.exp(log_probs - old_log_probs)
    objective = clipped_surrogate(ratio, advantages, clip) - beta * k3_estimator(
        log_probs, ref_log_probs
    )
    return -objective.mean()


def expected_reward(log_probs: Tensor) -> Tensor:
    """Mean over prompts of ``pi(q mod A | q)``, from log-probabilities ``[prompts, actions]``.

    Examples:
        >>> expected_reward(torch.log(torch.full((4, 2), 0.5))).item()
        0.5
    """
    n, a = log_probs.shape
    q = torch.arange(n, device=log_probs.device)
    return log_probs[q, q % a].exp().mean()


@dataclass(frozen=True)
class TrainResult:
    """What :func:`train_grpo_bandit` records (tensors on the CPU).

    Attributes:
        batch_reward: Mean sampled reward of each step's batch, ``[steps]``.
        expected_reward: Exact mean reward over all prompts before each step and after the
            last, ``[steps + 1]``.
        kl: Exact ``KL(pi || pi_ref)`` averaged over all prompts, ``[steps + 1]``.
        k3_batch: Mean k3 of each step's sampled actions (policy before the step), ``[steps]``.
        kl_batch: Exact KL averaged over each step's prompts (the target of ``k3_batch``).
        signal_free: Fraction of each step's groups whose rewards are all equal, ``[steps]``.
        clipped: Fraction of samples whose gradient the clip removed at the last update of each
            batch, ``[steps]``.
        log_probs: Final ``log pi``, ``[prompts, actions]``.
        ref_log_probs: ``log pi_ref`` (the initial policy), ``[prompts, actions]``.
        seconds: Wall time of the training loop.
    """

    batch_reward: Tensor
    expected_reward: Tensor
    kl: Tensor
    k3_batch: Tensor
    kl_batch: Tensor
    signal_free: Tensor
    clipped: Tensor
    log_probs: Tensor
    ref_log_probs: Tensor
    seconds: float


def train_grpo_bandit(
    config: BanditConfig, *, device: torch.device, dtype: torch.dtype = torch.float32
) -> TrainResult:
    """Train the toy bandit with GRPO; the reference policy is the initial one.

    Each step draws ``batch`` prompts, ``group`` actions per prompt from the current policy,
    computes group-normalised advantages, and takes ``updates_per_batch`` AdamW steps on
    :func:`grpo_loss` with that policy as ``pi_old``.

    Examples:
        >>> cfg = BanditConfig(steps=30, hidden=8)
        >>> res = train_grpo_bandit(cfg, device=torch.device("cpu"))
        >>> tuple(res.batch_reward.shape), tuple(res.expected_reward.shape)
        ((30,), (31,))
    """
    params = init_policy(config, device=device, dtype=dtype)
    opt = torch.optim.AdamW(params.values(), lr=config.lr)
    gen = torch.Generator(device=device).manual_seed(config.seed)
    every = torch.arange(config.prompts, device=device)
    with torch.no_grad():
        ref = policy_log_probs(params, every)  # [P, A]
    records: dict[str, list[Tensor]] = {
        k: []
        for k in (
            "batch_reward",
            "expected_reward",
            "kl",
            "k3_batch",
            "kl_batch",
            "signal_free",
            "clipped",
        )
    }
    start = time.perf_counter()
    for _ in range(config.steps):
        with torch.no_grad():
            full = policy_log_probs(params, every)  # [P, A], the policy that samples
            q = torch.randperm(config.prompts, generator=gen, device=device)[: config.batch]
            old = full[q]  # [B, A]
            actions = torch.multinomial(old.exp(), config.group, replacement=True, generator=gen)
            rewards = bandit_reward(q, actions, config.actions, dtype)  # [B, G]
            adv = group_advantages(rewards)
            old_taken = old.gather(1, actions)  # [B, G]
            ref_taken = ref[q].gather(1, actions)  # [B, G]
            kl_rows = exact_kl(full, ref)  # [P]
            records["batch_reward"].append(rewards.mean())
            records["expected_reward"].append(expected_reward(full))
            records["kl"].append(kl_rows.mean())
            records["k3_batch"].append(k3_estimator(old_taken, ref_taken).mean())
            records["kl_batch"].append(kl_rows[q].mean())
            records["signal_free"].append((rewards.std(dim=1) == 0).to(dtype).mean())
        for _ in range(config.updates_per_batch):
            taken = policy_log_probs(params, q).gather(1, actions)  # [B, G]
            loss = grpo_loss(taken, old_taken, ref_taken, adv, config.clip, config.beta)
            opt.zero_grad(set_to_none=True)
            loss.backward()
            opt.step()
        with torch.no_grad():
            ratio = torch.exp(taken - old_taken)
            cut = ((adv > 0) & (ratio > 1 + config.clip)) | ((adv < 0) & (ratio < 1 - config.clip))
            records["clipped"].append(cut.to(dtype).mean())
    with torch.no_grad():
        final = policy_log_probs(params, every)
        records["expected_reward"].append(expected_reward(final))
        records["kl"].append(exact_kl(final, ref).mean())
    if device.type == "cuda":
        torch.cuda.synchronize(device)
    seconds = time.perf_counter() - start
    stacked = {k: torch.stack(v).cpu() for k, v in records.items()}
    return TrainResult(**stacked, log_probs=final.cpu(), ref_log_probs=ref.cpu(), seconds=seconds)
