"""The website as a reader's browser shows it (Debian's Chromium, driven by Playwright).

Every page loads cleanly from the local server alone; margin notes stand
beside their phrases on a wide screen and stay reachable on a phone; the notes
toggle works by mouse and keyboard and is remembered; links to a paragraph,
the search page and the PDF link work; a chapter page stays within its weight.
"""

from __future__ import annotations

from typing import Any

import pytest

pytest.importorskip("playwright", reason="the browser tests need Playwright (make venv)")

from tests.helpers.browser import CHAPTERS, NARROW, WIDE, OpenPage, Visit  # noqa: E402

pytestmark = pytest.mark.browser

#: Page weight budget of a chapter page, margin notes and all.
MAX_BYTES = 600_000
MAX_REQUESTS = 20

#: Slack for sub-pixel rounding and the note's own top margin, in CSS px.
SLACK = 4

#: Geometry of every margin note on the page, measured in the browser.
NOTE_GEOMETRY_JS = """
() => {
  const box = (r) => ({left: r.left, right: r.right, top: r.top, bottom: r.bottom,
                       width: r.width, height: r.height});
  function textRight(block) {
    // Right edge of the paragraph's own text: its text nodes outside any note.
    const walker = document.createTreeWalker(block, NodeFilter.SHOW_TEXT);
    let right = -Infinity;
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (node.parentElement.closest("span.annotation") || !node.textContent.trim()) continue;
      const range = document.createRange();
      range.selectNodeContents(node);
      for (const r of range.getClientRects()) right = Math.max(right, r.right);
    }
    return right;
  }
  return [...document.querySelectorAll("span.annotation")].map((note) => {
    const id = note.id.replace(/^note-/, "");
    const anchor = document.getElementById("anchor-" + id);
    const lines = anchor ? [...anchor.getClientRects()].filter((r) => r.width > 0) : [];
    const block = note.closest("p");
    return {
      id,
      note: box(note.getBoundingClientRect()),
      first_line: lines.length ? box(lines[0]) : null,
      last_line: lines.length ? box(lines[lines.length - 1]) : null,
      text_right: block ? textRight(block) : null,
      line_height: block ? parseFloat(getComputedStyle(block).lineHeight) || 24 : 24,
    };
  });
}
"""


def note_geometry(visit: Visit) -> list[dict[str, Any]]:
    """Boxes of each note, its phrase's first and last line, and its paragraph's text edge."""
    return visit.page.evaluate(NOTE_GEOMETRY_JS)


def overlap(a: dict[str, float], b: dict[str, float]) -> bool:
    """Whether two boxes share more than a sliver of area."""
    return min(a["right"], b["right"]) - max(a["left"], b["left"]) > 1 and (
        min(a["bottom"], b["bottom"]) - max(a["top"], b["top"]) > 1
    )


def visible_notes(visit: Visit) -> int:
    """How many margin notes take up space on the page."""
    return visit.page.evaluate(
        "() => [...document.querySelectorAll('span.annotation')]"
        ".filter((n) => n.getBoundingClientRect().height > 0).length"
    )


def toggle_state(visit: Visit) -> tuple[str | None, int]:
    """The toggle's aria-pressed value and the number of notes shown."""
    pressed = visit.page.locator("button[data-edition-toggle]").first.get_attribute("aria-pressed")
    return pressed, visible_notes(visit)


# --------------------------------------------------------------- every page


def test_page_loads_cleanly(open_page: OpenPage, site_page: str) -> None:
    visit = open_page(site_page, wait_until="networkidle")
    assert visit.problems() == [], f"{site_page}:\n" + "\n".join(visit.problems())


def test_page_links_the_pdf(open_page: OpenPage, site_page: str) -> None:
    visit = open_page(site_page)
    link = visit.page.get_by_role("link", name="Download PDF")
    assert link.count() >= 1, f"{site_page} has no “Download PDF” link"
    href = link.first.evaluate("(a) => a.href")
    response = visit.page.request.get(href)
    assert response.status == 200, f"{site_page}: {href} answered {response.status}"
    assert response.body()[:5] == b"%PDF-", f"{site_page}: {href} is not a PDF"


def test_no_horizontal_scroll_on_a_phone(open_page: OpenPage, site_page: str) -> None:
    visit = open_page(site_page, width=NARROW)
    scroll_width = visit.page.evaluate("() => document.documentElement.scrollWidth")
    assert scroll_width <= NARROW, f"{site_page} is {scroll_width}px wide at {NARROW}px"


