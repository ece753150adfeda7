"""The website as a reader's browser shows it (Debian's Chromium, driven by Playwright).

Every page loads cleanly from the local server alone; margin notes stand
beside their phrases on a wide screen and stay reachable on a phone; the notes
toggle works by mouse and keyboard and is remembered; links to a paragraph,
the search page and the PDF link work; a chapter page stays within its weight.
"""

from __future__ import annotations

import re
from typing import Any

import pytest

pytest.importorskip("playwright", reason="the browser tests need Playwright (make venv)")

from tests.helpers.browser import CHAPTERS, NARROW, WIDE, OpenPage, Visit  # noqa: E402
from edition.writers.unit_citation import access_date  # noqa: E402

pytestmark = pytest.mark.browser

pytestmark = pytest.mark.browser

#: Page weight budget of a chapter page, margin notes and all, as issued for the
#: web edition: at most 250 KB as served and 70 KB gzip-compressed (the heaviest,
#: the readers' responses, weighs about 187 KB and 68.5 KB; docs/benchmark.md).
MAX_BYTES = 250_000
MAX_COMPRESSED = 70_000
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
    const block = anchor ? anchor.closest("p") : null;
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


#: A laptop screen: the notes keep their margin column there too.
LAPTOP = 1024


@pytest.mark.parametrize("width", [LAPTOP, WIDE])
@pytest.mark.parametrize("chapter", CHAPTERS)
def test_notes_stand_beside_their_phrases(open_page: OpenPage, chapter: str, width: int) -> None:
    visit = open_page(chapter, width=width)
    assert_notes_beside_phrases(visit, f"{chapter} at {width}px")


def assert_notes_beside_phrases(visit: Visit, chapter: str) -> None:
    """Every note starts right of its paragraph's text, on screen, none overlapping.

    How close each stands to its phrase is measured by tests/test_notes_layout.py.
    """
    notes = note_geometry(visit)
    viewport = visit.page.evaluate("() => document.documentElement.clientWidth")
    assert notes, f"{chapter} has no margin notes"
    faults: list[str] = []
    for geo in notes:
        note, first = geo["note"], geo["first_line"]
        where = f"{chapter} note {geo['id']}"
        if first is None:
            faults.append(f"{where}: its phrase is not on the page")
            continue
        if note["left"] < geo["text_right"] - 0.5:
            faults.append(f"{where}: starts at x={note['left']:.0f}, inside the text (ends x={geo['text_right']:.0f})")
        if note["right"] > viewport + 0.5:
            faults.append(f"{where}: cut off at the right edge ({note['right']:.0f} > {viewport})")
    for i, a in enumerate(notes):
        for b in notes[i + 1:]:
            if overlap(a["note"], b["note"]):
                faults.append(f"{chapter}: notes {a['id']} and {b['id']} overlap")
    assert not faults, "\n".join(faults)


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_every_note_is_reachable_on_a_phone(open_page: OpenPage, chapter: str) -> None:
    """At 390 px each note opens from its phrase, whole and on screen."""
    visit = open_page(chapter, width=NARROW)
    anchors = visit.page.locator("a.annotation-anchor")
    assert anchors.count() > 0, f"{chapter} has no margin notes"
    unreachable = []
    for i in range(anchors.count()):
        anchor = anchors.nth(i)
        anchor.click()
        note_id = anchor.get_attribute("aria-controls")
        seen = visit.page.evaluate(
            """(id) => {
                 const note = document.getElementById(id);
                 note.scrollIntoView({block: "nearest"});
                 const r = note.getBoundingClientRect();
                 return r.width > 0 && r.height > 0 && r.left >= 0 && r.right <= innerWidth + 0.5
                        && r.top < innerHeight && r.bottom > 0 && getComputedStyle(note).visibility !== "hidden";
               }""",
            note_id,
        )
        if not seen:
            unreachable.append(note_id)
        anchor.click()
    assert unreachable == [], f"{chapter}: notes out of reach at {NARROW}px: {unreachable}"


