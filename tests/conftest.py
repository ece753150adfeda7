"""Shared fixtures: the built book (made by ``make book``) and the source text."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from edition.source import Source, load_source  # noqa: E402

#: Where the built book is: ``_build`` of the project unless EDITION_BUILD
#: names another folder (a build made with ``--path-output``'s ``_build``).
BUILD = Path(os.environ.get("EDITION_BUILD", ROOT / "_build"))
HTML = BUILD / "html"
LATEX = BUILD / "latex"
PDF_NAME = "when-psychotherapists-are-less-healthy.pdf"
SOURCE_FILE = ROOT / "book" / "_source" / "essay-and-comments.txt"

#: The browser fixtures (Playwright) are imported by the browser tests alone, so that
#: the fast layer runs where Playwright is not installed.
pytest_plugins = ["tests.helpers.sphinxproject"]


def toc_docnames() -> list[str]:
    """Every page of ``_toc.yml`` in reading order, the root first."""
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text(encoding="utf-8"))
    names = [toc["root"]]
    for part in toc.get("parts", []):
        names += [chapter["file"] for chapter in part["chapters"]]
    return names


@pytest.fixture(scope="session")
def site() -> Path:
    """The built website; ``make book`` (or ``make test``) builds it."""
    if not (HTML / "index.html").exists():
        pytest.fail("no built website in _build/html: run `make book` first")
    return HTML


@pytest.fixture(scope="session")
def pdf_path() -> Path:
    """The built PDF as the website serves it."""
    path = HTML / PDF_NAME
    if not path.exists():
        pytest.fail(f"no {PDF_NAME} in _build/html: run `make book` first")
    return path


@pytest.fixture(scope="session")
def source() -> Source:
    """The project's verbatim copy of the source, parsed into units."""
    return load_source(SOURCE_FILE)
