"""Muon on the Stiefel manifold ``W^T W = I`` by gradient descent on the dual variable.

The steepest-descent direction under the spectral norm that stays tangent to the Stiefel
manifold (``W^T Phi + Phi^T W = 0``) is ``Phi = msign(G - W Lambda)`` for a symmetric
``Lambda`` that minimises the dual function ``D(Lambda) = ||G - W Lambda||_*``. Its gradient over
symmetric matrices is minus half the constraint residual, so the dual problem is solved by

    Phi_k = msign(G - W Lambda_k),  Lambda_{k+1} = Lambda_k + beta (W^T Phi_k + Phi_k^T W) / 2.

Functions:

* :func:`stiefel_residual`, :func:`dual_value`, :func:`dual_gradient` -- the pieces;
* :func:`safe_step` -- ``sigma_min((I - W W^T) G)``, a floor under every singular value of
  ``G - W Lambda`` (positive when ``n >= 2m``), used as the step ``beta``;
* :func:`dual_gradient_descent` -- the iteration, with its residual and duality-gap history;
* :func:`orthogonal_direction` -- the closed form ``W msign(skew(W^T G))`` for square ``W``.

References:
    Jianlin Su, "Steepest descent on manifolds: 5. Dual gradient descent", kexue.fm (2025),
    https://kexue.fm/archives/11388
    Jianlin Su, "Steepest descent on manifolds: 3. Muon + Stiefel", kexue.fm (2025).
    Keller Jordan et al., "Muon: An optimizer for hidden layers in neural networks" (2024),
    https://kellerjordan.github.io/posts/muon/
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import torch
from torch import Tensor

from snippets.matrix.msign import msign_svd

Msign = Callable[[Tensor], Tensor]


def sym(a: Tensor) -> Tensor:
    """Symmetric part ``(A + A^T) / 2``.

    Examples:
        >>> sym(torch.tensor([[0.0, 2.0], [0.0, 0.0]])).tolist()
        [[0.0, 1.0], [1.0, 0.0]]
    """
    return (a + a.mT) / 2


def skew(a: Tensor) -> Tensor:
    """Antisymmetric part ``(A - A^T) / 2``.

    Examples:
        >>> skew(torch.tensor([[0.0, 2.0], [0.0, 0.0]])).tolist()
        [[0.0, 1.0], [-1.0, 0.0]]
    """
    return (a - a.mT) / 2


def random_stiefel(
    n: int,
    m: int,
    *,
    generator: torch.Generator | None = None,
    device: torch.device | None = None,
    dtype: torch.dtype = torch.float64,
) -> Tensor:
    """A random ``[n, m]`` matrix with orthonormal columns (QR of a Gaussian matrix).

    Examples:
        >>> w = random_stiefel(5, 3, generator=torch.Generator().manual_seed(0))
        >>> torch.allclose(w.T @ w, torch.eye(3, dtype=w.dtype))
        True
    """
    x = torch.randn(n, m, generator=generator, device=device, dtype=dtype)
    q, _ = torch.linalg.qr(x)  # q [n, m]
    return q


def stiefel_residual(w: Tensor, phi: Tensor) -> Tensor:
    """The tangency residual ``W^T Phi + Phi^T W`` (shape ``[m, m]``); zero when tangent.

    Examples:
        >>> w = torch.tensor([[1.0], [0.0]])
        >>> stiefel_residual(w, torch.tensor([[0.0], [1.0]])).item()
        0.0
    """
    return w.mT @ phi + phi.mT @ w


def dual_value(g: Tensor, w: Tensor, lam: Tensor) -> Tensor:
    """The dual function ``D(Lambda) = ||G - W Lambda||_*`` (nuclear norm).

    Examples:
        >>> g = torch.tensor([[3.0, 0.0], [0.0, -4.0]])
        >>> dual_value(g, torch.eye(2), torch.zeros(2, 2)).item()
        7.0
    """
    return torch.linalg.svdvals(g - w @ lam).sum()


def dual_gradient(g: Tensor, w: Tensor, lam: Tensor, msign: Msign = msign_svd) -> Tensor:
    """Gradient of ``D`` over symmetric ``Lambda``: ``-(W^T Phi + Phi^T W) / 2``.

    Examples:
        >>> g = torch.tensor([[1.0, 2.0], [0.0, 1.0], [1.0, 0.0]], dtype=torch.float64)
        >>> w = torch.eye(3, 2, dtype=torch.float64)
        >>> grad = dual_gradient(g, w, torch.zeros(2, 2, dtype=torch.float64))
        >>> torch.allclose(grad, grad.T)
        True
    """
    phi = msign(g - w @ lam)  # [n, m]
    return -stiefel_residual(w, phi) / 2


def safe_step(g: Tensor, w: Tensor) -> float:
    """``sigma_min((I - W W^T) G)``: no singular value of ``G - W Lambda`` is smaller.

    Examples:
        >>> g = torch.tensor([[5.0], [2.0]])
        >>> safe_step(g, torch.tensor([[1.0], [0.0]]))
        2.0
    """
    g_perp = g - w @ (w.mT @ g)  # [n, m], the part of G that W Lambda cannot touch
    return float(torch.linalg.svdvals(g_perp).min())


@dataclass
class DualDescent:
    """Result of :func:`dual_gradient_descent`.

    Attributes:
        lam: The dual variable ``Lambda`` (symmetric, ``[m, m]``).
        phi: The direction ``msign(G - W Lambda)`` (``[n, m]``).
        residuals: ``||W^T Phi_k + Phi_k^T W||_F`` at every step.
        gaps: ``tr(G^T Phi_k) - ||G - W Lambda_k||_*`` at every step (zero at the optimum).
    """

    lam: Tensor
    phi: Tensor
    residuals: list[float] = field(default_factory=list)
    gaps: list[float] = field(default_factory=list)


def dual_gradient_descent(
    g: Tensor,
    w: Tensor,
    *,
    step: float | None = None,
    steps: int = 500,
    tol: float = 1e-12,
    lam0: Tensor | None = None,
    msign: Msign = msign_svd,
) -> DualDescent:
    """Minimise ``||G - W Lambda||_*`` over symmetric ``Lambda`` by gradient descent.

    Args:
        g: Gradient ``G``, shape ``[n, m]``.
        w: A point of the Stiefel manifold, ``W^T W = I``, shape ``[n, m]``.
        step: The step ``beta``; default :func:`safe_step`.
        steps: Maximum number of dual steps.
        tol: Stop once ``||W^T Phi + Phi^T W||_F <= tol``.
        lam0: Initial ``Lambda``; default ``sym(W^T G)``, exact when ``W`` is square.
        msign: The matrix sign to use.

    Returns:
        The dual variable, the direction, and the residual and gap histories.

    Examples:
        >>> gen = torch.Generator().manual_seed(0)
        >>> w = random_stiefel(12, 3, generator=gen)
        >>> g = torch.randn(12, 3, generator=gen, dtype=torch.float64)
        >>> out = dual_gradient_descent(g, w, tol=1e-10)
        >>> out.residuals[-1] <= 1e-10
        True
    """
    beta = safe_step(g, w) if step is None else step
    lam = sym(w.mT @ g) if lam0 is None else lam0.clone()  # [m, m]
    out = DualDescent(lam=lam, phi=g)
    for _ in range(steps + 1):
        m = g - w @ lam  # [n, m]
        phi = msign(m)
        residual = stiefel_residual(w, phi)  # [m, m]
        out.lam, out.phi = lam, phi
        out.residuals.append(float(torch.linalg.matrix_norm(residual)))
        out.gaps.append(float((g * phi).sum() - (m * phi).sum()))  # tr(Lambda R) / 2
        if out.residuals[-1] <= tol or len(out.residuals) > steps:
            break
        lam = lam + beta * residual / 2  # minus the dual gradient
    return out


def orthogonal_direction(g: Tensor, w: Tensor, msign: Msign = msign_svd) -> Tensor:
    """The steepest tangent direction for square orthogonal ``W``: ``W msign(skew(W^T G))``.

    Examples:
        >>> w = torch.eye(2, dtype=torch.float64)
        >>> orthogonal_direction(torch.tensor([[1.0, 3.0], [1.0, 2.0]], dtype=w.dtype), w)
        tensor([[ 0.,  1.],
                [-1.,  0.]], dtype=torch.float64)
    """
    return w @ msign(skew(w.mT @ g))
