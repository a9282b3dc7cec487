"""Tests of ``rope``: the four forms against rotation matrices built here, pair by pair."""

from __future__ import annotations

import math

import pytest
import torch

from snippets.position_encoding.rope import (
    apply_rope,
    apply_rope_complex,
    apply_rope_half,
    apply_rope_matrix,
    interleaved_to_half,
    rope_frequencies,
    rope_matrix,
    rope_scores,
)


def reference_rope(x: list[float], m: float, base: float) -> list[float]:
    """Rotate each pair (x_{2j}, x_{2j+1}) by m * base^(-2j/d), in plain Python."""
    d = len(x)
    out = []
    for j in range(d // 2):
        angle = m * base ** (-2 * j / d)
        a, b = x[2 * j], x[2 * j + 1]
        out += [
            a * math.cos(angle) - b * math.sin(angle),
            a * math.sin(angle) + b * math.cos(angle),
        ]
    return out


@pytest.fixture
def data() -> tuple[torch.Tensor, torch.Tensor]:
    gen = torch.Generator().manual_seed(0)
    return torch.randn(5, 8, generator=gen, dtype=torch.float64), torch.tensor([0, 1, 3, 17, 400])


def test_frequencies_follow_the_paper() -> None:
    theta = rope_frequencies(8, base=10000.0, dtype=torch.float64)
    assert theta.tolist() == pytest.approx([10000.0 ** (-2 * j / 8) for j in range(4)], rel=1e-15)


def test_odd_dimension_is_refused() -> None:
    with pytest.raises(ValueError, match="even dimension"):
        rope_frequencies(5)


@pytest.mark.parametrize("form", [apply_rope, apply_rope_matrix, apply_rope_complex])
def test_forms_match_plain_python_rotation(form, data) -> None:
    x, positions = data
    out = form(x, positions)
    for row, m, got in zip(x.tolist(), positions.tolist(), out.tolist(), strict=True):
        assert got == pytest.approx(reference_rope(row, m, 10000.0), abs=1e-12)


def test_half_split_is_the_interleaved_form_permuted(data) -> None:
    x, positions = data
    half = apply_rope_half(interleaved_to_half(x), positions)
    assert torch.allclose(half, interleaved_to_half(apply_rope(x, positions)), atol=1e-12)


def test_rotation_is_orthogonal_and_composes() -> None:
    a, b = rope_matrix(2.0, 6), rope_matrix(5.0, 6)
    assert torch.allclose(a.T @ a, torch.eye(6, dtype=a.dtype), atol=1e-12)
    assert torch.allclose(a @ b, rope_matrix(7.0, 6), atol=1e-12)


def test_scores_depend_only_on_the_offset() -> None:
    gen = torch.Generator().manual_seed(1)
    q, k = (
        torch.randn(8, generator=gen, dtype=torch.float64),
        torch.randn(8, generator=gen, dtype=torch.float64),
    )
    offsets = torch.tensor([0, 2, 9])
    at_zero = rope_scores(q, k, offsets)
    shifted = torch.stack(
        [
            apply_rope(q[None], torch.tensor([7]))[0]
            @ apply_rope(k[None], torch.tensor([7 + int(o)]))[0]
            for o in offsets
        ]
    )
    assert torch.allclose(at_zero, shifted, atol=1e-12)
