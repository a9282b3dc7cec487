"""Tests of snippets.matrix.muon: the Muon update and its optimizer wrapper."""

from __future__ import annotations

import torch

from snippets import seeded_generator
from snippets.matrix.msign import msign_svd, polar_express
from snippets.matrix.muon import Muon, muon_update

CPU = torch.device("cpu")


def test_update_is_msign_of_nesterov_momentum() -> None:
    """Assert with an exact msign the update is msign(beta M' + (1 - beta) G), M' = EMA of G."""
    gen = seeded_generator(0, CPU)
    g = torch.randn(6, 4, generator=gen, dtype=torch.float64)
    m = torch.randn(6, 4, generator=gen, dtype=torch.float64)
    exact = lambda x, steps: msign_svd(x)  # noqa: E731
    upd, new_m = muon_update(g, m, beta=0.9, nesterov=True, msign=exact)
    torch.testing.assert_close(new_m, 0.9 * m + 0.1 * g)
    scale = (6 / 4) ** 0.5
    torch.testing.assert_close(upd, scale * msign_svd(0.9 * new_m + 0.1 * g))
    upd_plain, _ = muon_update(g, m, beta=0.9, nesterov=False, msign=exact)
    torch.testing.assert_close(upd_plain, scale * msign_svd(new_m))


def test_update_singular_values_in_band() -> None:
    """Assert Muon's default update has singular values in the tuned quintic's band [0.68, 1.21]."""
    g = torch.randn(32, 64, generator=seeded_generator(1, CPU))
    upd, _ = muon_update(g, torch.zeros_like(g), beta=0.0)
    s = torch.linalg.svdvals(upd)
    assert s.min() > 0.6 and s.max() < 1.25


def test_optimizer_matches_pure_function() -> None:
    """Assert two Muon optimizer steps equal the same steps done with muon_update by hand."""
    gen = seeded_generator(2, CPU)
    w0 = torch.randn(5, 3, generator=gen)
    grads = [torch.randn(5, 3, generator=gen) for _ in range(2)]
    w = torch.nn.Parameter(w0.clone())
    opt = Muon([w], lr=0.1, weight_decay=0.01)
    ref, buf = w0.clone(), torch.zeros_like(w0)
    for grad in grads:
        w.grad = grad.clone()
        opt.step()
        upd, buf = muon_update(grad, buf)
        ref = ref * (1 - 0.1 * 0.01) - 0.1 * upd
    torch.testing.assert_close(w.detach(), ref)


def test_muon_with_polar_express_reduces_a_quadratic_loss() -> None:
    """Assert Muon (Polar Express msign) lowers ||W A - B||^2 over a few steps."""
    gen = seeded_generator(3, CPU)
    a = torch.randn(16, 16, generator=gen)
    b = torch.randn(8, 16, generator=gen)
    w = torch.zeros(8, 16)
    buf = torch.zeros_like(w)
    losses = []
    for _ in range(20):
        resid = w @ a - b
        losses.append(resid.square().sum().item())
        upd, buf = muon_update(2 * resid @ a.T, buf, msign=polar_express, steps=8)
        w = w - 0.05 * upd
    assert losses[-1] < 0.5 * losses[0]
