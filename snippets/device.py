"""The one place that chooses where torch code runs.

Every page block and every snippet that allocates tensors takes its device from
:func:`default_device` (CUDA when available, else CPU) and passes ``device`` and ``dtype``
through explicitly, so the same code is right on a GPU without being edited. Outputs name the
device that produced them with :func:`describe_device`.
"""

from __future__ import annotations

import torch


def default_device() -> torch.device:
    """Return CUDA device 0 when a GPU is available, else the CPU.

    Examples:
        >>> default_device().type in {"cuda", "cpu"}
        True
    """
    return torch.device("cuda") if torch.cuda.is_available() else torch.device("cpu")


def describe_device(device: torch.device | None = None) -> str:
    """Name the device for page output, e.g. ``"cpu"`` or ``"cuda (NVIDIA A100)"``.

    Examples:
        >>> describe_device(torch.device("cpu"))
        'cpu'
    """
    device = device or default_device()
    if device.type == "cuda":
        return f"cuda ({torch.cuda.get_device_name(device)})"
    return device.type


def seeded_generator(seed: int, device: torch.device | None = None) -> torch.Generator:
    """A ``torch.Generator`` on ``device`` seeded with ``seed`` (reproducible CPU output).

    Examples:
        >>> g = seeded_generator(0, torch.device("cpu"))
        >>> torch.rand(2, generator=g).tolist() == torch.rand(
        ...     2, generator=seeded_generator(0, torch.device("cpu"))).tolist()
        True
    """
    device = device or default_device()
    gen = torch.Generator(device=device)
    gen.manual_seed(seed)
    return gen
