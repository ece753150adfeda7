"""The package's layout is its architecture: each layer of ``edition/`` may use the
layers before it and never one after it, and the pure layers use no Sphinx (read with ``ast``)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

pytestmark = pytest.mark.fast

PACKAGE = Path(__file__).resolve().parents[1] / "edition"

#: The layers in order: a module may import its own layer and those before it.
LAYERS = ("text", "notes", "build", "writers", "classroom", "extension")
#: Layers that hold pure logic: no Sphinx, no docutils.
PURE = ("text", "notes")


def layer_of(module: str) -> str | None:
    """The layer of a dotted module name under ``edition`` (``edition.text.source`` → ``text``)."""
    parts = module.split(".")
    if parts[0] != "edition" or len(parts) < 2:
        return None
    return parts[1] if parts[1] in LAYERS else None


def module_name(path: Path, root: Path = PACKAGE) -> str:
    """The dotted name of the module at ``path`` in the package at ``root``."""
    parts = list(path.relative_to(root.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imports(path: Path, root: Path = PACKAGE) -> list[tuple[int, str]]:
    """Every module ``path`` imports, absolute, with its line (relative imports resolved)."""
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    package = module_name(path, root).split(".")
    if path.name != "__init__.py":
        package = package[:-1]
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[: len(package) - node.level + 1]
                prefix = ".".join(base + ([node.module] if node.module else []))
            else:
                prefix = node.module or ""
            # ``from . import nodes`` imports the module ``edition.build.nodes``
            found += [(node.lineno, f"{prefix}.{alias.name}") for alias in node.names]
            found.append((node.lineno, prefix))
    return found


def faults(root: Path = PACKAGE) -> list[str]:
    """Every import that goes up the layers, or into Sphinx from a pure layer, one line each."""
    found = []
    for path in sorted(root.rglob("*.py")):
        own = layer_of(module_name(path, root))
        if own is None:
            continue
        for line, target in imports(path, root):
            other = layer_of(target)
            where = f"{path.relative_to(root.parent)}:{line}"
            if other is not None and LAYERS.index(other) > LAYERS.index(own):
                found.append(f"{where}: the {own} layer imports {target} ({other}, a later layer)")
            if own in PURE and target.split(".")[0] in ("sphinx", "docutils"):
                found.append(f"{where}: the pure {own} layer imports {target}")
    return found


def test_no_layer_imports_a_later_one() -> None:
    assert faults() == []


def test_every_module_is_in_a_layer() -> None:
    """Nothing but the package's entry point stands outside the layers."""
    loose = [p.name for p in PACKAGE.glob("*.py") if p.name not in ("__init__.py", "extension.py")]
    assert loose == []
    assert sorted(p.name for p in PACKAGE.iterdir() if p.is_dir() and (p / "__init__.py").exists()) == sorted(
        LAYERS[:-1])


def test_an_import_up_the_layers_is_caught(tmp_path: Path) -> None:
    """The check can fail: a pure module that imports the writers, or Sphinx, is named."""
    root = tmp_path / "edition"
    (root / "text").mkdir(parents=True)
    (root / "writers").mkdir()
    (root / "text" / "bad.py").write_text("import sphinx\nfrom ..writers import html\n", encoding="utf-8")
    (root / "writers" / "html.py").write_text("from ..text import bad\n", encoding="utf-8")
    assert faults(root) == [
        "edition/text/bad.py:1: the pure text layer imports sphinx",
        "edition/text/bad.py:2: the text layer imports edition.writers.html (writers, a later layer)",
        "edition/text/bad.py:2: the text layer imports edition.writers (writers, a later layer)",
    ]