OPEN_NOTES_JS = """() => [...document.querySelectorAll("span.annotation")]
  .filter((n) => n.getBoundingClientRect().height > 0).map((n) => n.id)"""


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_phone_notes_are_closed_until_their_phrase_is_tapped(browser, site_url: str, chapter: str) -> None:
    """At 390 px: no note open before a tap; a tap opens exactly its note, under the line; a second tap closes it."""
    context = browser.new_context(viewport={"width": NARROW, "height": 800}, has_touch=True, is_mobile=True)
    try:
        page = context.new_page()
        page.goto(f"{site_url}/{chapter}")
        assert page.evaluate(OPEN_NOTES_JS) == [], f"{chapter}: notes open before any tap"
        anchor = page.locator("a.annotation-anchor").nth(1)
        note_id = anchor.get_attribute("aria-controls")
        assert anchor.get_attribute("role") == "button" and anchor.get_attribute("aria-expanded") == "false"
        assert note_id and note_id.startswith("note-")
        anchor.scroll_into_view_if_needed()
        anchor.tap()
        assert page.evaluate(OPEN_NOTES_JS) == [note_id], f"{chapter}: one tap did not open exactly {note_id}"
        assert anchor.get_attribute("aria-expanded") == "true"
        geo = page.evaluate(
            """(id) => {
                 const note = document.getElementById(id);
                 const anchor = document.querySelector(`[aria-controls="${id}"]`);
                 const lines = [...anchor.getClientRects()];
                 return {note: note.getBoundingClientRect().top, line: lines[lines.length - 1].bottom,
                         height: parseFloat(getComputedStyle(note.closest("p")).lineHeight)};
               }""",
            note_id,
        )
        assert geo["line"] - 1 <= geo["note"] <= geo["line"] + geo["height"], (
            f"{chapter}: {note_id} opens at y={geo['note']:.0f}, not under its phrase's line (y={geo['line']:.0f})"
        )
        anchor.tap()
        assert page.evaluate(OPEN_NOTES_JS) == [], f"{chapter}: a second tap did not close {note_id}"
        assert anchor.get_attribute("aria-expanded") == "false"
    finally:
        context.close()


