"""Entropy, cross-entropy, KL divergence and mutual information, and a cross-entropy fit.

The page ``posts/mathematics/probability/entropy-and-information`` runs these:

* :func:`entropy`, :func:`cross_entropy`, :func:`kl_divergence` -- discrete quantities, with
  ``0 ln 0 = 0`` and an infinite divergence where ``q`` misses mass of ``p``;
* :func:`binary_entropy` -- ``h(q) = -q log q - (1 - q) log(1 - q)``, vectorised;
* :func:`conditional_entropy`, :func:`mutual_information` -- of a joint table ``p[x, y]``;
* :func:`differential_entropy`, :func:`grid_moments` -- ``-int p ln p`` and the mean and variance
  of a density given by its log, by composite Simpson quadrature on a uniform grid;
* :func:`fit_categorical` -- gradient descent on softmax logits under the cross-entropy loss
  (torch), recording the loss, the entropy of the target and the divergence at every step.

References:
    C. E. Shannon, "A Mathematical Theory of Communication", Bell System Technical Journal 27
    (1948). T. M. Cover, J. A. Thomas, "Elements of Information Theory", 2nd ed., Wiley (2006).
    E. T. Jaynes, "Information Theory and Statistical Mechanics", Physical Review 106 (1957).
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import NamedTuple

import numpy as np
import torch
from numpy.typing import ArrayLike, NDArray
from torch import Tensor


def _log(values: NDArray[np.float64], base: float | None) -> NDArray[np.float64]:
    out = np.log(values)
    return out / math.log(base) if base is not None else out


def _probabilities(p: ArrayLike) -> NDArray[np.float64]:
    arr = np.asarray(p, dtype=np.float64)
    if np.any(arr < 0):
        raise ValueError("probabilities must be nonnegative")
    return arr


def entropy(p: ArrayLike, base: float | None = None) -> float:
    """``H(p) = -sum_i p_i log p_i`` (natural log unless ``base`` is given), with ``0 log 0 = 0``.

    Examples:
        >>> entropy([0.5, 0.5], base=2)
        1.0
        >>> round(entropy([1.0, 0.0, 0.0]), 12)
        0.0
        >>> round(entropy(np.full(8, 1 / 8)) - math.log(8), 12)
        0.0
    """
    arr = _probabilities(p)
    mask = arr > 0
    return float(-(arr[mask] * _log(arr[mask], base)).sum()) + 0.0  # no -0.0


def cross_entropy(p: ArrayLike, q: ArrayLike, base: float | None = None) -> float:
    """``H(p, q) = -sum_i p_i log q_i``; infinite when ``q_i = 0 < p_i`` for some ``i``.

    Examples:
        >>> round(cross_entropy([0.5, 0.5], [0.25, 0.75], base=2), 6)
        1.207519
        >>> cross_entropy([0.5, 0.5], [1.0, 0.0])
        inf
    """
    pa, qa = _probabilities(p), _probabilities(q)
    mask = pa > 0
    if np.any(qa[mask] == 0):
        return math.inf
    return float(-(pa[mask] * _log(qa[mask], base)).sum())


def kl_divergence(p: ArrayLike, q: ArrayLike, base: float | None = None) -> float:
    """``D(p || q) = sum_i p_i log(p_i / q_i)``; infinite when ``q`` misses mass of ``p``.

    Examples:
        >>> kl_divergence([0.5, 0.5], [0.5, 0.5])
        0.0
        >>> round(kl_divergence([0.5, 0.5], [0.25, 0.75], base=2), 6)
        0.207519
        >>> kl_divergence([0.5, 0.5], [1.0, 0.0])
        inf
    """
    pa, qa = _probabilities(p), _probabilities(q)
    mask = pa > 0
    if np.any(qa[mask] == 0):
        return math.inf
    return float((pa[mask] * _log(pa[mask] / qa[mask], base)).sum())


def binary_entropy(q: ArrayLike, base: float | None = 2.0) -> NDArray[np.float64]:
    """``h(q) = -q log q - (1 - q) log(1 - q)`` elementwise, in bits by default.

    Examples:
        >>> binary_entropy([0.0, 0.5, 1.0]).tolist()
        [0.0, 1.0, 0.0]
        >>> round(float(binary_entropy(0.11)), 4)
        0.4999
    """
    qa = np.asarray(q, dtype=np.float64)
    out = np.zeros_like(qa)
    inside = (qa > 0) & (qa < 1)
    v = qa[inside]
    out[inside] = -(v * _log(v, base) + (1 - v) * _log(1 - v, base))
    return out


def conditional_entropy(joint: ArrayLike, base: float | None = None) -> float:
    """``H(X | Y) = -sum_{x,y} p(x, y) log(p(x, y) / p(y))`` for a table ``joint[x, y]``.

    Examples:
        >>> round(conditional_entropy([[0.25, 0.25], [0.25, 0.25]], base=2), 12)
        1.0
        >>> round(conditional_entropy([[0.5, 0.0], [0.0, 0.5]]), 12)
        0.0
    """
    table = _probabilities(joint)
    py = table.sum(axis=0)  # [ny], the marginal of the column variable
    mask = table > 0
    ratio = table[mask] / np.broadcast_to(py, table.shape)[mask]
    return float(-(table[mask] * _log(ratio, base)).sum()) + 0.0  # no -0.0


def mutual_information(joint: ArrayLike, base: float | None = None) -> float:
    """``I(X; Y) = D(p_XY || p_X p_Y)`` for a table ``joint[x, y]``.

    Examples:
        >>> round(mutual_information([[0.5, 0.0], [0.0, 0.5]], base=2), 12)
        1.0
        >>> round(mutual_information(np.outer([0.2, 0.8], [0.6, 0.4])), 12)
        0.0
    """
    table = _probabilities(joint)
    product = np.outer(table.sum(axis=1), table.sum(axis=0))  # [nx, ny]
    return kl_divergence(table.ravel(), product.ravel(), base)  # ravel: [nx * ny]


def _simpson_weights(num: int, step: float) -> NDArray[np.float64]:
    if num < 3 or num % 2 == 0:
        raise ValueError("Simpson's rule needs an odd number of at least 3 points")
    weights = np.ones(num)
    weights[1:-1:2] = 4.0
    weights[2:-1:2] = 2.0
    return weights * step / 3.0


def differential_entropy(
    logpdf: Callable[[NDArray[np.float64]], NDArray[np.float64]],
    lo: float,
    hi: float,
    num: int = 200_001,
) -> float:
    """``h = -int_lo^hi p(x) ln p(x) dx`` by composite Simpson on ``num`` (odd) points.

    ``logpdf`` maps an array of points to ``ln p``; ``[lo, hi]`` should hold all but a
    negligible part of the mass (the support, for a density with bounded support).

    Examples:
        >>> lp = lambda x: -0.5 * x**2 - 0.5 * np.log(2 * np.pi)
        >>> bool(abs(differential_entropy(lp, -12, 12) - 0.5 * np.log(2 * np.pi * np.e)) < 1e-10)
        True
    """
    xs = np.linspace(lo, hi, num)
    lp = logpdf(xs)
    dens = np.exp(lp)
    integrand = np.where(dens > 0, -dens * lp, 0.0)
    return float(_simpson_weights(num, (hi - lo) / (num - 1)) @ integrand)


def grid_moments(
    logpdf: Callable[[NDArray[np.float64]], NDArray[np.float64]],
    lo: float,
    hi: float,
    num: int = 200_001,
) -> tuple[float, float, float]:
    """Total mass, mean and variance of the density ``exp(logpdf)`` on ``[lo, hi]`` (Simpson).

    Examples:
        >>> mass, mean, var = grid_moments(lambda x: -np.abs(x) - np.log(2.0), -40, 40)
        >>> round(mass, 9), abs(mean) < 1e-12, round(var, 6)
        (1.0, True, 2.0)
    """
    xs = np.linspace(lo, hi, num)
    dens = np.exp(logpdf(xs))
    w = _simpson_weights(num, (hi - lo) / (num - 1))
    mass = float(w @ dens)
    mean = float(w @ (xs * dens)) / mass
    var = float(w @ ((xs - mean) ** 2 * dens)) / mass
    return mass, mean, var


class FitHistory(NamedTuple):
    """What :func:`fit_categorical` records at every step (before the update)."""

    cross_entropy: Tensor  # H(p, softmax(z_k)), [steps]
    kl: Tensor  # D(p || softmax(z_k)), [steps]
    entropy: Tensor  # H(p), scalar
    logits: Tensor  # final logits, [n]
    max_grad_error: Tensor  # max_k |autograd gradient - (softmax(z_k) - p)|, scalar


def fit_categorical(
    target: ArrayLike,
    steps: int,
    lr: float,
    *,
    device: torch.device | None = None,
    dtype: torch.dtype = torch.float64,
    generator: torch.Generator | None = None,
) -> FitHistory:
    """Fit ``softmax(z)`` to ``target`` by gradient descent on the cross-entropy loss.

    The logits start at random (from ``generator``, which must live on ``device``; the device
    defaults to :func:`snippets.default_device`). At every step the autograd gradient is
    compared with the closed form ``softmax(z) - target``.

    Examples:
        >>> cpu = torch.device("cpu")
        >>> gen = torch.Generator().manual_seed(0)
        >>> hist = fit_categorical([0.7, 0.2, 0.1], 500, 1.0, device=cpu, generator=gen)
        >>> bool(hist.kl[-1] < 1e-6), bool(hist.max_grad_error < 1e-12)
        (True, True)
    """
    from snippets import default_device

    device = device or default_device()
    p = torch.as_tensor(np.asarray(target, dtype=np.float64), device=device, dtype=dtype)
    z = torch.randn(p.shape, generator=generator, device=device, dtype=dtype)
    z.requires_grad_(True)
    h = -(p * torch.log(p)).sum()
    ces, kls = [], []
    worst = torch.zeros((), device=device, dtype=dtype)
    for _ in range(steps):
        log_q = torch.log_softmax(z, dim=0)
        loss = -(p * log_q).sum()
        (grad,) = torch.autograd.grad(loss, z)
        with torch.no_grad():
            worst = torch.maximum(worst, (grad - (log_q.exp() - p)).abs().max())
            ces.append(loss.detach())
            kls.append((p * (torch.log(p) - log_q)).sum())
            z -= lr * grad
    return FitHistory(torch.stack(ces), torch.stack(kls), h, z.detach(), worst)
