"""What a reader of the PDF gets: metadata, bookmarks, fonts, and margin notes
that stand in the margin beside their phrase without overlapping or running off."""

from __future__ import annotations

import itertools
import re

from tests.helpers.lazy import pymupdf
import pytest
import yaml
from bs4 import BeautifulSoup

from edition.writers.latex import PAGE_MM, part_label
from edition.notes.records import note_id
from edition.text.source import normalize_space

from tools.tex_log import faults

from .conftest import LATEX, PDF_NAME, ROOT, UNIT_PAGES, annotation_records, toc_docnames
from .helpers.text import find_hyphenated, pdf_region_pages

pytestmark = pytest.mark.book

MM = 72 / 25.4
TEXT_RIGHT = (PAGE_MM["width"] - PAGE_MM["right"]) * MM
#: Where the note column starts (line numbers stand between the text and it).
NOTE_LEFT = (PAGE_MM["width"] - PAGE_MM["right"] + PAGE_MM["marginparsep"]) * MM
PAGE_W, PAGE_H = PAGE_MM["width"] * MM, PAGE_MM["height"] * MM


def pages_text(pdf, x: float, y: float, w: float, h: float) -> list[str]:
    """Per-page text of one region, read as the fidelity test reads it."""
    return pdf_region_pages(pdf, (x, y, w, h))


@pytest.fixture(scope="module")
def margin_pages(pdf_path) -> list[str]:
    return pages_text(pdf_path, NOTE_LEFT - 2, 0, PAGE_W - NOTE_LEFT + 2, PAGE_H)


@pytest.fixture(scope="module")
def text_pages(pdf_path) -> list[str]:
    left = PAGE_MM["left"] * MM
    return pages_text(pdf_path, left - 1, PAGE_MM["top"] * MM - 2, TEXT_RIGHT - left + 2,
                      (PAGE_MM["height"] - PAGE_MM["top"] - PAGE_MM["bottom"]) * MM + 4)


def test_metadata(doc) -> None:
    meta = doc.metadata
    assert meta["title"] == "When Psychotherapists Are Less Healthy Than Their Clients"
    assert meta["author"] == "Daniel Mackler (quoted text); the editors (notes)"
    assert meta["subject"] == "An independent annotated edition, with the reader comments that followed the passage"
    assert doc[0].rect.width == pytest.approx(PAGE_W, abs=1) and doc[0].rect.height == pytest.approx(PAGE_H, abs=1)


def test_bookmarks_for_parts_and_chapters(doc, site) -> None:
    titles = [normalize_space(title) for _, title, _ in doc.get_toc()]
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text(encoding="utf-8"))
    for part in toc["parts"][1:]:  # the first part, the front matter, has no part page
        label = part_label(part["caption"])  # "Part I": the chapter's bookmark holds the name
        assert label in titles, label
        if label != part["caption"]:
            assert part["caption"] not in titles, f"the part's name stands twice: {part['caption']}"
    for name in toc_docnames()[1:]:
        if name == "book/bibliography":
            continue
        h1 = BeautifulSoup((site / f"{name}.html").read_text(encoding="utf-8"), "html.parser").h1
        heading = normalize_space(h1.get_text().rstrip("#"))
        assert heading in titles, heading


def test_bookmarks_for_title_contents_and_each_comment(doc) -> None:
    titles = [normalize_space(title) for _, title, _ in doc.get_toc()]
    for wanted in ("Title page", "Contents", "R1", "R1.1", "R2", "R3", "R4"):
        assert wanted in titles, f"no bookmark “{wanted}”"
    assert titles.index("Title page") < titles.index("Contents") < titles.index("R1")


def test_fonts_are_embedded(doc) -> None:
    for page in doc:
        for font in page.get_fonts():
            assert font[1] != "n/a" and font[3], f"font not embedded: {font}"


def test_the_tex_log_passes_the_gate() -> None:
    """No overfull box, missing glyph, undefined reference or unsettled rerun (tools/tex_log.py)."""
    log = LATEX / PDF_NAME.replace(".pdf", ".log")
    tex = log.with_suffix(".tex").read_text(encoding="utf-8")
    assert [str(f) for f in faults(log.read_text(encoding="utf-8", errors="replace"), tex)] == []


