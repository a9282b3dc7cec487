"""The spectral norm: power iteration, spectral normalisation, and gradient descent on quadratics.

* :func:`power_iteration` -- estimates ``sigma_1 = ||A||_2`` and its singular vectors by iterating
  ``v <- A^T A v / ||A^T A v||``, recording the estimate at every step;
* :func:`spectral_normalize` -- ``W / sigma(W)`` with sigma estimated by power iteration (the
  layer-wise constraint of spectral-normalised GANs);
* :func:`matrix_with_singular_values`, :func:`quadratic_with_spectrum` -- test matrices with a
  prescribed spectrum and random singular/eigen-vectors;
* :func:`gradient_descent_quadratic` -- gradient descent on ``f(x) = x^T H x / 2 - b^T x``.

References:
    Miyato, Kataoka, Koyama, Yoshida, "Spectral Normalization for Generative Adversarial
    Networks", arXiv:1802.05957 (2018). Nesterov, "Lectures on Convex Optimization" (2018),
    section 2.1.
"""

from __future__ import annotations

from typing import NamedTuple

import torch
from torch import Tensor


class PowerResult(NamedTuple):
    """Result of :func:`power_iteration`."""

    sigma: Tensor  # final estimate of sigma_1, scalar
    u: Tensor  # left singular vector estimate, [n]
    v: Tensor  # right singular vector estimate, [m]
    history: Tensor  # estimate after each step, [steps]


def power_iteration(
    a: Tensor,
    steps: int,
    *,
    v0: Tensor | None = None,
    generator: torch.Generator | None = None,
) -> PowerResult:
    """Estimate the largest singular value of ``a`` (shape ``[n, m]``) by power iteration.

    Each step applies ``A`` then ``A^T`` (one step of the power method on ``A^T A``) and
    normalises; the estimate is ``||A v||``, which never exceeds ``sigma_1``.

    Examples:
        >>> a = torch.tensor([[3.0, 0.0], [0.0, 1.0]], dtype=torch.float64)
        >>> round(power_iteration(a, 30, v0=torch.ones(2, dtype=torch.float64)).sigma.item(), 6)
        3.0
    """
    if v0 is None:
        v0 = torch.randn(a.shape[1], generator=generator, device=a.device, dtype=a.dtype)
    v = v0 / torch.linalg.vector_norm(v0)
    history = []
    u = a @ v
    for _ in range(steps):
        u = a @ v  # [n]
        u = u / torch.linalg.vector_norm(u)
        v = a.T @ u  # [m]
        v = v / torch.linalg.vector_norm(v)
        history.append(torch.linalg.vector_norm(a @ v))
    sigma = torch.linalg.vector_norm(a @ v)
    u = a @ v / sigma
    return PowerResult(sigma, u, v, torch.stack(history) if history else sigma[None])


def spectral_normalize(
    w: Tensor, steps: int = 50, *, generator: torch.Generator | None = None
) -> Tensor:
    """``W / sigma(W)`` with ``sigma(W)`` estimated by ``steps`` power iterations.

    Examples:
        >>> w = torch.tensor([[2.0, 1.0], [0.0, 0.5]], dtype=torch.float64)
        >>> gen = torch.Generator().manual_seed(0)
        >>> round(torch.linalg.matrix_norm(spectral_normalize(w, generator=gen), ord=2).item(), 9)
        1.0
    """
    return w / power_iteration(w, steps, generator=generator).sigma


def _random_orthogonal(
    n: int, generator: torch.Generator | None, device: torch.device | None, dtype: torch.dtype
) -> Tensor:
    q, r = torch.linalg.qr(torch.randn(n, n, generator=generator, device=device, dtype=dtype))
    return q * torch.sign(torch.diagonal(r))  # fix column signs: Haar-distributed Q


def matrix_with_singular_values(
    s: Tensor,
    n: int,
    m: int,
    *,
    generator: torch.Generator | None = None,
) -> Tensor:
    """A random ``[n, m]`` matrix ``U diag(s) V^T`` with the given singular values ``s``.

    Examples:
        >>> s = torch.tensor([3.0, 1.0], dtype=torch.float64)
        >>> a = matrix_with_singular_values(s, 4, 2)
        >>> torch.allclose(torch.linalg.svdvals(a), s)
        True
    """
    p = s.shape[0]
    u = _random_orthogonal(n, generator, s.device, s.dtype)[:, :p]  # [n, p]
    v = _random_orthogonal(m, generator, s.device, s.dtype)[:, :p]  # [m, p]
    return (u * s) @ v.T  # [n, p] * [p] @ [p, m] -> [n, m]


def quadratic_with_spectrum(
    eigenvalues: Tensor, *, generator: torch.Generator | None = None
) -> Tensor:
    """A random symmetric matrix ``Q diag(eigenvalues) Q^T``.

    Examples:
        >>> h = quadratic_with_spectrum(torch.tensor([1.0, 4.0], dtype=torch.float64))
        >>> torch.allclose(torch.linalg.eigvalsh(h), torch.tensor([1.0, 4.0], dtype=h.dtype))
        True
    """
    n = eigenvalues.shape[0]
    q = _random_orthogonal(n, generator, eigenvalues.device, eigenvalues.dtype)
    return (q * eigenvalues) @ q.T  # [n, n] * [n] @ [n, n]


def gradient_descent_quadratic(h: Tensor, b: Tensor, x0: Tensor, lr: float, steps: int) -> Tensor:
    """Iterates of ``x <- x - lr (H x - b)``: shape ``[steps + 1, n]`` (row 0 is ``x0``).

    Examples:
        >>> h = torch.eye(2)
        >>> gradient_descent_quadratic(h, torch.zeros(2), torch.ones(2), 0.5, 2)[-1].tolist()
        [0.25, 0.25]
    """
    xs = [x0]
    x = x0
    for _ in range(steps):
        x = x - lr * (h @ x - b)
        xs.append(x)
    return torch.stack(xs)
