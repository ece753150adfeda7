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


#: For each phrase followed by punctuation that closes it: the space between
#: the phrase's last letter and that punctuation, and where the phrase's mark
#: stands (its box, drawn by the mark element after the punctuation).
PUNCTUATED_PHRASES_JS = r"""() => {
  const CLOSING = /^[.,;:!?…’”)\]]+/;
  const charBox = (node, at) => { const r = document.createRange(); r.setStart(node, at); r.setEnd(node, at + 1);
                                  return r.getClientRects()[0]; };
  return [...document.querySelectorAll("a.annotation-anchor")].flatMap((anchor) => {
    const next = anchor.nextSibling;
    const closing = next && next.nodeType === Node.TEXT_NODE && next.textContent.match(CLOSING);
    if (!closing || !anchor.getClientRects().length) return [];
    const texts = []; const walk = document.createTreeWalker(anchor, NodeFilter.SHOW_TEXT);
    for (let n = walk.nextNode(); n; n = walk.nextNode()) if (n.textContent.length) texts.push(n);
    const last = texts[texts.length - 1];
    const letter = charBox(last, last.textContent.length - 1);
    const stop = charBox(next, closing[0].length - 1);
    const mark = next.nextSibling && next.nextSibling.nodeType === Node.ELEMENT_NODE && next.nextSibling.matches("span.annotation-mark")
      ? next.nextSibling.getBoundingClientRect() : null;
    return [{phrase: anchor.textContent.slice(-20) + closing[0],
             gap: charBox(next, 0).left - letter.right, stop: {right: stop.right, top: stop.top, bottom: stop.bottom},
             mark: mark && {left: mark.left, width: mark.width, top: mark.top, bottom: mark.bottom}}];
  });
}"""


@pytest.mark.parametrize("width", [NARROW, 1400])
@pytest.mark.parametrize("chapter", CHAPTERS)
def test_phrase_mark_follows_its_closing_punctuation(open_page: OpenPage, chapter: str, width: int) -> None:
    """"arrogant." then the mark, never "arrogant▪.": nothing stands between a phrase's last word
    and the full stop or comma that closes it; the mark comes after, on the same line."""
    visit = open_page(chapter, width=width)
    phrases = visit.page.evaluate(PUNCTUATED_PHRASES_JS)
    assert phrases, f"{chapter}: no phrase ends at punctuation"
    for p in phrases:
        assert p["gap"] < 1.5, f"{chapter} at {width}px: {p['gap']:.1f}px between “{p['phrase']}” and its punctuation"
        mark = p["mark"]
        assert mark and mark["width"] > 3, f"{chapter} at {width}px: no mark after “{p['phrase']}”"
        assert mark["left"] >= p["stop"]["right"] - 0.5, f"{chapter} at {width}px: the mark of “{p['phrase']}” is not after it"
        assert mark["top"] < p["stop"]["bottom"] and mark["bottom"] > p["stop"]["top"], (
            f"{chapter} at {width}px: the mark of “{p['phrase']}” is not on the punctuation's line"
        )


def test_a_tap_on_the_mark_opens_the_note_on_a_phone(open_page: OpenPage) -> None:
    """On a phone the mark (a triangle) opens its note like the phrase, and turns down when open."""
    visit = open_page("book/humility.html", width=NARROW)
    page = visit.page
    mark = page.locator("span.annotation-mark").first
    closed = mark.evaluate("(m) => getComputedStyle(m, '::after').backgroundImage")
    mark.click()
    note = page.locator("span.annotation-mark + span.annotation").first
    assert "edition-open" in (note.get_attribute("class") or ""), "a tap on the mark does not open its note"
    opened = mark.evaluate("(m) => getComputedStyle(m, '::after').backgroundImage")
    assert opened != closed, "the mark does not turn when its note opens"
    mark.click()
    assert "edition-open" not in (note.get_attribute("class") or ""), "a second tap does not close the note"


#: The left and right edges of what a page shows: the navigation's text, the
#: article's text and notes, the page contents' list.
INK_EDGES_JS = """() => {
  const edges = (root) => { let l = Infinity, r = -Infinity;
    const walk = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let n = walk.nextNode(); n; n = walk.nextNode()) { if (!n.textContent.trim()) continue;
      const range = document.createRange(); range.selectNodeContents(n);
      for (const b of range.getClientRects()) if (b.width > 0) { l = Math.min(l, b.left); r = Math.max(r, b.right); } }
    return [l, r]; };
  const parts = ["#pst-primary-sidebar", "article.bd-article", ".bd-sidebar-secondary"]
    .map((s) => document.querySelector(s)).filter((e) => e && e.getClientRects().length && getComputedStyle(e).visibility !== "hidden")
    .map(edges);
  return {left: Math.min(...parts.map((p) => p[0])), right: Math.max(...parts.map((p) => p[1])),
          width: document.documentElement.clientWidth, scroll: document.documentElement.scrollWidth};
}"""


@pytest.mark.parametrize("page", [*CHAPTERS, "book/about.html"])
def test_a_wide_screen_holds_the_page_in_its_middle(open_page: OpenPage, page: str) -> None:
    """At 1920 px the navigation, the text and its notes (or the page's contents) stand in the
    middle: as much room left of them as right (the theme's page left a chapter 272 px on the
    left and 406 px on the right)."""
    visit = open_page(page, width=1920)
    visit.page.evaluate("document.fonts.ready")
    ink = visit.page.evaluate(INK_EDGES_JS)
    left, right = ink["left"], ink["width"] - ink["right"]
    assert ink["scroll"] <= ink["width"], f"{page} scrolls sideways at 1920px"
    assert abs(left - right) <= 40, f"{page} at 1920px: {left:.0f}px free on the left, {right:.0f}px on the right"
