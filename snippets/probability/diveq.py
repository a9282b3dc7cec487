"""DiVeQ: vector quantization whose forward pass is hard and whose backward pass is a projection.

* :func:`nearest_codeword` -- index and value of the nearest codeword of each row;
* :func:`diveq_quantize` -- ``z + ||c - z|| sg[d / ||d||]`` with ``d = c - z + xi``,
  ``xi ~ N(0, sigma^2 I)`` (``sigma = 0``: the forward value is exactly ``c``);
* :func:`ste_quantize` -- the straight-through estimator ``z + sg[c - z]``;
* :func:`distortion` -- mean squared distance to the nearest codeword;
* :func:`train_codebook` -- a codebook trained by gradient descent on ``1/2 ||z_q - x||^2``
  with an identity encoder, for DiVeQ, plain STE, and STE with VQ-VAE's codebook loss;
* :func:`lloyd` -- Lloyd's k-means iterations, the reference for the trained codebooks.

References:
    Vali, Backstrom, Solin, "DiVeQ: Differentiable Vector Quantization Using the
    Reparameterization Trick", arXiv:2509.26469 (2025). Su, "DiVeQ: a very concise VQ training
    scheme" (kexue.fm, 2025), https://kexue.fm/archives/11328. van den Oord, Vinyals,
    Kavukcuoglu, "Neural Discrete Representation Learning", arXiv:1711.00937 (2017).
"""

from __future__ import annotations

from typing import Literal, NamedTuple

import torch
from torch import Tensor

Method = Literal["diveq", "ste", "ste+codebook-loss"]


def nearest_codeword(z: Tensor, codebook: Tensor) -> tuple[Tensor, Tensor]:
    """Index and value of the nearest codeword of every row of ``z``.

    Args:
        z: Encoder outputs, shape ``[N, D]``.
        codebook: Codewords, shape ``[K, D]``.

    Returns:
        ``(index [N], codeword [N, D])``; the codewords keep their autograd link to
        ``codebook``.

    Examples:
        >>> cb = torch.tensor([[0.0, 0.0], [1.0, 1.0]])
        >>> nearest_codeword(torch.tensor([[0.9, 0.8], [0.1, -0.2]]), cb)[0].tolist()
        [1, 0]
    """
    index = torch.cdist(z.detach(), codebook.detach()).argmin(dim=1)  # [N]
    return index, codebook[index]


def diveq_quantize(
    z: Tensor,
    codebook: Tensor,
    sigma: float = 0.0,
    *,
    generator: torch.Generator | None = None,
) -> Tensor:
    """DiVeQ: ``z + ||c - z|| sg[d / ||d||]``, ``d = c - z + xi``, ``c`` the nearest codeword.

    With ``sigma = 0`` the value is ``c`` (to rounding) and the Jacobians are ``I - u u^T``
    (encoder) and ``u u^T`` (codeword), ``u = (c - z)/||c - z||``. Rows with ``z = c`` have no
    direction; they pass ``z`` through.

    Args:
        z: Encoder outputs, shape ``[N, D]``.
        codebook: Codewords, shape ``[K, D]``.
        sigma: Standard deviation of the noise added to the direction.
        generator: Seeded generator for the noise (needed when ``sigma > 0``).

    Returns:
        Quantized vectors, shape ``[N, D]``.

    Examples:
        >>> cb = torch.tensor([[0.0, 0.0], [3.0, 4.0]], dtype=torch.float64)
        >>> z = torch.tensor([[2.0, 3.0]], dtype=torch.float64, requires_grad=True)
        >>> zq = diveq_quantize(z, cb)
        >>> torch.allclose(zq, cb[1:]), zq.requires_grad
        (True, True)
    """
    _, c = nearest_codeword(z, codebook)
    err = c - z  # [N, D]
    d = err.detach()
    if sigma > 0:
        d = d + sigma * torch.randn(d.shape, generator=generator, device=d.device, dtype=d.dtype)
    length = torch.linalg.vector_norm(err, dim=1, keepdim=True)  # [N, 1], differentiable
    direction = d / torch.linalg.vector_norm(d, dim=1, keepdim=True).clamp_min(1e-30)  # [N, D]
    return z + length * direction


def ste_quantize(z: Tensor, codebook: Tensor) -> Tensor:
    """Straight-through estimator ``z + sg[c - z]``: value ``c``, Jacobian ``I``, codebook 0.

    Examples:
        >>> cb = torch.tensor([[1.0, 0.0]], requires_grad=True)
        >>> z = torch.zeros(1, 2, requires_grad=True)
        >>> ste_quantize(z, cb).sum().backward()
        >>> z.grad.tolist(), cb.grad
        ([[1.0, 1.0]], None)
    """
    _, c = nearest_codeword(z, codebook)
    return z + (c - z).detach()


