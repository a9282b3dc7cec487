"""Entropy of softmax attention, and the log-n scaling of attention logits.

* :func:`attention_entropy` -- ``H = -sum_i p_i log p_i`` of ``softmax(scores)``, computed
  stably as ``log Z - sum_i p_i s_i``;
* :func:`log_n_scale` -- the factor ``log(n) / log(n_train)`` that multiplies the logits at
  length ``n`` (1 at the training length, as in Su's ``log_512 n`` scale);
* :func:`two_level_scores` -- scores of ``k`` relevant keys (value ``margin``) among ``n``,
  with Gaussian noise, and :func:`two_level_entropy`, the noise-free entropy in closed form.

References:
    Jianlin Su, "Looking at the scale operation of attention from entropy invariance",
    https://kexue.fm/archives/8823 (2021).
    David Chiang, Peter Cholak, "Overcoming a Theoretical Limitation of Self-Attention",
    arXiv:2202.12172 (ACL 2022).
"""

from __future__ import annotations

import math

import torch
from torch import Tensor


def attention_entropy(scores: Tensor) -> Tensor:
    """Entropy (nats) of ``softmax(scores)`` over the last dimension: ``[..., n] -> [...]``.

    Examples:
        >>> uniform = torch.zeros(4, dtype=torch.float64)
        >>> abs(attention_entropy(uniform).item() - math.log(4)) < 1e-15
        True
        >>> attention_entropy(torch.tensor([0.0, -float("inf")])).abs().item()
        0.0
    """
    log_p = torch.log_softmax(scores, dim=-1)
    p = log_p.exp()
    return -(p * log_p.nan_to_num(neginf=0.0)).sum(-1)  # 0 log 0 = 0


def log_n_scale(n: int, n_train: int) -> float:
    """Logit multiplier ``log n / log n_train`` (``1`` at the training length).

    Examples:
        >>> log_n_scale(512, 512), log_n_scale(512**2, 512)
        (1.0, 2.0)
    """
    return math.log(n) / math.log(n_train)


def two_level_scores(
    n: int,
    k: int,
    margin: float,
    noise: float,
    trials: int,
    *,
    generator: torch.Generator | None = None,
    device: torch.device | None = None,
    dtype: torch.dtype = torch.float64,
) -> Tensor:
    """Unscaled scores ``x``: ``margin`` on the first ``k`` keys, 0 elsewhere, plus noise.

    Returns:
        ``[trials, n]``; noise is ``noise * N(0, 1)`` on every key.
    """
    x = noise * torch.randn(trials, n, generator=generator, device=device, dtype=dtype)
    x[:, :k] += margin
    return x


def two_level_entropy(n: int, k: int, beta: float) -> float:
    """Closed-form entropy with ``k`` keys at score ``beta`` and ``n - k`` at 0.

    ``H = log(k e^beta + n - k) - beta k e^beta / (k e^beta + n - k)``.

    Examples:
        >>> round(two_level_entropy(8, 2, 0.0), 12) == round(math.log(8), 12)
        True
    """
    log_z = math.log(k) + beta + math.log1p((n - k) * math.exp(-beta) / k)  # log Z, stably
    weight = 1.0 / (1.0 + (n - k) * math.exp(-beta) / k)  # k e^beta / Z
    return log_z - beta * weight
