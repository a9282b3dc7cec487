"""Tests of mla: absorption of the key up-projection, RoPE, decoupled RoPE, cache."""

from fractions import Fraction

import pytest
import torch

from snippets.position_encoding.mla import (
    absorbed_scores,
    explicit_scores,
    init_mla_weights,
    kv_cache_elements,
    middle_matrices,
    offset_absorbed_scores,
)
from snippets.position_encoding.rope import apply_rope_matrix

D, N_H, D_H, D_C, D_R, N = 16, 3, 8, 6, 4, 7


def _setup(device: torch.device = torch.device("cpu")):
    gen = torch.Generator(device=device).manual_seed(0)
    w = init_mla_weights(D, N_H, D_H, D_C, D_R, generator=gen, device=device, dtype=torch.float64)
    h = torch.randn(N, D, generator=gen, device=device, dtype=torch.float64)
    return w, h, torch.arange(N, device=device) * 3


def _reference_scores(w, h, positions=None):
    """Per-head loop with dense matrices: q = W_Q h, k = W_UK W_DKV h, optional RoPE matrices."""
    out = []
    for head in range(N_H):
        q = h @ w.w_q[head].T
        k = h @ (w.w_uk[head] @ w.w_dkv).T
        if positions is not None:
            q, k = apply_rope_matrix(q, positions), apply_rope_matrix(k, positions)
        out.append(q @ k.T)
    return torch.stack(out)


def test_absorbed_matches_dense_reference_without_rope():
    """Assert the absorbed scores equal a per-head dense computation when there is no RoPE."""
    w, h, _ = _setup()
    ref = _reference_scores(w, h)
    assert torch.allclose(explicit_scores(h, w), ref, atol=1e-12)
    assert torch.allclose(absorbed_scores(h, w), ref, atol=1e-12)


def test_whole_head_rope_breaks_absorption():
    """Assert whole-head RoPE scores (dense reference) differ from the absorbed scores."""
    w, h, pos = _setup()
    ref = _reference_scores(w, h, pos)
    assert torch.allclose(explicit_scores(h, w, pos), ref, atol=1e-12)
    assert (ref - absorbed_scores(h, w)).abs().max() > 1e-2


def test_offset_absorbed_matches_rope_reference():
    """Assert one absorbed matrix per offset n - m reproduces the whole-head RoPE scores."""
    w, h, pos = _setup()
    ref = _reference_scores(w, h, pos)
    assert torch.allclose(offset_absorbed_scores(h, w, pos), ref, atol=1e-12)


def test_middle_matrix_changes_with_offset():
    """Assert W_Q^T R_delta W_UK differs between offsets 0 and 1 and is the product of its parts."""
    w, _, _ = _setup()
    m0, m1 = middle_matrices(w, [0, 1])
    assert (m1 - m0).abs().max() > 1e-3
    assert torch.allclose(m0[0], w.w_q[0].T @ w.w_uk[0], atol=1e-12)


def test_decoupled_absorbed_matches_explicit():
    """Assert decoupled RoPE scores agree between the absorbed and the explicit computation."""
    w, h, pos = _setup()
    explicit = explicit_scores(h, w, pos, decoupled=True)
    assert torch.allclose(absorbed_scores(h, w, pos), explicit, atol=1e-12)
    content = _reference_scores(w, h)
    assert (explicit - content).abs().max() > 1e-3  # the rotary part does contribute


def test_kv_cache_deepseek_v2_ratio():
    """Assert MLA caches 9/512 of MHA and as much as GQA with 2.25 groups at DeepSeek-V2 sizes."""
    mha = kv_cache_elements("MHA", n_h=128, d_h=128)
    mla = kv_cache_elements("MLA", n_h=128, d_h=128, d_c=512, d_r=64)
    assert Fraction(mla, mha) == Fraction(9, 512)
    assert Fraction(mla, kv_cache_elements("MQA", n_h=128, d_h=128)) == Fraction(9, 4)
    with pytest.raises(ValueError, match="GQA needs n_g"):
        kv_cache_elements("GQA", n_h=128, d_h=128)


@pytest.mark.cuda
@pytest.mark.skipif(not torch.cuda.is_available(), reason="needs a CUDA GPU")
def test_absorption_on_cuda():
    """Assert absorbed and explicit decoupled scores agree on CUDA."""
    w, h, pos = _setup(torch.device("cuda"))
    assert torch.allclose(
        absorbed_scores(h, w, pos), explicit_scores(h, w, pos, decoupled=True), atol=1e-10
    )
