"""The KL divergence four ways: codes, likelihood ratios, Gaussian fits, and sample estimators.

The page ``posts/mathematics/probability/kl-divergence-four-views`` runs these:

* :func:`shannon_code_lengths`, :func:`huffman_code_lengths`, :func:`kraft_sum`,
  :func:`mean_length` -- prefix-code lengths built for one distribution and used on another;
* :func:`gaussian_kl` -- the closed form for two univariate normals;
* :func:`shift_test_exponent` -- ``-(1/N) ln beta_N`` of the most powerful test between
  ``N(mu, 1)`` and ``N(0, 1)`` at level ``alpha`` (the Chernoff-Stein exponent, exactly);
* :class:`GaussianMixture` with :func:`forward_kl`, :func:`reverse_kl`, :func:`fit_forward`,
  :func:`fit_reverse` -- one Gaussian fitted to a mixture in either direction, the divergences
  computed as means under normal densities (each mixture component, or the fit) by the
  trapezoid rule on a standardised grid;
* :func:`kl_estimators`, :func:`gaussian_shift_log_ratios`, :func:`categorical_log_ratios`,
  :func:`gaussian_estimator_moments` -- Schulman's k1, k2, k3 from samples of q, and their exact
  means and variances for a unit-variance Gaussian pair (torch on the default device).

References:
    S. Kullback, R. A. Leibler, "On Information and Sufficiency", Ann. Math. Statist. 22 (1951).
    T. M. Cover, J. A. Thomas, "Elements of Information Theory", 2nd ed. (2006), chapters 5, 11.
    A. Banerjee, S. Merugu, I. Dhillon, J. Ghosh, "Clustering with Bregman Divergences", JMLR 6
    (2005). C. M. Bishop, "Pattern Recognition and Machine Learning" (2006), section 10.1.2.
    J. Schulman, "Approximating KL Divergence" (2020), http://joschu.net/blog/kl-approx.html.
"""

from __future__ import annotations

import heapq
import math
from dataclasses import dataclass

import numpy as np
import torch
from numpy.typing import ArrayLike, NDArray
from scipy import optimize, special
from torch import Tensor

#: Standardised grid for expectations under a normal density: E f(m + s T) with T ~ N(0, 1) by
#: the trapezoid rule, which converges geometrically for smooth integrands with Gaussian tails
#: (Gauss-Hermite with 120 nodes was 1e-3 off on log-mixture integrands: their log-sum-exp
#: switches between components over a short range).
_T = np.linspace(-14.0, 14.0, 801)
_T_WEIGHTS = np.exp(-(_T**2) / 2) / math.sqrt(2 * math.pi) * (_T[1] - _T[0])

# ------------------------------------------------------------------ codes


def shannon_code_lengths(q: ArrayLike) -> NDArray[np.int64]:
    """Lengths ``ceil(-log2 q_i)`` of the Shannon code built for ``q`` (all ``q_i > 0``).

    Examples:
        >>> shannon_code_lengths([0.5, 0.25, 0.125, 0.125]).tolist()
        [1, 2, 3, 3]
        >>> shannon_code_lengths([0.4, 0.6]).tolist()
        [2, 1]
    """
    qa = np.asarray(q, dtype=np.float64)
    # the small slack keeps exact powers of two (-log2 = 3.0000000000000004) at their length
    return np.ceil(-np.log2(qa) - 1e-12).astype(np.int64)


def huffman_code_lengths(q: ArrayLike) -> NDArray[np.int64]:
    """Codeword lengths of a Huffman code for ``q`` (an optimal prefix code).

    Repeatedly merges the two least probable subtrees; each merge adds one bit to every
    symbol below it. Ties are broken by insertion order, so the result is deterministic.

    Examples:
        >>> huffman_code_lengths([0.5, 0.25, 0.125, 0.125]).tolist()
        [1, 2, 3, 3]
        >>> huffman_code_lengths([0.4, 0.6]).tolist()
        [1, 1]
    """
    qa = np.asarray(q, dtype=np.float64)
    lengths = np.zeros(qa.size, dtype=np.int64)
    if qa.size == 1:
        return lengths + 1
    heap = [(float(v), idx, [idx]) for idx, v in enumerate(qa)]
    heapq.heapify(heap)
    counter = qa.size
    while len(heap) > 1:
        w1, _, s1 = heapq.heappop(heap)
        w2, _, s2 = heapq.heappop(heap)
        lengths[s1 + s2] += 1
        heapq.heappush(heap, (w1 + w2, counter, s1 + s2))
        counter += 1
    return lengths


def kraft_sum(lengths: ArrayLike) -> float:
    """``sum_i 2^{-l_i}``: at most 1 for the lengths of any uniquely decodable code.

    Examples:
        >>> kraft_sum([1, 2, 3, 3])
        1.0
    """
    return float(np.sum(np.exp2(-np.asarray(lengths, dtype=np.float64))))