def test_tables_are_numbered_from_one_and_stay_on_the_paper(doc) -> None:
    captions = [line for page in doc for line in page.get_text().splitlines() if re.match(r"Table \d+:", line)]
    assert [c.split(":")[0] for c in captions] == ["Table 1", "Table 2"], captions
    assert captions[0].startswith("Table 1: Four sessions")
    for page in doc:
        if "Read it for" in page.get_text():
            words = [w for w in page.get_text("words") if PAGE_MM["top"] * MM < w[1] < PAGE_H - PAGE_MM["bottom"] * MM]
            right = max(w[2] for w in words)
            # 2 pt: microtype hangs a line's final comma or full stop a little into the margin
            assert right <= TEXT_RIGHT + 2, f"page {page.number + 1}: the table runs {right - TEXT_RIGHT:.0f} pt into the margin"


def test_paragraph_numbers_stand_in_the_left_margin(pdf_path) -> None:
    left = pages_text(pdf_path, 0, 0, PAGE_MM["left"] * MM - 1, PAGE_H)
    numbers = [word for page in left for word in page.split() if word.startswith("¶")]
    assert numbers == [f"¶{n}" for n in range(1, 9)]


def note_openings(site) -> dict[str, tuple[str, str]]:
    """For each annotation: its kind and the first words of its note as rendered."""
    notes = {}
    for name in UNIT_PAGES:
        soup = BeautifulSoup((site / f"{name}.html").read_text(encoding="utf-8"), "html.parser")
        for note in soup.select("span.annotation"):
            kind = note.select_one(".annotation-kind").extract().get_text()
            note.select_one(".annotation-back").extract()
            for lemma in note.select(".annotation-lemma, .annotation-lemma-end"):  # set before the kind in print
                lemma.extract()
            for spoken_only in note.select(".edition-sr-only"):  # the pause after the label
                spoken_only.extract()
            words = normalize_space(note.get_text()).split()
            notes[note["id"][len(note_id("")):]] = (kind, " ".join(words[:6]))
    return notes


def annotation_quotes() -> dict[str, str]:
    return {record.id: record.quote for _, record in annotation_records()}


def test_every_note_is_in_the_margin_on_the_page_of_its_phrase_or_the_next(site, margin_pages, text_pages) -> None:
    quotes = annotation_quotes()
    notes = note_openings(site)
    assert set(notes) == set(quotes)
    for aid, (kind, opening) in notes.items():
        pages = [i for i, text in enumerate(margin_pages) if find_hyphenated(text, opening) != -1]
        assert pages, f"note {aid} ({opening!r}) is not in the margin of any page"
        page = pages[0]
        assert kind.lower() in margin_pages[page].lower(), f"note {aid}: kind label missing"
        quote = normalize_space(quotes[aid])
        # the phrase may run on from the page before (test_note_distance measures where it stands)
        before = text_pages[page - 1] + " " if page else ""
        assert find_hyphenated(before + text_pages[page], quote) != -1, (
            f"note {aid} on page {page + 1}, its phrase {quote!r} is not on that page or the one before")


def test_margin_notes_never_overlap_or_leave_the_page(doc) -> None:
    bottom_limit = PAGE_H - 8 * MM
    for page in doc:
        blocks = [pymupdf.Rect(b[:4]) for b in page.get_text("blocks") if b[0] >= NOTE_LEFT - 2]
        for rect in blocks:
            assert rect.x1 <= PAGE_W - 5 * MM, f"page {page.number + 1}: a note runs off the right edge"
            assert rect.y1 <= bottom_limit, f"page {page.number + 1}: a note runs off the bottom"
        for a, b in itertools.combinations(blocks, 2):
            overlap = a & b
            assert overlap.is_empty or overlap.height < 1, f"page {page.number + 1}: notes overlap at {overlap}"


def test_bold_is_a_real_bold_face(doc) -> None:
    """Run-in labels and terms are set in EB Garamond Bold, not the regular face thickened;
    the characters that face lacks (’ – …) come from the regular face, and none is missing."""
    fonts = {font[3].split("+")[-1] for page in doc for font in page.get_fonts()}
    assert any(name.startswith("EBGaramond12-Bold") for name in fonts), fonts
    lines = [line["spans"] for page in doc for block in page.get_text("dict")["blocks"] for line in block.get("lines", [])
             if "".join(span["text"] for span in line["spans"]).startswith("Editors’ response to R1.")]
    assert lines, "no line opens with “Editors’ response to R1.”"
    for spans in lines:
        faces = [(span["text"], span["font"]) for span in spans[:3]]
        assert faces[0][0] == "Editors" and "Bold" in faces[0][1], faces
        assert faces[1][0].startswith("’") and "Regular" in faces[1][1], faces  # the bold face has no ’
        assert faces[2][0].startswith(" response") or "Bold" in faces[2][1], faces
