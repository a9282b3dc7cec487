"""The cache of check results: one file per page module, keyed by everything the results need.

The key of a page module (:func:`module_key`) hashes every file of ``derivations/`` and
``snippets/`` that importing the module executes (the module, what it imports, their packages'
``__init__.py``, and through ``derivations/__init__.py`` the machinery that checks claims; see
:func:`derivations._sources.import_closure`) and the versions of Python and the maths stack.
Only modules whose every check passed are stored.
"""

from __future__ import annotations

import hashlib
import json
import os
import platform
import sys
from importlib import metadata
from pathlib import Path

from derivations._report import Result, result_from_dict, result_to_dict
from derivations._sources import import_closure

PACKAGE_DIR = Path(__file__).resolve().parent
CACHE_ENV = "VERIFIED_CACHE_DIR"
#: Packages whose versions are part of every key.
PACKAGES = ("sympy", "mpmath", "numpy", "scipy", "latex2sympy2_extended")


def cache_dir() -> Path:
    """``$VERIFIED_CACHE_DIR``, else ``.cache/verified`` at the repository's root."""
    return Path(os.environ.get(CACHE_ENV) or PACKAGE_DIR.parent / ".cache" / "verified")


def _versions() -> str:
    parts = [platform.python_version()]
    for name in PACKAGES:
        try:
            parts.append(f"{name} {metadata.version(name)}")
        except metadata.PackageNotFoundError:
            parts.append(f"{name} missing")
    return " ".join(parts)


def relative(path: str) -> str:
    """``path`` relative to the repository's root when it lies inside it."""
    try:
        return str(Path(path).resolve().relative_to(PACKAGE_DIR.parent))
    except ValueError:
        return path


def _module_file(module: str) -> Path:
    """Source file of page module ``derivations.<category>.<slug>``."""
    return PACKAGE_DIR.joinpath(*module.split(".")[1:]).with_suffix(".py")


def module_key(module: str) -> str:
    """Hash of everything a module's check results depend on (see the module's docstring)."""
    h = hashlib.sha256(_versions().encode())
    mod = sys.modules.get(module)
    path = Path(mod.__file__) if mod is not None and mod.__file__ else _module_file(module)
    for source in import_closure(path):
        h.update(relative(str(source)).encode() + b"\0")
        h.update(source.read_bytes())
    return h.hexdigest()[:24]


def load(module: str) -> list[Result] | None:
    """The stored results of ``module`` under its current key, if any."""
    path = cache_dir() / f"{module}-{module_key(module)}.json"
    if not path.exists():
        return None
    data = json.loads(path.read_text())
    return [result_from_dict({**d, "cached": True}) for d in data]


def store(module: str, results: list[Result]) -> None:
    """Store the results of ``module`` under its current key (older keys are removed)."""
    folder = cache_dir()
    folder.mkdir(parents=True, exist_ok=True)
    for stale in folder.glob(f"{module}-*.json"):
        stale.unlink()
    path = folder / f"{module}-{module_key(module)}.json"
    path.write_text(json.dumps([result_to_dict(r) for r in results]))
