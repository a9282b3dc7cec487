"""Softmax attention, linear attention, and Performer's positive random features.

* :func:`softmax_attention` -- the O(n^2 d) reference, ``softmax(Q K^T) V`` (scores unscaled:
  fold ``1/sqrt(d)`` into the inputs);
* :func:`positive_random_features` -- ``phi(x) = exp(W x - |x|^2/2) / sqrt(M)`` with Gaussian
  rows of ``W``, whose inner products estimate ``exp(x^T y)`` without bias;
* :func:`linear_attention` -- attention for any factorised kernel ``phi(q)^T phi(k)``, computed
  as ``phi(Q) (phi(K)^T V)`` in O(n M d), and :func:`causal_linear_attention`, its masked form
  as a running sum (the recurrent view);
* :func:`performer_attention` -- the two combined.

References:
    Choromanski et al., "Rethinking Attention with Performers", arXiv:2009.14794 (2020).
    Katharopoulos, Vyas, Pappas, Fleuret, "Transformers are RNNs: Fast Autoregressive
    Transformers with Linear Attention", arXiv:2006.16236 (2020).
"""

from __future__ import annotations

import torch
from torch import Tensor


def softmax_attention(q: Tensor, k: Tensor, v: Tensor, *, causal: bool = False) -> Tensor:
    """Reference attention ``softmax(Q K^T) V`` over the last two dimensions.

    Args:
        q: Queries ``[..., n, d]``.
        k: Keys ``[..., n, d]``.
        v: Values ``[..., n, d_v]``.
        causal: Mask keys after each query.

    Returns:
        ``[..., n, d_v]``.

    Examples:
        >>> q = torch.zeros(3, 2); v = torch.tensor([[3.0], [0.0], [0.0]])
        >>> softmax_attention(q, q, v).flatten().tolist()
        [1.0, 1.0, 1.0]
    """
    scores = q @ k.transpose(-1, -2)  # [..., n, d] @ [..., d, n] -> [..., n, n]
    if causal:
        n = scores.shape[-1]
        mask = torch.ones(n, n, dtype=torch.bool, device=scores.device).triu(1)
        scores = scores.masked_fill(mask, float("-inf"))
    return torch.softmax(scores, dim=-1) @ v


def gaussian_features(
    d: int,
    num_features: int,
    *,
    batch: tuple[int, ...] = (),
    generator: torch.Generator | None = None,
    device: torch.device | None = None,
    dtype: torch.dtype = torch.float32,
) -> Tensor:
    """Draw ``W`` with i.i.d. ``N(0, 1)`` entries, shape ``[*batch, num_features, d]``.

    Examples:
        >>> tuple(gaussian_features(3, 5, batch=(2,)).shape)
        (2, 5, 3)
    """
    shape = (*batch, num_features, d)
    return torch.randn(shape, generator=generator, device=device, dtype=dtype)


def positive_random_features(x: Tensor, w: Tensor) -> Tensor:
    """``phi(x) = exp(W x - |x|^2 / 2) / sqrt(M)``: ``[..., n, d] -> [..., n, M]``.

    ``w`` is ``[M, d]`` or a batch ``[..., M, d]`` of independent draws (broadcast against
    the batch dimensions of ``x``).

    Every feature is positive, and ``phi(x)^T phi(y)`` is an unbiased estimate of
    ``exp(x^T y)``. (Performer also subtracts a per-row maximum inside the exponential for
    stability; the page's inputs are small enough not to need it.)

    Examples:
        >>> w = torch.tensor([[1.0, 0.0], [0.0, 1.0]])
        >>> positive_random_features(torch.zeros(1, 2), w).tolist()
        [[0.7071067690849304, 0.7071067690849304]]
    """
    projections = x @ w.transpose(-1, -2)  # [..., n, d] @ [..., d, M] -> [..., n, M]
    half_norm = 0.5 * (x * x).sum(-1, keepdim=True)  # [..., n, 1]
    return torch.exp(projections - half_norm) / w.shape[-2] ** 0.5


def linear_attention(phi_q: Tensor, phi_k: Tensor, v: Tensor) -> Tensor:
    """Normalised attention with kernel ``phi(q)^T phi(k)``, as ``phi(Q) (phi(K)^T V)``.

    Costs O(n M d_v): the ``n x n`` matrix is never formed.

    Args:
        phi_q: Query features ``[..., n, M]`` (positive).
        phi_k: Key features ``[..., n, M]`` (positive).
        v: Values ``[..., n, d_v]``.

    Returns:
        ``[..., n, d_v]``; row ``i`` is ``sum_j K_ij v_j / sum_j K_ij``.

    Examples:
        >>> phi = torch.ones(4, 3); v = torch.arange(4.0)[:, None]
        >>> linear_attention(phi, phi, v).flatten().tolist()
        [1.5, 1.5, 1.5, 1.5]
    """
    kv = phi_k.transpose(-1, -2) @ v  # [..., M, n] @ [..., n, d_v] -> [..., M, d_v]
    normaliser = phi_q @ phi_k.sum(-2).unsqueeze(-1)  # [..., n, M] @ [..., M, 1] -> [..., n, 1]
    return (phi_q @ kv) / normaliser


def causal_linear_attention(phi_q: Tensor, phi_k: Tensor, v: Tensor) -> Tensor:
    """Causal linear attention as running sums ``S_i = S_{i-1} + phi(k_i) v_i^T``.

    Materialises every prefix state, O(n M d_v) memory: written for clarity, not speed.

    Examples:
        >>> phi = torch.ones(3, 2); v = torch.tensor([[3.0], [0.0], [0.0]])
        >>> causal_linear_attention(phi, phi, v).flatten().tolist()
        [3.0, 1.5, 1.0]
    """
    outer = phi_k.unsqueeze(-1) * v.unsqueeze(-2)  # [..., n, M, 1] * [..., n, 1, d_v]
    states = outer.cumsum(dim=-3)  # [..., n, M, d_v], S_i for every i
    sums = phi_k.cumsum(dim=-2)  # [..., n, M], z_i = sum_{j <= i} phi(k_j)
    numerator = (phi_q.unsqueeze(-2) @ states).squeeze(-2)  # [..., n, 1, M] @ [..., n, M, d_v]
    return numerator / (phi_q * sums).sum(-1, keepdim=True)


def performer_attention(q: Tensor, k: Tensor, v: Tensor, w: Tensor) -> Tensor:
    """Softmax attention approximated with positive random features ``w`` (``[..., M, d]``)."""
    return linear_attention(positive_random_features(q, w), positive_random_features(k, w), v)


def kernel_estimate(q: Tensor, k: Tensor, w: Tensor) -> Tensor:
    """Estimated softmax kernel matrix ``phi(Q) phi(K)^T`` (``[..., n, n]``) for checking."""
    return positive_random_features(q, w) @ positive_random_features(k, w).transpose(-1, -2)
