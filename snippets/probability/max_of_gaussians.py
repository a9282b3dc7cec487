"""The maximum of n i.i.d. standard normal variables: its mean, bounds, expansions, samples.

* :func:`expected_max` -- ``E[max(z_1, ..., z_n)]`` by quadrature of
  ``int_0^inf (1 - Phi^n) dx - int_-inf^0 Phi^n dx`` (Gauss-Legendre panels, ``log Phi`` from
  ``scipy.special.log_ndtr`` so the far tail keeps its digits);
* :func:`upper_bound` -- ``sqrt(2 ln n)``, the bound from Jensen's inequality and the Gaussian
  moment generating function;
* :func:`su_estimate` -- ``sqrt(2 ln(n / sqrt(2 pi)))``, the root of ``n phi(x) = 1``;
* :func:`location` -- ``b_n`` with ``n (1 - Phi(b_n)) = 1``, and :func:`gumbel_mean`,
  ``b_n + gamma / b_n``;
* :func:`two_term` -- ``sqrt(2 ln n) - (ln ln n + ln 4 pi - 2 gamma) / (2 sqrt(2 ln n))``;
* :func:`sample_max` -- Monte Carlo maxima in torch (on the device it is given).

References:
    Su, "Asymptotic estimate of the maximum of n normal random numbers" (kexue.fm, 2025),
    https://kexue.fm/archives/11390. Boucheron, Lugosi, Massart, "Concentration Inequalities"
    (2013), section 2.5. Leadbetter, Lindgren, Rootzen, "Extremes and Related Properties of
    Random Sequences and Processes" (1983), theorem 1.5.3.
"""

from __future__ import annotations

import math

import numpy as np
import torch
from numpy.typing import ArrayLike, NDArray
from scipy import special

EULER_GAMMA = float(np.euler_gamma)
_NODES, _WEIGHTS = np.polynomial.legendre.leggauss(24)


def _panels(lo: float, hi: float, width: float = 0.25) -> tuple[NDArray, NDArray]:
    """Gauss-Legendre nodes and weights on ``[lo, hi]``, in panels of about ``width``."""
    count = max(1, math.ceil((hi - lo) / width))
    edges = np.linspace(lo, hi, count + 1)
    half = np.diff(edges) / 2  # [count]
    mid = (edges[:-1] + edges[1:]) / 2  # [count]
    x = (mid[:, None] + half[:, None] * _NODES[None, :]).ravel()  # [count * 24]
    w = (half[:, None] * _WEIGHTS[None, :]).ravel()  # [count * 24]
    return x, w


def expected_max(n: int) -> float:
    """``E[max(z_1, ..., z_n)]`` for i.i.d. standard normal ``z_i``, to about 1e-14.

    Args:
        n: Number of variables, ``n >= 1``.

    Returns:
        The expectation.

    Examples:
        >>> round(expected_max(2) * math.sqrt(math.pi), 12)  # 1/sqrt(pi)
        1.0
        >>> round(expected_max(3) * 2 * math.sqrt(math.pi) / 3, 12)  # 3/(2 sqrt(pi))
        1.0
        >>> expected_max(1)
        0.0
    """
    if n < 1:
        raise ValueError(f"need n >= 1, got {n}")
    if n == 1:
        return 0.0
    a = math.sqrt(2 * math.log(n))
    x_hi, w_hi = _panels(0.0, a + 12.0)
    x_lo, w_lo = _panels(-12.0, 0.0)
    upper = -np.expm1(n * special.log_ndtr(x_hi))  # 1 - Phi^n, accurate where it is tiny
    lower = np.exp(n * special.log_ndtr(x_lo))
    return float(w_hi @ upper - w_lo @ lower)


def upper_bound(n: ArrayLike) -> NDArray:
    """``sqrt(2 ln n)``.

    Examples:
        >>> float(upper_bound(1))
        0.0
    """
    return np.sqrt(2 * np.log(np.asarray(n, dtype=float)))


def su_estimate(n: ArrayLike) -> NDArray:
    """``sqrt(2 ln(n / sqrt(2 pi)))``, the root of ``n phi(x) = 1`` (needs ``n > sqrt(2 pi)``).

    Examples:
        >>> x = float(su_estimate(1000))
        >>> round(1000 * math.exp(-x * x / 2) / math.sqrt(2 * math.pi), 12)
        1.0
    """
    return np.sqrt(2 * np.log(np.asarray(n, dtype=float) / math.sqrt(2 * math.pi)))


def location(n: ArrayLike) -> NDArray:
    """``b_n = Phi^{-1}(1 - 1/n)``, computed as ``-Phi^{-1}(1/n)`` (no cancellation).

    Examples:
        >>> b = float(location(100))
        >>> round(float(100 * special.ndtr(-b)), 12)
        1.0
    """
    return -special.ndtri(1 / np.asarray(n, dtype=float))


def gumbel_mean(n: ArrayLike) -> NDArray:
    """``b_n + gamma / b_n``: the mean of the Gumbel approximation of the maximum.

    Examples:
        >>> round(float(gumbel_mean(10**6)), 2)
        4.87
    """
    b = location(n)
    return b + EULER_GAMMA / b


def two_term(n: ArrayLike) -> NDArray:
    """``sqrt(2 ln n) - (ln ln n + ln 4 pi - 2 gamma) / (2 sqrt(2 ln n))`` (needs ``n > e``).

    Examples:
        >>> round(float(two_term(4096)), 2)
        3.65
    """
    ell = np.log(np.asarray(n, dtype=float))
    a = np.sqrt(2 * ell)
    return a - (np.log(ell) + math.log(4 * math.pi) - 2 * EULER_GAMMA) / (2 * a)


def sample_max(
    n: int,
    samples: int,
    *,
    generator: torch.Generator,
    device: torch.device | None = None,
    dtype: torch.dtype = torch.float32,
    chunk_elements: int = 1 << 22,
) -> torch.Tensor:
    """``samples`` independent draws of ``max(z_1, ..., z_n)``, drawn in chunks.

    Args:
        n: Number of variables per draw.
        samples: Number of draws.
        generator: Seeded generator on ``device``.
        device: Where to draw (default: the generator's device).
        dtype: Floating type of the draws.
        chunk_elements: Normals drawn at once (bounds the memory).

    Returns:
        Tensor of shape ``[samples]``.

    Examples:
        >>> g = torch.Generator().manual_seed(0)
        >>> m = sample_max(2, 200_000, generator=g, dtype=torch.float64)
        >>> abs(m.mean().item() - 1 / math.sqrt(math.pi)) < 0.01
        True
    """
    device = device or generator.device
    rows = max(1, chunk_elements // n)
    out = []
    for start in range(0, samples, rows):
        m = min(rows, samples - start)
        z = torch.randn(m, n, generator=generator, device=device, dtype=dtype)  # [m, n]
        out.append(z.amax(dim=1))  # [m]
    return torch.cat(out)
