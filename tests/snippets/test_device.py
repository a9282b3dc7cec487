"""Tests of ``device``: the one device helper picks CUDA only when torch sees a GPU."""

from __future__ import annotations

import pytest
import torch

from snippets.device import default_device, describe_device, seeded_generator


def test_default_device_follows_cuda_availability(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(torch.cuda, "is_available", lambda: False)
    assert default_device() == torch.device("cpu")
    monkeypatch.setattr(torch.cuda, "is_available", lambda: True)
    assert default_device() == torch.device("cuda")


def test_description_names_the_gpu(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(torch.cuda, "get_device_name", lambda device=None: "Test GPU")
    assert describe_device(torch.device("cuda")) == "cuda (Test GPU)"
    assert describe_device(torch.device("cpu")) == "cpu"


def test_generator_is_reproducible_and_on_its_device() -> None:
    a = torch.rand(4, generator=seeded_generator(3, torch.device("cpu")))
    b = torch.rand(4, generator=seeded_generator(3, torch.device("cpu")))
    c = torch.rand(4, generator=seeded_generator(4, torch.device("cpu")))
    assert torch.equal(a, b)
    assert not torch.equal(a, c)
    assert seeded_generator(0, torch.device("cpu")).device == torch.device("cpu")
