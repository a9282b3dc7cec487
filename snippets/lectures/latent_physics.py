"""A latent "physics block": one Euler step of a damped oscillator, and learning its parameters.

The latent trajectory ``z_t`` is asked to obey ``z'' + g1 z' + g0 z = 0``. The block estimates the
velocity by a backward difference, takes one semi-implicit Euler step (velocity first, then the
position with the new velocity) and predicts ``z_{t+1}``; ``g0`` and ``g1`` are learned by
gradient descent on the squared prediction error. Pure functions at the core:

* :func:`physics_step` -- the block's one-step prediction, and :func:`recurrence_coefficients`,
  the same map as ``z_{t+1} = a z_t + b z_{t-1}``;
* :func:`simulate_oscillator` -- exact samples of the continuous system (matrix exponential);
* :func:`characteristic_roots`, :func:`spectral_radius`, :func:`in_stability_triangle` -- when
  the discrete latent decays;
* :func:`euler_consistent_parameters`, :func:`continuous_parameters` -- the parameters the block
  learns from exact data, and the map back;
* :func:`prediction_loss`, :func:`prediction_loss_grad`, :func:`prediction_loss_hessian`,
  :func:`gaussian_kl` -- the loss, its closed-form gradient and Hessian, and the KL term;
* :func:`fit_parameters` -- gradient descent on ``(g0, g1)`` with torch autograd.

References:
    A. Castaneda Garcia, J. van Gemert, D. Brinks, N. Tomen, "Learning Physics From Video:
    Unsupervised Physical Parameter Estimation for Continuous Dynamical Systems", CVPR 2025,
    arXiv:2410.01376.
    Mathematics for large models, Lecture 17, section 3.
"""

from __future__ import annotations

from dataclasses import dataclass

import torch
from torch import Tensor

Scalar = float | Tensor


def physics_step(z_prev: Tensor, z_curr: Tensor, g0: Scalar, g1: Scalar, dt: float) -> Tensor:
    """Predict ``z_{t+1}`` from ``(z_{t-1}, z_t)`` with one semi-implicit Euler step.

    ``v = (z_t - z_{t-1}) / dt``, ``acc = -(g1 v + g0 z_t)``, ``v' = v + dt acc``,
    ``z_{t+1} = z_t + dt v'``.

    Examples:
        >>> z = physics_step(torch.tensor(1.0), torch.tensor(1.0), 4.0, 0.5, 0.1)
        >>> round(z.item(), 6)  # at rest: only the spring acts, 1 - dt^2 g0
        0.96
    """
    velocity = (z_curr - z_prev) / dt
    acceleration = -(g1 * velocity + g0 * z_curr)
    velocity_next = velocity + dt * acceleration
    return z_curr + dt * velocity_next


def recurrence_coefficients(g0: Scalar, g1: Scalar, dt: Scalar) -> tuple[Scalar, Scalar]:
    """``(a, b)`` with ``z_{t+1} = a z_t + b z_{t-1}``.

    ``a = 2 - dt g1 - dt^2 g0`` and ``b = dt g1 - 1``.

    Examples:
        >>> recurrence_coefficients(4.0, 0.5, 0.1)
        (1.91, -0.95)
    """
    return 2 - dt * g1 - dt**2 * g0, dt * g1 - 1


def rollout(
    z0: Scalar, z1: Scalar, g0: Scalar, g1: Scalar, dt: float, steps: int, **factory
) -> Tensor:
    """Iterate :func:`physics_step` from ``(z_0, z_1)``; returns ``[steps]`` values ``z_0..``.

    ``factory`` (``device``, ``dtype``) is used when ``z0``/``z1`` are Python numbers.

    Examples:
        >>> z = rollout(1.0, 1.0, 4.0, 0.0, 0.1, 4, dtype=torch.float64)
        >>> [round(v, 6) for v in z.tolist()]
        [1.0, 1.0, 0.96, 0.8816]
    """
    out = [torch.as_tensor(z0, **factory), torch.as_tensor(z1, **factory)]
    for _ in range(steps - 2):
        out.append(physics_step(out[-2], out[-1], g0, g1, dt))
    return torch.stack(out[:steps])


def simulate_oscillator(
    g0: float,
    g1: float,
    dt: float,
    steps: int,
    z0: float = 1.0,
    v0: float = 0.0,
    *,
    device: torch.device | None = None,
    dtype: torch.dtype = torch.float64,
) -> Tensor:
    """Exact samples ``z(k dt)``, ``k = 0..steps-1``, of ``z'' + g1 z' + g0 z = 0``.

    The state ``(z, z')`` evolves by ``exp(A t)`` with ``A = [[0, 1], [-g0, -g1]]``; each sample
    is one matrix exponential (no error accumulates along the trajectory).

    Examples:
        >>> z = simulate_oscillator(1.0, 0.0, torch.pi / 2, 3)  # cos t at t = 0, pi/2, pi
        >>> [round(v, 6) for v in z.tolist()]
        [1.0, 0.0, -1.0]
    """
    a = torch.tensor([[0.0, 1.0], [-g0, -g1]], device=device, dtype=dtype)  # [2, 2]
    times = torch.arange(steps, device=device, dtype=dtype) * dt  # [steps]
    propagators = torch.linalg.matrix_exp(a[None] * times[:, None, None])  # [steps, 2, 2]
    state0 = torch.tensor([z0, v0], device=device, dtype=dtype)  # [2]
    return (propagators @ state0)[:, 0]  # [steps, 2] -> positions [steps]


