"""Shared fixtures: the built book (made by ``make book``) and the source text."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from edition.text import project  # noqa: E402
from edition.notes.records import Annotation, load_file  # noqa: E402
from edition.text.source import Source, load_source  # noqa: E402

#: Where the built book is: ``_build`` of the project unless EDITION_BUILD
#: names another folder (a build made with ``--path-output``'s ``_build``).
BUILD = Path(os.environ.get("EDITION_BUILD", ROOT / "_build"))
HTML = BUILD / "html"
LATEX = BUILD / "latex"
PDF_NAME = project.pdf_name(ROOT)
#: The EPUB's name follows the PDF's (edition.writers.epub.epub_name).
EPUB_NAME = str(Path(PDF_NAME).with_suffix(".epub"))
#: The pages holding the source text, with their units in order (from the pages themselves).
UNIT_PAGES = project.unit_pages(ROOT)
SOURCE_FILE = ROOT / "book" / "_source" / "essay-and-comments.txt"

pytest_plugins = ["tests.helpers.sphinxproject", "tests.helpers.layered"]


def toc_docnames() -> list[str]:
    """Every page of ``_toc.yml`` in reading order, the root first."""
    return project.toc_docnames(ROOT)


def annotation_records() -> list[tuple[str, Annotation]]:
    """Every annotation record of the book with its page's docname, read as the build reads them."""
    return [
        (f"book/{path.stem}", record)
        for path in sorted((ROOT / "annotations").glob("*.yml"))
        for record in load_file(path, ROOT)
    ]


def built(path: Path) -> Path:
    """A file that ``make book`` (or ``make test``) makes; the test fails, saying so,
    where it is missing."""
    if not path.exists():
        pytest.fail(f"no {path.name} in {path.parent}: run `make book` first")
    return path


@pytest.fixture(scope="session")
def site() -> Path:
    """The built website."""
    return built(HTML / "index.html").parent


@pytest.fixture(scope="session")
def pdf_path() -> Path:
    """The built PDF as the website serves it."""
    return built(HTML / PDF_NAME)


@pytest.fixture(scope="session")
def doc(pdf_path: Path) -> Iterator[Any]:
    """The built PDF, opened with PyMuPDF (imported here only when a test asks for it)."""
    import pymupdf

    with pymupdf.open(pdf_path) as document:
        yield document


@pytest.fixture(scope="session")
def source() -> Source:
    """The project's verbatim copy of the source, parsed into units."""
    return load_source(SOURCE_FILE)


# The browser fixtures import Playwright (tests/helpers/browser.py) only when a
# browser test asks for them, so that the fast layer runs without it.


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """Tests taking ``site_page`` run once for each page of the built site."""
    if "site_page" in metafunc.fixturenames:
        from tests.helpers.browser import parametrize_site_page

        parametrize_site_page(metafunc)


@pytest.fixture(scope="session")
def site_url(site: Path) -> Iterator[str]:
    """The built site, served over HTTP on 127.0.0.1 from a thread."""
    from tests.helpers.browser import serve_site

    yield from serve_site(site)


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """Debian's Chromium, headless, with no background traffic."""
    from tests.helpers.browser import chromium_session

    yield from chromium_session()


@pytest.fixture
def open_page(browser: Any, site: Path, site_url: str) -> Iterator[Any]:
    """Open site pages, each in a fresh browser context (see ``tests.helpers.browser.page_opener``)."""
    from tests.helpers.browser import page_opener

    yield from page_opener(browser, site, site_url)


def set_again(folder: Path, changes: dict[str, str]) -> Path:
    """The built book's LaTeX copied into ``folder``, each ``changes`` key replaced
    by its value (each must occur), set again by latexmk, through the TeX-log gate."""
    import shutil
    import subprocess

    shutil.copytree(built(LATEX), folder, ignore=shutil.ignore_patterns("*.pdf", "*.aux", "*.fdb_latexmk", "*.fls"))
    tex = folder / PDF_NAME.replace(".pdf", ".tex")
    source = tex.read_text(encoding="utf-8")
    for old, new in changes.items():
        assert old in source, f"the built LaTeX has no {old!r}: run `make book`"
        source = source.replace(old, new)
    tex.write_text(source, encoding="utf-8")
    env = {**os.environ, "max_print_line": "10000"}
    subprocess.run(["latexmk", "-pdf", "-dvi-", "-ps-", "-interaction=nonstopmode", tex.name],
                   cwd=folder, env=env, check=True, capture_output=True)
    gate = subprocess.run([sys.executable, str(ROOT / "tools" / "tex_log.py"), str(tex.with_suffix(".log"))],
                          capture_output=True, text=True)
    assert gate.returncode == 0, gate.stdout + gate.stderr
    return tex.with_suffix(".pdf")


@pytest.fixture(scope="session")
def two_sided_pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The book's PDF printed two-sided (``make pdf SIDES=two``): the LaTeX of the
    built book set again with the class option ``twoside`` in place of ``oneside``
    (all that SIDES changes, as test_paper checks)."""
    return set_again(tmp_path_factory.mktemp("two-sided") / "latex", {"oneside,openany": "twoside,openany"})


@pytest.fixture(scope="session")
def letter_pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The book's PDF on US Letter (``make pdf PAPER=letter``): the built book's
    LaTeX set again with Letter's paper and right margin (all that PAPER changes,
    as test_paper checks)."""
    from edition.writers.latex import page_mm

    a4, letter = page_mm("a4"), page_mm("letter")
    return set_again(tmp_path_factory.mktemp("letter") / "latex", {
        "[a4paper,": "[letterpaper,",
        f"hmargin={{{a4['left']}mm,{a4['right']}mm}}": f"hmargin={{{letter['left']}mm,{letter['right']}mm}}",
    })
