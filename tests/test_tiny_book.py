"""A second book, tiny, made with the same extension and no change to ``edition/``:
two paragraphs of the Gettysburg Address, one comment, two notes, its own
``_config.yml`` (tests/books/tiny). It builds as a website, a PDF (XeLaTeX, through
the book's TeX log gate) and an EPUB, and its outputs hold its own facts and
nothing of the edition's book."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path
from zipfile import ZipFile

import pytest

pytestmark = pytest.mark.book

ROOT = Path(__file__).resolve().parents[1]
BOOK = ROOT / "tests" / "books" / "tiny"
JUPYTER_BOOK = Path(sys.executable).parent / "jupyter-book"

#: The book's two paragraphs, as its source gives them.
PARAGRAPHS = [
    p for p in (BOOK / "book" / "_source" / "address.txt").read_text(encoding="utf-8").split("\n\n")[1:3]
]
#: What only the edition's own book says: none of it may reach the tiny book.
OTHER_BOOK = re.compile(r"Mackler|Mad in America|Psychotherapist|D’Silva|Around the Web", re.IGNORECASE)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The tiny book built in HTML, PDF and EPUB, under -W, into a temporary folder."""
    out = tmp_path_factory.mktemp("tiny")
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1764115200", "max_print_line": "10000"}
    for builder in (["--builder", "html"], ["--builder", "pdflatex"], ["--builder", "custom", "--custom-builder", "epub"]):
        done = subprocess.run([str(JUPYTER_BOOK), "build", str(BOOK), *builder, "-W", "-n", "--keep-going",
                               "--path-output", str(out)], capture_output=True, text=True, env=env, cwd=ROOT)
        assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    return out / "_build"


def squeeze(text: str) -> str:
    return " ".join(text.split())


def words_of(page: str, notes: str) -> list[str]:
    """The text of each paragraph of the source on a page, its notes (``notes``, a CSS selector) left out."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(page, "html.parser")
    for note in soup.select(notes):
        note.decompose()
    for number in soup.select(".unit-number"):
        number.decompose()
    return [squeeze(p.get_text()) for p in soup.select("p.passage")]


def test_the_website_holds_the_text_the_notes_and_the_comment(built: Path) -> None:
    page = (built / "html" / "book" / "address.html").read_text(encoding="utf-8")
    assert words_of(page, "span.annotation") == [squeeze(p) for p in PARAGRAPHS]
    assert "Eighty-seven years: from 1776 to 1863." in page
    assert "Two paragraphs, and the whole war is in them." in page
    # the citation a reader copies is made of this book's facts
    assert ('data-citation="Abraham Lincoln, ¶1, as quoted on the Bliss copy; in The Gettysburg Address: '
            'A Tiny Annotated Edition, version 0.1, 1863."') in page
    footer = (built / "html" / "book" / "index.html").read_text(encoding="utf-8")
    assert "The address is in the public domain" in footer


def test_the_pdf_holds_the_text_the_notes_and_its_own_imprint(built: Path) -> None:
    import pymupdf

    log = built / "latex" / "gettysburg.log"
    gate = subprocess.run([sys.executable, str(ROOT / "tools" / "tex_log.py"), str(log)], capture_output=True, text=True)
    assert gate.returncode == 0, gate.stdout + gate.stderr
    with pymupdf.open(built / "latex" / "gettysburg.pdf") as pdf:
        text = squeeze(" ".join(page.get_text() for page in pdf)).replace("- ", "")
    assert "Four score and seven years ago our fathers brought forth" in text
    assert "Eighty-seven years" in text and "Two paragraphs, and the whole war is in them." in text
    assert "Text by Abraham Lincoln, the Bliss copy" in text
    assert "The address is in the public domain" in text


def test_the_epub_holds_the_text_and_the_notes_as_footnotes(built: Path) -> None:
    with ZipFile(built / "epub" / "gettysburg.epub") as epub:
        chapter = epub.read("book/address.xhtml").decode("utf-8")
        title = epub.read("titlepage.xhtml").decode("utf-8")
        package = epub.read("content.opf").decode("utf-8")
    assert words_of(chapter, "aside") == [squeeze(p) for p in PARAGRAPHS]
    assert 'epub:type="footnote"' in chapter and "Eighty-seven years" in chapter
    assert "Text by Abraham Lincoln, the Bliss copy" in title
    assert "<dc:source>The Bliss copy of the Gettysburg Address</dc:source>" in package


def test_nothing_of_the_edition_s_own_book_reaches_the_tiny_one(built: Path) -> None:
    leaks = []
    for path in sorted(built.rglob("*")):
        if path.suffix in (".html", ".xhtml", ".opf", ".tex", ".jsonld", ".ncx"):
            found = OTHER_BOOK.search(path.read_text(encoding="utf-8"))
            if found:
                leaks.append(f"{path.relative_to(built)}: {found.group()}")
    assert leaks == []


def test_the_tiny_book_changes_nothing_in_the_extension() -> None:
    """The proof holds only while edition/ is the same package both books load."""
    config = (BOOK / "_config.yml").read_text(encoding="utf-8")
    assert "edition: ../../../" in config and not (BOOK / "edition").exists()