def test_phone_notes_stay_open_without_the_script(browser, site_url: str) -> None:
    """Without JavaScript nothing can open a note, so at 390 px every note is shown under its phrase."""
    context = browser.new_context(viewport={"width": NARROW, "height": 800}, java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(f"{site_url}/book/healing.html")
        shown = page.evaluate(OPEN_NOTES_JS)
        total = page.locator("span.annotation").count()
        assert total > 0 and len(shown) == total, f"{total - len(shown)} notes hidden without the script"
    finally:
        context.close()


def test_phone_notes_open_by_keyboard_and_close_with_escape(open_page: OpenPage) -> None:
    visit = open_page("book/healing.html", width=NARROW)
    page = visit.page
    anchor = page.locator("a.annotation-anchor").first
    note_id = anchor.get_attribute("aria-controls")
    anchor.focus()
    page.keyboard.press("Enter")
    assert page.evaluate(OPEN_NOTES_JS) == [note_id], "Enter did not open the note"
    page.keyboard.press("Escape")
    assert page.evaluate(OPEN_NOTES_JS) == [], "Escape did not close the note"
    assert page.evaluate("() => document.activeElement.getAttribute('aria-controls')") == note_id, (
        "focus left the phrase when Escape closed its note"
    )
    page.keyboard.press("Space")
    assert page.evaluate(OPEN_NOTES_JS) == [note_id], "Space did not open the note"
    page.keyboard.press("Space")
    assert page.evaluate(OPEN_NOTES_JS) == [], "Space did not close the note"
    assert visit.problems() == []


def test_notes_switch_hides_every_mark_and_note_on_a_phone(open_page: OpenPage) -> None:
    visit = open_page("book/healing.html", width=NARROW, notes="hidden")
    page = visit.page
    state = page.evaluate(
        """() => [...document.querySelectorAll("a.annotation-anchor")].map((a) => ({
             href: a.getAttribute("href"), role: a.getAttribute("role"), tab: a.tabIndex,
             line: getComputedStyle(a).textDecorationLine}))"""
    )
    marks = page.evaluate(
        """() => [...document.querySelectorAll("span.annotation-mark")].map((m) => m.getClientRects().length)"""
    )
    assert marks and not any(marks), "a phrase's mark still shows with the notes hidden"
    assert state and all(
        s["href"] is None and s["role"] is None and s["tab"] == -1 and s["line"] == "none"
        for s in state
    ), f"phrases still marked or linked with the notes hidden: {state[:2]}"
    page.locator("a.annotation-anchor").first.click(force=True)
    assert page.evaluate(OPEN_NOTES_JS) == []
    page.locator("button[data-edition-toggle]").first.click()
    page.locator("a.annotation-anchor").first.click()
    assert len(page.evaluate(OPEN_NOTES_JS)) == 1, "after showing the notes again a tap does not open one"


def test_laptop_keeps_the_margin_column(open_page: OpenPage) -> None:
    """At 1024 px the navigation folds behind its button and the notes stay in the margin."""
    visit = open_page("book/healing.html", width=LAPTOP)
    page = visit.page
    assert not page.locator("#pst-primary-sidebar").is_visible(), "the navigation takes the notes' width at 1024px"
    page.locator(".primary-toggle").first.click()
    dialog = page.locator("#pst-primary-sidebar-modal")
    assert dialog.is_visible(), "the navigation button does not open the navigation"
    assert dialog.get_by_role("link", name="The client who will not go back").is_visible()
    page.keyboard.press("Escape")
    dialog.wait_for(state="hidden", timeout=3_000)  # the theme closes its dialog on the next frame
    assert visit.problems() == []


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


def test_a_search_result_marks_the_searched_words(open_page: OpenPage) -> None:
    """From a search result (?highlight=…) the page loads Sphinx's marker on demand and marks the words."""
    visit = open_page("book/healing.html?highlight=grieving")
    visit.page.locator("span.highlighted").first.wait_for(timeout=5_000)
    assert "grieving" in visit.page.locator("span.highlighted").first.inner_text().lower()
    assert visit.problems() == []
    plain = open_page("book/healing.html")
    assert plain.page.evaluate("() => [...document.scripts].some(s => s.src.includes('sphinx_highlight'))") is False


@pytest.mark.parametrize("width", [NARROW, WIDE])
@pytest.mark.parametrize("chapter", CHAPTERS)
def test_chapter_page_weight(open_page: OpenPage, chapter: str, width: int) -> None:
    """The book face included (its fonts are subset): at most 250 KB, 70 KB compressed and 20 requests."""
    visit = open_page(chapter, width=width, wait_until="networkidle")
    size, requests = visit.transferred()
    assert size <= MAX_BYTES, f"{chapter} loads {size:,} bytes (budget {MAX_BYTES:,})"
    packed = visit.transferred_compressed()
    assert packed <= MAX_COMPRESSED, f"{chapter} loads {packed:,} bytes compressed (budget {MAX_COMPRESSED:,})"
    assert requests <= MAX_REQUESTS, f"{chapter} makes {requests} requests (budget {MAX_REQUESTS})"


# --------------------------------------------------------------- reading aids (focus, clicks, names, measure)

#: The header's controls, by accessible name (the PDF link, the notes switch,
#: the sidebar toggle, the colour mode switch, search).
HEADER_CONTROLS = {
    "Download PDF": "a.edition-pdf-link",
    "notes switch": "button[data-edition-toggle]",
    "sidebar toggle": ".bd-header-article .primary-toggle",
    "colour mode": ".bd-header-article .theme-switch-button",
    "search": ".bd-header-article .search-button",
}

FOCUS_RING_JS = """(el) => {
  const s = getComputedStyle(el);
  return {focused: document.activeElement === el, visible: el.matches(":focus-visible"),
          style: s.outlineStyle, width: parseFloat(s.outlineWidth), color: s.outlineColor};
}"""


@pytest.mark.parametrize("width", [WIDE, LAPTOP, NARROW])
def test_header_controls_show_a_focus_ring(open_page: OpenPage, width: int) -> None:
    """Tabbing onto each header control draws an outline of at least 2 px (WCAG 2.4.7)."""
    visit = open_page("book/healing.html", width=width)
    page = visit.page
    shown = {n for n, sel in HEADER_CONTROLS.items() if page.locator(sel).first.is_visible()}
    assert {"Download PDF", "notes switch", "sidebar toggle"} <= shown
    rings: dict[str, dict[str, Any]] = {}
    for _ in range(40):
        page.keyboard.press("Tab")
        for name, selector in HEADER_CONTROLS.items():
            control = page.locator(selector).first
            if name not in rings and control.count() and control.evaluate("(el) => el === document.activeElement"):
                rings[name] = control.evaluate(FOCUS_RING_JS)
        if shown <= set(rings):
            break
    missing = sorted(shown - set(rings))
    assert missing == [], f"not reached by Tab at {width}px: {missing}"
    faint = {n: r for n, r in rings.items() if r["style"] == "none" or r["width"] < 2}
    assert faint == {}, f"no visible focus ring at {width}px: {faint}"


def test_clicking_a_phrase_highlights_its_note_in_place(open_page: OpenPage) -> None:
    visit = open_page("book/healing.html", width=WIDE)
    page = visit.page
    anchor = page.locator("#p5 a.annotation-anchor").first
    anchor.scroll_into_view_if_needed()
    page.mouse.wheel(0, 0)
    before = page.evaluate("() => scrollY")
    anchor.click()
    page.wait_for_timeout(200)
    after = page.evaluate(
        """() => {
             const a = document.querySelector("#p5 a.annotation-anchor");
             const note = document.getElementById(a.id.replace("anchor-", "note-"));
             const r = a.getBoundingClientRect();
             return {scroll: scrollY, top: r.top, bottom: r.bottom, current: note.classList.contains("edition-current"),
                     focused: document.activeElement === note, hash: location.hash};
           }"""
    )
    header = page.evaluate("() => document.querySelector('.bd-header-article').getBoundingClientRect().bottom")
    assert after["current"] and after["focused"], "the note was not highlighted and focused"
    assert header <= after["top"] and after["bottom"] <= 900, f"the phrase left the viewport: {after}"
    assert abs(after["scroll"] - before) < 300, f"the page jumped from {before} to {after['scroll']}"


def test_notes_are_heard_once(open_page: OpenPage) -> None:
    """No phrase describes itself by its note (the note follows it as role=note); a pause after the kind."""
    visit = open_page("book/healing.html", width=WIDE)
    found = visit.page.evaluate(
        """() => ({
             described: document.querySelectorAll("a.annotation-anchor[aria-describedby]").length,
             notes: [...document.querySelectorAll("span.annotation")].map((n) => n.textContent.slice(0, 40)),
           })"""
    )
    assert found["described"] == 0
    runs = [t for t in found["notes"] if not (":" in t.split(" ")[0] or ": " in t[:20])]
    assert runs == [], f"kind label runs into the note's text: {runs[:3]}"


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_paragraph_numbers_in_text_have_spoken_names(open_page: OpenPage, chapter: str) -> None:
    visit = open_page(chapter, width=WIDE)
    names = visit.page.evaluate(
        """() => [...document.querySelectorAll("article a")].filter((a) => /^(¶\\d+|R\\d+(\\.\\d+)?)$/.test(a.textContent.trim()))
             .map((a) => [a.textContent.trim(), a.getAttribute("aria-label")])"""
    )
    assert names, f"{chapter}: no paragraph numbers"
    wrong = [(text, name) for text, name in names
             if not name or not re.fullmatch(r"(Paragraph \d+|Response \d+(\.\d+)?)(: cite)?", name)
             or name.split(":")[0].split(" ")[1] != text.lstrip("¶R")]
    assert wrong == [], f"{chapter}: numbers without a spoken name: {wrong[:5]}"


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_chapter_introduction_is_labelled(open_page: OpenPage, chapter: str) -> None:
    visit = open_page(chapter, width=NARROW)
    label = visit.page.locator("div.chapter-intro .edition-intro-label")
    assert label.is_visible() and label.inner_text().strip().lower() == "editors’ introduction"


MEASURE_JS = """() => {
  const counts = [];
  for (const p of document.querySelectorAll("p.passage, article.response > p:not(.response-byline)")) {
    const lines = new Map();
    const walker = document.createTreeWalker(p, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      if (n.parentElement.closest("span.annotation, a.unit-number")) continue;
      const range = document.createRange();
      for (let i = 0; i < n.length; i++) {
        range.setStart(n, i); range.setEnd(n, i + 1);
        const r = range.getClientRects()[0];
        if (r) lines.set(Math.round(r.top / 4), (lines.get(Math.round(r.top / 4)) || 0) + 1);
      }
    }
    const full = [...lines.values()];
    full.pop();  // a paragraph's last line may be short
    counts.push(...full);
  }
  counts.sort((a, b) => a - b);
  return {median: counts[Math.floor(counts.length / 2)], high: counts[Math.floor(counts.length * 0.9)]};
}"""


@pytest.mark.parametrize("width", [320, NARROW, 768, LAPTOP, WIDE, 1920])
def test_measure_of_the_essay(open_page: OpenPage, width: int) -> None:
    """About 60–75 characters a line where the screen allows it, never more."""
    visit = open_page("book/healing.html", width=width)
    measure = visit.page.evaluate(MEASURE_JS)
    assert measure["high"] <= 78, f"{width}px: lines of {measure} characters"
    if width >= 768:
        assert 60 <= measure["median"] <= 75, f"{width}px: median line of {measure['median']} characters"


@pytest.mark.parametrize("width", [320, NARROW, 800, WIDE])
@pytest.mark.parametrize("chapter", CHAPTERS)
def test_spaced_ellipses_never_break_across_lines(open_page: OpenPage, chapter: str, width: int) -> None:
    """Every “. . .” of the text sits on one line: no lone full stop at a line's start."""
    visit = open_page(chapter, width=width)
    found = visit.page.evaluate("""() => Array.from(document.querySelectorAll('.spaced-ellipsis')).map(e => {
      const tops = new Set(Array.from(e.getClientRects()).map(r => Math.round(r.top)));
      return {text: e.textContent, lines: tops.size};
    })""")
    assert found or chapter.endswith("responses.html"), f"{chapter}: no spaced ellipsis marked"
    for ellipsis in found:
        assert ellipsis["text"].strip() == ". . .", ellipsis
        assert ellipsis["lines"] == 1, f"{chapter} at {width}px: an ellipsis breaks across lines"


def test_touch_targets_of_numbers_and_back_links(open_page: OpenPage) -> None:
    visit = open_page("book/healing.html", width=NARROW)
    page = visit.page
    page.locator("a.annotation-anchor").first.click()
    sizes = page.evaluate(
        """() => [...document.querySelectorAll("a.unit-number, span.annotation.edition-open a.annotation-back")]
             .map((a) => { const r = a.getBoundingClientRect(); return [a.className, r.width, r.height]; })"""
    )
    assert any(c == "annotation-back" for c, _, _ in sizes)
    small = [s for s in sizes if s[1] < 24 or s[2] < 24]
    assert sizes and small == [], f"targets under 24×24 px: {small}"


def test_search_snippets_leave_the_notes_out(open_page: OpenPage, site) -> None:
    from bs4 import BeautifulSoup

    notes = []
    for chapter in CHAPTERS:
        soup = BeautifulSoup((site / chapter).read_text(encoding="utf-8"), "html.parser")
        notes += [" ".join(n.select_one(".annotation-para").get_text().split())[:30] for n in soup.select("span.annotation")]
    visit = open_page("search.html?q=dissociated")
    page = visit.page
    page.locator("#search-results li p.context").first.wait_for(timeout=15_000)
    page.wait_for_timeout(1500)
    snippets = page.locator("#search-results li p.context").all_inner_texts()
    joined = [" ".join(s.split()) for s in snippets]
    assert joined, "no snippets"
    leaked = [n for n in notes for s in joined if n in s]
    assert leaked == [], f"note text in search snippets: {leaked[:3]}"
    labels = [s for s in joined if re.search(r"[a-z;,.](Context|Term|Counterpoint|Evidence|Question|Connection) ", s)]
    assert labels == [], f"kind labels run into the text: {labels[:2]}"


# --------------------------------------------------------------- cite this paragraph


@pytest.mark.parametrize("uid, label, opening", [("p4", "¶4", "Daniel Mackler, ¶4, as quoted on "), ("r1-1", "R1.1", "Unsigned comment R1.1, on a passage by ")])
def test_cite_this_paragraph(open_page: OpenPage, uid: str, label: str, opening: str) -> None:
    chapter = "book/healing.html" if uid.startswith("p") else "book/responses.html"
    visit = open_page(chapter, width=WIDE)
    page = visit.page
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    number = page.locator(f"#{uid} a.unit-number").first
    assert number.get_attribute("aria-expanded") == "false" and number.get_attribute("aria-haspopup") == "dialog"
    number.focus()
    page.keyboard.press("Enter")
    dialog = page.get_by_role("dialog", name=f"Cite {'paragraph' if uid[0] == 'p' else 'response'} {label.lstrip('¶R')}")
    assert dialog.is_visible(), "Enter on the number did not open its citation"
    assert number.get_attribute("aria-expanded") == "true"
    text = dialog.locator(".edition-cite-text").inner_text()
    for part in (opening, "When Psychotherapists Are Less Healthy Than Their Clients", "Daniel Mackler",
                 "Mad in America, “Around the Web”", "An Independent Annotated Edition, version 1.0, 2026.", label):
        assert part in text, f"citation lacks {part!r}: {text}"
    # Without html_baseurl the address is the page's own, absolute; then the day it was read.
    today = page.evaluate("() => { const d = new Date(); return [d.getDate(), d.getMonth() + 1, d.getFullYear()]; }")
    address = page.evaluate("() => location.href.split('#')[0]") + f"#{uid}"
    assert address.endswith(f"{chapter}#{uid}") and re.match(r"^(https?|file):", address)
    assert text.endswith(f" {address} (accessed {access_date(*today)})."), text
    assert page.evaluate("() => document.activeElement.textContent") == "Copy citation"
    page.keyboard.press("Enter")
    dialog.locator(".edition-cite-status", has_text="Copied").wait_for(timeout=3000)
    assert page.evaluate("() => navigator.clipboard.readText()") == text
    assert dialog.get_by_role("link", name=f"Go to {label}").get_attribute("href") == f"#{uid}"
    page.keyboard.press("Escape")
    dialog.wait_for(state="hidden", timeout=3_000)  # fails if Escape did not close the citation
    assert page.evaluate("() => document.activeElement.dataset.citeLabel") == label, "focus did not return to the number"
    number.click()
    assert dialog.is_visible()
    page.mouse.click(5, 880)
    assert not dialog.is_visible(), "a click elsewhere did not close the citation"
    assert visit.problems() == []
