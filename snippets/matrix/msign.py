"""Matrix sign (orthogonal polar factor) msign(M) = U V^T, and iterations that approximate it.

For ``M = U S V^T`` (thin SVD), ``msign(M) = U V^T = M (M^T M)^{-1/2}``. Every iteration here
applies odd polynomials to ``X``: ``a X + b X (X^T X) + c X (X^T X)^2 = U p(S) V^T``, so each
step maps every singular value ``s`` to ``p(s)`` and leaves the singular vectors alone. They
differ only in the schedule of coefficients ``(a, b, c)``:

* :func:`msign_svd` -- the reference, by SVD (float64);
* :func:`newton_schulz_cubic` -- ``p(x) = 1.5 x - 0.5 x^3``, quadratic convergence near 1;
* :func:`newton_schulz_quintic` -- Muon's fixed tuned quintic ``(3.4445, -4.7750, 2.0315)``;
* :func:`msign_six_step` -- the six per-step triples tuned by Jiacheng You;
* :func:`polar_express` -- the greedy minimax schedule of Polar Express, computed by
  :mod:`snippets.matrix.remez`, with its safety factor.

Every method is a pure function ``(G, steps, ...) -> Tensor``: it normalises ``G`` by its
Frobenius norm (so every singular value is at most 1), works in ``G``'s dtype on ``G``'s device
(float32 or bfloat16, CPU or CUDA), transposes wide matrices so that the Gram matrix is the
smaller one, and accepts batches ``[..., m, n]``.

References:
    Keller Jordan et al., "Muon: An optimizer for hidden layers in neural networks" (2024),
    https://kellerjordan.github.io/posts/muon/
    Amsel, Persson, Musco, Gower, "The Polar Express: Optimal Matrix Sign Methods and Their
    Application to the Muon Algorithm", arXiv:2505.16932 (2025).
    Jianlin Su, "msign's better iteration" (kexue.fm, 2025), https://kexue.fm/archives/10996 ,
    and Jiacheng You's six-step coefficients discussed there.
    Higham, "Functions of Matrices: Theory and Computation", SIAM (2008), ch. 8 (Newton-Schulz).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import torch
from torch import Tensor

from snippets.matrix.remez import polar_express_coefficients

Coeffs = tuple[float, float, float]

#: Newton-Schulz cubic ``p(x) = 1.5 x - 0.5 x^3`` as a quintic triple.
CUBIC: Coeffs = (1.5, -0.5, 0.0)

#: Muon's tuned quintic (Keller Jordan): large slope at 0, but ``p(1) = 0.701``.
MUON_QUINTIC: Coeffs = (3.4445, -4.7750, 2.0315)

#: Jiacheng You's six-step schedule (each entry in units of 1/1024), as given on kexue.fm.
SIX_STEP: tuple[Coeffs, ...] = tuple(
    (a / 1024, b / 1024, c / 1024)
    for a, b, c in (
        (3955, -8306, 5008),
        (3735, -6681, 3463),
        (3799, -6499, 3211),
        (4019, -6385, 2906),
        (2677, -3029, 1162),
        (2172, -1833, 682),
    )
)


def msign_svd(m: Tensor) -> Tensor:
    """Reference msign by SVD: ``U V^T`` for ``M = U S V^T`` (computed in float64).

    Examples:
        >>> m = torch.tensor([[2.0, 0.0], [0.0, -3.0]])
        >>> msign_svd(m).tolist()
        [[1.0, 0.0], [0.0, -1.0]]
    """
    u, _, vh = torch.linalg.svd(m.to(torch.float64), full_matrices=False)
    return (u @ vh).to(m.dtype)


def odd_polynomial_step(x: Tensor, coeffs: Sequence[float]) -> Tensor:
    """One step ``X <- a X + b X (X^T X) + c X (X^T X)^2`` on a tall ``X``, ``[..., m, n]``.

    Examples:
        >>> x = torch.diag(torch.tensor([0.5, 1.0]))
        >>> odd_polynomial_step(x, CUBIC).diagonal().tolist()
        [0.6875, 1.0]
    """
    a, b, c = (float(v) for v in coeffs)
    gram = x.mT @ x  # [..., n, n]
    poly = b * gram + c * (gram @ gram) if c else b * gram  # [..., n, n]
    return a * x + x @ poly  # [..., m, n]


def odd_polynomial_iteration(
    g: Tensor, schedule: Sequence[Sequence[float]], *, eps: float = 1e-7
) -> Tensor:
    """Normalise ``G`` by its Frobenius norm, then apply one odd-polynomial step per triple.

    Args:
        g: Matrix or batch of matrices, ``[..., m, n]``; float32 or bfloat16, any device.
        schedule: Coefficient triples ``(a, b, c)``, one per step.
        eps: Added to the norm, so that ``G = 0`` maps to 0.

    Returns:
        The approximation of ``msign(G)``: same shape, dtype and device as ``g``.

    Examples:
        >>> g = torch.tensor([[3.0, 0.0], [4.0, 5.0]])
        >>> x = odd_polynomial_iteration(g, [CUBIC] * 12)
        >>> torch.allclose(x, msign_svd(g), atol=1e-5)
        True
    """
    if g.ndim < 2:
        raise ValueError(f"msign needs a matrix, got shape {tuple(g.shape)}")
    wide = g.shape[-2] < g.shape[-1]
    x = g.mT if wide else g  # [..., m, n] -> [..., n, m] for wide inputs, so X^T X is small
    norm = torch.linalg.matrix_norm(x.float(), keepdim=True)  # [..., 1, 1], in float32
    x = x / (norm + eps).to(x.dtype)
    for coeffs in schedule:
        x = odd_polynomial_step(x, coeffs)
    return x.mT if wide else x  # back to [..., m, n]


def newton_schulz_cubic(g: Tensor, steps: int = 20) -> Tensor:
    """Newton-Schulz: ``steps`` applications of ``p(x) = 1.5 x - 0.5 x^3``.

    Examples:
        >>> g = torch.tensor([[1.0, 2.0], [0.0, 1.0]])
        >>> torch.allclose(newton_schulz_cubic(g, 12), msign_svd(g), atol=1e-5)
        True
    """
    return odd_polynomial_iteration(g, [CUBIC] * steps)


def newton_schulz_quintic(g: Tensor, steps: int = 5, coeffs: Coeffs = MUON_QUINTIC) -> Tensor:
    """Muon's iteration: ``steps`` applications of one fixed quintic (default: the tuned one).

    The tuned quintic does not converge to ``U V^T``: singular values end in a band around 1.

    Examples:
        >>> g = torch.tensor([[1.0, 2.0], [0.0, 1.0]])
        >>> s = torch.linalg.svdvals(newton_schulz_quintic(g, 5))
        >>> bool(((s > 0.6) & (s < 1.25)).all())
        True
    """
    return odd_polynomial_iteration(g, [coeffs] * steps)


def msign_six_step(g: Tensor, steps: int = 6) -> Tensor:
    """Jiacheng You's tuned schedule: its six triples in order; steps past six repeat the last.

    Examples:
        >>> g = torch.tensor([[1.0, 2.0], [0.0, 1.0]])
        >>> s = torch.linalg.svdvals(msign_six_step(g))
        >>> bool(((s > 0.8) & (s < 1.2)).all())
        True
    """
    schedule = [SIX_STEP[min(i, len(SIX_STEP) - 1)] for i in range(steps)]
    return odd_polynomial_iteration(g, schedule)


def polar_express(
    g: Tensor, steps: int = 8, *, lower: float = 1e-3, safety: float = 1.01
) -> Tensor:
    """Polar Express: the greedy minimax quintic schedule for singular values in ``[lower, 1]``.

    The coefficients come from :func:`snippets.matrix.remez.polar_express_schedule` (our own Remez
    solver), each divided by the safety factor as ``(a/s, b/s^3, c/s^5)``.

    Examples:
        >>> g = torch.tensor([[1.0, 2.0], [0.0, 1.0]])
        >>> torch.allclose(polar_express(g, 8), msign_svd(g), atol=1e-4)
        True
    """
    return odd_polynomial_iteration(g, polar_express_coefficients(steps, lower, safety))


def method_schedule(name: str, steps: int) -> list[Coeffs]:
    """The coefficient triples that method ``name`` (a key of :data:`METHODS`) applies.

    Examples:
        >>> method_schedule("Newton-Schulz cubic", 2)
        [(1.5, -0.5, 0.0), (1.5, -0.5, 0.0)]
    """
    if name == "Newton-Schulz cubic":
        return [CUBIC] * steps
    if name == "Muon quintic":
        return [MUON_QUINTIC] * steps
    if name == "six-step (You)":
        return [SIX_STEP[min(i, len(SIX_STEP) - 1)] for i in range(steps)]
    if name == "Polar Express":
        return [(c[0], c[1], c[2]) for c in polar_express_coefficients(steps)]
    raise KeyError(name)


#: The iterative methods by display name, each ``(G, steps) -> Tensor``.
METHODS: dict[str, Callable[[Tensor, int], Tensor]] = {
    "Newton-Schulz cubic": newton_schulz_cubic,
    "Muon quintic": newton_schulz_quintic,
    "six-step (You)": msign_six_step,
    "Polar Express": polar_express,
}


def scalar_trajectory(s: Tensor, schedule: Sequence[Sequence[float]]) -> Tensor:
    """Singular values after each step, from the scalar map alone: ``[steps + 1, k]``.

    ``s`` are the singular values of ``G``; row 0 is ``s / ||s||_2`` (the Frobenius
    normalisation), row ``t`` is ``p_t(row t-1)``. In exact arithmetic this is what the matrix
    iteration does to the singular values.

    Examples:
        >>> s = torch.tensor([1.0, 1.0], dtype=torch.float64)
        >>> scalar_trajectory(s, [CUBIC])[1].tolist()
        [0.8838834764831843, 0.8838834764831843]
    """
    rows = [s / torch.linalg.vector_norm(s)]
    for a, b, c in schedule:
        x = rows[-1]
        rows.append(x * (a + x * x * (b + c * x * x)))
    return torch.stack(rows)  # [steps + 1, k]


def random_orthogonal(
    n: int, generator: torch.Generator, *, device: torch.device | None = None
) -> Tensor:
    """A Haar-random orthogonal ``n x n`` matrix (float64): QR of a Gaussian, signs fixed.

    Examples:
        >>> from snippets import seeded_generator
        >>> q = random_orthogonal(4, seeded_generator(0, torch.device("cpu")))
        >>> torch.allclose(q.T @ q, torch.eye(4, dtype=torch.float64))
        True
    """
    z = torch.randn(n, n, generator=generator, device=device, dtype=torch.float64)
    q, r = torch.linalg.qr(z)
    return q * torch.sign(torch.diagonal(r))[None, :]  # [n, n] * [1, n]: column signs


def matrix_with_spectrum(
    s: Tensor, m: int, n: int, generator: torch.Generator, *, dtype: torch.dtype = torch.float32
) -> Tensor:
    """``U diag(s) V^T`` with seeded random orthogonal ``U`` (m x m) and ``V`` (n x n).

    Args:
        s: Singular values, ``[k]`` with ``k = min(m, n)``.
        m: Rows of the result.
        n: Columns of the result.
        generator: Seeded generator; its device is the result's device.
        dtype: Dtype of the result (built in float64, then cast).

    Examples:
        >>> from snippets import seeded_generator
        >>> s = torch.tensor([3.0, 1.0], dtype=torch.float64)
        >>> g = matrix_with_spectrum(s, 3, 2, seeded_generator(0, torch.device("cpu")))
        >>> torch.linalg.svdvals(g).round(decimals=4).tolist()
        [3.0, 1.0]
    """
    device = generator.device
    k = min(m, n)
    u = random_orthogonal(m, generator, device=device)[:, :k]  # [m, k]
    v = random_orthogonal(n, generator, device=device)[:, :k]  # [n, k]
    g = (u * s.to(device=device, dtype=torch.float64)[None, :]) @ v.T  # [m, k] diag(s) [k, n]
    return g.to(dtype)


def log_spectrum(k: int, cond: float, *, device: torch.device | None = None) -> Tensor:
    """``k`` singular values spaced evenly in log scale from 1 down to ``1 / cond`` (float64).

    Examples:
        >>> log_spectrum(3, 100.0).tolist()
        [1.0, 0.1, 0.01]
    """
    return torch.logspace(
        0, -torch.log10(torch.tensor(cond)).item(), k, dtype=torch.float64, device=device
    )


def sv_error(x: Tensor) -> float:
    """``max_i |s_i(X) - 1|``: how far ``X`` is from having orthonormal columns (or rows).

    Examples:
        >>> round(sv_error(torch.diag(torch.tensor([0.9, 1.05]))), 6)
        0.1
    """
    return (torch.linalg.svdvals(x.double()) - 1).abs().max().item()


def orthogonality_error(x: Tensor) -> float:
    """``||X^T X - I||_2`` (``X X^T`` for wide ``X``), in float64.

    Examples:
        >>> orthogonality_error(torch.eye(3))
        0.0
    """
    x = x.double()
    if x.shape[-2] < x.shape[-1]:
        x = x.mT  # [n, m] -> [m, n]: the Gram matrix is the smaller one
    eye = torch.eye(x.shape[-1], dtype=x.dtype, device=x.device)
    return torch.linalg.matrix_norm(x.mT @ x - eye, ord=2).max().item()


def errors_by_step(g: Tensor, schedule: Sequence[Sequence[float]]) -> list[float]:
    """``max_i |s_i(X_t) - 1|`` after each step ``t = 1..len(schedule)`` of one run.

    Examples:
        >>> g = torch.tensor([[1.0, 2.0], [0.0, 1.0]])
        >>> errs = errors_by_step(g, [CUBIC] * 10)
        >>> len(errs), errs[-1] < 1e-5 < errs[0]
        (10, True)
    """
    errs = []
    for t in range(1, len(schedule) + 1):
        if t == 1:
            x = odd_polynomial_iteration(g, schedule[:1])
        else:
            x = (
                odd_polynomial_step(x, schedule[t - 1])
                if not _is_wide(g)
                else (odd_polynomial_step(x.mT, schedule[t - 1]).mT)
            )
        errs.append(sv_error(x))
    return errs


def _is_wide(g: Tensor) -> bool:
    return g.shape[-2] < g.shape[-1]
