"""Tests of ``rope_2d`` against dense rotation matrices built independently."""

from __future__ import annotations

import math

import torch

from snippets.position_encoding.rope_2d import (
    apply_rope_2d,
    apply_rope_mixed,
    grid_positions,
    rope_2d_matrix,
)


def dense_rotation(angles: list[float]) -> torch.Tensor:
    """Block-diagonal matrix of 2x2 rotations, built entry by entry."""
    d = 2 * len(angles)
    out = torch.zeros(d, d, dtype=torch.float64)
    for i, a in enumerate(angles):
        c, s = math.cos(a), math.sin(a)
        out[2 * i, 2 * i], out[2 * i, 2 * i + 1] = c, -s
        out[2 * i + 1, 2 * i], out[2 * i + 1, 2 * i + 1] = s, c
    return out


def axial_angles(px: float, py: float, d: int, base: float) -> list[float]:
    theta = [base ** (-4 * j / d) for j in range(d // 4)]
    return [px * t for t in theta] + [py * t for t in theta]


def test_axial_matches_dense_reference():
    """Assert apply_rope_2d and rope_2d_matrix equal diag(R(x theta_j), R(y theta_j))."""
    d, base = 16, 100.0
    gen = torch.Generator().manual_seed(0)
    xy = grid_positions(3, 4)
    v = torch.randn(len(xy), d, generator=gen, dtype=torch.float64)
    got = apply_rope_2d(v, xy, base)
    for i, (px, py) in enumerate(xy.tolist()):
        ref = dense_rotation(axial_angles(px, py, d, base))
        assert torch.allclose(got[i], ref @ v[i], atol=1e-12)
        assert torch.allclose(rope_2d_matrix(float(px), float(py), d, base), ref, atol=1e-12)


def test_relative_identity_numerically():
    """Assert R(x1, y1)^T R(x2, y2) = R(x2 - x1, y2 - y1) for several position pairs."""
    d = 12
    for (x1, y1), (x2, y2) in [((0, 0), (3, 5)), ((7, 2), (1, 9)), ((4, 4), (4, 4))]:
        lhs = rope_2d_matrix(x1, y1, d).T @ rope_2d_matrix(x2, y2, d)
        assert torch.allclose(lhs, rope_2d_matrix(x2 - x1, y2 - y1, d), atol=1e-12)


def test_scores_depend_only_on_offset():
    """Assert equal offsets give equal scores on a 5 x 6 grid (axial and mixed)."""
    d = 8
    gen = torch.Generator().manual_seed(1)
    q, k = torch.randn(2, d, generator=gen, dtype=torch.float64)
    xy = grid_positions(5, 6)
    n = len(xy)
    fx, fy = torch.rand(2, d // 2, generator=gen, dtype=torch.float64)
    for rot in (
        lambda v: apply_rope_2d(v.expand(n, d), xy),
        lambda v: apply_rope_mixed(v.expand(n, d), xy, fx, fy),
    ):
        scores = rot(q) @ rot(k).T  # [n, n]
        seen: dict[tuple[int, int], float] = {}
        for a, (xa, ya) in enumerate(xy.tolist()):
            for b, (xb, yb) in enumerate(xy.tolist()):
                key = (xb - xa, yb - ya)
                value = scores[a, b].item()
                assert abs(seen.setdefault(key, value) - value) < 1e-12


def test_mixed_reduces_to_axial():
    """Assert RoPE-Mixed with axis-aligned frequencies equals axial RoPE up to coordinate order."""
    d, base = 8, 100.0
    theta = torch.tensor([base ** (-4 * j / d) for j in range(d // 4)], dtype=torch.float64)
    zero = torch.zeros_like(theta)
    fx, fy = torch.cat((theta, zero)), torch.cat((zero, theta))
    xy = grid_positions(2, 3)
    v = torch.randn(len(xy), d, generator=torch.Generator().manual_seed(2), dtype=torch.float64)
    assert torch.allclose(apply_rope_mixed(v, xy, fx, fy), apply_rope_2d(v, xy, base), atol=1e-12)


def test_grid_positions_raster_order():
    """Assert grid positions enumerate rows top to bottom, columns left to right."""
    xy = grid_positions(3, 2)
    assert xy.tolist() == [[x, y] for y in range(3) for x in range(2)]
