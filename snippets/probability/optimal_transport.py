"""Optimal transport in small: 1-D Wasserstein distances, Gaussian W2, exact plans, Sinkhorn.

The page ``posts/mathematics/probability/optimal-transport-wasserstein`` runs these:

* :func:`cdf_on_grid`, :func:`w1_cdf_area`, :func:`wasserstein_1d`, :func:`wasserstein_sorted`
  -- W1 on the line as the area between the two distribution functions, and W_p through the
  quantile functions (weighted atoms) or sorted samples (equal-size, uniform);
* :func:`gaussian_w2_1d`, :func:`gaussian_w2`, :func:`gaussian_w2_2d`, :func:`gaussian_map`,
  :func:`sqrtm_psd` -- the closed form between normal distributions (matrix square roots, and
  the root-free form in two dimensions) and the linear optimal map;
* :func:`cost_matrix`, :func:`exact_ot` -- the discrete Kantorovich problem as a linear
  program (scipy's HiGHS);
* :func:`sinkhorn`, :func:`entropy` -- entropic transport by log-domain Sinkhorn iterations in
  torch, on the device and dtype passed in.

References:
    C. Villani, "Topics in Optimal Transportation", AMS (2003).
    F. Santambrogio, "Optimal Transport for Applied Mathematicians", Birkhauser (2015).
    G. Peyre, M. Cuturi, "Computational Optimal Transport", Found. Trends ML 11 (2019),
    https://arxiv.org/abs/1803.00567. S. S. Vallender, "Calculation of the Wasserstein distance
    between probability distributions on the line", Theory Probab. Appl. 18 (1973).
    D. C. Dowson, B. V. Landau, "The Frechet distance between multivariate normal
    distributions", J. Multivariate Anal. 12 (1982). M. Cuturi, "Sinkhorn Distances", NeurIPS
    (2013), https://arxiv.org/abs/1306.0895.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import torch
from numpy.typing import ArrayLike, NDArray
from scipy import optimize, sparse
from torch import Tensor

# ------------------------------------------------------------------ the line


def _atoms(x: ArrayLike, w: ArrayLike | None) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    """Sorted support and normalised weights (uniform when ``w`` is None)."""
    xs = np.asarray(x, dtype=np.float64).ravel()
    ws = np.full(xs.size, 1.0 / xs.size) if w is None else np.asarray(w, dtype=np.float64).ravel()
    order = np.argsort(xs, kind="stable")
    return xs[order], ws[order] / ws.sum()


def cdf_on_grid(
    x: ArrayLike,
    y: ArrayLike,
    x_weights: ArrayLike | None = None,
    y_weights: ArrayLike | None = None,
) -> tuple[NDArray[np.float64], NDArray[np.float64], NDArray[np.float64]]:
    """The merged sorted grid ``z`` and both distribution functions ``F(z_i)``, ``G(z_i)``.

    Examples:
        >>> z, F, G = cdf_on_grid([0.0, 2.0], [1.0])
        >>> z.tolist(), F.tolist(), G.tolist()
        ([0.0, 1.0, 2.0], [0.5, 0.5, 1.0], [0.0, 1.0, 1.0])
    """
    xs, xw = _atoms(x, x_weights)
    ys, yw = _atoms(y, y_weights)
    z = np.unique(np.concatenate([xs, ys]))
    F = np.concatenate([[0.0], np.cumsum(xw)])[np.searchsorted(xs, z, side="right")]
    G = np.concatenate([[0.0], np.cumsum(yw)])[np.searchsorted(ys, z, side="right")]
    return z, np.minimum(F, 1.0), np.minimum(G, 1.0)


def w1_cdf_area(
    x: ArrayLike,
    y: ArrayLike,
    x_weights: ArrayLike | None = None,
    y_weights: ArrayLike | None = None,
) -> float:
    """``W1 = sum_i Delta_i |F_i - G_i|``: the area between the two distribution functions.

    Examples:
        >>> w1_cdf_area([0.0, 2.0], [1.0])  # half the mass moves by 1 each way
        1.0
        >>> w1_cdf_area([0.0], [3.0])
        3.0
    """
    z, F, G = cdf_on_grid(x, y, x_weights, y_weights)
    return float(np.sum(np.diff(z) * np.abs(F - G)[:-1]))


def wasserstein_1d(
    x: ArrayLike,
    y: ArrayLike,
    p: float = 1.0,
    x_weights: ArrayLike | None = None,
    y_weights: ArrayLike | None = None,
) -> float:
    """``W_p = (int_0^1 |F^{-1}(u) - G^{-1}(u)|^p du)^{1/p}`` for two weighted sets of atoms.

    Both quantile functions are step functions; between consecutive breakpoints of either
    (the cumulative weights) the integrand is constant.

    Examples:
        >>> wasserstein_1d([0.0, 2.0], [1.0])
        1.0
        >>> wasserstein_1d([0.0, 2.0], [1.0], p=2)
        1.0
        >>> round(wasserstein_1d([0.0, 1.0], [0.0, 1.0], x_weights=[0.75, 0.25]), 12)
        0.25
    """
    xs, xw = _atoms(x, x_weights)
    ys, yw = _atoms(y, y_weights)
    cx, cy = np.cumsum(xw), np.cumsum(yw)
    u = np.unique(np.concatenate([[0.0], cx, cy]))
    u = u[u <= 1.0]
    du = np.diff(u)
    mid = u[:-1] + du / 2  # inside each interval both quantiles are constant
    qx = xs[np.minimum(np.searchsorted(cx, mid), xs.size - 1)]
    qy = ys[np.minimum(np.searchsorted(cy, mid), ys.size - 1)]
    return float(np.sum(du * np.abs(qx - qy) ** p) ** (1.0 / p))


def wasserstein_sorted(x: ArrayLike, y: ArrayLike, p: float = 1.0) -> float:
    """``W_p`` between two equal-size uniform samples: match the sorted values in order.

    Examples:
        >>> wasserstein_sorted([3.0, 0.0, 1.0], [1.0, 2.0, 4.0])
        1.0
        >>> round(wasserstein_sorted([0.0, 1.0], [1.0, 3.0], p=2), 12)
        1.581138830084
    """
    xs, ys = np.sort(np.asarray(x, float)), np.sort(np.asarray(y, float))
    if xs.shape != ys.shape:
        raise ValueError("wasserstein_sorted needs two samples of the same size")
    return float(np.mean(np.abs(xs - ys) ** p) ** (1.0 / p))


# ------------------------------------------------------------------ Gaussians


def gaussian_w2_1d(mu1: float, sigma1: float, mu2: float, sigma2: float) -> float:
    """``W2(N(mu1, sigma1^2), N(mu2, sigma2^2)) = sqrt((mu1 - mu2)^2 + (sigma1 - sigma2)^2)``.

    Examples:
        >>> gaussian_w2_1d(0.0, 1.0, 3.0, 5.0)
        5.0
    """
    return math.hypot(mu1 - mu2, sigma1 - sigma2)


def sqrtm_psd(S: ArrayLike) -> NDArray[np.float64]:
    """The positive semidefinite square root of a symmetric positive semidefinite matrix.

    Examples:
        >>> sqrtm_psd([[4.0, 0.0], [0.0, 9.0]]).tolist()
        [[2.0, 0.0], [0.0, 3.0]]
    """
    Sa = np.asarray(S, dtype=np.float64)
    vals, vecs = np.linalg.eigh((Sa + Sa.T) / 2)
    return (vecs * np.sqrt(np.clip(vals, 0.0, None))) @ vecs.T


def gaussian_w2(m1: ArrayLike, S1: ArrayLike, m2: ArrayLike, S2: ArrayLike) -> float:
    """``W2`` between ``N(m1, S1)`` and ``N(m2, S2)`` (Dowson-Landau, Olkin-Pukelsheim).

    ``W2^2 = |m1 - m2|^2 + tr(S1 + S2 - 2 (S2^{1/2} S1 S2^{1/2})^{1/2})``.

    Examples:
        >>> round(gaussian_w2([0.0, 0.0], np.eye(2), [3.0, 0.0], 4 * np.eye(2)) ** 2, 12)
        11.0
    """
    S1a, S2a = np.asarray(S1, float), np.asarray(S2, float)
    r2 = sqrtm_psd(S2a)
    cross = sqrtm_psd(r2 @ S1a @ r2)
    dm = np.asarray(m1, float) - np.asarray(m2, float)
    value = float(dm @ dm + np.trace(S1a + S2a - 2 * cross))
    return math.sqrt(max(value, 0.0))


def gaussian_w2_2d(m1: ArrayLike, S1: ArrayLike, m2: ArrayLike, S2: ArrayLike) -> float:
    """The two-dimensional closed form, with no matrix square root.

    ``W2^2 = |m1 - m2|^2 + tr S1 + tr S2 - 2 sqrt(tr(S1 S2) + 2 sqrt(det S1 det S2))``.

    Examples:
        >>> S1, S2 = [[2.0, 0.5], [0.5, 1.0]], [[1.0, -0.3], [-0.3, 0.5]]
        >>> closed = gaussian_w2_2d([0, 0], S1, [1, 2], S2)
        >>> abs(closed - gaussian_w2([0, 0], S1, [1, 2], S2)) < 1e-12
        True
    """
    S1a, S2a = np.asarray(S1, float), np.asarray(S2, float)
    dm = np.asarray(m1, float) - np.asarray(m2, float)
    root = math.sqrt(np.trace(S1a @ S2a) + 2 * math.sqrt(np.linalg.det(S1a) * np.linalg.det(S2a)))
    value = float(dm @ dm + np.trace(S1a) + np.trace(S2a) - 2 * root)
    return math.sqrt(max(value, 0.0))


def gaussian_map(
    m1: ArrayLike, S1: ArrayLike, m2: ArrayLike, S2: ArrayLike
) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    """The optimal map ``T(x) = m2 + A (x - m1)`` from ``N(m1, S1)`` to ``N(m2, S2)``.

    ``A = S1^{-1/2} (S1^{1/2} S2 S1^{1/2})^{1/2} S1^{-1/2}`` is symmetric positive definite and
    ``A S1 A = S2``. Returns ``(A, m2 - A m1)``, so that ``T(x) = A x + b``.

    Examples:
        >>> A, b = gaussian_map([0.0], [[4.0]], [1.0], [[9.0]])
        >>> A.tolist(), b.tolist()
        ([[1.5]], [1.0])
    """
    S1a, S2a = np.asarray(S1, float), np.asarray(S2, float)
    r1 = sqrtm_psd(S1a)
    r1_inv = np.linalg.inv(r1)
    A = r1_inv @ sqrtm_psd(r1 @ S2a @ r1) @ r1_inv
    A = (A + A.T) / 2
    return A, np.asarray(m2, float) - A @ np.asarray(m1, float)


# ------------------------------------------------------------------ discrete problems


def cost_matrix(x: ArrayLike, y: ArrayLike, p: float = 2.0) -> NDArray[np.float64]:
    """``C_ij = |x_i - y_j|^p`` (Euclidean norm for points given as rows).

    Examples:
        >>> cost_matrix([0.0, 1.0], [0.0, 3.0]).tolist()
        [[0.0, 9.0], [1.0, 4.0]]
    """
    xa, ya = np.asarray(x, float), np.asarray(y, float)
    if xa.ndim == 1:
        return np.abs(xa[:, None] - ya[None, :]) ** p
    diff = xa[:, None, :] - ya[None, :, :]  # (n, m, d)
    return np.linalg.norm(diff, axis=-1) ** p


@dataclass(frozen=True)
class Transport:
    """An optimal plan and its cost ``<C, P>``."""

    plan: NDArray[np.float64]
    cost: float


def exact_ot(a: ArrayLike, b: ArrayLike, C: ArrayLike) -> Transport:
    """Solve ``min <C, P>`` over ``P >= 0`` with ``P 1 = a``, ``P^T 1 = b`` (HiGHS simplex).

    The solution is a vertex of the transport polytope.

    Examples:
        >>> t = exact_ot([0.5, 0.5], [0.5, 0.5], [[0.0, 1.0], [1.0, 0.0]])
        >>> t.plan.tolist(), t.cost
        ([[0.5, 0.0], [0.0, 0.5]], 0.0)
    """
    aa, bb, Ca = np.asarray(a, float), np.asarray(b, float), np.asarray(C, float)
    n, m = Ca.shape
    # P flattened row-major: entry (i, j) is variable i * m + j
    rows = sparse.kron(sparse.eye(n), np.ones((1, m)))  # (n, n m): row sums
    cols = sparse.kron(np.ones((1, n)), sparse.eye(m))  # (m, n m): column sums
    res = optimize.linprog(
        Ca.ravel(),
        A_eq=sparse.vstack([rows, cols]).tocsr(),
        b_eq=np.concatenate([aa, bb]),
        bounds=(0, None),
        method="highs-ds",
    )
    if res.status != 0:
        raise RuntimeError(f"linprog failed: {res.message}")
    # (n m,) -> (n, m); clip the solver's -0.0 and round-off below zero
    plan = np.clip(res.x.reshape(n, m), 0.0, None) + 0.0
    return Transport(plan=plan, cost=float(res.fun))


def entropy(p: ArrayLike) -> float:
    """Shannon entropy ``-sum p ln p`` in nats (``0 ln 0 = 0``).

    Examples:
        >>> round(entropy([0.5, 0.5]), 12) == round(math.log(2), 12)
        True
    """
    pa = np.asarray(p, float).ravel()
    pa = pa[pa > 0]
    return float(-np.sum(pa * np.log(pa)))


# ------------------------------------------------------------------ Sinkhorn


@dataclass(frozen=True)
class SinkhornResult:
    """The entropic plan ``P_ij = exp((f_i + g_j - C_ij) / eps)`` and how it was reached.

    Attributes:
        plan: ``P``, shape ``(n, m)``.
        f: Row potential, ``f = eps ln u``.
        g: Column potential, ``g = eps ln v``.
        iterations: Full (u, v) updates done.
        marginal_error: ``|P 1 - a|_1`` at the end (the columns are exact after a v-update).
    """

    plan: Tensor
    f: Tensor
    g: Tensor
    iterations: int
    marginal_error: float


def sinkhorn(
    a: ArrayLike,
    b: ArrayLike,
    C: ArrayLike,
    eps: float,
    *,
    max_iterations: int = 100_000,
    tol: float = 1e-10,
    device: torch.device | None = None,
    dtype: torch.dtype = torch.float64,
) -> SinkhornResult:
    """Sinkhorn's scaling ``u = a / (K v)``, ``v = b / (K^T u)``, ``K = e^{-C/eps}``, in logs.

    With ``f = eps ln u`` and ``g = eps ln v`` the updates are
    ``f = eps ln a - eps logsumexp_j((g_j - C_ij) / eps)`` and the same for ``g``, which stays
    finite for small ``eps`` where ``K`` itself would underflow.

    Args:
        a: Row weights (sum 1).
        b: Column weights (sum 1).
        C: Cost matrix, shape ``(n, m)``.
        eps: Regularisation strength.
        max_iterations: Cap on the number of (u, v) updates.
        tol: Stop when ``|P 1 - a|_1 < tol``.
        device: Where to compute (default: the CPU).
        dtype: Floating type of the computation.

    Examples:
        >>> r = sinkhorn([0.5, 0.5], [0.5, 0.5], [[0.0, 1.0], [1.0, 0.0]], eps=1.0)
        >>> round(r.plan[0, 1].item(), 12) == round(1 / (2 * (1 + math.e)), 12)
        True
    """
    device = device or torch.device("cpu")
    at = torch.as_tensor(np.asarray(a, float), device=device, dtype=dtype)
    bt = torch.as_tensor(np.asarray(b, float), device=device, dtype=dtype)
    Ct = torch.as_tensor(np.asarray(C, float), device=device, dtype=dtype)
    log_a, log_b = torch.log(at), torch.log(bt)
    f = torch.zeros_like(at)
    g = torch.zeros_like(bt)
    error = math.inf
    done = 0
    for done in range(1, max_iterations + 1):
        f = eps * (log_a - torch.logsumexp((g[None, :] - Ct) / eps, dim=1))
        g = eps * (log_b - torch.logsumexp((f[:, None] - Ct) / eps, dim=0))
        if done % 10 == 0 or done == max_iterations:
            log_p = (f[:, None] + g[None, :] - Ct) / eps
            error = torch.sum(torch.abs(torch.exp(log_p).sum(dim=1) - at)).item()
            if error < tol:
                break
    plan = torch.exp((f[:, None] + g[None, :] - Ct) / eps)
    return SinkhornResult(plan=plan, f=f, g=g, iterations=done, marginal_error=error)


def transport_cost(plan: Tensor | ArrayLike, C: ArrayLike) -> float:
    """``<C, P> = sum_ij C_ij P_ij``.

    Examples:
        >>> transport_cost([[0.5, 0.0], [0.0, 0.5]], [[0.0, 1.0], [1.0, 0.0]])
        0.0
    """
    pa = plan.detach().cpu().numpy() if isinstance(plan, Tensor) else np.asarray(plan, float)
    return float(np.sum(pa * np.asarray(C, float)))
