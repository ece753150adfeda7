"""Reading what a reader gets: the text of built HTML pages and of the PDF.

Normalisation is limited to what the comparison must allow, and no more:
runs of white space become one space, and in the PDF a hyphen at the end of
a line may be either the text's own hyphen or one added by line breaking.
"""

from __future__ import annotations

import subprocess
from pathlib import Path
from typing import Any

from bs4 import BeautifulSoup

from edition.text.source import normalize_space

#: Marks a hyphen that ended a line in the PDF (own hyphen or added by TeX).
LINE_END_HYPHEN = "\u0000"


#: Elements whose end ends a line of reading text.
BLOCKS = ["p", "div", "li", "dd", "dt", "h1", "h2", "h3", "article", "section"]


def reading_text(element: Any, drop: str = "") -> str:
    """An element's text as read, white space normalised: what ``drop`` (a CSS
    selector) matches taken out, line breaks and the ends of blocks read as new lines."""
    if drop:
        for part in element.select(drop):
            part.decompose()
    for br in element.find_all("br"):
        br.replace_with("\n")
    for block in element.find_all(BLOCKS):
        block.append("\n")
    return normalize_space(element.get_text())


def article_text(html_path: Path, drop_notes: bool = True) -> str:
    """The visible text of a page's article, white space normalised.

    Margin notes and the editors' unit numbers are taken out when
    ``drop_notes`` is set, so what remains around a unit is the source text.
    """
    soup = BeautifulSoup(html_path.read_text(encoding="utf-8"), "html.parser")
    article = soup.select_one("article.bd-article")
    assert article is not None, f"{html_path} has no article"
    return reading_text(article, "span.annotation, a.unit-number, a.headerlink" if drop_notes else "")


def find_in_order(haystack: str, needles: list[str]) -> list[int]:
    """Offsets of each needle in ``haystack``, each found after the one before.

    Raises AssertionError naming the first needle that is missing.
    """
    offsets: list[int] = []
    at = 0
    for needle in needles:
        found = haystack.find(needle, at)
        assert found != -1, f"not found in order: {needle[:80]!r}"
        offsets.append(found)
        at = found + len(needle)
    return offsets


def pdf_region_pages(pdf: Path, box: tuple[float, float, float, float]) -> list[str]:
    """Text of one region (x, y, width, height in points) of each page.

    Poppler's ``pdftotext`` reads it: its word spacing follows the glyph
    gaps more faithfully than other extractors for justified lines. Lines are
    joined with a space; a line that ends in a hyphen gets the mark
    :data:`LINE_END_HYPHEN` instead, for :func:`match_at` to weigh.
    """
    x, y, w, h = (str(round(v)) for v in box)
    out = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", "-x", x, "-y", y, "-W", w, "-H", h, str(pdf), "-"],
        check=True, capture_output=True, text=True,
    ).stdout
    pages = []
    for page in out.split("\f"):
        joined = ""
        for line in page.splitlines():
            line = line.strip()
            joined += line[:-1] + LINE_END_HYPHEN if line.endswith("-") else line + " "
        pages.append(
            normalize_space(joined)
            .replace(" " + LINE_END_HYPHEN, LINE_END_HYPHEN)
            .replace(LINE_END_HYPHEN + " ", LINE_END_HYPHEN)
        )
    return pages


def pdf_region_words(pdf: Path, box: tuple[float, float, float, float]) -> str:
    """The region's text of all pages as PyMuPDF reads its words, joined as
    :func:`pdf_region_text` joins Poppler's lines.

    PyMuPDF splits words only at a space character or at a wide gap, so a
    line whose word spaces were squeezed reads as one run ("towardwiththe")
    unless the PDF has real space characters: this is the reading that
    proves they are there.
    """
    import pymupdf  # only the tests that read the PDF need it

    x, y, w, h = box
    region = pymupdf.Rect(x, y, x + w, y + h)
    joined = ""
    with pymupdf.open(pdf) as doc:
        for page in doc:
            lines: dict[tuple[int, int], list[str]] = {}
            for word in page.get_text("words", clip=region):
                lines.setdefault((word[5], word[6]), []).append(word[4])
            for key in sorted(lines):
                line = " ".join(lines[key])
                joined += line[:-1] + LINE_END_HYPHEN if line.endswith("-") else line + " "
    return (
        normalize_space(joined)
        .replace(" " + LINE_END_HYPHEN, LINE_END_HYPHEN)
        .replace(LINE_END_HYPHEN + " ", LINE_END_HYPHEN)
    )


def pdf_region_text(pdf: Path, box: tuple[float, float, float, float]) -> str:
    """The region's text of all pages as one string (see :func:`pdf_region_pages`)."""
    joined = normalize_space(" ".join(pdf_region_pages(pdf, box)))
    return joined.replace(LINE_END_HYPHEN + " ", LINE_END_HYPHEN)  # a word hyphenated across pages


def match_at(text: str, start: int, expected: str) -> int:
    """Match ``expected`` at ``text[start:]``; return the end offset, or -1.

    A line-end hyphen mark in ``text`` matches a hyphen in ``expected`` (the
    word's own hyphen) or nothing (a hyphen added by line breaking).
    """
    i, j = 0, start
    while i < len(expected):
        if j >= len(text):
            return -1
        if text[j] == LINE_END_HYPHEN:
            if expected[i] == "-":
                i += 1
            j += 1
            continue
        if text[j] != expected[i]:
            return -1
        i += 1
        j += 1
    return j


def find_hyphenated(text: str, expected: str, at: int = 0) -> int:
    """Start of the first match of ``expected`` in ``text`` from ``at`` (see :func:`match_at`), or -1."""
    first = expected[0]
    start = text.find(first, at)
    while start != -1:
        if match_at(text, start, expected) != -1:
            return start
        start = text.find(first, start + 1)
    return -1