def mean_length(p: ArrayLike, lengths: ArrayLike) -> float:
    """Expected codeword length ``sum_i p_i l_i`` in bits.

    Examples:
        >>> mean_length([0.5, 0.5], [1, 1])
        1.0
    """
    return float(np.dot(np.asarray(p, dtype=np.float64), np.asarray(lengths, dtype=np.float64)))


# ------------------------------------------------------------------ likelihood ratios


def gaussian_kl(mu1: float, sigma1: float, mu2: float, sigma2: float) -> float:
    """``D(N(mu1, sigma1^2) || N(mu2, sigma2^2))`` in nats.

    Examples:
        >>> gaussian_kl(0.0, 1.0, 0.0, 1.0)
        0.0
        >>> gaussian_kl(1.0, 1.0, 0.0, 1.0)
        0.5
    """
    return (
        math.log(sigma2 / sigma1) + (sigma1**2 + (mu1 - mu2) ** 2) / (2 * sigma2**2) - 0.5
    ) + 0.0


def shift_test_exponent(mu: float, n: ArrayLike, alpha: float = 0.05) -> NDArray[np.float64]:
    """``-(1/N) ln beta_N`` of the best level-``alpha`` test of ``N(mu, 1)`` against ``N(0, 1)``.

    The likelihood ratio is monotone in the sample mean, so the Neyman-Pearson test rejects
    ``p = N(mu, 1)`` (``mu > 0``) when the mean of ``N`` samples falls below
    ``mu + z_alpha / sqrt(N)``; its type-II error is ``beta_N = Phi(z_{1 - alpha} - sqrt(N) mu)``,
    evaluated with ``log_ndtr`` so that tiny errors do not underflow.

    Examples:
        >>> e = shift_test_exponent(1.0, [10, 10_000])
        >>> bool(e[0] < e[1] < 0.5)
        True
    """
    na = np.asarray(n, dtype=np.float64)
    z = special.ndtri(1 - alpha)
    return -special.log_ndtr(z - np.sqrt(na) * mu) / na


# ------------------------------------------------------------------ fitting one Gaussian


@dataclass(frozen=True)
class GaussianMixture:
    """A univariate Gaussian mixture ``sum_k w_k N(mu_k, sigma_k^2)``.

    Examples:
        >>> mix = GaussianMixture((0.5, 0.5), (-1.0, 1.0), (0.5, 0.5))
        >>> mix.mean(), mix.var()
        (0.0, 1.25)
    """

    weights: tuple[float, ...]
    means: tuple[float, ...]
    stds: tuple[float, ...]

    def logpdf(self, x: ArrayLike) -> NDArray[np.float64]:
        """``ln p(x)`` elementwise (log-sum-exp over components)."""
        xa = np.asarray(x, dtype=np.float64)[..., None]  # [..., 1] against components [K]
        w, m, s = (np.asarray(v, dtype=np.float64) for v in (self.weights, self.means, self.stds))
        comp = np.log(w) - 0.5 * np.log(2 * np.pi * s**2) - (xa - m) ** 2 / (2 * s**2)
        return special.logsumexp(comp, axis=-1)

    def mean(self) -> float:
        """``sum_k w_k mu_k``."""
        return float(np.dot(self.weights, self.means))

    def var(self) -> float:
        """``sum_k w_k (sigma_k^2 + mu_k^2) - mean^2``."""
        w, m, s = (np.asarray(v, dtype=np.float64) for v in (self.weights, self.means, self.stds))
        return float(np.dot(w, s**2 + m**2) - self.mean() ** 2)


def _gauss_logpdf(x: NDArray[np.float64], m: float, s: float) -> NDArray[np.float64]:
    return -0.5 * np.log(2 * np.pi * s**2) - (x - m) ** 2 / (2 * s**2)


def _normal_mean(values: NDArray[np.float64]) -> float:
    """``E f(T)``, ``T ~ N(0, 1)``, from ``values = f(_T)``."""
    return float(_T_WEIGHTS @ values)


def forward_kl(mix: GaussianMixture, m: float, s: float) -> float:
    """``D(p || N(m, s^2))`` for the mixture ``p``: the weighted means under its components.

    Examples:
        >>> mix = GaussianMixture((1.0,), (0.0,), (1.0,))
        >>> round(forward_kl(mix, 1.0, 1.0), 12)
        0.5
    """
    total = 0.0
    for wk, mk, sk in zip(mix.weights, mix.means, mix.stds):
        xs = mk + sk * _T
        total += wk * _normal_mean(mix.logpdf(xs) - _gauss_logpdf(xs, m, s))
    return total


def reverse_kl(mix: GaussianMixture, m: float, s: float) -> float:
    """``D(N(m, s^2) || p)`` for the mixture ``p``: a mean under the Gaussian.

    Examples:
        >>> mix = GaussianMixture((1.0,), (0.0,), (1.0,))
        >>> round(reverse_kl(mix, 1.0, 1.0), 12)
        0.5
    """
    xs = m + s * _T
    return _normal_mean(_gauss_logpdf(xs, m, s) - mix.logpdf(xs))


