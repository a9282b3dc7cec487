"""An execution cache for the pages' Python blocks.

markdown-exec runs every block on every build. This module wraps the block runner
(:mod:`derivations._exec`) so that a block whose
output is already known is not run again. The key of a block is made of

* its code, its page, and the code of every block before it in its session (a block's
  output can depend on what earlier blocks left behind),
* the source of every file of ``snippets/`` and ``derivations/`` that these blocks import,
  transitively (:func:`derivations._sources.code_closure`), and of the block runner,
* the device a block would run on, and the versions of Python and the numeric stack.

A hit returns the stored output, which is the output of a real run of the same code on the same
inputs. A block served from the cache is not executed, so when a later block of the same session
misses, the skipped blocks are first replayed (their output discarded) to rebuild the session's
state. A block that raises is never stored. ``VERIFIED_NO_CACHE=1`` turns the cache off.
"""

from __future__ import annotations

import hashlib
import json
import os
import platform
from importlib import metadata
from pathlib import Path
from typing import Any

from derivations._sources import code_closure

NO_CACHE_ENV = "VERIFIED_NO_CACHE"
PACKAGES = ("torch", "numpy", "scipy", "sympy", "matplotlib", "markdown-exec")


def disabled() -> bool:
    """True when ``$VERIFIED_NO_CACHE`` asks for a full re-run."""
    return os.environ.get(NO_CACHE_ENV, "") not in ("", "0")


def environment_digest() -> str:
    """Hash of the interpreter, the package versions and the device blocks would use."""
    parts = [platform.python_version()]
    for name in PACKAGES:
        try:
            parts.append(f"{name}=={metadata.version(name)}")
        except metadata.PackageNotFoundError:
            parts.append(f"{name} missing")
    parts.append(block_device())
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()


def block_device() -> str:
    """The device page blocks would run on, as ``snippets.default_device`` chooses it.

    A CPU-only build of torch (its version ends in ``+cpu``) can only give the CPU, which is
    known without importing torch (a second off a warm build); any other build is asked.
    """
    try:
        version = metadata.version("torch")
    except metadata.PackageNotFoundError:
        return "no torch"
    if version.endswith("+cpu"):
        return "cpu"
    import torch

    if torch.cuda.is_available():
        return f"cuda {torch.cuda.get_device_name(0)}"
    return "cpu"


class ExecCache:
    """Wraps a page-block runner with a cache on disk.

    Args:
        folder: Where outputs are stored (one JSON file per block key).
        base_key: Digest of everything outside the page that blocks depend on.
        run: The runner (:class:`derivations._exec.BlockRunner`): ``run(code, session=...,
            id=..., **extra)``, with the page being built in ``run.page``.
    """

    def __init__(self, folder: Path, base_key: str, run: Any) -> None:
        self.folder = folder
        self.base_key = base_key
        self.run = run
        #: Per (page, session): the code of the blocks seen so far, and those not yet run.
        self.history: dict[tuple[str, str], list[str]] = {}
        self.pending: dict[tuple[str, str], list[tuple[str, str | None, dict]]] = {}
        self.hits = 0
        self.misses = 0
        self._digests: dict[Path, bytes] = {}

    def _sources_digest(self, codes: list[str]) -> bytes:
        """Digest of the repository files that ``codes`` import (read once per build)."""
        h = hashlib.sha256()
        files = sorted({f for code in codes for f in code_closure(code)})
        for path in files:
            if path not in self._digests:
                self._digests[path] = hashlib.sha256(path.read_bytes()).digest()
            h.update(str(path).encode() + self._digests[path])
        return h.digest()

    def reset(self) -> None:
        """Forget session histories (the runner's sessions were reset too)."""
        self.history.clear()
        self.pending.clear()
        self.hits = self.misses = 0

    def key(self, code: str, session: str | None) -> str:
        """Key of a block: base digest, its page, the session's earlier blocks, its code."""
        h = hashlib.sha256(self.base_key.encode())
        earlier = self.history.get((self.run.page, session), []) if session else []
        h.update(self._sources_digest([*earlier, code]))
        if session:
            h.update(b"\2" + f"{self.run.page}\0{session}".encode())
            for block in earlier:
                h.update(b"\0" + block.encode())
        h.update(b"\1" + code.encode())
        return h.hexdigest()[:32]

    def __call__(
        self,
        code: str,
        returncode: int | None = None,
        session: str | None = None,
        id: str | None = None,  # noqa: A002 - markdown-exec's keyword
        **extra: Any,
    ) -> str:
        """Run a block, or return its stored output."""
        key = self.key(code, session)
        path = self.folder / f"{key}.json"
        where = (self.run.page, session) if session else None
        if path.exists():
            self.hits += 1
            if where:
                self.history.setdefault(where, []).append(code)
                self.pending.setdefault(where, []).append((code, id, extra))
            return json.loads(path.read_text())["output"]
        self.misses += 1
        if where:
            # Rebuild the session's state: run the blocks served from the cache before this one,
            # each under its own id (an error names the block that raised).
            for earlier, earlier_id, earlier_extra in self.pending.pop(where, []):
                self.run(
                    earlier, returncode=returncode, session=session, id=earlier_id, **earlier_extra
                )
        output = self.run(code, returncode=returncode, session=session, id=id, **extra)
        if where:
            self.history.setdefault(where, []).append(code)
        self.folder.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps({"id": id, "session": session, "output": output}))
        return output
