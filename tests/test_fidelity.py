"""Every character of the title, the essay and the thread reaches the reader.

The HTML: each unit's text, white space normalised, stands whole and in
reading order in the pages of the book (margin notes and the editors' unit
numbers set aside, since they are not the text). The PDF: the same, read from
the text block only (notes and numbers stand in the margins), with the one
extra allowance that a hyphen ending a line may be the word's own or TeX's.
"""

from __future__ import annotations

from tests.helpers.lazy import pymupdf
import pytest

from edition.writers.latex import PAGE_MM
from edition.text.source import normalize_space

from .conftest import toc_docnames
from .helpers.text import (
    article_text,
    find_hyphenated,
    find_in_order,
    match_at,
    pdf_region_text,
    pdf_region_words,
)

pytestmark = pytest.mark.book

MM = 72 / 25.4


def book_text(site) -> str:
    """The article text of every page in reading order."""
    return " ".join(article_text(site / f"{name}.html") for name in toc_docnames())


def test_html_has_every_unit_verbatim_in_order(site, source) -> None:
    text = book_text(site)
    units = [normalize_space(unit.text) for unit in source.units]
    find_in_order(text, units)


def test_html_title_is_the_source_title(site, source) -> None:
    index = (site / "book" / "index.html").read_text(encoding="utf-8")
    assert f"<h1>{source.title}" in index
    assert f"<title>{source.title}" in index


def test_html_keeps_spaced_full_stops_and_quotes(site, source) -> None:
    """Smartquotes and other typography must not touch the text."""
    text = book_text(site)
    assert " . . . " in text and "…" not in source.unit("p1").text
    assert "****I invite all readers" in text
    assert "[the client believes]" in text
    assert "‘psy-professional’" in text


def text_block() -> tuple[float, float, float, float]:
    """The text column of a page (x, y, width, height in points), without
    margins, running head and folio, from the layout the PDF is made with."""
    left, top = PAGE_MM["left"] * MM, PAGE_MM["top"] * MM
    width = (PAGE_MM["width"] - PAGE_MM["left"] - PAGE_MM["right"]) * MM
    height = (PAGE_MM["height"] - PAGE_MM["top"] - PAGE_MM["bottom"]) * MM
    return (left - 1, top - 2, width + 2, height + 4)


@pytest.fixture(scope="module")
def pdf_text(pdf_path) -> str:
    return pdf_region_text(pdf_path, text_block())


def test_pdf_has_every_unit_verbatim_in_order(pdf_text, source) -> None:
    at = 0
    for unit in source.units:
        expected = normalize_space(unit.text)
        start = find_hyphenated(pdf_text, expected, at)
        assert start != -1, f"{unit.label} not found whole in the PDF's text block after offset {at}"
        at = match_at(pdf_text, start, expected)


def test_pdf_words_come_apart_when_read_by_their_spaces(pdf_path, source) -> None:
    """The PDF holds real word spaces: a reader's copy, a screen reader or an
    extractor that splits words only at spaces (PyMuPDF) gets every unit's
    words apart, tight lines included, and nothing run together."""
    words = pdf_region_words(pdf_path, text_block())
    at = 0
    for unit in source.units:
        expected = normalize_space(unit.text)
        start = find_hyphenated(words, expected, at)
        assert start != -1, f"{unit.label}: its words run together in the PDF (read by spaces) after offset {at}"
        at = match_at(words, start, expected)


def test_no_words_run_together_anywhere_in_the_pdf(pdf_path, site) -> None:
    """Notes, introductions and apparatus too: every long run PyMuPDF reads
    as one word (20 letters or more, no hyphen, dash, slash or dotted name)
    is a word the website has ("countertransference."), not words whose
    spaces were lost."""
    import re

    site_words: set[str] = set()
    for name in toc_docnames():
        site_words.update(article_text(site / f"{name}.html", drop_notes=False).split())
    with pymupdf.open(pdf_path) as doc:
        runs = {
            word[4]
            for page in doc
            for word in page.get_text("words")
            if len(word[4]) >= 20 and not re.search(r"[/\-–—@]|\.\w", word[4])
        }
    assert runs, "the check reads nothing: no long words at all"
    assert runs <= site_words, f"words run together in the PDF: {sorted(runs - site_words)[:10]}"


def test_pdf_title_page_carries_the_title(pdf_path, source) -> None:
    with pymupdf.open(pdf_path) as doc:
        assert source.title in normalize_space(doc[0].get_text())


def test_hyphen_matching_is_strict() -> None:
    """The one allowance cannot hide a real change of text."""
    marked = "health\u0000oriented and heal\u0000thy"
    assert find_hyphenated(marked, "health-oriented and healthy") == 0
    assert find_hyphenated(marked, "healthoriented and healthy") == 0
    assert find_hyphenated(marked, "health-oriented and wealthy") == -1
