"""Which of the repository's source files a module depends on: its import closure.

A cached result is only as good as its key. The key of a page module's check results is made
of every file of ``derivations/`` and ``snippets/`` that importing the module would execute:
the module itself, every module it imports from either package (transitively, relative imports
included) and the ``__init__.py`` of every package on the way (``derivations/__init__.py``
brings in the machinery that checks claims). Imports are read from the source with :mod:`ast`,
without importing anything.
"""

from __future__ import annotations

import ast
import contextlib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("derivations", "snippets")


def _resolve(name: str, root: Path) -> list[Path]:
    """The files importing ``name`` executes: each package's ``__init__.py`` and the module."""
    parts = name.split(".")
    if parts[0] not in PACKAGES:
        return []
    files = []
    for i in range(1, len(parts) + 1):
        base = root.joinpath(*parts[:i])
        if (base / "__init__.py").exists():
            files.append(base / "__init__.py")
        elif base.with_suffix(".py").exists():
            files.append(base.with_suffix(".py"))
            break
        else:
            break
    return files


def _module_name(path: Path, root: Path) -> str:
    rel = path.relative_to(root).with_suffix("")
    parts = list(rel.parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _imports(path: Path, root: Path) -> list[str]:
    """Absolute names of the modules ``path`` imports (``from x import y`` gives x and x.y)."""
    try:
        package = _module_name(path, root)
    except ValueError:  # a file outside the repository: only absolute imports resolve
        package = ""
    if path.name != "__init__.py":
        package = package.rpartition(".")[0]
    return imported_names(path.read_text(), package, str(path))


def imported_names(source: str, package: str = "", filename: str = "<code>") -> list[str]:
    """Absolute names of the modules ``source`` imports, relative imports resolved in ``package``.

    Examples:
        >>> imported_names("import torch; from snippets.position_encoding.rope import apply_rope")
        ['torch', 'snippets.position_encoding.rope', 'snippets.position_encoding.rope.apply_rope']
    """
    names: list[str] = []
    for node in ast.walk(ast.parse(source, filename)):
        if isinstance(node, ast.Import):
            names += [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base_parts = package.split(".")
                base_parts = base_parts[: len(base_parts) - node.level + 1]
                base = ".".join(p for p in base_parts if p)
                module = f"{base}.{node.module}" if node.module else base
            else:
                module = node.module or ""
            names.append(module)
            names += [f"{module}.{a.name}" for a in node.names if a.name != "*"]
    return names


def code_closure(source: str, root: Path = ROOT) -> list[Path]:
    """Every file of the two packages that running ``source`` (a page's block) imports, sorted.

    Examples:
        >>> files = code_closure("from snippets.position_encoding.rope import apply_rope")
        >>> [f.relative_to(ROOT).as_posix() for f in files][-1]
        'snippets/position_encoding/rope.py'
    """
    todo = [f for name in imported_names(source) for f in _resolve(name, root)]
    return _closure(todo, root)


def import_closure(path: Path, root: Path = ROOT) -> list[Path]:
    """Every file of the two packages that importing ``path`` executes, sorted.

    Examples:
        >>> closure = import_closure(ROOT / "derivations" / "_check.py")
        >>> files = {f.relative_to(ROOT).as_posix() for f in closure}
        >>> sorted(f for f in files if f.endswith(("__init__.py", "_check.py", "_registry.py")))
        ['derivations/__init__.py', 'derivations/_check.py', 'derivations/_registry.py']
        >>> "snippets/device.py" in files
        False
    """
    todo = [path.resolve()]
    with contextlib.suppress(ValueError):  # a file outside the repository (throw-away claims)
        todo += _resolve(_module_name(path.resolve(), root), root)
    return _closure(todo, root)


def _closure(todo: list[Path], root: Path) -> list[Path]:
    seen: set[Path] = set()
    while todo:
        current = todo.pop()
        if current in seen or not current.exists():
            continue
        seen.add(current)
        for name in _imports(current, root):
            todo += _resolve(name, root)
    return sorted(seen)
