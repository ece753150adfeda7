"""Printing a chapter from the browser keeps its margin notes and drops the navigation.

Chromium prints each chapter page (print media, A4) to a PDF; the notes'
text is in the printed text, no note or word runs past the page, and the
sidebar and header buttons are not printed.
"""

from __future__ import annotations

import re
import unicodedata

from tests.helpers.lazy import pymupdf
import pytest

pytest.importorskip("playwright", reason="the browser tests need Playwright (make venv)")

from tests.helpers.browser import CHAPTERS, OpenPage, Visit  # noqa: E402

pytestmark = pytest.mark.browser

#: A4 with 15 mm margins: the printable width in CSS pixels (96 per inch).
MARGIN_MM = 15
PRINT_WIDTH = round((210 - 2 * MARGIN_MM) / 25.4 * 96)

#: What navigation a printed page must not show.
CHROME = [".bd-sidebar-primary", ".bd-header", "button[data-edition-toggle]", ".edition-pdf-link",
          ".theme-switch-button", ".prev-next-footer"]


def squeeze(text: str) -> str:
    """Text compared without white space or ligatures (line breaks differ in print)."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


def print_to_pdf(visit: Visit) -> pymupdf.Document:
    """Print the page as Chromium does for a reader: print media, A4, 15 mm margins."""
    margin = f"{MARGIN_MM}mm"
    data = visit.page.pdf(format="A4", margin={"top": margin, "bottom": margin, "left": margin, "right": margin})
    return pymupdf.open(stream=data, filetype="pdf")


@pytest.fixture(params=CHAPTERS)
def printed(request: pytest.FixtureRequest, open_page: OpenPage) -> tuple[str, Visit, pymupdf.Document]:
    """A chapter laid out for print at the printable width, and its printed PDF."""
    chapter = request.param
    visit = open_page(chapter, width=PRINT_WIDTH)
    visit.page.emulate_media(media="print")
    return chapter, visit, print_to_pdf(visit)


def test_notes_are_printed(printed: tuple[str, Visit, pymupdf.Document]) -> None:
    chapter, visit, pdf = printed
    text = squeeze("".join(page.get_text() for page in pdf))
    notes = visit.page.evaluate(
        """() => [...document.querySelectorAll("span.annotation")].map((n) =>
             [n.id, [...n.querySelectorAll(".annotation-para")].map((p) => {
               const c = p.cloneNode(true);  // without the words only a screen reader hears
               c.querySelectorAll(".edition-sr-only").forEach((e) => e.remove());
               return c.textContent;
             }).join(" ")])"""
    )
    assert notes, f"{chapter} has no notes"
    missing = [note_id for note_id, body in notes if squeeze(body) not in text]
    assert missing == [], f"{chapter}: notes missing from the printed text: {missing}"


def test_no_note_is_cut_off(printed: tuple[str, Visit, pymupdf.Document]) -> None:
    chapter, visit, pdf = printed
    outside = visit.page.evaluate(
        """(width) => [...document.querySelectorAll("span.annotation")].filter((n) => {
             const r = n.getBoundingClientRect();
             return r.width === 0 || r.left < 0 || r.right > width + 0.5;
           }).map((n) => n.id)""",
        PRINT_WIDTH,
    )
    assert outside == [], f"{chapter}: notes not within the printed page: {outside}"
    for page in pdf:
        beyond = [w[4] for w in page.get_text("words") if w[0] < 0 or w[2] > page.rect.width + 0.5]
        assert beyond == [], f"{chapter} page {page.number + 1}: words past the page edge: {beyond[:5]}"


def test_navigation_is_not_printed(printed: tuple[str, Visit, pymupdf.Document]) -> None:
    chapter, visit, pdf = printed
    shown = [sel for sel in CHROME if any(visit.page.locator(sel).evaluate_all(
        "(els) => els.map((e) => e.getBoundingClientRect().height > 0 && getComputedStyle(e).display !== 'none')"))]
    assert shown == [], f"{chapter}: navigation printed: {shown}"
    text = " ".join(page.get_text() for page in pdf)
    for words in ("Download PDF", "Margin notes", "Skip to main content"):
        assert words not in text, f"{chapter}: “{words}” is printed"
