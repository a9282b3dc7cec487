"""Two-dimensional rotary position embedding for image patches (axial and mixed).

A patch at column ``x`` and row ``y`` is rotated by ``R_{x,y}``: the first ``d/2`` coordinates
get 1-D RoPE (:func:`snippets.position_encoding.rope.apply_rope`) at position ``x``, the last
``d/2`` at position ``y``. Because the two halves rotate independently,
``R_{x1,y1}^T R_{x2,y2} = R_{x2-x1, y2-y1}`` and attention scores depend only on the 2-D offset.

* :func:`apply_rope_2d` -- the axial form, O(d) per vector, built on
  :mod:`snippets.position_encoding.rope`;
* :func:`rope_2d_matrix` -- the dense block-diagonal ``R_{x,y}`` (the reference);
* :func:`apply_rope_mixed` -- RoPE-Mixed: plane ``j`` turns by ``x theta^x_j + y theta^y_j``;
* :func:`grid_positions` -- the ``(x, y)`` coordinates of an ``H x W`` patch grid.

References:
    Su, "Transformer upgrade road 4: 2-D rotary position encoding",
    https://kexue.fm/archives/8397.
    Heo, Park, Han, Yun, "Rotary Position Embedding for Vision Transformer", arXiv:2403.13298
    (2024).
"""

from __future__ import annotations

import torch
from torch import Tensor

from snippets.position_encoding.rope import apply_rope, flip_pairs, rope_matrix


def grid_positions(height: int, width: int, *, device: torch.device | None = None) -> Tensor:
    """``(x, y)`` of every patch of an ``height x width`` grid in raster order (row by row).

    Examples:
        >>> grid_positions(2, 3).tolist()
        [[0, 0], [1, 0], [2, 0], [0, 1], [1, 1], [2, 1]]
    """
    ys, xs = torch.meshgrid(
        torch.arange(height, device=device), torch.arange(width, device=device), indexing="ij"
    )  # [H, W] each
    return torch.stack((xs.flatten(), ys.flatten()), dim=-1)  # [H*W, 2]


def apply_rope_2d(x: Tensor, xy: Tensor, base: float = 100.0) -> Tensor:
    """Axial 2-D RoPE: 1-D RoPE by ``x`` on the first half, by ``y`` on the second half.

    Args:
        x: Queries or keys, shape ``[..., n, d]`` with ``d`` divisible by 4.
        xy: Patch coordinates ``(x, y)``, shape ``[n, 2]``.
        base: RoPE base of each axis (Heo et al. use 100 for images).

    Returns:
        Rotated vectors, same shape and dtype as ``x``.

    Examples:
        >>> v = torch.tensor([[1.0, 0.0, 1.0, 0.0]], dtype=torch.float64)
        >>> apply_rope_2d(v, torch.tensor([[1, 0]]), base=1.0).round(decimals=4).tolist()
        [[0.5403, 0.8415, 1.0, 0.0]]
    """
    d = x.shape[-1]
    if d % 4:
        raise ValueError(f"2-D RoPE needs d divisible by 4, got d={d}")
    first, second = x.split(d // 2, dim=-1)  # [..., n, d/2] each
    return torch.cat(
        (apply_rope(first, xy[:, 0], base), apply_rope(second, xy[:, 1], base)), dim=-1
    )


def rope_2d_matrix(
    px: float, py: float, d: int, base: float = 100.0, *, dtype: torch.dtype = torch.float64
) -> Tensor:
    """Dense ``R_{x,y} = diag(R_{Theta,x}, R_{Theta,y})`` of shape ``[d, d]``.

    Examples:
        >>> R = rope_2d_matrix(2.0, 5.0, 8)
        >>> torch.allclose(R.T @ rope_2d_matrix(3.0, 1.0, 8), rope_2d_matrix(1.0, -4.0, 8))
        True
    """
    half = d // 2
    return torch.block_diag(
        rope_matrix(px, half, base, dtype=dtype), rope_matrix(py, half, base, dtype=dtype)
    )


def apply_rope_mixed(x: Tensor, xy: Tensor, freqs_x: Tensor, freqs_y: Tensor) -> Tensor:
    """RoPE-Mixed: plane ``j`` (interleaved pairs) turns by ``x freqs_x[j] + y freqs_y[j]``.

    Args:
        x: Queries or keys, shape ``[..., n, d]``.
        xy: Patch coordinates, shape ``[n, 2]``.
        freqs_x: Frequencies along x, shape ``[d/2]``.
        freqs_y: Frequencies along y, shape ``[d/2]``.

    Returns:
        Rotated vectors, same shape and dtype as ``x``.

    Examples:
        >>> v = torch.tensor([[1.0, 0.0]], dtype=torch.float64)
        >>> out = apply_rope_mixed(v, torch.tensor([[1, 1]]), torch.tensor([0.5]),
        ...                        torch.tensor([0.5]))
        >>> out.round(decimals=4).tolist()  # one radian in total
        [[0.5403, 0.8415]]
    """
    pos = xy.to(torch.float64)  # [n, 2]
    angles = pos[:, :1] * freqs_x.to(torch.float64) + pos[:, 1:] * freqs_y.to(torch.float64)
    # angles: [n, 1] * [d/2] -> [n, d/2]
    cos = torch.cos(angles).repeat_interleave(2, dim=-1).to(x.dtype)  # [n, d]
    sin = torch.sin(angles).repeat_interleave(2, dim=-1).to(x.dtype)  # [n, d]
    return x * cos + flip_pairs(x) * sin