def fit_forward(mix: GaussianMixture) -> tuple[float, float]:
    """The minimiser of ``D(p || N(m, s^2))``: the mixture's mean and standard deviation.

    Examples:
        >>> fit_forward(GaussianMixture((0.5, 0.5), (-1.0, 1.0), (0.5, 0.5)))
        (0.0, 1.118033988749895)
    """
    return mix.mean(), math.sqrt(mix.var())


def fit_reverse(mix: GaussianMixture, m0: float, s0: float) -> tuple[float, float]:
    """A local minimiser of ``D(N(m, s^2) || p)`` found from ``(m0, s0)`` (BFGS on ``m, ln s``).

    Examples:
        >>> mix = GaussianMixture((0.5, 0.5), (-3.0, 3.0), (0.5, 0.5))
        >>> m, s = fit_reverse(mix, -2.5, 1.0)
        >>> round(m, 3), round(s, 3)
        (-3.0, 0.5)
    """

    def objective(theta: NDArray[np.float64]) -> float:
        return reverse_kl(mix, float(theta[0]), math.exp(float(theta[1])))

    res = optimize.minimize(objective, np.array([m0, math.log(s0)]), method="BFGS", tol=1e-12)
    return float(res.x[0]), math.exp(float(res.x[1]))


# ------------------------------------------------------------------ estimators


def kl_estimators(log_ratio: Tensor) -> tuple[Tensor, Tensor, Tensor]:
    """Schulman's ``k1, k2, k3`` from ``log r = ln p(x) - ln q(x)`` at samples ``x ~ q``.

    Each has the shape of ``log_ratio``; ``k1`` and ``k3`` are unbiased for ``D(q || p)``.

    Examples:
        >>> k1, k2, k3 = kl_estimators(torch.tensor([0.0, 1.0], dtype=torch.float64))
        >>> k1.tolist(), k2.tolist(), [round(v, 6) for v in k3.tolist()]
        ([-0.0, -1.0], [0.0, 0.5], [0.0, 0.718282])
    """
    k1 = -log_ratio
    k2 = 0.5 * log_ratio**2
    k3 = torch.expm1(log_ratio) - log_ratio  # (r - 1) - ln r, accurate for small ln r
    return k1, k2, k3


def gaussian_shift_log_ratios(
    mu: float,
    num: int,
    *,
    device: torch.device | None = None,
    dtype: torch.dtype = torch.float64,
    generator: torch.Generator | None = None,
) -> Tensor:
    """``ln p(x) - ln q(x) = mu x - mu^2/2`` at ``num`` draws of ``x ~ N(0, 1)``.

    Here ``q = N(0, 1)`` and ``p = N(mu, 1)``.

    Examples:
        >>> gen = torch.Generator().manual_seed(0)
        >>> lr = gaussian_shift_log_ratios(2.0, 100_000, device=torch.device("cpu"), generator=gen)
        >>> round(lr.mean().item(), 1), round(lr.var().item(), 1)  # -mu^2/2 and mu^2
        (-2.0, 4.0)
    """
    from snippets import default_device

    device = device or default_device()
    xs = torch.randn(num, generator=generator, device=device, dtype=dtype)
    return mu * xs - mu**2 / 2


def categorical_log_ratios(
    q: ArrayLike,
    p: ArrayLike,
    num: int,
    *,
    device: torch.device | None = None,
    dtype: torch.dtype = torch.float64,
    generator: torch.Generator | None = None,
) -> Tensor:
    """``ln p_i - ln q_i`` at ``num`` indices ``i`` drawn from the categorical ``q``.

    Examples:
        >>> cpu = torch.device("cpu")
        >>> lr = categorical_log_ratios([1.0, 0.0], [0.5, 0.5], 4, device=cpu)
        >>> [round(v, 6) for v in lr.tolist()]
        [-0.693147, -0.693147, -0.693147, -0.693147]
    """
    from snippets import default_device

    device = device or default_device()
    qt = torch.as_tensor(np.asarray(q, dtype=np.float64), device=device, dtype=dtype)
    pt = torch.as_tensor(np.asarray(p, dtype=np.float64), device=device, dtype=dtype)
    idx = torch.multinomial(qt, num, replacement=True, generator=generator)  # [num]
    return torch.log(pt[idx]) - torch.log(qt[idx])


def gaussian_estimator_moments(mu: float) -> dict[str, tuple[float, float]]:
    """Exact ``(mean, variance)`` of ``k1, k2, k3`` for ``q = N(0, 1)``, ``p = N(mu, 1)``.

    The target is ``D(q || p) = mu^2 / 2``; only ``k2`` is biased (by ``mu^4 / 8``).

    Examples:
        >>> gaussian_estimator_moments(1.0)["k2"]
        (0.625, 0.75)
    """
    m2 = mu**2
    return {
        "k1": (m2 / 2, m2),
        "k2": (m2 / 2 + m2**2 / 8, m2**2 * (m2 + 2) / 4),
        "k3": (m2 / 2, math.expm1(m2) - m2),
    }
