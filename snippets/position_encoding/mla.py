"""Multi-head latent attention (MLA) scores: explicit, absorbed, and under RoPE.

MLA caches one compressed latent ``c_n = W^{DKV} h_n`` per token instead of every head's key
and value. Without position encoding the key up-projection ``W^{UK}`` folds into the query
(:func:`absorbed_scores` equals :func:`explicit_scores`); RoPE puts a rotation ``R_{n-m}``
between the two projections, so the folded matrix would have to change with the offset
(:func:`middle_matrices`, :func:`offset_absorbed_scores`). DeepSeek-V2's fix is a small rotary key
shared by all heads, decoupled from the latent (:func:`rotary_scores`), and
:func:`kv_cache_elements` counts what each scheme caches.

References:
    DeepSeek-AI, "DeepSeek-V2: A Strong, Economical, and Efficient Mixture-of-Experts Language
    Model", arXiv:2405.04434 (2024).
    Jianlin Su, "The ultimate tug of war between cache and effect: from MHA, MQA, GQA to MLA",
    https://kexue.fm/archives/10091 (2024).
"""

from __future__ import annotations

from dataclasses import dataclass

import torch
from torch import Tensor

from snippets.position_encoding.rope import apply_rope, rope_matrix


@dataclass(frozen=True)
class MLAWeights:
    """Projections of one MLA layer (query compression omitted: queries use ``W^Q`` directly).

    Attributes:
        w_dkv: Down-projection to the latent, ``[d_c, d]``.
        w_q: Content query projection per head, ``[n_h, d_h, d]``.
        w_uk: Key up-projection per head, ``[n_h, d_h, d_c]``.
        w_qr: Rotary query projection per head, ``[n_h, d_r, d]``.
        w_kr: Rotary key projection shared by all heads, ``[d_r, d]``.
    """

    w_dkv: Tensor
    w_q: Tensor
    w_uk: Tensor
    w_qr: Tensor
    w_kr: Tensor


def init_mla_weights(
    d: int,
    n_h: int,
    d_h: int,
    d_c: int,
    d_r: int,
    *,
    generator: torch.Generator | None = None,
    device: torch.device | None = None,
    dtype: torch.dtype = torch.float32,
) -> MLAWeights:
    """Random Gaussian projections scaled by ``1/sqrt(fan_in)``.

    Examples:
        >>> w = init_mla_weights(8, 2, 4, 3, 2)
        >>> tuple(w.w_uk.shape), tuple(w.w_kr.shape)
        ((2, 4, 3), (2, 8))
    """

    def draw(*shape: int) -> Tensor:
        t = torch.randn(*shape, generator=generator, device=device, dtype=dtype)
        return t / shape[-1] ** 0.5

    return MLAWeights(
        w_dkv=draw(d_c, d),
        w_q=draw(n_h, d_h, d),
        w_uk=draw(n_h, d_h, d_c),
        w_qr=draw(n_h, d_r, d),
        w_kr=draw(d_r, d),
    )


def latent(h: Tensor, w: MLAWeights) -> Tensor:
    """The cached latent ``c_n = W^{DKV} h_n``: ``[n, d] -> [n, d_c]``."""
    return h @ w.w_dkv.T  # [n, d] @ [d, d_c]


def rotary_scores(h: Tensor, w: MLAWeights, positions: Tensor, base: float = 10000.0) -> Tensor:
    """Position part ``(R_m W^{QR} x_m)^T (R_n W^{KR} h_n)``, shape ``[n_h, n, n]``."""
    q_r = apply_rope(torch.einsum("hrd,nd->hnr", w.w_qr, h), positions, base)  # [n_h, n, d_r]
    k_r = apply_rope(h @ w.w_kr.T, positions, base)  # [n, d_r], one key for all heads
    return q_r @ k_r.T  # [n_h, n, d_r] @ [d_r, n]


def explicit_scores(
    h: Tensor,
    w: MLAWeights,
    positions: Tensor | None = None,
    *,
    decoupled: bool = False,
    base: float = 10000.0,
) -> Tensor:
    """Scores with keys up-projected from the latent, ``[n_h, n, n]`` (query m, key n).

    Args:
        h: Hidden states, ``[n, d]`` (self-attention: the same tokens give queries and keys).
        w: The layer's projections.
        positions: Token positions ``[n]``. With ``decoupled=False`` RoPE rotates the whole
            head (queries ``W^Q x`` and keys ``W^{UK} c``); ``None`` means no RoPE.
        decoupled: Add DeepSeek-V2's decoupled rotary part instead; the content part is then
            not rotated.
        base: RoPE base.

    Returns:
        The unscaled scores ``q_m^T k_n`` for every head.
    """
    c = latent(h, w)  # [n, d_c]
    q = torch.einsum("hed,nd->hne", w.w_q, h)  # [n_h, n, d_h]
    k = torch.einsum("hec,nc->hne", w.w_uk, c)  # [n_h, n, d_h]
    if positions is not None and not decoupled:
        q, k = apply_rope(q, positions, base), apply_rope(k, positions, base)
    scores = q @ k.transpose(-1, -2)  # [n_h, n, d_h] @ [n_h, d_h, n]
    if decoupled:
        if positions is None:
            raise ValueError("decoupled RoPE needs positions")
        scores = scores + rotary_scores(h, w, positions, base)
    return scores