def distortion(x: Tensor, codebook: Tensor) -> float:
    """Mean squared distance of the rows of ``x`` (``[N, D]``) to their nearest codeword.

    Examples:
        >>> distortion(torch.tensor([[0.0, 1.0]]), torch.tensor([[0.0, 0.0]]))
        1.0
    """
    _, c = nearest_codeword(x, codebook)
    return ((x - c) ** 2).sum(dim=1).mean().item()


class Training(NamedTuple):
    """Result of :func:`train_codebook`."""

    codebook: Tensor  # [K, D]
    distortion: Tensor  # [steps + 1], on the whole data set


def train_codebook(
    x: Tensor,
    init: Tensor,
    method: Method,
    *,
    steps: int,
    lr: float,
    batch: int,
    generator: torch.Generator,
    sigma: float = 0.0,
) -> Training:
    """Gradient descent on ``1/2 ||z_q - x||^2`` for the codebook, with encoder ``z = x``.

    ``"diveq"`` uses :func:`diveq_quantize`; ``"ste"`` the plain straight-through estimator
    (the codebook receives no gradient); ``"ste+codebook-loss"`` adds VQ-VAE's codebook loss
    ``1/2 ||sg[z] - c||^2``.

    Args:
        x: Data, shape ``[N, D]``.
        init: Initial codebook, shape ``[K, D]``.
        method: Which quantizer and loss.
        steps: Gradient steps.
        lr: Learning rate of plain SGD (the loss is summed over the batch, divided by the
            number of rows assigned to each codeword, so each codeword moves at rate ``lr``).
        batch: Rows per step.
        generator: Seeded generator for batches (and noise).
        sigma: DiVeQ's noise scale.

    Returns:
        The final codebook and the distortion after every step.

    Examples:
        >>> g = torch.Generator().manual_seed(0)
        >>> x = torch.tensor([[0.0, 0.0], [0.0, 0.2], [4.0, 4.0], [4.0, 4.2]])
        >>> res = train_codebook(x, x[[0, 2]] + 1.0, "diveq", steps=60, lr=0.3, batch=4,
        ...                      generator=g)
        >>> res.distortion[-1].item() < 0.02
        True
    """
    codebook = init.detach().clone().requires_grad_(True)
    history = [distortion(x, codebook)]
    for _ in range(steps):
        rows = torch.randint(0, x.shape[0], (batch,), generator=generator, device=x.device)
        z = x[rows]  # [B, D]
        index, c = nearest_codeword(z, codebook)
        counts = torch.bincount(index, minlength=codebook.shape[0]).clamp_min(1)  # [K]
        weight = 1.0 / counts[index].to(x.dtype)  # [B]: a per-codeword mean
        if method == "diveq":
            zq = diveq_quantize(z, codebook, sigma, generator=generator)
            loss = 0.5 * (weight * ((zq - z) ** 2).sum(dim=1)).sum()
        elif method == "ste":
            zq = ste_quantize(z, codebook)
            loss = 0.5 * (weight * ((zq - z) ** 2).sum(dim=1)).sum()
        elif method == "ste+codebook-loss":
            zq = ste_quantize(z, codebook)
            rec = ((zq - z) ** 2).sum(dim=1)
            book = ((z.detach() - c) ** 2).sum(dim=1)
            loss = 0.5 * (weight * (rec + book)).sum()
        else:
            raise ValueError(f"unknown method {method!r}")
        if loss.requires_grad:  # plain STE: the loss does not depend on the codebook at all
            (grad,) = torch.autograd.grad(loss, codebook, allow_unused=True)
            if grad is not None:
                with torch.no_grad():
                    codebook -= lr * grad
        history.append(distortion(x, codebook))
    return Training(codebook.detach(), torch.tensor(history))


def lloyd(x: Tensor, init: Tensor, iters: int) -> Tensor:
    """Lloyd's algorithm: assign every row to its nearest codeword, move codewords to the means.

    Codewords without rows stay where they are.

    Examples:
        >>> x = torch.tensor([[0.0], [1.0], [10.0], [11.0]])
        >>> lloyd(x, torch.tensor([[0.0], [5.0]]), 5).ravel().tolist()
        [0.5, 10.5]
    """
    codebook = init.clone()
    for _ in range(iters):
        index, _ = nearest_codeword(x, codebook)
        sums = torch.zeros_like(codebook).index_add_(0, index, x)  # [K, D]
        counts = torch.bincount(index, minlength=codebook.shape[0])  # [K]
        filled = counts > 0
        codebook[filled] = sums[filled] / counts[filled, None].to(x.dtype)
    return codebook
