"""Extending RoPE's context window: position interpolation, NTK-aware base, YaRN.

RoPE turns plane ``j`` by ``m * theta_j`` with ``theta_j = base^{-2(j-1)/d} = beta^{-(j-1)}``
and ``beta = base^{2/d}``: the angles are the "digits" of position ``m`` in base ``beta``. A model
trained on ``L`` positions is run on ``L' = s * L``; the three methods here change the
frequencies (never the weights) so that the new positions look familiar:

* :func:`pi_frequencies` -- position interpolation: every frequency divided by ``s``;
* :func:`ntk_frequencies` -- the NTK-aware base ``base * s^{d/(d-2)}``: the highest frequency is
  kept, the lowest is divided by exactly ``s``, geometric in between;
* :func:`yarn_frequencies` -- YaRN: per plane, a linear ramp ``gamma(r)`` in the number of turns
  ``r = L / wavelength`` blends interpolation (``r < alpha``) and no change (``r > beta``), plus
  the attention factor :func:`yarn_attention_factor`.

References:
    Chen, Wong, Chen, Tian, "Extending Context Window of Large Language Models via Positional
    Interpolation", arXiv:2306.15595 (2023).
    bloc97, "NTK-Aware Scaled RoPE allows LLaMA models to have extended (8k+) context size
    without any fine-tuning", reddit r/LocalLLaMA (2023).
    Peng, Quesnelle, Fan, Shippole, "YaRN: Efficient Context Window Extension of Large Language
    Models", arXiv:2309.00071 (2023).
    Su, "Transformer upgrade road 10: RoPE is a beta-base encoding", https://kexue.fm/archives/9675.
"""

from __future__ import annotations

import math

import torch
from torch import Tensor

from snippets.position_encoding.rope import rope_frequencies


def rope_digits(m: Tensor, d: int, base: float = 10000.0) -> Tensor:
    """``floor(m * theta_j) mod beta`` for each plane: the base-``beta`` digits of ``m``.

    Only meaningful when ``beta = base^{2/d}`` is an integer. A tolerance of ``1e-6`` inside the
    floor absorbs the round-off of ``theta_j`` when ``m * theta_j`` is a whole number.

    Args:
        m: Integer positions, shape ``[n]``.
        d: Head dimension (even).
        base: The RoPE base.

    Returns:
        Digits, shape ``[n, d/2]``, least significant first (``int64``).

    Examples:
        >>> rope_digits(torch.tensor([2026]), d=8, base=10000.0).tolist()
        [[6, 2, 0, 2]]
    """
    beta = round(base ** (2 / d))
    theta = rope_frequencies(d, base, device=m.device, dtype=torch.float64)  # [d/2]
    angles = m.to(torch.float64)[:, None] * theta[None, :]  # [n, 1] * [1, d/2]
    return torch.remainder(torch.floor(angles + 1e-6), beta).to(torch.int64)


def wavelengths(theta: Tensor) -> Tensor:
    """Positions per full turn of each plane, ``2 pi / theta_j``.

    Examples:
        >>> wavelengths(torch.tensor([1.0, 0.5])).tolist()  # doctest: +ELLIPSIS
        [6.28318..., 12.5663...]
    """
    return 2 * math.pi / theta


def pi_frequencies(
    d: int,
    scale: float,
    base: float = 10000.0,
    *,
    device: torch.device | None = None,
    dtype: torch.dtype = torch.float64,
) -> Tensor:
    """Position interpolation: ``m -> m / s`` is the same as ``theta_j -> theta_j / s``.

    Examples:
        >>> pi_frequencies(4, scale=2.0, base=100.0).tolist()
        [0.5, 0.05]
    """
    return rope_frequencies(d, base, device=device, dtype=torch.float64).div(scale).to(dtype)


def ntk_base(base: float, scale: float, d: int) -> float:
    """The NTK-aware base ``base * s^{d/(d-2)}``.

    Examples:
        >>> ntk_base(10000.0, 1.0, 128)
        10000.0
        >>> round(ntk_base(100.0, 4.0, 4), 6)  # s^{d/(d-2)} = 4^2
        1600.0
    """
    if d <= 2:
        raise ValueError(f"the NTK-aware base needs d > 2, got d={d}")
    return base * scale ** (d / (d - 2))


def ntk_frequencies(
    d: int,
    scale: float,
    base: float = 10000.0,
    *,
    device: torch.device | None = None,
    dtype: torch.dtype = torch.float64,
) -> Tensor:
    """RoPE frequencies with the NTK-aware base: ``theta'_1 = 1``, ``theta'_{d/2} = theta_{d/2}/s``.

    Examples:
        >>> ntk_frequencies(4, scale=4.0, base=100.0).tolist()  # theta = [1, 1/10]
        [1.0, 0.025]
    """
    return rope_frequencies(d, ntk_base(base, scale, d), device=device, dtype=dtype)


def yarn_ramp(r: Tensor, alpha: float = 1.0, beta: float = 32.0) -> Tensor:
    """YaRN's ramp ``gamma(r)``: 0 below ``alpha``, 1 above ``beta``, linear in between.

    Examples:
        >>> yarn_ramp(torch.tensor([0.5, 1.0, 16.5, 32.0, 40.0])).tolist()
        [0.0, 0.0, 0.5, 1.0, 1.0]
    """
    return ((r - alpha) / (beta - alpha)).clamp(0.0, 1.0)


def yarn_frequencies(
    d: int,
    scale: float,
    original_length: int,
    base: float = 10000.0,
    *,
    alpha: float = 1.0,
    beta: float = 32.0,
    device: torch.device | None = None,
    dtype: torch.dtype = torch.float64,
) -> Tensor:
    """YaRN's frequencies ``(1 - gamma(r_j)) theta_j / s + gamma(r_j) theta_j``.

    ``r_j = L / lambda_j`` counts how many full turns plane ``j`` makes over the original
    context ``L``: planes that never complete a turn (``r < alpha``) are interpolated, planes
    that turn many times (``r > beta``) are left alone.

    Examples:
        >>> theta = rope_frequencies(8, base=10000.0, dtype=torch.float64)
        >>> yarn = yarn_frequencies(8, scale=4.0, original_length=64)
        >>> [round(v, 4) for v in (yarn / theta).tolist()]  # r = 10.2, 1.02, 0.10, 0.01
        [0.4722, 0.2504, 0.25, 0.25]
    """
    theta = rope_frequencies(d, base, device=device, dtype=torch.float64)  # [d/2]
    gamma = yarn_ramp(original_length / wavelengths(theta), alpha, beta)  # [d/2]
    return ((1 - gamma) * theta / scale + gamma * theta).to(dtype)


def yarn_attention_factor(scale: float) -> float:
    """``sqrt(1/t) = 0.1 ln s + 1``: YaRN multiplies queries and keys by this factor.

    Examples:
        >>> yarn_attention_factor(1.0)
        1.0
        >>> round(yarn_attention_factor(16.0), 4)
        1.2773
    """
    return 0.1 * math.log(scale) + 1.0
