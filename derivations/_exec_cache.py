"""An execution cache for markdown-exec's Python blocks.

markdown-exec runs every block on every build. This module wraps its runner so that a block whose
output is already known is not run again. The key of a block is made of

* its code and the code of every block before it in its session (a block's output can depend on
  what earlier blocks left behind),
* the source of ``snippets/`` and ``derivations/`` (what blocks import),
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
from collections.abc import Callable
from importlib import metadata
from pathlib import Path
from typing import Any

NO_CACHE_ENV = "VERIFIED_NO_CACHE"
PACKAGES = ("torch", "numpy", "scipy", "sympy", "matplotlib", "markdown-exec")


def disabled() -> bool:
    """True when ``$VERIFIED_NO_CACHE`` asks for a full re-run."""
    return os.environ.get(NO_CACHE_ENV, "") not in ("", "0")


def source_digest(folders: list[Path]) -> str:
    """Hash of every ``.py`` file below ``folders`` (paths and contents).

    Examples:
        >>> import tempfile
        >>> d = Path(tempfile.mkdtemp())
        >>> _ = (d / "a.py").write_text("x = 1")
        >>> before = source_digest([d])
        >>> _ = (d / "a.py").write_text("x = 2")
        >>> before == source_digest([d])
        False
    """
    h = hashlib.sha256()
    for folder in folders:
        for path in sorted(folder.rglob("*.py")):
            h.update(str(path.relative_to(folder.parent)).encode())
            h.update(path.read_bytes())
    return h.hexdigest()


def environment_digest() -> str:
    """Hash of the interpreter, the package versions and the device blocks would use."""
    parts = [platform.python_version()]
    for name in PACKAGES:
        try:
            parts.append(f"{name}=={metadata.version(name)}")
        except metadata.PackageNotFoundError:
            parts.append(f"{name} missing")
    try:
        import torch

        if torch.cuda.is_available():
            parts.append(f"cuda {torch.cuda.get_device_name(0)}")
        else:
            parts.append("cpu")
    except ImportError:
        parts.append("no torch")
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()


class ExecCache:
    """Wraps markdown-exec's Python runner with a cache on disk.

    Args:
        folder: Where outputs are stored (one JSON file per block key).
        base_key: Digest of everything outside the page that blocks depend on.
        run: markdown-exec's runner, ``run(code, returncode=..., session=..., id=..., **extra)``.
    """

    def __init__(self, folder: Path, base_key: str, run: Callable[..., str]) -> None:
        self.folder = folder
        self.base_key = base_key
        self.run = run
        self.history: dict[str | None, list[str]] = {}
        self.pending: dict[str | None, list[tuple[str, dict]]] = {}
        self.hits = 0
        self.misses = 0

    def reset(self) -> None:
        """Forget session histories (markdown-exec's sessions were reset too)."""
        self.history.clear()
        self.pending.clear()
        self.hits = self.misses = 0

    def key(self, code: str, session: str | None) -> str:
        """Key of a block: base digest, the session's earlier blocks, the block's code."""
        h = hashlib.sha256(self.base_key.encode())
        for earlier in self.history.get(session, []) if session else []:
            h.update(b"\0" + earlier.encode())
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
        if path.exists():
            self.hits += 1
            if session:
                self.history.setdefault(session, []).append(code)
                self.pending.setdefault(session, []).append((code, extra))
            return json.loads(path.read_text())["output"]
        self.misses += 1
        if session:
            for earlier, earlier_extra in self.pending.pop(session, []):
                self.run(earlier, returncode=returncode, session=session, id=id, **earlier_extra)
        output = self.run(code, returncode=returncode, session=session, id=id, **extra)
        if session:
            self.history.setdefault(session, []).append(code)
        self.folder.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps({"id": id, "session": session, "output": output}))
        return output
