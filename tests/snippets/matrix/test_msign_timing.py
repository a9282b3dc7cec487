"""Tests of ``msign_timing``: step counts agree with the scalar map, tables are complete."""

from __future__ import annotations

import torch

from snippets.matrix.msign import METHODS, log_spectrum
from snippets.matrix.msign_timing import benchmark, markdown_table, predicted_steps, torch_threads


def test_threads_are_restored() -> None:
    saved = torch.get_num_threads()
    with torch_threads(1):
        assert torch.get_num_threads() == 1
    assert torch.get_num_threads() == saved


def test_predicted_steps_is_the_first_step_within_tolerance() -> None:
    s = log_spectrum(50, 100.0)
    k = predicted_steps("Polar Express", s, 1e-2, 40)
    assert k is not None and k >= 1
    assert k == 1 or predicted_steps("Polar Express", s, 1e-1, 40) <= k


def test_benchmark_reaches_its_tolerances_and_tabulates_every_row() -> None:
    rows = benchmark(16, conds=(10.0,), tols=(0.05,), repeats=1, device=torch.device("cpu"))
    methods = {r.method for r in rows}
    assert methods == set(METHODS) | {"SVD"}
    assert all(r.sv_error <= 0.05 for r in rows if r.steps is not None and r.method != "SVD")
    table = markdown_table(rows)
    assert table.count("\n") + 1 == len(rows) + 2  # header, rule, one line per row
