"""AdamW on pure-noise gradients: the update RMS and the equilibrium weight RMS.

* :func:`adamw_step` -- one AdamW step as a pure function of ``(w, m, v, g)`` (decoupled weight
  decay, bias-corrected moments), matching ``torch.optim.AdamW``;
* :func:`simulate_noise` -- many settings at once (one row per setting), each with ``n`` weights
  fed i.i.d. Gaussian gradients, recording the RMS of the update and of the weights per step;
* :func:`update_rms_meanfield`, :func:`weight_rms_equilibrium`,
  :func:`weight_rms_first_order` -- the formulas the simulation is compared with.

References:
    Loshchilov, Hutter, "Decoupled Weight Decay Regularization", arXiv:1711.05101 (2019).
    Kingma, Ba, "Adam: A Method for Stochastic Optimization", arXiv:1412.6980 (2015).
    Su, "Why is Adam's update RMS 0.2?", https://kexue.fm/archives/11267 (2025), and "An
    asymptotic estimate of the weight RMS of AdamW", https://kexue.fm/archives/11307 (2025).
"""

from __future__ import annotations

import math
from typing import NamedTuple

import torch
from torch import Tensor


def adamw_step(
    w: Tensor,
    m: Tensor,
    v: Tensor,
    g: Tensor,
    step: int,
    *,
    lr: float | Tensor,
    weight_decay: float | Tensor,
    beta1: float | Tensor = 0.9,
    beta2: float = 0.999,
    eps: float = 1e-8,
) -> tuple[Tensor, Tensor, Tensor, Tensor]:
    """One AdamW step; returns ``(w, m, v, u)`` with ``u`` the Adam direction of this step.

    ``w <- (1 - lr wd) w - lr u`` with ``u = m_hat / (sqrt(v_hat) + eps)``; ``step`` counts from
    1. Hyperparameters may be tensors broadcastable against ``w`` (one value per row).

    Examples:
        >>> w = torch.zeros(3)
        >>> z = torch.zeros(3)
        >>> g = torch.tensor([1.0, -2.0, 0.5])
        >>> w, m, v, u = adamw_step(w, z, z, g, 1, lr=0.1, weight_decay=0.0)
        >>> u.round(decimals=4).tolist()  # the first update is sign(g)
        [1.0, -1.0, 1.0]
    """
    m = beta1 * m + (1 - beta1) * g
    v = beta2 * v + (1 - beta2) * g * g
    m_hat = m / (1 - beta1**step)
    v_hat = v / (1 - beta2**step)
    u = m_hat / (v_hat.sqrt() + eps)
    w = (1 - lr * weight_decay) * w - lr * u
    return w, m, v, u


class NoiseRun(NamedTuple):
    """Per-step RMS values of :func:`simulate_noise`, each of shape ``[steps, K]``."""

    update_rms: Tensor
    weight_rms: Tensor


def _column(x: float | Tensor | list, k: int, device: torch.device | None, dtype: torch.dtype):
    t = torch.as_tensor(x, device=device, dtype=dtype)
    return t.reshape(-1, 1).expand(k, 1) if t.numel() == 1 else t.reshape(k, 1)  # [K, 1]


def simulate_noise(
    steps: int,
    n: int,
    *,
    lr: float | Tensor | list,
    weight_decay: float | Tensor | list,
    beta1: float | Tensor | list = 0.9,
    beta2: float = 0.999,
    eps: float = 1e-8,
    sigma: float = 1.0,
    generator: torch.Generator | None = None,
    device: torch.device | None = None,
    dtype: torch.dtype = torch.float32,
) -> NoiseRun:
    """Run AdamW from ``w = 0`` on gradients ``g ~ N(0, sigma^2)`` for K settings in parallel.

    Each of ``lr``, ``weight_decay``, ``beta1`` is a scalar or has one value per setting; K is
    the largest length among them.

    Examples:
        >>> run = simulate_noise(50, 256, lr=[0.1, 0.01], weight_decay=0.1,
        ...                      generator=torch.Generator().manual_seed(0))
        >>> run.update_rms.shape
        torch.Size([50, 2])
    """
    k = max(torch.as_tensor(x).numel() for x in (lr, weight_decay, beta1))
    lr_c, wd_c, b1_c = (_column(x, k, device, dtype) for x in (lr, weight_decay, beta1))
    w = torch.zeros(k, n, device=device, dtype=dtype)  # [K, n]
    m, v = torch.zeros_like(w), torch.zeros_like(w)
    upd, wrms = [], []
    for t in range(1, steps + 1):
        g = sigma * torch.randn(k, n, generator=generator, device=device, dtype=dtype)
        w, m, v, u = adamw_step(
            w, m, v, g, t, lr=lr_c, weight_decay=wd_c, beta1=b1_c, beta2=beta2, eps=eps
        )
        upd.append(u.square().mean(-1).sqrt())  # [K]
        wrms.append(w.square().mean(-1).sqrt())  # [K]
    return NoiseRun(torch.stack(upd), torch.stack(wrms))


def update_rms_meanfield(beta1: float) -> float:
    """``sqrt((1 - beta1) / (1 + beta1))``: Adam's update RMS under pure noise.

    Examples:
        >>> round(update_rms_meanfield(0.9), 4)
        0.2294
    """
    return math.sqrt((1 - beta1) / (1 + beta1))


def weight_rms_equilibrium(lr: float, weight_decay: float, beta1: float) -> float:
    """Stationary weight RMS of AdamW on pure noise, with the momentum's correlation included.

    ``eta^2 (1 - b)(1 + b c) / ((1 + b)(1 - c^2)(1 - b c))`` with ``c = 1 - lr wd``, ``b = beta1``
    (the stationary variance of the linear system of the page), square-rooted.

    Examples:
        >>> round(weight_rms_equilibrium(0.01, 0.5, 0.9) / weight_rms_first_order(0.01, 0.5), 3)
        0.978
    """
    c = 1 - lr * weight_decay
    b = beta1
    var = lr**2 * (1 - b) * (1 + b * c) / ((1 + b) * (1 - c * c) * (1 - b * c))
    return math.sqrt(var)


def weight_rms_first_order(lr: float, weight_decay: float) -> float:
    """``sqrt(lr / (2 weight_decay))``, the first-order equilibrium weight RMS.

    Examples:
        >>> weight_rms_first_order(0.02, 0.01)
        1.0
    """
    return math.sqrt(lr / (2 * weight_decay))
