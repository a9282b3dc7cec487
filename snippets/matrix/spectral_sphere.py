"""Steepest descent on the spectral sphere ``||W||_2 = 1`` (Muon restricted to a sphere).

The direction that decreases the loss fastest under the spectral norm while keeping
``||W||_2`` fixed to first order is ``Phi = msign(G + lambda Theta)``, where
``Theta = u_1 v_1^T`` is the top singular pair of ``W`` and ``lambda`` solves the scalar tangent
condition ``tr(Theta^T Phi) = 0``. This module computes:

* :func:`top_singular_pair` and :func:`spectral_sphere_theta` -- ``u_1, v_1`` and ``Theta``;
* :func:`tangent_residual` -- ``h(lambda) = tr(Theta^T msign(G + lambda Theta))``, nondecreasing
  in ``lambda`` (the derivative of the convex dual function ``||G + lambda Theta||_*``);
* :func:`solve_lambda` -- the fixed-point update
  ``lambda <- lambda - (v_1^T Phi^T M v_1) (u_1^T Phi v_1)`` with ``M = G + lambda Theta``,
  which needs only ``msign`` (no inverse square root) and matrix-vector products;
* :func:`spectral_sphere_direction` and :func:`spectral_sphere_step` -- the direction, and one
  step with the retraction ``W <- (W - eta Phi) / ||W - eta Phi||_2``.

``msign`` is a parameter (default: the SVD reference :func:`snippets.matrix.msign.msign_svd`), so an
iterative msign (Newton-Schulz, Polar Express) can be passed in.

References:
    Jianlin Su, "Steepest descent on manifolds: 4. Muon + spectral sphere", kexue.fm (2025),
    https://kexue.fm/archives/11241
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


def top_singular_pair(w: Tensor) -> tuple[Tensor, Tensor, Tensor]:
    """The top singular triple ``(u_1, v_1, sigma_1)`` of ``w`` (shape ``[n, m]``).

    Examples:
        >>> u, v, s = top_singular_pair(torch.tensor([[0.0, 2.0], [1.0, 0.0]]))
        >>> s.item(), u.abs().tolist(), v.abs().tolist()
        (2.0, [1.0, 0.0], [0.0, 1.0])
    """
    u, s, vh = torch.linalg.svd(w, full_matrices=False)  # u [n, k], s [k], vh [k, m]
    return u[:, 0], vh[0], s[0]


def spectral_sphere_theta(w: Tensor) -> Tensor:
    """``Theta = u_1 v_1^T``, the gradient of ``||W||_2`` (shape of ``w``).

    Examples:
        >>> spectral_sphere_theta(torch.diag(torch.tensor([3.0, 1.0]))).tolist()
        [[1.0, 0.0], [0.0, 0.0]]
    """
    u, v, _ = top_singular_pair(w)
    return torch.outer(u, v)  # [n] x [m] -> [n, m]


def tangent_residual(g: Tensor, theta: Tensor, lam: float, msign: Msign = msign_svd) -> float:
    """``h(lambda) = tr(Theta^T msign(G + lambda Theta))``; zero at the tangent ``lambda``.

    Examples:
        >>> g = torch.tensor([[1.0, 2.0], [-3.0, 0.5]], dtype=torch.float64)
        >>> theta = torch.tensor([[1.0, 0.0], [0.0, 0.0]], dtype=torch.float64)
        >>> abs(tangent_residual(g, theta, -1.5)) < 1e-12  # lambda* = -(a + d)
        True
    """
    return float((theta * msign(g + lam * theta)).sum())


@dataclass
class LambdaSolve:
    """Result of :func:`solve_lambda`.

    Attributes:
        lam: The multiplier ``lambda``.
        phi: The direction ``msign(G + lambda Theta)`` (shape of ``G``).
        residuals: ``|tr(Theta^T Phi_k)|`` at every step, starting from the initial guess.
        lams: ``lambda_k`` at every step.
    """

    lam: float
    phi: Tensor
    residuals: list[float] = field(default_factory=list)
    lams: list[float] = field(default_factory=list)


def solve_lambda(
    g: Tensor,
    theta: Tensor,
    *,
    steps: int = 50,
    tol: float = 0.0,
    lam0: float | None = None,
    msign: Msign = msign_svd,
) -> LambdaSolve:
    """Solve ``tr(Theta^T msign(G + lambda Theta)) = 0`` by the fixed-point update.

    With ``M_k = G + lambda_k Theta`` and ``Phi_k = msign(M_k)``, the update is
    ``lambda_{k+1} = lambda_k - c_k h_k`` with ``h_k = u_1^T Phi_k v_1`` and
    ``c_k = v_1^T |M_k| v_1 = v_1^T Phi_k^T M_k v_1 > 0``. A wide problem is solved transposed, so
    that ``|M_k|`` is the small, full-rank Gram side.

    Args:
        g: Gradient ``G``, shape ``[n, m]``.
        theta: ``Theta = u_1 v_1^T`` (rank one, unit Frobenius norm), shape ``[n, m]``.
        steps: Maximum number of updates.
        tol: Stop once ``|h_k| <= tol``.
        lam0: Initial guess; default ``-tr(Theta^T G)``, exact when ``|M|`` is a multiple of I.
        msign: The matrix sign to use.

    Returns:
        The multiplier, the direction at it, and the per-step history.

    Examples:
        >>> g = torch.tensor([[1.0, 2.0], [-3.0, 0.5]], dtype=torch.float64)
        >>> theta = torch.tensor([[1.0, 0.0], [0.0, 0.0]], dtype=torch.float64)
        >>> round(solve_lambda(g, theta, steps=60).lam, 10)  # -(a + d)
        -1.5
    """
    if g.shape[0] < g.shape[1]:  # wide: solve for G^T, Theta^T (msign commutes with transpose)
        out = solve_lambda(g.mT, theta.mT, steps=steps, tol=tol, lam0=lam0, msign=msign)
        out.phi = out.phi.mT  # [m, n] -> [n, m]
        return out
    # Theta = u v^T with |u| = |v| = 1: recover u, v from its largest column/row.
    v = theta[theta.norm(dim=1).argmax()]
    v = v / v.norm()  # [m]
    u = theta @ v  # [n], unit because |v| = 1
    lam = -float((theta * g).sum()) if lam0 is None else float(lam0)
    out = LambdaSolve(lam=lam, phi=g)
    for _ in range(steps + 1):
        m = g + lam * theta  # [n, m]
        phi = msign(m)
        h = float(u @ phi @ v)
        out.lam, out.phi = lam, phi
        out.residuals.append(abs(h))
        out.lams.append(lam)
        if abs(h) <= tol or len(out.residuals) > steps:
            break
        c = float((phi @ v) @ (m @ v))  # v^T Phi^T M v = v^T |M| v
        lam = lam - c * h
    return out


def spectral_sphere_direction(
    g: Tensor, w: Tensor, *, steps: int = 50, tol: float = 1e-12, msign: Msign = msign_svd
) -> Tensor:
    """The steepest-descent direction on the spectral sphere through ``w``.

    Examples:
        >>> w = torch.diag(torch.tensor([1.0, 0.5], dtype=torch.float64))
        >>> g = torch.tensor([[1.0, 2.0], [-3.0, 0.5]], dtype=torch.float64)
        >>> phi = spectral_sphere_direction(g, w)
        >>> abs(phi[0, 0].item()) < 1e-10  # tangent: tr(Theta^T Phi) = phi_11
        True
    """
    return solve_lambda(g, spectral_sphere_theta(w), steps=steps, tol=tol, msign=msign).phi


def retract(w: Tensor, phi: Tensor, lr: float) -> Tensor:
    """``(W - lr Phi) / ||W - lr Phi||_2``: back onto the sphere ``||W||_2 = 1``.

    Examples:
        >>> w = torch.eye(2, dtype=torch.float64)
        >>> torch.linalg.matrix_norm(retract(w, torch.ones(2, 2, dtype=w.dtype), 0.3), ord=2)
        tensor(1., dtype=torch.float64)
    """
    x = w - lr * phi
    return x / torch.linalg.matrix_norm(x, ord=2)


def spectral_sphere_step(
    w: Tensor, g: Tensor, lr: float, *, msign: Msign = msign_svd
) -> tuple[Tensor, float]:
    """One step of steepest descent on the spectral sphere: direction, then retraction.

    Returns:
        The new weight (on the sphere) and the multiplier ``lambda`` used.
    """
    sol = solve_lambda(g, spectral_sphere_theta(w), tol=1e-12, msign=msign)
    return retract(w, sol.phi, lr), sol.lam


def project_tangent(x: Tensor, theta: Tensor) -> Tensor:
    """Remove the ``Theta`` component: ``X - tr(Theta^T X) Theta`` (for ``||Theta||_F = 1``).

    Examples:
        >>> theta = torch.tensor([[1.0, 0.0], [0.0, 0.0]])
        >>> project_tangent(torch.ones(2, 2), theta).tolist()
        [[0.0, 1.0], [1.0, 1.0]]
    """
    return x - (theta * x).sum() * theta