def characteristic_roots(g0: Tensor, g1: Tensor, dt: Tensor | float) -> Tensor:
    """Roots of ``P(lambda) = lambda^2 - a lambda - b``; shape ``[..., 2]``, complex.

    Examples:
        >>> r = characteristic_roots(torch.tensor(4.0), torch.tensor(0.0), 0.1)
        >>> [round(v, 6) for v in r.abs().tolist()]  # undamped: on the unit circle
        [1.0, 1.0]
    """
    a, b = recurrence_coefficients(g0, g1, dt)
    a = torch.as_tensor(a).to(torch.complex128)
    root = torch.sqrt(a**2 + 4 * b)  # complex sqrt of the discriminant
    return torch.stack(((a + root) / 2, (a - root) / 2), dim=-1)  # [..., 2]


def spectral_radius(g0: Tensor, g1: Tensor, dt: Tensor | float) -> Tensor:
    """``max |lambda_pm|`` (real, float64): below 1 exactly when the latent decays.

    Examples:
        >>> spectral_radius(torch.tensor(4.0), torch.tensor(0.5), 0.1).item() < 1
        True
    """
    return characteristic_roots(g0, g1, dt).abs().amax(dim=-1)


def in_stability_triangle(p: Tensor, q: Tensor) -> Tensor:
    """Jury conditions in ``p = dt g1``, ``q = dt^2 g0``: ``p > 0, q > 0, 2p + q < 4``.

    Examples:
        >>> in_stability_triangle(torch.tensor([0.5, 0.5, -0.1]), torch.tensor([1.0, 3.5, 1.0]))
        tensor([ True, False, False])
    """
    return (p > 0) & (q > 0) & (2 * p + q < 4)


def max_stable_step(g0: float, g1: float) -> float:
    """``dt_max = 4 / (g1 + sqrt(g1^2 + 4 g0))`` for ``g0, g1 > 0``.

    Examples:
        >>> max_stable_step(1.0, 0.0)  # undamped: dt g0^{1/2} < 2
        2.0
    """
    return 4.0 / (g1 + (g1**2 + 4.0 * g0) ** 0.5)


def euler_consistent_parameters(g0: float, g1: float, dt: float) -> tuple[float, float]:
    """``(hat g0, hat g1)`` whose recurrence has the roots ``e^{mu dt}`` of the continuous system.

    ``hat g1 = (1 - e^{-g1 dt}) / dt`` and ``hat g0 = (1 + e^{-g1 dt} - e^{mu+ dt} - e^{mu- dt})
    / dt^2``: every exact solution, sampled every ``dt``, satisfies the block's recurrence with
    these parameters, so they are what noise-free continuous data teach the block.

    Examples:
        >>> h0, h1 = euler_consistent_parameters(4.0, 0.0, 1e-3)
        >>> round(h0, 4), h1
        (4.0, 0.0)
    """
    disc = torch.tensor(g1**2 - 4 * g0, dtype=torch.complex128)
    mu = (-g1 + torch.stack((torch.sqrt(disc), -torch.sqrt(disc)))) / 2  # [2], complex
    lam = torch.exp(mu * dt)  # [2]
    product = torch.exp(torch.tensor(-g1 * dt, dtype=torch.float64)).item()
    hat_g1 = (1 - product) / dt
    hat_g0 = (1 + product - lam.sum().real.item()) / dt**2
    return hat_g0, hat_g1


def continuous_parameters(hat_g0: float, hat_g1: float, dt: float) -> tuple[float, float]:
    """Invert :func:`euler_consistent_parameters` through ``mu = log(lambda) / dt``.

    Valid when the discrete roots have ``|arg lambda| < pi`` (at least two samples per period).

    Examples:
        >>> g0, g1 = continuous_parameters(*euler_consistent_parameters(4.0, 0.5, 0.1), 0.1)
        >>> round(g0, 10), round(g1, 10)
        (4.0, 0.5)
    """
    lam = characteristic_roots(
        torch.tensor(hat_g0, dtype=torch.float64), torch.tensor(hat_g1, dtype=torch.float64), dt
    )  # [2], complex
    mu = torch.log(lam) / dt
    return (mu[0] * mu[1]).real.item(), -(mu[0] + mu[1]).real.item()


def prediction_loss(z: Tensor, g0: Scalar, g1: Scalar, dt: float) -> Tensor:
    """``sum_t ||physics_step(z_{t-1}, z_t) - z_{t+1}||^2`` over a trajectory ``z`` of ``[T, ...]``.

    Examples:
        >>> z = rollout(1.0, 0.99, 4.0, 0.5, 0.1, 20, dtype=torch.float64)
        >>> prediction_loss(z, 4.0, 0.5, 0.1).item() < 1e-28
        True
    """
    predicted = physics_step(z[:-2], z[1:-1], g0, g1, dt)  # [T-2, ...]
    return ((predicted - z[2:]) ** 2).sum()


