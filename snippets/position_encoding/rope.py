"""Rotary position embedding (RoPE): element-wise, matrix, complex and half-split forms.

Four implementations of the same map, so that the page can show they agree:

* :func:`apply_rope` -- the element-wise form ``x * cos + flip(x) * sin`` on interleaved pairs
  ``(x_{2j-1}, x_{2j})``, O(d) per vector;
* :func:`apply_rope_matrix` -- multiplication by the block-diagonal matrix ``R_{Theta,m}``,
  O(d^2) per vector (the reference);
* :func:`apply_rope_complex` -- pairs read as complex numbers, multiplied by ``e^{i m theta_j}``;
* :func:`apply_rope_half` -- the half-split layout (pairs ``(x_j, x_{j+d/2})``) used by many
  libraries, equal to the interleaved form up to the permutation :func:`interleaved_to_half`.

References:
    Su, Lu, Pan, Murtadha, Wen, Liu, "RoFormer: Enhanced Transformer with Rotary Position
    Embedding", arXiv:2104.09864 (2021).
"""

from __future__ import annotations

import torch
from torch import Tensor


def rope_frequencies(
    d: int,
    base: float = 10000.0,
    *,
    device: torch.device | None = None,
    dtype: torch.dtype = torch.float32,
) -> Tensor:
    """Frequencies ``theta_j = base^{-2(j-1)/d}`` for ``j = 1..d/2``.

    Examples:
        >>> rope_frequencies(4, base=100.0).tolist()
        [1.0, 0.10000000149011612]
    """
    if d % 2:
        raise ValueError(f"RoPE needs an even dimension, got d={d}")
    exponents = torch.arange(0, d, 2, device=device, dtype=torch.float64) / d  # 2(j-1)/d
    return (base**-exponents).to(dtype)


def rope_angles(positions: Tensor, d: int, base: float = 10000.0) -> Tensor:
    """Angles ``m * theta_j``: shape ``[n, d/2]`` for ``positions`` of shape ``[n]``."""
    theta = rope_frequencies(d, base, device=positions.device, dtype=torch.float64)
    return positions.to(torch.float64)[:, None] * theta[None, :]  # [n, 1] * [1, d/2]


def flip_pairs(x: Tensor) -> Tensor:
    """``flip(x) = [-x_2, x_1, -x_4, x_3, ...]`` on the last dimension.

    Examples:
        >>> flip_pairs(torch.tensor([1.0, 2.0, 3.0, 4.0])).tolist()
        [-2.0, 1.0, -4.0, 3.0]
    """
    pairs = x.unflatten(-1, (-1, 2))  # [..., d] -> [..., d/2, 2]
    flipped = torch.stack((-pairs[..., 1], pairs[..., 0]), dim=-1)  # [..., d/2, 2]
    return flipped.flatten(-2)  # [..., d]


def apply_rope(x: Tensor, positions: Tensor, base: float = 10000.0) -> Tensor:
    """Element-wise RoPE on interleaved pairs: ``x * cos(m Theta) + flip(x) * sin(m Theta)``.

    Args:
        x: Queries or keys, shape ``[..., n, d]``.
        positions: Positions ``m``, shape ``[n]``.
        base: The RoPE base (10000 in the paper).

    Returns:
        Rotated vectors, same shape and dtype as ``x``.

    Examples:
        >>> q = torch.tensor([[1.0, 0.0]])
        >>> [round(v, 4) for v in apply_rope(q, torch.tensor([1]), base=1.0)[0].tolist()]
        [0.5403, 0.8415]
    """
    angles = rope_angles(positions, x.shape[-1], base)  # [n, d/2]
    cos = torch.cos(angles).repeat_interleave(2, dim=-1).to(x.dtype)  # [n, d]
    sin = torch.sin(angles).repeat_interleave(2, dim=-1).to(x.dtype)  # [n, d]
    return x * cos + flip_pairs(x) * sin


def rope_matrix(
    m: float, d: int, base: float = 10000.0, *, dtype: torch.dtype = torch.float64
) -> Tensor:
    """The block-diagonal rotation ``R_{Theta,m}`` (shape ``[d, d]``).

    Examples:
        >>> R = rope_matrix(3.0, 4)
        >>> torch.allclose(R.T @ R, torch.eye(4, dtype=R.dtype))
        True
    """
    angles = rope_angles(torch.tensor([m], dtype=torch.float64), d, base)[0]  # [d/2]
    c, s = torch.cos(angles), torch.sin(angles)
    blocks = torch.stack((torch.stack((c, -s), -1), torch.stack((s, c), -1)), -2)  # [d/2, 2, 2]
    return torch.block_diag(*blocks).to(dtype)


def apply_rope_matrix(x: Tensor, positions: Tensor, base: float = 10000.0) -> Tensor:
    """Matrix-form RoPE: ``R_{Theta,m} x`` for each position (the O(d^2) reference)."""
    d = x.shape[-1]
    mats = torch.stack([rope_matrix(float(m), d, base) for m in positions.tolist()])  # [n, d, d]
    mats = mats.to(device=x.device, dtype=x.dtype)
    return torch.einsum("nij,...nj->...ni", mats, x)


def apply_rope_complex(x: Tensor, positions: Tensor, base: float = 10000.0) -> Tensor:
    """Complex-form RoPE: each pair read as a complex number, times ``e^{i m theta_j}``.

    Matches :func:`apply_rope_matrix` (the reference); computed in float64, returned in x.dtype.
    """
    angles = rope_angles(positions, x.shape[-1], base)  # [n, d/2]
    rotor = torch.polar(torch.ones_like(angles), angles)  # [n, d/2], complex128
    z = torch.view_as_complex(
        x.to(torch.float64).unflatten(-1, (-1, 2)).contiguous()
    )  # [..., n, d/2]
    out = torch.view_as_real(z * rotor).flatten(-2)  # [..., n, d/2, 2] -> [..., n, d]
    return out.to(x.dtype)


def interleaved_to_half(x: Tensor) -> Tensor:
    """Permute ``[x_1, x_2, ..., x_d]`` to ``[x_1, x_3, ..., x_{d-1}, x_2, x_4, ..., x_d]``.

    Examples:
        >>> interleaved_to_half(torch.arange(6)).tolist()
        [0, 2, 4, 1, 3, 5]
    """
    return torch.cat((x[..., 0::2], x[..., 1::2]), dim=-1)


def apply_rope_half(x: Tensor, positions: Tensor, base: float = 10000.0) -> Tensor:
    """Half-split RoPE: rotate pairs ``(x_j, x_{j+d/2})`` by ``m theta_j``."""
    angles = rope_angles(positions, x.shape[-1], base)  # [n, d/2]
    cos, sin = torch.cos(angles).to(x.dtype), torch.sin(angles).to(x.dtype)
    first, second = x.chunk(2, dim=-1)  # [..., n, d/2] each
    return torch.cat((first * cos - second * sin, first * sin + second * cos), dim=-1)


def rope_scores(q: Tensor, k: Tensor, offsets: Tensor, base: float = 10000.0) -> Tensor:
    """Scores ``<R_m q, R_n k>`` for ``n - m`` in ``offsets`` (with ``m = 0``)."""
    zero = torch.zeros(1, dtype=offsets.dtype, device=offsets.device)
    rq = apply_rope(q[None, :], zero, base)[0]  # [d]
    rk = apply_rope(k.expand(len(offsets), -1), offsets, base)  # [len(offsets), d]
    return rk @ rq
