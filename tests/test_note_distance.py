"""Every note found at a glance: measured in the built PDF, each margin note
stands on the page of its phrase, close to its line, and a note that had to
stand further away carries the number of its phrase's line.

Targets (issue “Print a teacher can hand out”): the phrase on the note's page
for every note; median distance at most 1 line and at least 85% within 3
lines; every note more than 3 lines away keyed with its phrase's line number.
"""

from __future__ import annotations

import dataclasses
import re
import statistics
from pathlib import Path

import pytest


from .conftest import annotation_records
from .helpers.note_distance import A4, LETTER, MM, NotePlace, blank_stretches, measure

pytestmark = pytest.mark.book



#: Not a note's word: a ¶ number, which hangs on the spine side.
KEYED = re.compile(r"¶\d+$")


def editors_notes() -> list[tuple[str, str, str]]:
    """(id, quote, kind) of every note of the editors' layer."""
    return [(record.id, record.quote, record.kind) for _, record in annotation_records()]


#: The same page printed two-sided: every second page a verso, its notes on the left.
A4_TWO_SIDED = dataclasses.replace(A4, two_sided=True)


@pytest.fixture(scope="module", params=["one-sided", "two-sided"])
def places(request: pytest.FixtureRequest, pdf_path: Path) -> list[NotePlace]:
    """Every editors' note as placed in the one-sided PDF and in the two-sided one."""
    if request.param == "one-sided":
        return measure(pdf_path, editors_notes(), A4)
    return measure(request.getfixturevalue("two_sided_pdf"), editors_notes(), A4_TWO_SIDED)


def test_two_sided_a_verso_s_notes_stand_in_its_outer_left_margin(two_sided_pdf: Path) -> None:
    """Printed two-sided, each verso (the PDF's 2nd, 4th … page) has its notes left
    of the text, in the outer margin, and none right of it (at the spine); each
    recto has them on the right. Its line numbers stand between notes and text."""
    import pymupdf

    doc = pymupdf.open(two_sided_pdf)
    sides: dict[str, int] = {"verso": 0, "recto": 0}
    wrong = []
    for index, page in enumerate(doc):
        geometry = A4_TWO_SIDED.of_page(index)
        notes = [w for w in page.get_text("words") if geometry.top < w[3] < geometry.bottom
                 and KEYED.match(w[4]) is None and geometry.in_notes(w)]
        spine = [w for w in page.get_text("words") if geometry.top < w[3] < geometry.bottom and KEYED.match(w[4]) is None
                 and (w[0] > geometry.text_right + 3 * MM if geometry.notes_left else w[2] < geometry.text_left - 3 * MM)]
        if notes:
            sides["verso" if geometry.notes_left else "recto"] += 1
        if spine:
            wrong.append((index + 1, " ".join(w[4] for w in spine[:4])))
    assert wrong == [], f"words at the spine side of the text (PDF page, words): {wrong}"
    assert sides["verso"] >= 5 and sides["recto"] >= 5, f"pages with notes: {sides}"


@pytest.mark.parametrize("layout", ["one-sided", "two-sided", "letter"])
def test_no_paragraph_is_broken_by_blank_lines(request: pytest.FixtureRequest, pdf_path: Path, layout: str) -> None:
    """The text moves down to meet a crowded note (``edition.sty``), and so opens
    a blank inside a paragraph, which a reader takes for missing words. The
    editors' notes are few and short enough that no paragraph needs one; and a
    line whose note goes to the next page takes no blank with it when TeX
    breaks the page above it (Letter, R2: eleven blank lines before)."""
    pdf, geometry = {
        "one-sided": lambda: (pdf_path, A4),
        "two-sided": lambda: (request.getfixturevalue("two_sided_pdf"), A4_TWO_SIDED),
        "letter": lambda: (request.getfixturevalue("letter_pdf"), LETTER),
    }[layout]()
    stretches = blank_stretches(pdf, geometry)
    assert stretches == [], "paragraphs broken by blank lines (fewer or shorter notes there):\n" + "\n".join(map(str, stretches))


def test_every_note_stands_on_the_page_of_its_phrase(places: list[NotePlace]) -> None:
    assert len(places) == len(editors_notes())
    lost = [p.id for p in places if p.note_page is None]
    assert lost == [], f"notes not found in any margin: {lost}"
    apart = [(p.id, p.note_page, p.phrase_page) for p in places if p.distance is None]
    assert apart == [], f"notes (id, note's page, phrase's page) away from their phrase's page: {apart}"


def test_notes_stand_close_to_their_phrase(places: list[NotePlace]) -> None:
    distances = [p.distance for p in places if p.distance is not None]
    median = statistics.median(distances)
    within = sum(d <= 3 for d in distances) / len(distances)
    far = sorted((round(p.distance, 1), p.id) for p in places if p.distance is not None and p.distance > 3)
    assert median <= 1, f"median distance {median:.1f} lines"
    assert within >= 0.85, f"{within:.0%} of notes within 3 lines; further: {far}"


def test_a_note_away_from_its_phrase_carries_its_line_number(places: list[NotePlace]) -> None:
    far = [p for p in places if p.distance is not None and p.distance > 3]
    unkeyed = [(p.id, p.key, p.phrase_lines) for p in far if p.key is None or p.key not in p.phrase_lines]
    assert unkeyed == [], f"notes more than 3 lines away without their phrase's line number (id, key, lines): {unkeyed}"


def test_every_key_is_its_phrase_s_line(places: list[NotePlace]) -> None:
    """Every note of the text is keyed (the numbered lines), and the key is right."""
    wrong = [(p.id, p.key, p.phrase_lines) for p in places if p.key is None or p.key not in p.phrase_lines]
    assert wrong == [], f"notes whose key is not their phrase's line (id, key, lines): {wrong}"