def prediction_loss_grad(z: Tensor, g0: Scalar, g1: Scalar, dt: float) -> Tensor:
    """Closed-form ``(dL/dg0, dL/dg1) = -2 dt^2 sum_t e_t (z_t, z'_t)``, ``e_t`` the error.

    Examples:
        >>> z = rollout(1.0, 0.99, 4.0, 0.5, 0.1, 20, dtype=torch.float64)
        >>> prediction_loss_grad(z, 4.0, 0.5, 0.1).abs().max().item() < 1e-12
        True
    """
    error = physics_step(z[:-2], z[1:-1], g0, g1, dt) - z[2:]  # [T-2, ...]
    velocity = (z[1:-1] - z[:-2]) / dt  # [T-2, ...]
    return torch.stack(
        (-2 * dt**2 * (error * z[1:-1]).sum(), -2 * dt**2 * (error * velocity).sum())
    )


def prediction_loss_hessian(z: Tensor, dt: float) -> Tensor:
    """``2 dt^4 sum_t [[z_t^2, z_t z'_t], [z_t z'_t, z'_t^2]]`` (independent of ``g0, g1``).

    Examples:
        >>> prediction_loss_hessian(torch.tensor([0.0, 1.0, 1.0]), 1.0).tolist()
        [[2.0, 2.0], [2.0, 2.0]]
    """
    features = torch.stack((z[1:-1], (z[1:-1] - z[:-2]) / dt), dim=-1)  # [T-2, ..., 2]
    features = features.reshape(-1, 2)  # [N, 2]: every (time, latent) pair is one row
    return 2 * dt**4 * features.T @ features  # [2, 2]


def gaussian_kl(mu: Tensor, logvar: Tensor) -> Tensor:
    """``KL(N(mu, diag exp(logvar)) || N(0, I)) = 1/2 sum (mu^2 + sigma^2 - 1 - log sigma^2)``.

    Sums over the last dimension (one KL per leading index).

    Examples:
        >>> gaussian_kl(torch.zeros(3), torch.zeros(3)).item()
        0.0
    """
    return 0.5 * (mu**2 + logvar.exp() - 1 - logvar).sum(-1)


def latent_physics_loss(mu: Tensor, logvar: Tensor, g0: Scalar, g1: Scalar, dt: float) -> Tensor:
    """Prediction error on the encoder means ``mu`` (``[T, d]``) plus the summed KL term.

    Examples:
        >>> mu = rollout(1.0, 0.99, 4.0, 0.5, 0.1, 10, dtype=torch.float64)[:, None]  # [T, 1]
        >>> latent_physics_loss(mu, torch.zeros_like(mu), 4.0, 0.5, 0.1).item() == (
        ...     gaussian_kl(mu, torch.zeros_like(mu)).sum().item())
        True
    """
    return prediction_loss(mu, g0, g1, dt) + gaussian_kl(mu, logvar).sum()


@dataclass
class FitResult:
    """Outcome of :func:`fit_parameters`."""

    g0: float
    g1: float
    losses: Tensor
    lr: float


def fit_parameters(
    z: Tensor,
    dt: float,
    *,
    iterations: int = 200,
    init: tuple[float, float] = (1.0, 0.0),
    lr: float | None = None,
) -> FitResult:
    """Gradient descent on ``(g0, g1)`` for :func:`prediction_loss`, gradients by autograd.

    Runs on ``z.device`` in ``z.dtype``. The loss is quadratic in ``(g0, g1)`` with constant
    Hessian ``H``; the default step is the optimal constant one, ``2 / (l_min + l_max)`` with
    ``l`` the eigenvalues of ``H``, which contracts the error by ``(k - 1)/(k + 1)`` per step
    (``k = l_max / l_min``).

    Examples:
        >>> z = rollout(1.0, 0.99, 4.0, 0.5, 0.1, 60, dtype=torch.float64)
        >>> fit = fit_parameters(z, 0.1)
        >>> round(fit.g0, 6), round(fit.g1, 6)
        (4.0, 0.5)
    """
    if lr is None:
        eigenvalues = torch.linalg.eigvalsh(prediction_loss_hessian(z.detach(), dt))
        lr = 2.0 / (eigenvalues[0] + eigenvalues[-1]).item()
    params = torch.tensor(init, device=z.device, dtype=z.dtype, requires_grad=True)
    losses = []
    for _ in range(iterations):
        loss = prediction_loss(z, params[0], params[1], dt)
        (grad,) = torch.autograd.grad(loss, params)
        with torch.no_grad():
            params -= lr * grad
        losses.append(loss.detach())
    g0, g1 = params.detach().tolist()
    return FitResult(g0=g0, g1=g1, losses=torch.stack(losses), lr=lr)
