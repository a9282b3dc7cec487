"""Sinusoidal position encoding (Vaswani et al.) and the geometry of its inner products.

``PE(p)`` interleaves ``sin(p omega_j)`` and ``cos(p omega_j)`` with ``omega_j = base^{-2(j-1)/d}``
(the same frequency ladder as RoPE, :func:`snippets.position_encoding.rope.rope_frequencies`):

* :func:`sinusoidal_encoding` -- the encodings of a batch of positions;
* :func:`shift_matrix` -- the fixed block-diagonal ``T_k`` with ``PE(p + k) = T_k PE(p)``;
* :func:`pe_inner_product` -- the closed form ``f(k) = sum_j cos(k omega_j)`` of
  ``<PE(p), PE(p + k)>``;
* :func:`pe_decay_integral` -- its large-``d`` limit ``(Ci(k) - Ci(k/b)) / ln b`` (per pair).

References:
    Vaswani, Shazeer, Parmar, Uszkoreit, Jones, Gomez, Kaiser, Polosukhin, "Attention Is All You
    Need", arXiv:1706.03762 (2017).
    Su, "Transformer upgrade road 1: tracing sinusoidal position encoding",
    https://kexue.fm/archives/8231.
"""

from __future__ import annotations

import math

import numpy as np
import torch
from scipy.special import sici
from torch import Tensor

from snippets.position_encoding.rope import rope_frequencies


def sinusoidal_encoding(
    positions: Tensor, d: int, base: float = 10000.0, *, dtype: torch.dtype = torch.float32
) -> Tensor:
    """``PE(p) = (sin p w_1, cos p w_1, ..., sin p w_{d/2}, cos p w_{d/2})`` for each position.

    Args:
        positions: Positions ``p``, shape ``[n]`` (any real dtype), on the output's device.
        d: Model dimension (even).
        base: 10000 in the paper.
        dtype: Output dtype (computed in float64).

    Returns:
        Encodings, shape ``[n, d]``.

    Examples:
        >>> sinusoidal_encoding(torch.tensor([0]), 4).tolist()
        [[0.0, 1.0, 0.0, 1.0]]
    """
    omega = rope_frequencies(d, base, device=positions.device, dtype=torch.float64)  # [d/2]
    angles = positions.to(torch.float64)[:, None] * omega[None, :]  # [n, 1] * [1, d/2]
    pe = torch.stack((torch.sin(angles), torch.cos(angles)), dim=-1)  # [n, d/2, 2]
    return pe.flatten(-2).to(dtype)  # [n, d]


def shift_matrix(
    k: float,
    d: int,
    base: float = 10000.0,
    *,
    device: torch.device | None = None,
    dtype: torch.dtype = torch.float64,
) -> Tensor:
    """``T_k = diag(R(k w_1)^T, ..., R(k w_{d/2})^T)``: the linear map with ``PE(p+k) = T_k PE(p)``.

    Examples:
        >>> T = shift_matrix(3.0, 4)
        >>> p = torch.tensor([5.0], dtype=torch.float64)
        >>> torch.allclose(sinusoidal_encoding(p, 4, dtype=T.dtype) @ T.T,
        ...                sinusoidal_encoding(p + 3, 4, dtype=T.dtype))
        True
    """
    omega = rope_frequencies(d, base, device=device, dtype=torch.float64)  # [d/2]
    c, s = torch.cos(k * omega), torch.sin(k * omega)
    # R(a)^T = [[cos a, sin a], [-sin a, cos a]] acting on (sin, cos) pairs
    blocks = torch.stack((torch.stack((c, s), -1), torch.stack((-s, c), -1)), -2)  # [d/2, 2, 2]
    return torch.block_diag(*blocks).to(dtype)


def pe_inner_product(
    offsets: Tensor, d: int, base: float = 10000.0, *, dtype: torch.dtype = torch.float64
) -> Tensor:
    """``f(k) = sum_j cos(k w_j)``, the inner product ``<PE(p), PE(p+k)>`` for any ``p``.

    Examples:
        >>> pe_inner_product(torch.tensor([0]), 128).item()
        64.0
    """
    omega = rope_frequencies(d, base, device=offsets.device, dtype=torch.float64)  # [d/2]
    angles = offsets.to(torch.float64)[:, None] * omega[None, :]  # [n, 1] * [1, d/2]
    return torch.cos(angles).sum(-1).to(dtype)


def pe_decay_integral(k: np.ndarray, base: float = 10000.0) -> np.ndarray:
    """``I(k) = (Ci(k) - Ci(k/b)) / ln b``: the ``d -> infinity`` limit of ``f(k) / (d/2)``.

    Defined for ``k > 0`` (``I(k) -> 1`` as ``k -> 0``).

    Examples:
        >>> round(float(pe_decay_integral(np.array([1.0]))[0]), 4)
        0.974
    """
    k = np.asarray(k, dtype=np.float64)
    return (sici(k)[1] - sici(k / base)[1]) / math.log(base)
