"""Smaller faults of the website, each mended (Chromium): the phone's next link and tables,
the notes switch where there are no notes, and controls that name what they control."""

from __future__ import annotations

import pytest

pytest.importorskip("playwright", reason="the browser tests need Playwright (make venv)")

from tests.helpers.browser import CHAPTERS, NARROW, OpenPage  # noqa: E402

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("page", ["book/humility.html", "book/glossary.html"])
def test_next_link_is_whole_on_a_phone(open_page: OpenPage, page: str) -> None:
    visit = open_page(page, width=NARROW)
    right = visit.page.evaluate(
        """() => Math.max(...[...document.querySelectorAll(".prev-next-area a, .prev-next-area a *")]
                   .map((e) => e.getBoundingClientRect().right))"""
    )
    assert right <= NARROW, f"{page}: the next link reaches x={right:.0f} at {NARROW}px"


def test_tables_reflow_on_a_phone(open_page: OpenPage) -> None:
    visit = open_page("book/teaching-guide.html", width=NARROW)
    tables = visit.page.evaluate(
        """() => [...document.querySelectorAll("article table")].map((t) => ({
             width: t.getBoundingClientRect().width, room: t.parentElement.getBoundingClientRect().width,
             unlabelled: [...t.querySelectorAll("tbody td")].filter((td) => !td.dataset.label).length}))"""
    )
    assert tables, "the teaching guide has no table"
    for table in tables:
        assert table["width"] <= table["room"] + 0.5, f"a table is {table['width']:.0f}px in {table['room']:.0f}px"
        assert table["unlabelled"] == 0, "a cell does not name its column"


@pytest.mark.parametrize("page", ["book/glossary.html", "book/about.html", "book/humility.html"])
def test_notes_switch_only_where_there_are_notes(open_page: OpenPage, page: str) -> None:
    visit = open_page(page)
    found = visit.page.evaluate(
        """() => [document.querySelectorAll("span.annotation").length,
                  [...document.querySelectorAll("button[data-edition-toggle]")].some((b) => b.getClientRects().length > 0)]"""
    )
    notes, shown = found
    assert shown == (notes > 0), f"{page}: {notes} notes, switch {'shown' if shown else 'hidden'}"


@pytest.mark.parametrize("width", [NARROW, 1400])
@pytest.mark.parametrize("chapter", CHAPTERS)
def test_controls_name_elements_that_exist(open_page: OpenPage, chapter: str, width: int) -> None:
    visit = open_page(chapter, width=width)
    missing = visit.page.evaluate(
        """() => [...document.querySelectorAll("[aria-controls], [aria-details]")].flatMap((el) =>
             [el.getAttribute("aria-controls"), el.getAttribute("aria-details")].filter(Boolean)
               .flatMap((ids) => ids.split(/\\s+/)).filter((id) => !document.getElementById(id))
               .map((id) => (el.id || el.className) + " → " + id))"""
    )
    assert missing == [], f"{chapter} at {width}px: {missing[:5]}"
