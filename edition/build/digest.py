"""Digests of what the build depends on besides the pages (pure logic).

Sphinx re-reads a page when the page changes, and rewrites it when its
doctree or the HTML configuration changes. It does not know that the
extension's code, its templates or style sheets, the book's ``_config.yml``
or the pinned ``requirements.txt`` shape every page too. Two digests tell it:

* :func:`code_digest` becomes the extension's ``env_version``: any change to
  the code, the configuration file or the pins gives a fresh environment, so
  every page is read and written again;
* :func:`assets_digest` is a configuration value that only the HTML builder
  watches: a change to a template or a style sheet writes every page again
  without reading any.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from pathlib import Path

PACKAGE = Path(__file__).parent.parent  # edition/

#: Project files whose every change must reach every output.
PROJECT_FILES = ("_config.yml", "requirements.txt")


def files_digest(paths: Iterable[Path], root: Path) -> str:
    """A digest of the files' names (relative to ``root``) and contents, in sorted order."""
    digest = hashlib.sha256()
    for path in sorted(paths):
        if path.is_file():
            name = path.relative_to(root).as_posix() if path.is_relative_to(root) else path.name
            digest.update(name.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def code_digest(project: Path) -> int:
    """The extension's code plus the project's ``_config.yml`` and ``requirements.txt``, as a number."""
    paths = [*PACKAGE.rglob("*.py"), *(project / name for name in PROJECT_FILES)]
    return int(files_digest(paths, PACKAGE.parent)[:15], 16)


def assets_digest(folders: Iterable[Path], files: Iterable[Path] = ()) -> str:
    """Every file under ``folders``, plus ``files``: templates, style sheets, scripts."""
    paths = [p for folder in folders for p in folder.rglob("*")] + list(files)
    return files_digest(paths, PACKAGE)[:16]
