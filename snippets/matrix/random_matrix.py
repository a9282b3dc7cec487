"""Spectral norms of Gaussian random matrices, and the reference curves they are compared with.

* :func:`gaussian_spectral_norms` -- ``||W||_2`` for independent ``n x m`` standard Gaussian
  matrices (batched, on any device);
* :func:`chi_mean` -- ``c_n = E||g||`` for ``g ~ N(0, I_n)``, the lower-bound ingredient;
* :func:`gordon_bound` -- ``sqrt(n) + sqrt(m)``;
* :func:`marchenko_pastur_density` -- the limiting eigenvalue density of ``W^T W / n``.

References:
    Vershynin, "High-Dimensional Probability" (2018), section 7.3. Bai, Yin, Annals of
    Probability 21 (1993). Marchenko, Pastur, Mat. Sbornik (1967). Su, "The spectral norm of
    random matrices", https://kexue.fm/archives/11335 (2025).
"""

from __future__ import annotations

import math

import torch
from torch import Tensor


def gaussian_spectral_norms(
    n: int,
    m: int,
    trials: int,
    *,
    generator: torch.Generator | None = None,
    device: torch.device | None = None,
    dtype: torch.dtype = torch.float64,
    batch: int = 64,
) -> Tensor:
    """``||W||_2`` for ``trials`` independent ``[n, m]`` matrices with i.i.d. N(0, 1) entries.

    Matrices are drawn ``batch`` at a time (shape ``[batch, n, m]``) to bound memory.

    Examples:
        >>> gen = torch.Generator().manual_seed(0)
        >>> norms = gaussian_spectral_norms(3, 2, 5, generator=gen)
        >>> norms.shape, bool((norms > 0).all())
        (torch.Size([5]), True)
    """
    out = []
    done = 0
    while done < trials:
        k = min(batch, trials - done)
        w = torch.randn(k, n, m, generator=generator, device=device, dtype=dtype)  # [k, n, m]
        out.append(torch.linalg.matrix_norm(w, ord=2))  # [k]
        done += k
    return torch.cat(out)


def chi_mean(n: int) -> float:
    """``c_n = sqrt(2) Gamma((n+1)/2) / Gamma(n/2)``, the mean length of a standard normal vector.

    Examples:
        >>> round(chi_mean(1), 6)  # E|z| = sqrt(2/pi)
        0.797885
        >>> round(chi_mean(3) * chi_mean(4), 9)  # c_n c_{n+1} = n
        3.0
    """
    return math.sqrt(2) * math.exp(math.lgamma((n + 1) / 2) - math.lgamma(n / 2))


def gordon_bound(n: int, m: int) -> float:
    """``sqrt(n) + sqrt(m)``, Gordon's bound on ``E||W||_2``.

    Examples:
        >>> gordon_bound(4, 9)
        5.0
    """
    return math.sqrt(n) + math.sqrt(m)


def marchenko_pastur_density(x: Tensor, y: float) -> Tensor:
    """Density of the eigenvalues of ``W^T W / n`` as ``n -> inf`` with ``m / n = y <= 1``.

    Zero outside ``[(1 - sqrt y)^2, (1 + sqrt y)^2]``.

    Examples:
        >>> x = torch.tensor([0.0, 1.0, 5.0], dtype=torch.float64)
        >>> marchenko_pastur_density(x, 1.0).round(decimals=4).tolist()
        [0.0, 0.2757, 0.0]
    """
    lo, hi = (1 - math.sqrt(y)) ** 2, (1 + math.sqrt(y)) ** 2
    inside = ((hi - x) * (x - lo)).clamp(min=0)
    safe_x = torch.where(x > 0, x, torch.ones_like(x))
    return torch.where(x > 0, inside.sqrt() / (2 * math.pi * y * safe_x), torch.zeros_like(x))