# --------------------------------------------------------------- margin notes


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_notes_stand_beside_their_phrases(open_page: OpenPage, chapter: str) -> None:
    visit = open_page(chapter, width=WIDE)
    notes = note_geometry(visit)
    viewport = visit.page.evaluate("() => document.documentElement.clientWidth")
    assert notes, f"{chapter} has no margin notes"
    faults: list[str] = []
    previous: dict[str, Any] | None = None
    for geo in notes:
        note, first, last = geo["note"], geo["first_line"], geo["last_line"]
        where = f"{chapter} note {geo['id']}"
        if first is None:
            faults.append(f"{where}: its phrase is not on the page")
            continue
        if note["left"] < geo["text_right"] - 0.5:
            faults.append(f"{where}: starts at x={note['left']:.0f}, inside the text (ends x={geo['text_right']:.0f})")
        if note["right"] > viewport + 0.5:
            faults.append(f"{where}: cut off at the right edge ({note['right']:.0f} > {viewport})")
        if note["top"] < first["top"] - SLACK:
            faults.append(f"{where}: top {note['top']:.0f} above its phrase's line ({first['top']:.0f})")
        pushed = previous is not None and note["top"] - previous["bottom"] <= 3 * SLACK + 12
        reach = last["top"] + geo["line_height"] + SLACK
        if note["top"] > reach and not pushed:
            faults.append(f"{where}: top {note['top']:.0f} more than a line below its phrase ({last['top']:.0f})")
        previous = note
    for i, a in enumerate(notes):
        for b in notes[i + 1:]:
            if overlap(a["note"], b["note"]):
                faults.append(f"{chapter}: notes {a['id']} and {b['id']} overlap")
    assert not faults, "\n".join(faults)


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_every_note_is_reachable_on_a_phone(open_page: OpenPage, chapter: str) -> None:
    visit = open_page(chapter, width=NARROW)
    notes = visit.page.locator("span.annotation")
    assert notes.count() > 0, f"{chapter} has no margin notes"
    unreachable = visit.page.evaluate(
        """() => [...document.querySelectorAll("span.annotation")].filter((note) => {
             note.scrollIntoView({block: "start"});
             const r = note.getBoundingClientRect();
             const seen = r.width > 0 && r.height > 0 && r.left >= 0 && r.right <= innerWidth + 0.5
                          && r.top < innerHeight && r.bottom > 0;
             return !seen || getComputedStyle(note).visibility === "hidden";
           }).map((note) => note.id)"""
    )
    assert unreachable == [], f"{chapter}: notes out of reach at {NARROW}px: {unreachable}"


# --------------------------------------------------------------- the notes toggle


def test_notes_toggle_by_mouse_and_keyboard_is_remembered(open_page: OpenPage) -> None:
    visit = open_page("book/healing.html")
    page = visit.page
    shown = visible_notes(visit)
    assert shown > 0
    button = page.locator("button[data-edition-toggle]").first
    assert toggle_state(visit) == ("true", shown)

    button.click()
    assert toggle_state(visit) == ("false", 0), "a click did not hide the notes"
    button.focus()
    page.keyboard.press("Enter")
    assert toggle_state(visit) == ("true", shown), "Enter did not show the notes again"
    page.keyboard.press("Space")
    assert toggle_state(visit) == ("false", 0), "Space did not hide the notes"

    page.get_by_role("link", name="The client who will not go back").first.click()
    page.wait_for_url("**/book/refusal.html")
    assert toggle_state(visit) == ("false", 0), "hidden notes came back on the next page"
    page.locator("button[data-edition-toggle]").first.click()
    assert toggle_state(visit)[0] == "true" and visible_notes(visit) > 0
    assert visit.problems() == []


# --------------------------------------------------------------- links, search, weight


@pytest.mark.parametrize("width", [WIDE, NARROW])
def test_paragraph_link_lands_at_the_top(open_page: OpenPage, width: int) -> None:
    visit = open_page("book/healing.html#p4", width=width)
    tops = visit.page.evaluate(
        """() => {
             // The lowest edge of the bars that stay fixed across the top of the
             // window (not the sidebars, which are sticky too but run down its side).
             let header = 0;
             for (const el of document.querySelectorAll("body *")) {
               const style = getComputedStyle(el);
               if (style.position !== "sticky" && style.position !== "fixed") continue;
               const r = el.getBoundingClientRect();
               const bar = r.width > innerWidth / 3 && r.height > 0 && r.height < innerHeight / 3;
               if (bar && r.top <= 1 && r.bottom > 0 && style.visibility !== "hidden")
                 header = Math.max(header, r.bottom);
             }
             const p = document.getElementById("p4");
             return {header, top: p.getBoundingClientRect().top,
                     line: parseFloat(getComputedStyle(p).lineHeight) || 24};
           }"""
    )
    assert tops["header"] - SLACK <= tops["top"] <= tops["header"] + tops["line"] + SLACK, (
        f"¶4 at y={tops['top']:.0f}, header ends at y={tops['header']:.0f} ({width}px)"
    )


def test_search_finds_a_phrase_of_the_essay(open_page: OpenPage) -> None:
    visit = open_page("search.html?q=dissociation")
    result = visit.page.locator('#search-results a[href*="book/healing.html"]').first
    result.wait_for(timeout=15_000)
    assert visit.problems() == []


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_chapter_page_weight(open_page: OpenPage, chapter: str) -> None:
    visit = open_page(chapter, width=WIDE, wait_until="networkidle")
    size, requests = visit.transferred()
    assert size <= MAX_BYTES, f"{chapter} loads {size:,} bytes (budget {MAX_BYTES:,})"
    assert requests <= MAX_REQUESTS, f"{chapter} makes {requests} requests (budget {MAX_REQUESTS})"
