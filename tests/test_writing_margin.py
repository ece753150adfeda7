"""Room to write: on the essay's pages (those whose lines are numbered) the side
of the text without notes keeps at least 25 mm blank beside every line, paragraph
numbers included, one-sided and two-sided (issue “Print a teacher can hand out”, §4)."""

from __future__ import annotations

from pathlib import Path

from tests.helpers.lazy import pymupdf
import pytest

from .helpers.note_distance import MM, Geometry, Page, _glyphs
from .test_note_distance import A4, A4_TWO_SIDED

pytestmark = pytest.mark.book

#: The blank width a student needs beside a line: a word or a mark of handwriting.
WRITING_MM = 25


def free_widths(pdf: Path, geometry: Geometry) -> list[tuple[int, float]]:
    """(PDF page, blank mm) for each text line of the essay's pages: the width from
    the paper's edge, on the side without notes, to the line's first ink."""
    widths = []
    for index, page in enumerate(pymupdf.open(pdf)):
        side = geometry.of_page(index)
        read = Page.read(page, side)
        if not read.numbers:  # not a page of the numbered essay or comments
            continue
        glyphs = _glyphs(page)
        for line in read.text.lines:
            near = [g for g in glyphs if abs(g[3] - line.baseline) < 2]
            if side.notes_left:  # the blank side is the right, from the text's last ink to the edge
                widths.append((index + 1, (side.width - max(g[2] for g in near)) / MM))
            else:
                widths.append((index + 1, min(g[0] for g in near) / MM))
    return widths


@pytest.mark.parametrize("sides", ["one-sided", "two-sided"])
def test_every_essay_line_has_room_to_write_beside_it(request: pytest.FixtureRequest, pdf_path: Path, sides: str) -> None:
    pdf, geometry = (pdf_path, A4) if sides == "one-sided" else (request.getfixturevalue("two_sided_pdf"), A4_TWO_SIDED)
    widths = free_widths(pdf, geometry)
    assert len(widths) > 300, f"only {len(widths)} lines of the essay's pages read"
    narrow = [(page, round(mm, 1)) for page, mm in widths if mm < WRITING_MM]
    assert narrow == [], f"lines with less than {WRITING_MM} mm blank on the side without notes (PDF page, mm): {narrow[:10]}"
