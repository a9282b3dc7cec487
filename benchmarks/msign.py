"""Benchmark of the msign iterations at full size: ``python benchmarks/msign.py``.

Prints, per matrix size, the fewest steps each method of :data:`snippets.matrix.msign.METHODS`
needs to bring every singular value within a tolerance of 1, the time of that run and its final
errors, against ``U V^T`` by SVD (see :mod:`snippets.matrix.msign_timing`). Options: ``--size``,
``--conds``, ``--tols``, ``--device``, ``--dtype``, ``--repeats``, ``--max-steps``,
``--threads``. The default (1024 x 1024, float32) takes about two minutes on an idle 2-core CPU.
"""

from __future__ import annotations

import argparse
import time

import torch

from snippets.device import default_device, describe_device
from snippets.matrix.msign_timing import benchmark, markdown_table


def main(argv: list[str] | None = None) -> None:
    """Command-line entry point: print a table per matrix size."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, nargs="+", default=[1024], help="e.g. 1024 2048")
    parser.add_argument("--conds", type=float, nargs="+", default=[10.0, 100.0, 1000.0])
    parser.add_argument("--tols", type=float, nargs="+", default=None)
    parser.add_argument("--device", default=None, help="cpu or cuda (default: CUDA if present)")
    parser.add_argument("--dtype", choices=["float32", "bfloat16"], default="float32")
    parser.add_argument("--repeats", type=int, default=1)
    parser.add_argument("--max-steps", type=int, default=40)
    parser.add_argument("--threads", type=int, default=None, help="torch CPU threads")
    args = parser.parse_args(argv)
    device = torch.device(args.device) if args.device else default_device()
    dtype = getattr(torch, args.dtype)
    tols = args.tols or ([0.35, 0.01] if dtype == torch.float32 else [0.35, 0.05])
    for size in args.size:
        start = time.perf_counter()
        rows = benchmark(
            size,
            tuple(args.conds),
            tuple(tols),
            device=device,
            dtype=dtype,
            max_steps=args.max_steps,
            repeats=args.repeats,
            threads=args.threads,
        )
        threads = args.threads or torch.get_num_threads()
        print(f"\n{size}x{size}, {args.dtype}, {describe_device(device)}, {threads} threads")
        print(markdown_table(rows))
        print(f"({time.perf_counter() - start:.0f} s)")


if __name__ == "__main__":
    main()
