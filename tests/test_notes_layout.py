"""Margin notes a reader can match to their phrases (Chromium).

From 992 px each note stands in the margin close to its phrase: over all
chapters, at 1024, 1280 and 1400 px, the median note starts at most 24 px
from its phrase's line, 90% within 120 px, and no blank gap of more than
150 px opens in the text (tools/notes_layout.py measures; the figures are in
docs/benchmark.md). Each note names its phrase (its lemma); hovering or
focusing either marks both; a paragraph is read whole, its notes after it,
each tied to its phrase with aria-details.
"""

from __future__ import annotations

import pytest

pytest.importorskip("playwright", reason="the browser tests need Playwright (make venv)")

from tests.helpers.browser import CHAPTERS, OpenPage  # noqa: E402
from tools.notes_layout import MARGIN_WIDTHS, MEASURE_JS, Layout, combined  # noqa: E402

pytestmark = pytest.mark.browser


def layout_of(open_page: OpenPage, chapter: str, width: int) -> Layout:
    """The notes' offsets and the largest gap of one chapter, fonts loaded."""
    visit = open_page(chapter, width=width)
    visit.page.evaluate("document.fonts.ready")
    visit.page.wait_for_timeout(100)
    found = visit.page.evaluate(MEASURE_JS)
    return Layout(found["offsets"], found["gap"])


@pytest.mark.parametrize("width", MARGIN_WIDTHS)
def test_notes_stand_close_to_their_phrases(open_page: OpenPage, width: int) -> None:
    layouts = {chapter: layout_of(open_page, chapter, width) for chapter in CHAPTERS}
    faults = combined(list(layouts.values())).faults(f"all chapters at {width}px")
    for chapter, layout in layouts.items():
        faults += [f for f in layout.faults(f"{chapter} at {width}px") if "gap" in f]
    assert faults == [], "\n".join(faults)


def test_fewer_notes_stay_close_too(open_page: OpenPage) -> None:
    """With every other note gone (as when a layer is hidden, or an edit cuts notes), the rest close up."""
    visit = open_page("book/refusal.html", width=1024)
    visit.page.evaluate(
        """() => document.querySelectorAll("span.annotation")
             .forEach((n, i) => { if (i % 2) n.style.display = "none"; })"""
    )
    visit.page.evaluate("() => window.dispatchEvent(new Event('resize'))")
    visit.page.wait_for_timeout(200)
    shown = visit.page.evaluate(
        """() => [...document.querySelectorAll("span.annotation")].filter((n) => n.style.display !== "none").length"""
    )
    found = visit.page.evaluate(MEASURE_JS)
    layout = Layout(found["offsets"], found["gap"])
    assert shown and len(layout.offsets) == shown, f"{len(layout.offsets)} notes measured, {shown} shown"
    assert layout.worst <= 60, f"with half the notes, one still stands {layout.worst:.0f}px from its phrase"


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_each_note_names_its_phrase(open_page: OpenPage, chapter: str) -> None:
    """The note's lemma is its phrase's words (or their first and last words around “…”)."""
    visit = open_page(chapter)
    pairs = visit.page.evaluate(
        """() => [...document.querySelectorAll("span.annotation")].map((note) => {
             const anchor = document.getElementById("anchor-" + note.id.replace(/^note-/, ""));
             const lemma = note.querySelector(":scope > span.annotation-lemma");
             return [note.id, lemma && lemma.textContent, anchor && anchor.textContent];
           })"""
    )
    wrong = []
    for note, lemma, phrase in pairs:
        words = " ".join((phrase or "").split())
        if not lemma or not all(part.strip() in words for part in lemma.split("…")):
            wrong.append((note, lemma, words))
    assert pairs and wrong == [], f"{chapter}: notes without their phrase's lemma: {wrong[:3]}"


PAIRED_JS = """(id) => {
  const note = document.getElementById("note-" + id), anchor = document.getElementById("anchor-" + id);
  return [anchor.classList.contains("edition-paired"), note.classList.contains("edition-paired"),
          getComputedStyle(note).borderLeftColor];
}"""


@pytest.mark.parametrize("width", [1024, 1400])
def test_hover_and_focus_mark_phrase_and_note_together(open_page: OpenPage, width: int) -> None:
    visit = open_page("book/refusal.html", width=width)
    page = visit.page
    note_id = "p7-go-to-war"
    resting = page.evaluate(PAIRED_JS, note_id)
    assert resting[:2] == [False, False]
    page.hover(f"#anchor-{note_id}")
    on_phrase = page.evaluate(PAIRED_JS, note_id)
    assert on_phrase[:2] == [True, True], "hovering the phrase does not mark its note"
    assert on_phrase[2] != resting[2], "the marked note looks the same"
    page.hover(f"#note-{note_id} .annotation-lemma")
    assert page.evaluate(PAIRED_JS, note_id)[:2] == [True, True], "hovering the note does not mark its phrase"
    page.mouse.move(1, 1)
    assert page.evaluate(PAIRED_JS, note_id)[:2] == [False, False], "the mark stays after the pointer left"
    page.focus(f"#anchor-{note_id}")
    assert page.evaluate(PAIRED_JS, note_id)[:2] == [True, True], "focusing the phrase does not mark its note"
    page.focus(f"#note-{note_id} a.annotation-back")
    assert page.evaluate(PAIRED_JS, note_id)[:2] == [True, True], "focusing the note does not mark its phrase"


READING_ORDER_JS = """() => ({
  inside: [...document.querySelectorAll("p span.annotation")].map((n) => n.id),
  untied: [...document.querySelectorAll("a.annotation-anchor[id^='anchor-']")].filter((a) => {
    const note = document.getElementById(a.getAttribute("aria-details") || "");
    if (!note || note.id !== a.id.replace(/^anchor-/, "note-")) return true;
    // The note comes after its paragraph, before the next one.
    const p = a.closest("p");
    return !(p.compareDocumentPosition(note) & Node.DOCUMENT_POSITION_FOLLOWING) || p.contains(note)
      || note.parentElement.previousElementSibling !== p;
  }).map((a) => a.id),
})"""


@pytest.mark.parametrize("width", [992, 1400])
@pytest.mark.parametrize("chapter", CHAPTERS)
def test_paragraphs_are_read_whole_with_notes_tied(open_page: OpenPage, chapter: str, width: int) -> None:
    visit = open_page(chapter, width=width)
    found = visit.page.evaluate(READING_ORDER_JS)
    assert found["inside"] == [], f"{chapter} at {width}px: notes read inside their paragraph: {found['inside'][:5]}"
    assert found["untied"] == [], f"{chapter} at {width}px: phrases not tied to a note after their paragraph: {found['untied'][:5]}"
