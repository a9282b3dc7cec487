"""Low-rank approximation by truncated SVD, and a LoRA layer.

* :func:`truncated_svd` -- the best rank-``r`` approximation ``A_r = sum_{i<=r} s_i u_i v_i^T``;
* :func:`truncation_errors` -- the Eckart-Young errors predicted from the singular values alone
  (Frobenius ``sqrt(sum_{i>r} s_i^2)``, spectral ``s_{r+1}``);
* :func:`structured_matrix` -- a deterministic image-like test matrix (smooth shapes, edges and a
  little noise), built here because bundled image data would need a download;
* :class:`LoRALinear` -- a frozen linear map ``W0`` plus a trainable low-rank update ``B A`` with
  ``B`` initialised to zero, so training starts exactly at the pretrained model.

References:
    Eckart, Young, "The approximation of one matrix by another of lower rank", Psychometrika 1
    (1936). Hu et al., "LoRA: Low-Rank Adaptation of Large Language Models", arXiv:2106.09685.
"""

from __future__ import annotations

import math

import torch
from torch import Tensor, nn


def truncated_svd(a: Tensor, r: int) -> Tensor:
    """Best rank-``r`` approximation of ``a`` (shape ``[n, m]``) in Frobenius and spectral norm.

    Examples:
        >>> a = torch.diag(torch.tensor([3.0, 2.0, 1.0]))
        >>> truncated_svd(a, 1).diagonal().tolist()
        [3.0, 0.0, 0.0]
    """
    u, s, vh = torch.linalg.svd(a, full_matrices=False)  # [n, p], [p], [p, m]
    return (u[:, :r] * s[:r]) @ vh[:r]  # [n, r] * [r] @ [r, m] -> [n, m]


def truncation_errors(s: Tensor) -> tuple[Tensor, Tensor]:
    """Eckart-Young errors for every rank ``r = 0, ..., p`` from singular values ``s`` ([p]).

    Returns:
        ``(frobenius, spectral)``, each of shape ``[p + 1]``: ``sqrt(sum_{i>r} s_i^2)`` and
        ``s_{r+1}`` (0 once nothing is discarded).

    Examples:
        >>> fro, spec = truncation_errors(torch.tensor([4.0, 3.0, 0.0]))
        >>> fro.tolist(), spec.tolist()
        ([5.0, 3.0, 0.0, 0.0], [4.0, 3.0, 0.0, 0.0])
    """
    tail = torch.flip(torch.cumsum(torch.flip(s**2, (0,)), 0), (0,))  # tail[r] = sum_{i>=r} s_i^2
    zero = torch.zeros(1, dtype=s.dtype, device=s.device)
    return torch.cat((tail, zero)).sqrt(), torch.cat((s, zero))


def structured_matrix(
    n: int,
    m: int,
    *,
    noise: float = 0.02,
    generator: torch.Generator | None = None,
    device: torch.device | None = None,
    dtype: torch.dtype = torch.float64,
) -> Tensor:
    """A deterministic image-like ``[n, m]`` matrix: blobs, rings, a bright bar and noise.

    Its singular values decay quickly at first (smooth structure) and then flatten at the noise
    level, as those of natural images do.

    Examples:
        >>> structured_matrix(4, 5, noise=0.0).shape
        torch.Size([4, 5])
    """
    y = torch.linspace(-1, 1, n, device=device, dtype=dtype)[:, None]  # [n, 1]
    x = torch.linspace(-1, 1, m, device=device, dtype=dtype)[None, :]  # [1, m]
    img = torch.exp(-((x - 0.3) ** 2 + (y + 0.2) ** 2) / 0.05)
    img = img + 0.7 * torch.exp(-((x + 0.5) ** 2 / 0.02 + (y - 0.4) ** 2 / 0.2))
    radius = torch.sqrt((x + 0.1) ** 2 + (y - 0.1) ** 2)
    img = img + 0.4 * torch.cos(12 * math.pi * radius) * torch.exp(-4 * radius)
    img = img + 0.5 * ((x - y).abs() < 0.05).to(dtype)  # a diagonal edge: not low rank
    if noise:
        img = img + noise * torch.randn(n, m, generator=generator, device=device, dtype=dtype)
    return img


class LoRALinear(nn.Module):
    """``h = W0 x + scale * B (A x)`` with ``W0`` frozen, ``A`` random and ``B = 0`` at start.

    Args:
        weight: The pretrained ``W0``, shape ``[d, k]`` (``d`` outputs, ``k`` inputs); stored as a
            frozen buffer on its own device and dtype.
        rank: ``r``.
        scale: Multiplier of the update (the paper's ``alpha / r``; 1 by default).
        generator: Seeds the initialisation of ``A``.

    Examples:
        >>> layer = LoRALinear(torch.eye(3), rank=1)
        >>> layer(torch.ones(2, 3)).tolist()  # B = 0: the layer starts as W0
        [[1.0, 1.0, 1.0], [1.0, 1.0, 1.0]]
        >>> layer.trainable_parameters()
        6
    """

    def __init__(
        self,
        weight: Tensor,
        rank: int,
        *,
        scale: float = 1.0,
        generator: torch.Generator | None = None,
    ) -> None:
        super().__init__()
        d, k = weight.shape
        self.weight: Tensor
        self.register_buffer("weight", weight.detach().clone())  # frozen W0, [d, k]
        a = torch.randn(rank, k, generator=generator, device=weight.device, dtype=weight.dtype)
        self.A: nn.Parameter = nn.Parameter(a / math.sqrt(k))  # [r, k]
        zeros = torch.zeros(d, rank, device=weight.device, dtype=weight.dtype)
        self.B: nn.Parameter = nn.Parameter(zeros)  # [d, r]
        self.scale = scale

    def forward(self, x: Tensor) -> Tensor:
        """Apply to ``x`` of shape ``[..., k]``; returns ``[..., d]`` (never forms ``B A``)."""
        low = x @ self.A.T  # [..., k] @ [k, r] -> [..., r]
        return x @ self.weight.T + self.scale * (low @ self.B.T)  # [..., d]

    def merged_weight(self) -> Tensor:
        """``W0 + scale * B A`` (shape ``[d, k]``), for inference without the extra path."""
        return self.weight + self.scale * (self.B @ self.A)

    def trainable_parameters(self) -> int:
        """Number of trained entries: ``r (d + k)``."""
        return sum(p.numel() for p in self.parameters() if p.requires_grad)