def absorbed_query_matrix(w: MLAWeights) -> Tensor:
    """``W^{UK T} W^Q`` per head, ``[n_h, d_c, d]``: maps a token to its latent-space query."""
    return torch.einsum("hec,hed->hcd", w.w_uk, w.w_q)  # sum over the head dimension e


def absorbed_scores(
    h: Tensor,
    w: MLAWeights,
    positions: Tensor | None = None,
    *,
    base: float = 10000.0,
) -> Tensor:
    """Scores computed against the cached latent directly, ``[n_h, n, n]``.

    The content part is ``(W^{UK T} W^Q x_m)^T c_n``: no key is ever up-projected. Given
    ``positions``, the decoupled rotary part is added; whole-head RoPE cannot be expressed here.

    Examples:
        >>> g = torch.Generator().manual_seed(0)
        >>> w = init_mla_weights(8, 2, 4, 3, 2, generator=g, dtype=torch.float64)
        >>> h = torch.randn(5, 8, generator=g, dtype=torch.float64)
        >>> torch.allclose(absorbed_scores(h, w), explicit_scores(h, w))
        True
    """
    c = latent(h, w)  # [n, d_c]
    q_latent = torch.einsum("hcd,nd->hnc", absorbed_query_matrix(w), h)  # [n_h, n, d_c]
    scores = q_latent @ c.T  # [n_h, n, d_c] @ [d_c, n]
    if positions is not None:
        scores = scores + rotary_scores(h, w, positions, base)
    return scores


def middle_matrices(w: MLAWeights, offsets: list[int], base: float = 10000.0) -> Tensor:
    """``W^{Q T} R_{offset} W^{UK}`` per offset and head, ``[len(offsets), n_h, d, d_c]``.

    The matrix that absorption would have to precompute for keys ``offset`` positions after
    the query.

    Examples:
        >>> w = init_mla_weights(8, 2, 4, 3, 2, generator=torch.Generator().manual_seed(1))
        >>> torch.allclose(middle_matrices(w, [0])[0], absorbed_query_matrix(w).mT)
        True
    """
    d_h = w.w_q.shape[1]
    rots = torch.stack([rope_matrix(float(o), d_h, base) for o in offsets])  # [n_off, d_h, d_h]
    rots = rots.to(device=w.w_q.device, dtype=w.w_q.dtype)
    rotated_keys = rots[:, None] @ w.w_uk[None]  # [n_off, 1, d_h, d_h] @ [1, n_h, d_h, d_c]
    return w.w_q.mT[None] @ rotated_keys  # [1, n_h, d, d_h] @ [n_off, n_h, d_h, d_c]


def offset_absorbed_scores(
    h: Tensor, w: MLAWeights, positions: Tensor, base: float = 10000.0
) -> Tensor:
    """Whole-head RoPE scores through the latent, with one matrix per offset ``n - m``.

    ``s[h, m, n] = x_m^T M_h(n - m) c_n``; equals ``explicit_scores(h, w, positions)`` but needs
    a ``d x d_c`` matrix for every offset, which is what absorption was meant to avoid.
    """
    c = latent(h, w)  # [n, d_c]
    pos = positions.tolist()
    offsets = sorted({b - a for a in pos for b in pos})
    mats = middle_matrices(w, offsets, base)  # [n_off, n_h, d, d_c]
    index = {o: i for i, o in enumerate(offsets)}
    idx = torch.tensor([[index[b - a] for b in pos] for a in pos], device=h.device)  # [n, n]
    per_pair = mats[idx]  # [n, n, n_h, d, d_c]
    return torch.einsum("md,mnhdc,nc->hmn", h, per_pair, c)


def kv_cache_elements(
    scheme: str,
    *,
    n_h: int,
    d_h: int,
    n_g: int | None = None,
    d_c: int | None = None,
    d_r: int | None = None,
) -> int:
    """Elements cached per token and per layer.

    MHA ``2 n_h d_h``, GQA ``2 n_g d_h``, MQA ``2 d_h``, MLA ``d_c + d_r`` (latent plus the
    shared rotary key).

    Examples:
        >>> kv_cache_elements("MHA", n_h=128, d_h=128)
        32768
        >>> kv_cache_elements("MLA", n_h=128, d_h=128, d_c=512, d_r=64)
        576
    """
    if scheme == "MHA":
        return 2 * n_h * d_h
    if scheme == "GQA":
        if n_g is None:
            raise ValueError("GQA needs n_g")
        return 2 * n_g * d_h
    if scheme == "MQA":
        return 2 * d_h
    if scheme == "MLA":
        if d_c is None or d_r is None:
            raise ValueError("MLA needs d_c and d_r")
        return d_c + d_r
    raise ValueError(f"unknown scheme {scheme!r}")
