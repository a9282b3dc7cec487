"""Muon: momentum, then the momentum matrix orthogonalised by an approximate msign.

One Muon step for a weight matrix ``W`` with gradient ``G``::

    M <- beta M + (1 - beta) G                     (momentum, an exponential moving average)
    N  = beta M + (1 - beta) G   (Nesterov)   or   N = M
    O  = msign(N) ~ U V^T                          (Newton-Schulz iterations, snippets.matrix.msign)
    W <- (1 - lr wd) W - lr sqrt(max(1, rows / cols)) O

:func:`muon_update` is the pure core (returns the update and the new momentum);
:class:`Muon` is a thin ``torch.optim.Optimizer`` around it for 2-D parameters.

References:
    Keller Jordan et al., "Muon: An optimizer for hidden layers in neural networks" (2024),
    https://kellerjordan.github.io/posts/muon/
    Bernstein, Newhouse, "Old optimizer, new norm: an anthology", arXiv:2409.20325 (2024) --
    steepest descent under the spectral norm.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

import torch
from torch import Tensor

from snippets.matrix.msign import newton_schulz_quintic


def muon_update(
    grad: Tensor,
    momentum: Tensor,
    *,
    beta: float = 0.95,
    nesterov: bool = True,
    steps: int = 5,
    msign: Callable[[Tensor, int], Tensor] = newton_schulz_quintic,
) -> tuple[Tensor, Tensor]:
    """The Muon direction for one matrix: ``(update, new_momentum)``; inputs are not modified.

    Args:
        grad: Gradient ``G``, shape ``[rows, cols]``.
        momentum: Momentum buffer ``M`` (same shape; zeros at the first step).
        beta: Momentum coefficient.
        nesterov: Orthogonalise ``beta M' + (1 - beta) G`` instead of ``M'``.
        steps: Iterations of ``msign``.
        msign: Approximate matrix sign ``(X, steps) -> Tensor`` (default: Muon's quintic).

    Returns:
        ``sqrt(max(1, rows / cols)) * msign(N)`` and the new momentum ``M'``.

    Examples:
        >>> g = torch.tensor([[2.0, 0.0], [0.0, 0.5]])
        >>> upd, m = muon_update(g, torch.zeros(2, 2), beta=0.0, steps=8)
        >>> s = torch.linalg.svdvals(upd)  # Muon's quintic: a band around 1, not exactly 1
        >>> bool(((s > 0.68) & (s < 1.21)).all())
        True
    """
    new_momentum = beta * momentum + (1 - beta) * grad
    direction = beta * new_momentum + (1 - beta) * grad if nesterov else new_momentum
    rows, cols = grad.shape[-2], grad.shape[-1]
    scale = max(1.0, rows / cols) ** 0.5
    return scale * msign(direction, steps), new_momentum


class Muon(torch.optim.Optimizer):
    """Muon for 2-D parameters: keeps the momentum and calls :func:`muon_update`.

    Examples:
        >>> w = torch.nn.Parameter(torch.zeros(3, 2))
        >>> opt = Muon([w], lr=0.1)
        >>> w.grad = torch.ones(3, 2)
        >>> opt.step()
        >>> bool((w < 0).all())
        True
    """

    def __init__(
        self,
        params: Iterable[Tensor],
        lr: float = 0.02,
        beta: float = 0.95,
        nesterov: bool = True,
        steps: int = 5,
        weight_decay: float = 0.0,
    ) -> None:
        """Store the hyper-parameters (see :func:`muon_update`)."""
        defaults = {
            "lr": lr,
            "beta": beta,
            "nesterov": nesterov,
            "steps": steps,
            "weight_decay": weight_decay,
        }
        super().__init__(params, defaults)

    @torch.no_grad()
    def step(self, closure: Callable[[], Tensor] | None = None) -> Tensor | None:  # type: ignore[override]
        """One Muon step on every parameter that has a gradient."""
        loss = closure() if closure is not None else None
        for group in self.param_groups:
            for p in group["params"]:
                if p.grad is None:
                    continue
                if p.ndim != 2:
                    raise ValueError("Muon is for matrices; use AdamW for other parameters")
                state = self.state[p]
                buf = state.get("momentum", torch.zeros_like(p))
                update, state["momentum"] = muon_update(
                    p.grad,
                    buf,
                    beta=group["beta"],
                    nesterov=group["nesterov"],
                    steps=group["steps"],
                )
                p.mul_(1 - group["lr"] * group["weight_decay"])
                p.add_(update.to(p.dtype), alpha=-group["lr"])
        return loss
