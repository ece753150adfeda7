"""Reproducible builds: the same sources and SOURCE_DATE_EPOCH give the same book.

The test copies the project's sources once (so that edits made meanwhile do
not count), builds the website twice into two fresh folders and compares
every file byte for byte; then builds the PDF twice and compares its text,
page by page. docs/reproducibility.md explains the set-up.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from tests.helpers.lazy import pymupdf
import pytest

from tests.conftest import PDF_NAME, ROOT

pytestmark = pytest.mark.book

#: The date the builds are stamped with (the Makefile uses the last commit's).
EPOCH = os.environ.get("SOURCE_DATE_EPOCH", "1764115200")

#: Website files allowed to differ between two builds, with the reason.
#: None today; Sphinx's own cache (``_build/.doctrees``) is not part of the
#: website and is not compared.
HTML_EXCEPTIONS: dict[str, str] = {}

#: What is not part of the sources.
NOT_SOURCES = ("_build", ".venv", ".git", ".pytest_cache", "__pycache__", "conf.py")

JUPYTER_BOOK = Path(sys.executable).with_name("jupyter-book")


@pytest.fixture(scope="module")
def sources(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A snapshot of the project's sources, built from in place of the working tree."""
    snapshot = tmp_path_factory.mktemp("sources") / "book"
    shutil.copytree(ROOT, snapshot, ignore=shutil.ignore_patterns(*NOT_SOURCES))
    return snapshot


def build(sources: Path, output: Path, builder: str) -> Path:
    """Build the snapshot with ``builder`` into ``output``; return its ``_build`` folder."""
    env = {**os.environ, "SOURCE_DATE_EPOCH": EPOCH}
    result = subprocess.run(
        [str(JUPYTER_BOOK), "build", ".", "--builder", builder, "-W", "-n", "--keep-going",
         "--path-output", str(output)],
        cwd=sources, env=env, capture_output=True, text=True, timeout=600,
    )
    assert result.returncode == 0, f"{builder} build failed:\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}"
    return output / "_build"


def files_of(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder`` by relative path, with its bytes."""
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def pdf_pages_text(path: Path) -> list[str]:
    """The text of each page of a PDF."""
    with pymupdf.open(path) as doc:
        return [page.get_text() for page in doc]


def test_html_builds_are_identical(sources: Path, tmp_path: Path) -> None:
    first = files_of(build(sources, tmp_path / "one", "html") / "html")
    second = files_of(build(sources, tmp_path / "two", "html") / "html")
    assert first.keys() == second.keys(), f"different files: {sorted(first.keys() ^ second.keys())}"
    assert any(name.endswith(".html") for name in first)
    differ = sorted(name for name in first if first[name] != second[name] and name not in HTML_EXCEPTIONS)
    assert differ == [], f"files that differ between two builds: {differ}"


def test_pdf_text_is_identical(sources: Path, tmp_path: Path) -> None:
    first = pdf_pages_text(build(sources, tmp_path / "one", "pdflatex") / "latex" / PDF_NAME)
    second = pdf_pages_text(build(sources, tmp_path / "two", "pdflatex") / "latex" / PDF_NAME)
    assert len(first) == len(second), f"{len(first)} pages, then {len(second)}"
    differ = [n + 1 for n, (a, b) in enumerate(zip(first, second)) if a != b]
    assert differ == [], f"pages whose text differs between two builds: {differ}"
