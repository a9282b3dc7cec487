"""Timing of the msign iterations: steps and time to a tolerance, against SVD.

The command ``python benchmarks/msign.py`` runs :func:`benchmark` at full size (options:
``--size``, ``--conds``, ``--tols``, ``--device``, ``--dtype``, ``--repeats``, ``--threads``; the
default, 1024 x 1024 in float32, takes about two minutes on an idle 2-core CPU; ``--size 2048``
takes several times longer).

For every method of :data:`snippets.matrix.msign.METHODS` and every test matrix ``U diag(s) V^T``
(seeded random orthogonal ``U``, ``V``; ``s`` spaced evenly in log scale from 1 to
``1 / cond``), it reports the fewest steps after which every singular value is within ``tol`` of
1, the time of a run with that many steps, and the final errors ``max_i |s_i - 1|`` and
``||X^T X - I||_2`` (for a tolerance a method cannot reach, the run with ``unreached_steps``
steps); the time of ``U V^T`` by SVD is the reference. The step count is predicted from the
scalar map on the known singular values (:func:`snippets.matrix.msign.scalar_trajectory`) and then
confirmed on the matrix: if round-off keeps the matrix run above ``tol``, the count is increased
until it passes or ``max_steps`` is reached.

The page on Polar Express runs :func:`benchmark` at a small size when the site is built.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import torch
from torch import Tensor

from snippets.device import default_device, seeded_generator
from snippets.matrix.msign import (
    METHODS,
    log_spectrum,
    matrix_with_spectrum,
    method_schedule,
    orthogonality_error,
    scalar_trajectory,
    sv_error,
)


@dataclass(frozen=True)
class BenchRow:
    """One (method, condition number, tolerance) measurement.

    Attributes:
        method: Display name (a key of ``METHODS``, or ``"SVD"``).
        cond: Condition number of the test matrix.
        tol: Target ``max_i |s_i - 1|``.
        steps: Steps needed, or ``None`` when ``max_steps`` did not reach ``tol``.
        ran_steps: Steps of the measured run (``steps``, or ``unreached_steps`` when ``tol`` is
            out of reach).
        seconds: Best time of one run with ``ran_steps`` steps.
        sv_error: ``max_i |s_i(X) - 1|`` of that run.
        orth_error: ``||X^T X - I||_2`` of that run.
    """

    method: str
    cond: float
    tol: float
    steps: int | None
    ran_steps: int
    seconds: float
    sv_error: float
    orth_error: float


@contextmanager
def torch_threads(n: int) -> Iterator[None]:
    """Run the body with ``n`` torch CPU threads, then restore the previous setting.

    On a shared, oversubscribed CPU, small matrix kernels with several threads can be many times
    slower than with one (threads wait for each other); one thread gives stable timings.

    Examples:
        >>> before = torch.get_num_threads()
        >>> with torch_threads(1):
        ...     torch.get_num_threads()
        1
        >>> torch.get_num_threads() == before
        True
    """
    saved = torch.get_num_threads()
    torch.set_num_threads(n)
    try:
        yield
    finally:
        torch.set_num_threads(saved)


def best_seconds(
    fn: Callable[[], Tensor], device: torch.device, repeats: int = 3, *, warmup: bool = True
) -> float:
    """Fastest wall time of ``fn()`` over ``repeats`` runs (after a warm-up), synchronising CUDA.

    The minimum, not the median: on a shared machine other processes only ever add time.

    Examples:
        >>> best_seconds(lambda: torch.ones(2), torch.device("cpu")) >= 0
        True
    """
    if warmup:
        fn()
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        if device.type == "cuda":
            torch.cuda.synchronize(device)
        times.append(time.perf_counter() - start)
    return min(times)


def predicted_steps(name: str, s: Tensor, tol: float, max_steps: int) -> int | None:
    """Fewest steps after which the scalar map puts every ``s_i / ||s||`` within ``tol`` of 1.

    Examples:
        >>> s = log_spectrum(100, 1e3)
        >>> [predicted_steps(m, s, 1e-3, 40) for m in ("Newton-Schulz cubic", "Polar Express")]
        [23, 9]
        >>> predicted_steps("Muon quintic", s, 1e-3, 40) is None
        True
    """
    for k in range(1, max_steps + 1):
        last = scalar_trajectory(s, method_schedule(name, k))[-1]
        if (last - 1).abs().max().item() <= tol:
            return k
    return None


def benchmark(
    size: int = 256,
    conds: tuple[float, ...] = (10.0, 100.0, 1000.0),
    tols: tuple[float, ...] = (0.35, 0.01),
    *,
    device: torch.device | None = None,
    dtype: torch.dtype = torch.float32,
    max_steps: int = 40,
    unreached_steps: int = 10,
    repeats: int = 3,
    seed: int = 0,
    threads: int | None = None,
) -> list[BenchRow]:
    """Measure every method on ``size x size`` matrices of each condition number.

    Args:
        size: Matrices are ``size x size``.
        conds: Condition numbers of the test matrices.
        tols: Targets for ``max_i |s_i - 1|``.
        device: Where to run (default: :func:`snippets.default_device`).
        dtype: float32 or bfloat16.
        max_steps: Give up on a tolerance after this many steps.
        unreached_steps: Steps of the run reported when a tolerance is out of reach.
        repeats: Timed runs per measurement (the fastest is kept).
        seed: Seed of the random singular vectors.
        threads: CPU threads for torch during the benchmark (restored afterwards).

    Returns:
        Rows for each (cond, tol, method), plus one ``"SVD"`` row per cond (``tol`` = 0).

    Examples:
        >>> rows = benchmark(32, conds=(10.0,), tols=(0.01,), repeats=1)
        >>> [r.method for r in rows][-1], all(r.sv_error <= 0.01 for r in rows if r.steps)
        ('SVD', True)
    """
    device = device or default_device()
    saved_threads = torch.get_num_threads()
    if threads:
        torch.set_num_threads(threads)  # restored below: the caller's setting is not ours
    try:
        return _benchmark(
            size, conds, tols, device, dtype, max_steps, unreached_steps, repeats, seed
        )
    finally:
        torch.set_num_threads(saved_threads)


def _benchmark(
    size: int,
    conds: tuple[float, ...],
    tols: tuple[float, ...],
    device: torch.device,
    dtype: torch.dtype,
    max_steps: int,
    unreached_steps: int,
    repeats: int,
    seed: int,
) -> list[BenchRow]:
    rows: list[BenchRow] = []
    for cond in conds:
        s = log_spectrum(size, cond)
        g = matrix_with_spectrum(s, size, size, seeded_generator(seed, device), dtype=dtype)
        for tol in tols:
            for name, fn in METHODS.items():
                steps = predicted_steps(name, s, tol, max_steps)
                k = steps or unreached_steps
                x = fn(g, k)
                while steps is not None and sv_error(x) > tol and k < max_steps:
                    k += 1  # round-off kept the matrix above tol: one more step
                    x = fn(g, k)
                err = sv_error(x)
                steps = k if err <= tol else None
                run = lambda fn=fn, k=k, g=g: fn(g, k)  # noqa: E731
                secs = best_seconds(run, device, repeats, warmup=False)  # x above was the warm-up
                orth = orthogonality_error(x)
                rows.append(BenchRow(name, cond, tol, steps, k, secs, err, orth))
        g32 = g.float()  # SVD has no bfloat16 kernel: the reference runs in float32

        def by_svd(g32: Tensor = g32) -> Tensor:
            u, _, vh = torch.linalg.svd(g32, full_matrices=False)
            return u @ vh  # [n, k] @ [k, n]

        x = by_svd()
        secs = best_seconds(by_svd, device, repeats, warmup=False)
        rows.append(BenchRow("SVD", cond, 0.0, 0, 0, secs, sv_error(x), orthogonality_error(x)))
    return rows


def markdown_table(rows: list[BenchRow]) -> str:
    """Format :func:`benchmark` rows as a Markdown table.

    Examples:
        >>> print(markdown_table([BenchRow("SVD", 10.0, 0.0, 0, 0, 0.5, 1e-7, 2e-7)]))
        | method | cond | tol | steps | time (ms) | max abs(s - 1) | orth. error |
        |:---|---:|---:|---:|---:|---:|---:|
        | SVD | 1e+01 | - | - | 500.0 | 1.0e-07 | 2.0e-07 |
    """
    out = [
        "| method | cond | tol | steps | time (ms) | max abs(s - 1) | orth. error |",
        "|:---|---:|---:|---:|---:|---:|---:|",
    ]
    for r in rows:
        if r.method == "SVD":
            tol = steps = "-"
        else:
            tol = f"{r.tol:g}"
            steps = str(r.steps) if r.steps is not None else f"not reached ({r.ran_steps})"
        out.append(
            f"| {r.method} | {r.cond:.0e} | {tol} | {steps} | {r.seconds * 1e3:.1f} "
            f"| {r.sv_error:.1e} | {r.orth_error:.1e} |"
        )
    return "\n".join(out)
