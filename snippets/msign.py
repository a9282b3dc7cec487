"""Matrix sign (orthogonal polar factor) msign(M) = U V^T, and iterations that approximate it.

References:
    Keller Jordan et al., "Muon: An optimizer for hidden layers in neural networks" (2024),
    https://kellerjordan.github.io/posts/muon/
"""

from __future__ import annotations

import torch
from torch import Tensor


def msign_svd(m: Tensor) -> Tensor:
    """Reference msign by SVD: ``U V^T`` for ``M = U S V^T`` (computed in float64).

    Examples:
        >>> m = torch.tensor([[2.0, 0.0], [0.0, -3.0]])
        >>> msign_svd(m).tolist()
        [[1.0, 0.0], [0.0, -1.0]]
    """
    u, _, vh = torch.linalg.svd(m.to(torch.float64), full_matrices=False)
    return (u @ vh).to(m.dtype)
