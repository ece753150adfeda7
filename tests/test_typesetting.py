"""How the PDF is set, page by page, as a reader of the printed book meets it.

Read from the built PDF (PyMuPDF for glyph positions and drawings, Poppler's
``pdftotext`` for text), the generated ``.tex`` and the LaTeX log: notes open
with their lemma beside their phrase, which is underlined; no page holds only
a part title; spaced ellipses never break and have equal gaps; sentence
spaces are word spaces; no deep hyphen ladders or page-end hyphens; the
apparatus (table, glossary, bibliography) as a book sets it; the file's
metadata, imprint, and reading order.
"""

from __future__ import annotations

import os
import re
import statistics
import subprocess

from tests.helpers.lazy import pymupdf
import pytest
import yaml

from edition.writers.latex import PAGE_MM, part_label, print_date
from edition.text.lemma import lemma
from edition.text.source import normalize_space

from .conftest import LATEX, ROOT
from .helpers.text import find_hyphenated, pdf_region_pages

pytestmark = pytest.mark.book

MM = 72 / 25.4
PAGE_W, PAGE_H = PAGE_MM["width"] * MM, PAGE_MM["height"] * MM
TEXT_LEFT = PAGE_MM["left"] * MM
TEXT_RIGHT = (PAGE_MM["width"] - PAGE_MM["right"]) * MM
#: Where the note column starts (line numbers stand between the text and it).
NOTE_LEFT = (PAGE_MM["width"] - PAGE_MM["right"] + PAGE_MM["marginparsep"]) * MM
TEXT_TOP = PAGE_MM["top"] * MM
TEXT_BOTTOM = (PAGE_MM["height"] - PAGE_MM["bottom"]) * MM
TEX_NAME = "when-psychotherapists-are-less-healthy"


@pytest.fixture(scope="module")
def margin_pages(pdf_path) -> list[str]:
    return pdf_region_pages(pdf_path, (NOTE_LEFT - 2, TEXT_TOP - 2, PAGE_W - NOTE_LEFT + 2, TEXT_BOTTOM - TEXT_TOP + 4))


@pytest.fixture(scope="module")
def text_pages(pdf_path) -> list[str]:
    return pdf_region_pages(pdf_path, (TEXT_LEFT - 1, TEXT_TOP - 2, TEXT_RIGHT - TEXT_LEFT + 2, TEXT_BOTTOM - TEXT_TOP + 4))


@pytest.fixture(scope="module")
def log() -> str:
    return (LATEX / f"{TEX_NAME}.log").read_text(encoding="utf-8", errors="replace")


@pytest.fixture(scope="module")
def tex() -> str:
    return (LATEX / f"{TEX_NAME}.tex").read_text(encoding="utf-8")


def annotations() -> list[dict]:
    """The editors' annotation records, all pages."""
    records = []
    for path in sorted((ROOT / "annotations").glob("*.yml")):
        records += yaml.safe_load(path.read_text(encoding="utf-8")) or []
    return records


def text_lines(page: pymupdf.Page) -> list[tuple[pymupdf.Rect, str, list[dict]]]:
    """The lines of the page's text block (not margins, head or folio), top to bottom."""
    lines = []
    for block in page.get_text("rawdict")["blocks"]:
        for line in block.get("lines", []):
            box = pymupdf.Rect(line["bbox"])
            if box.x0 < TEXT_LEFT - 2 or box.x0 > TEXT_RIGHT or box.y0 < TEXT_TOP - 4 or box.y1 > TEXT_BOTTOM + 4:
                continue
            chars = [c for span in line["spans"] for c in span["chars"]]
            lines.append((box, "".join(c["c"] for c in chars), chars))
    return sorted(lines, key=lambda line: (round(line[0].y1), line[0].x0))


# ---------------------------------------------------------------- notes


def test_every_note_opens_with_its_lemma_beside_its_phrase(doc, margin_pages, text_pages) -> None:
    """Each note's margin text begins “lemma] kind”, on the page where its phrase
    ends; only when that page's margin is full may it open the next page's margin."""
    def phrase_ends_on(page: int, quote: str) -> bool:
        # the phrase may begin at the foot of the page before
        before = text_pages[page - 1] if page else ""
        at = find_hyphenated(before + " " + text_pages[page], quote)
        return at != -1 and at + len(quote) > len(before) + 1

    def margin_is_full(page: int, opening: str) -> bool:
        """No room left in the page's margin for the note that opens with ``opening``."""
        lines = margin_lines(doc[page])
        notes = margin_notes(doc[page + 1])
        height = [bottom - top for top, bottom, text in notes if find_hyphenated(text, opening) != -1]
        leading = statistics.mode(round(b[0] - a[0], 1) for a, b in zip(lines, lines[1:]))
        return bool(lines and height) and TEXT_BOTTOM - lines[-1][0] < height[0] + 2 * leading

    moved: dict[int, list[int]] = {}  # page: where in its margin text the notes moved there open
    kept: dict[int, list[int]] = {}  # page: where the notes of its own phrases open
    used: dict[str, list[int]] = {}  # notes with the same opening (one phrase quoted twice)
    for record in annotations():
        quote = normalize_space(record["quote"])
        opening = f"{lemma(quote)}] {record['kind']}"
        pages = [i for i, text in enumerate(margin_pages) if find_hyphenated(text, opening) != -1]
        assert pages, f"note {record['id']}: no note in the margin opens with {opening!r}"
        free = [p for p in pages if p not in used.get(opening, [])]
        here = [p for p in free if phrase_ends_on(p, quote)]
        if here:
            page = here[0]
            kept.setdefault(page, []).append(find_hyphenated(margin_pages[page], opening))
        else:
            after_full = [p for p in free if p and phrase_ends_on(p - 1, quote) and margin_is_full(p - 1, opening)]
            assert after_full, (f"note {record['id']}: {opening!r} is in the margin of pages {[p + 1 for p in pages]}, "
                                f"its phrase does not end there, nor on a page before whose margin is full")
            page = after_full[0]
            moved.setdefault(page, []).append(find_hyphenated(margin_pages[page], opening))
        used.setdefault(opening, []).append(page)
    for page, openings in moved.items():
        assert max(openings) < min(kept.get(page, [len(margin_pages[page])])), (
            f"page {page + 1}: notes moved from the page before do not open its margin")


def underlines(page: pymupdf.Page) -> list[pymupdf.Rect]:
    """Thin grey rules drawn in the text block (the phrases' marks), each run
    of touching pieces (words and the spaces between them) joined into one."""
    rules: list[pymupdf.Rect] = []
    for drawing in page.get_drawings():
        box, colour = drawing["rect"], drawing.get("fill") or drawing.get("color")
        grey = colour is not None and 0.3 < colour[0] < 0.6
        if grey and box.height <= 0.8 and box.width > 1 and TEXT_LEFT - 2 < box.x0 < TEXT_RIGHT and TEXT_TOP < box.y0 < TEXT_BOTTOM:
            rules.append(pymupdf.Rect(box))
    runs: list[pymupdf.Rect] = []
    for rule in sorted(rules, key=lambda r: (round(r.y0, 1), r.x0)):
        if runs and abs(runs[-1].y0 - rule.y0) < 0.2 and rule.x0 - runs[-1].x1 < 0.5:
            runs[-1].x1 = max(runs[-1].x1, rule.x1)
        else:
            runs.append(rule)
    return runs


def test_phrases_are_underlined_and_no_mark_stands_between_words(doc, tex) -> None:
    """The mark is a thin rule under the phrase's words: every rule has a word
    right above it, and nothing else is drawn among the lines of text."""
    assert r"\edanchor{" in tex
    marked_pages = 0
    for page in doc:
        glyphs = [pymupdf.Rect(c["bbox"]) for _, _, chars in text_lines(page) for c in chars if c["c"].strip()]
        rules = underlines(page)
        marked_pages += bool(rules)
        for rule in rules:
            line = [g for g in glyphs if g.y0 < rule.y0 <= g.y1 + 1]
            starts = [g for g in line if abs(g.x0 - rule.x0) < 0.5]
            ends = [g for g in line if abs(g.x1 - rule.x1) < 0.5]
            assert starts and ends, f"page {page.number + 1}: a rule at {rule} does not run from glyph to glyph"
        for drawing in page.get_drawings():
            box = drawing["rect"]
            small_square = box.width < 4 and 0.8 < box.height < 4
            inside = TEXT_LEFT < box.x0 < TEXT_RIGHT and TEXT_TOP < box.y0 < TEXT_BOTTOM
            assert not (small_square and inside), f"page {page.number + 1}: a mark drawn at {box}"
    assert marked_pages >= 8


def margin_lines(page: pymupdf.Page) -> list[tuple[float, float]]:
    """(baseline, font size) of each line of the page's margin notes."""
    lines = []
    for block in page.get_text("dict")["blocks"]:
        for line in block.get("lines", []):
            x0, y0, _, _ = line["bbox"]
            if x0 > NOTE_LEFT - 2 and TEXT_TOP - 2 < y0 < TEXT_BOTTOM:
                lines.append((line["spans"][0]["origin"][1], max(s["size"] for s in line["spans"])))
    return sorted(lines)


def margin_notes(page: pymupdf.Page) -> list[tuple[float, float, str]]:
    """The page's margin notes: (first baseline, last baseline, text), told apart by the space between them."""
    lines = []
    for block in page.get_text("dict")["blocks"]:
        for line in block.get("lines", []):
            x0, y0, _, _ = line["bbox"]
            if x0 > NOTE_LEFT - 2 and TEXT_TOP - 2 < y0 < TEXT_BOTTOM:
                lines.append((line["spans"][0]["origin"][1], "".join(span["text"] for span in line["spans"])))
    lines.sort()
    notes: list[list] = []
    for i, (baseline, text) in enumerate(lines):
        if notes and baseline - notes[-1][1] < 12.5:
            notes[-1][1] = baseline
            notes[-1][2] += " " + text
        else:
            notes.append([baseline, baseline, text])
    return [(top, bottom, normalize_space(text)) for top, bottom, text in notes]


def test_notes_have_one_size_and_leading_and_a_little_space_between(doc) -> None:
    sizes, gaps = set(), []
    for page in doc:
        lines = margin_lines(page)
        sizes |= {round(size, 1) for _, size in lines}
        gaps += [b - a for (a, _), (b, _) in zip(lines, lines[1:])]
    assert len(sizes) == 1, f"margin notes in several sizes: {sizes}"
    leading = statistics.mode(round(g, 1) for g in gaps)
    between = [g for g in gaps if g > leading + 0.3]
    assert between, "no two notes on one page"
    odd = [round(g, 1) for g in gaps if abs(g - leading) > 0.3 and g < leading + 2]
    assert odd == [], f"lines of notes {leading} pt apart, but also {odd}"


# ---------------------------------------------------------------- parts


def test_no_page_holds_only_a_part_title(doc) -> None:
    """Each part's bookmark lands on the page of its first chapter, which has text."""
    toc = doc.get_toc()
    captions = [part_label(part["caption"]) for part in yaml.safe_load((ROOT / "_toc.yml").read_text(encoding="utf-8"))["parts"][1:]]
    for caption in captions:
        entries = [i for i, (_, title, _) in enumerate(toc) if normalize_space(title) == caption]
        assert entries, f"no bookmark for {caption!r}"
        level, _, page = toc[entries[0]]
        following = toc[entries[0] + 1]
        assert following[0] == level + 1 and following[2] == page, f"{caption!r}: its first chapter starts on another page"
        words = doc[page - 1].get_text("words")
        assert len(words) > 60, f"page {page} holds little but the part title {caption!r}"
    for page in doc:
        text = normalize_space(page.get_text()).lower()
        for caption in captions:
            if text == caption.lower():
                pytest.fail(f"page {page.number + 1} holds only {caption!r}")


# ---------------------------------------------------------------- spaces


def ellipses(doc: pymupdf.Document) -> list[tuple[int, list[dict]]]:
    """Every spaced ellipsis of the text block: (page, its three full-stop glyphs)."""
    found = []
    for page in doc:
        for _, text, chars in text_lines(page):
            stops = [c for c in chars if c["c"] == "."]
            for a, b, c in zip(stops, stops[1:], stops[2:]):
                if b["bbox"][0] - a["bbox"][2] < 6 and c["bbox"][0] - b["bbox"][2] < 6 and a["bbox"][2] < b["bbox"][0]:
                    found.append((page.number, [a, b, c]))
    return found


def test_spaced_ellipsis_never_breaks(doc) -> None:
    for page in doc:
        lines = [text.strip() for _, text, _ in text_lines(page)]
        for line in lines:
            squeezed = line.replace(" ", "")
            assert not squeezed.startswith("."), f"page {page.number + 1}: a line starts with a full stop: {line!r}"
            ends = re.search(r"(?:^|[^.])(\.+)$", squeezed)
            assert not (ends and len(ends.group(1)) == 2), f"page {page.number + 1}: a line ends inside an ellipsis: {line!r}"
            assert not re.search(r"\s\.$", line) or line.endswith(". . ."), f"page {page.number + 1}: a lone full stop ends {line!r}"


def test_spaced_ellipsis_gaps_are_fixed_and_equal(doc, text_pages) -> None:
    found = ellipses(doc)
    essay_ellipses = sum(text.count(". . .") for text in text_pages)
    assert len(found) >= 20 and len(found) >= essay_ellipses - 2
    by_size: dict[float, list[float]] = {}
    for _, (a, b, c) in found:
        size = round(a["bbox"][3] - a["bbox"][1], 1)
        by_size.setdefault(size, []).extend([b["bbox"][0] - a["bbox"][2], c["bbox"][0] - b["bbox"][2]])
    for size, gaps in by_size.items():
        assert max(gaps) - min(gaps) < 0.1, f"ellipsis gaps at size {size} vary from {min(gaps):.2f} to {max(gaps):.2f} pt"


def test_ellipsis_still_reads_as_three_spaced_full_stops(text_pages, tex) -> None:
    assert r"\edellipsis{}" in tex
    assert "therapists . . . The first [reason]" in " ".join(text_pages)


def test_polyglossia_keeps_french_spacing(log) -> None:
    settings = re.findall(r"\{english/frenchspacing\}\s+=>\s+\{(\w+)\}", log)
    assert settings and settings[-1] == "true", f"English sentence spacing in the log: {settings}"


def test_sentence_spaces_are_word_spaces(doc) -> None:
    """On a justified line of the essay, the space after a full stop is as wide as its other spaces."""
    compared = 0
    for page in doc:
        words = [w for w in page.get_text("words") if TEXT_LEFT < w[0] < TEXT_RIGHT and TEXT_TOP < w[1] < TEXT_BOTTOM]
        lines: dict[tuple[int, int], list] = {}
        for w in words:
            lines.setdefault((w[5], w[6]), []).append(w)
        for line in lines.values():
            line.sort(key=lambda w: w[0])
            if len(line) < 8:
                continue
            gaps = [(b[0] - a[2], a[4], b[4]) for a, b in zip(line, line[1:]) if "." not in (a[4], b[4])]
            after_stop = [g for g, a, b in gaps if re.search(r"[a-z]\.$", a) and b[:1].isupper()]
            others = [g for g, a, b in gaps if not re.search(r"[.,;:!?’”)\]]$", a)]
            if after_stop and len(others) >= 4:
                compared += 1
                assert max(after_stop) - statistics.median(others) < 0.8, (
                    f"page {page.number + 1}: sentence space {max(after_stop):.2f} pt against word space "
                    f"{statistics.median(others):.2f} pt in {' '.join(w[4] for w in line)!r}"
                )
    assert compared >= 10


# ---------------------------------------------------------------- breaking


#: TeX reports a line whose badness passes \\hbadness (edition.sty sets 330):
#: its word spaces are then more than about 2.1 times their natural width
#: (EB Garamond's stretch is three quarters of a space, and badness is
#: 100 times the cube of the stretch used).
UNDERFULL = re.compile(r"^Underfull \\hbox \(badness (\d+)\) in paragraph at lines (\d+)--(\d+)$", re.M)


def comment_lines(tex: str) -> set[int]:
    """The .tex's line numbers inside a reader comment or reply (edresponse, edreply)."""
    inside, lines = False, set()
    for number, line in enumerate(tex.splitlines(), start=1):
        if line.startswith(("\\begin{edresponse}", "\\begin{edreply}")):
            inside = True
        if inside:
            lines.add(number)
        if line.startswith(("\\end{edresponse}", "\\end{edreply}")):
            inside = False
    return lines


def test_no_line_has_word_spaces_over_twice_their_width(log, tex) -> None:
    """No line of the essay or of the editors' text is stretched to word spaces of
    more than about twice their width. The reader comments are set without
    hyphenation (a word split across a page turn, see edition.sty), verbatim and
    not to be reworded: there a line may reach badness 400, no more."""
    assert "\\hbadness=330" in (ROOT / "edition" / "latex" / "edition.sty").read_text(encoding="utf-8")
    in_comments = comment_lines(tex)
    loose = []
    for match in UNDERFULL.finditer(log):
        badness, first = int(match[1]), int(match[2])
        if first in in_comments and badness <= 400:
            continue
        loose.append((badness, tex.splitlines()[first - 1][:70]))
    assert loose == [], f"lines with word spaces over twice their width (badness, .tex line): {loose}"




def test_no_paragraph_ends_on_a_lone_hyphen_fragment(doc) -> None:
    """A line after a hyphenated line that holds one short word is a paragraph's last
    line made of the hyphenated word's rest (“complica- / tion.”): none in the PDF."""
    fragments = []
    for page in doc:
        lines = text_lines(page)
        for (_, above, _), (box, line, _) in zip(lines, lines[1:]):
            if above.rstrip().endswith("-") and " " not in line.strip() and box.width < 0.3 * (TEXT_RIGHT - TEXT_LEFT):
                fragments.append((page.number + 1, f"{above.split()[-1]} / {line.strip()}"))
    assert fragments == [], f"paragraphs ending on a hyphen fragment (page, lines): {fragments}"


def test_no_hyphen_ladder_deeper_than_two_and_no_hyphen_across_a_page(doc) -> None:
    for page in doc:
        lines = [text.rstrip() for _, text, _ in text_lines(page)]
        run = 0
        for line in lines:
            run = run + 1 if line.endswith("-") else 0
            assert run <= 2, f"page {page.number + 1}: three hyphenated lines in a row, to {line!r}"
        if lines:
            assert not lines[-1].endswith("-"), f"page {page.number + 1} ends in a hyphen: {lines[-1]!r}"


def test_no_numbered_paragraph_starts_on_the_last_line_of_a_page(doc) -> None:
    """No orphan: a paragraph's number (¶1–¶8) never stands beside a page's last line."""
    numbers = 0
    for page in doc:
        lines = text_lines(page)
        if not lines:
            continue
        last = lines[-1][0]
        for word in page.get_text("words"):
            if word[4].startswith("¶") and word[2] < TEXT_LEFT and TEXT_TOP < word[1] < TEXT_BOTTOM:
                numbers += 1
                assert word[3] < last.y0, f"page {page.number + 1}: {word[4]} begins on the page's last line"
    assert numbers == 8


def visual_lines(page: pymupdf.Page) -> list[tuple[pymupdf.Rect, str]]:
    """The text block's lines as drawn: one box and text per baseline."""
    rows: dict[int, tuple[pymupdf.Rect, str]] = {}
    for box, text, _ in text_lines(page):
        if text.strip():
            key = round(box.y1)
            rows[key] = (rows[key][0] | box, rows[key][1] + " " + text) if key in rows else (pymupdf.Rect(box), text)
    return [rows[k] for k in sorted(rows)]


def test_no_widow_at_the_head_of_a_page(doc) -> None:
    """A paragraph that runs on from a page brings at least two lines to the next."""
    pages = [visual_lines(page) for page in doc]
    for number, lines in enumerate(pages[1:], start=1):
        before = pages[number - 1]
        if len(lines) < 2 or not before:
            continue
        # a justified line of prose (not a contents line): the paragraph goes on
        # and stops mid-sentence
        last_words = before[-1][1].rstrip()
        runs_on = before[-1][0].x1 > TEXT_RIGHT - 1.5 and len(last_words.split()) >= 6 and last_words[-1:] not in ".:!?”)"
        first, second = lines[0][0], lines[1][0]
        ends_alone = first.x1 < TEXT_RIGHT - 15 and second.y0 - first.y1 > 6
        assert not (runs_on and ends_alone), f"page {number + 1}: a paragraph's last line stands alone at its head"


def glossary_terms() -> list[str]:
    text = (ROOT / "book" / "glossary.md").read_text(encoding="utf-8")
    block = text.split("```{glossary}", 1)[1].split("```", 1)[0]
    return [line.strip() for line in block.splitlines() if line.strip() and not line.startswith((" ", "\t"))]


def test_no_glossary_term_is_left_at_the_foot_of_a_page(doc) -> None:
    terms = {normalize_space(t) for t in glossary_terms()}
    assert terms
    for page in doc:
        lines = [normalize_space(text) for _, text, _ in text_lines(page)]
        if lines:
            assert lines[-1] not in terms, f"page {page.number + 1} ends with the term {lines[-1]!r}"


# ---------------------------------------------------------------- apparatus


def test_tables_break_across_pages_and_use_faces_the_book_has(doc, tex) -> None:
    assert r"\begin{longtable}" in tex and r"\begin{tabulary}" not in tex
    fonts = {font[3] for page in doc for font in page.get_fonts()}
    stray = [f for f in fonts if re.search(r"LMSans|LatinModern|lmss|CMU|Helvet", f)]
    assert stray == [], f"faces the book does not set: {stray}"


def bibliography_pages(doc: pymupdf.Document) -> list[pymupdf.Page]:
    return [page for page in doc if normalize_space(page.get_text()).lower().startswith("bibliography")]


def test_bibliography_has_no_labels_a_hanging_indent_and_italic_films(doc) -> None:
    pages = bibliography_pages(doc)
    assert pages, "no bibliography page"
    text = " ".join(page.get_text() for page in pages)
    assert not re.search(r"\[[A-Z][^\]]* (?:\d{4}|n\.d\.)\]", text), "bibliography entries carry bracketed labels"
    lines = [box for page in pages for box, _, _ in text_lines(page)]
    lefts = sorted({round(box.x0) for box in lines})
    assert len(lefts) >= 2 and 8 <= lefts[1] - lefts[0] <= 25, f"no hanging indent: line starts at {lefts}"
    rights = [box.x1 for box in lines]
    assert max(rights) - min(rights) > 20, "the bibliography is justified, not ragged right"
    # a justified line may set each word of the title as its own span
    film = [span for page in pages for block in page.get_text("dict")["blocks"] for line in block.get("lines", [])
            for span in line["spans"] if span["text"].strip() in {"Take These Broken Wings", "Broken", "Wings:"}
            or "Take These Broken Wings" in span["text"]]
    assert film and all("Italic" in span["font"] for span in film), "a film's title is not in italics"


def test_all_text_prints_in_the_text_colour(doc) -> None:
    """Every character prints black: text, notes, line numbers, heads. (A colour set
    around a phrase's underlined space once leaked, when the line broke there, into
    whatever the page shipped before the next line: whole margins printed grey.)"""
    coloured = sorted({
        (page.number + 1, span["text"].strip()[:30])
        for page in doc
        for block in page.get_text("dict")["blocks"]
        for line in block.get("lines", [])
        for span in line["spans"]
        if span["text"].strip() and span["color"] != 0
    })
    assert coloured == [], f"text printed in a colour (page, text): {coloured[:10]}"


def test_print_does_not_speak_of_the_website_s_controls(pdf_path) -> None:
    """No buttons, hidden notes or URL fragments in the PDF: print says what print can do."""
    text = normalize_space(subprocess.run(["pdftotext", "-enc", "UTF-8", str(pdf_path), "-"],
                                          check=True, capture_output=True, text=True).stdout)
    for words in ("“Margin notes” button", "Margin notes button", "notes hidden", "#p4", "#r2", "page header",
                  "Download PDF", "Ctrl+K"):
        assert words not in text, f"the PDF speaks of the website: “{words}”"


# ---------------------------------------------------------------- the file


def test_file_metadata_for_readers_and_assistive_tools(doc) -> None:
    catalog = doc.xref_object(doc.pdf_catalog())
    assert re.search(r"/Lang \(en\)", catalog), "no /Lang in the catalog"
    assert re.search(r"/DisplayDocTitle true", catalog), "DisplayDocTitle is not set"
    author = doc.metadata["author"]
    names = [name.strip() for name in author.split(";")]
    assert names == ["Daniel Mackler (quoted text)", "the editors (notes)"], f"Author field: {author!r}"


def test_imprint_page_near_the_front(doc) -> None:
    pages = [page.number for page in doc if "CC BY 4.0" in normalize_space(page.get_text())]
    assert pages and pages[0] <= 2, "no imprint page with the licence among the first pages"
    text = normalize_space(doc[pages[0]].get_text())
    assert "study, commentary and criticism" in text
    assert "Mad in America" in text
    # the edition's position: independent, not endorsed, how to ask for a correction or removal
    for words in ("The edition is independent.", "nor the commenters reviewed, approved or endorsed it",
                  "Corrections and removal"):
        assert words in text, f"the imprint does not say “{words}”"
    title_page = normalize_space(doc[0].get_text())
    assert "An independent annotated edition" in title_page and "Text by Daniel Mackler" in title_page
    assert "as quoted on Mad in America" in title_page
    assert "a teaching guide by the editors" in title_page  # the notes are the editors', not the author's
    assert "issue tracker of the repository" in text  # no edition_contact set: the plain routes
    date = re.search(r"This printing: (\d{1,2} [A-Z][a-z]+ \d{4})", text)
    assert date, "the imprint gives no date"
    if os.environ.get("SOURCE_DATE_EPOCH"):
        assert date.group(1) == print_date(), "the imprint's date is not SOURCE_DATE_EPOCH's"


def test_imprint_gives_the_version_and_says_the_source_s_address_is_not_recorded(doc) -> None:
    """The version is the configured one (About prints the same); the source's address
    and the date it was read are not recorded, and the imprint says so."""
    text = normalize_space(doc[1].get_text())
    about = (ROOT / "_config.yml").read_text(encoding="utf-8")
    version = re.search(r'edition_version: "([^"]+)"', about)[1]
    assert f"Version {version}." in text
    assert "received without its address or the date it was read" in text


def test_each_handout_has_its_own_bookmark_on_its_own_page(doc) -> None:
    """Handouts are copied one by one: each has a bookmark that opens the page it starts."""
    marks = [(title, page) for _, title, page in doc.get_toc() if title.startswith("Handout ")]
    assert len(marks) == 4, f"handout bookmarks: {marks}"
    assert len({page for _, page in marks}) == 4
    for title, page in marks:
        assert normalize_space(doc[page - 1].get_text()).find(normalize_space(title)) >= 0, f"{title!r} not on page {page}"


def test_main_text_comes_before_the_notes_in_reading_order(doc) -> None:
    """In the content stream (the order ``pdftotext -raw`` and assistive tools
    read), each page's text block comes before its margin notes."""
    checked = 0
    for page in doc:
        blocks = page.get_text("blocks", sort=False)
        kinds = ["margin" if b[0] > TEXT_RIGHT + 2 and TEXT_TOP < b[1] < TEXT_BOTTOM else "text"
                 for b in blocks if TEXT_TOP - 2 < b[1] < TEXT_BOTTOM and b[4].strip()]
        if "margin" in kinds and "text" in kinds:
            checked += 1
            assert kinds.index("text") < kinds.index("margin"), f"page {page.number + 1}: notes before the text"
    assert checked >= 8


def test_imprint_says_where_the_accessible_forms_are(doc) -> None:
    pages = [page.number for page in doc if "CC BY 4.0" in normalize_space(page.get_text())]
    text = normalize_space(doc[pages[0]].get_text())
    assert "assistive technology, use the EPUB or the website" in text


#: A line that ends inside a list of paragraph and response numbers (“(¶2,”), and one that goes on with the next number.
ENDS_IN_UNIT_LIST = re.compile(r"(?:¶\d+|R\d+(?:\.\d+)?),\s*$")
OPENS_WITH_UNIT = re.compile(r"^\s*(?:¶\d+|R\d+(?:\.\d+)?)\b")


def test_no_list_of_paragraph_numbers_breaks_across_lines_or_pages(doc, tex) -> None:
    """“(¶2, ¶7)” is read as one reference: print ties its numbers, so that
    no line, and no page turn, falls inside it."""
    assert re.search(r"¶\d}}}}},\u00a0{", tex), "the LaTeX ties no list of paragraph numbers"
    lines = [(page.number + 1, text) for page in doc for _, text, _ in text_lines(page)]
    broken = [(page, f"{above.strip()[-20:]} | {below.strip()[:20]}")
              for (page, above), (_, below) in zip(lines, lines[1:])
              if ENDS_IN_UNIT_LIST.search(above) and OPENS_WITH_UNIT.match(below)]
    assert broken == [], f"lists of ¶ and R numbers broken across a line or page (page, text): {broken}"


def test_web_addresses_break_only_after_a_slash_a_dot_or_a_colon(doc, tex) -> None:
    """A web address broken inside a word (“…/li | censes/…”) prints with no
    mark, and reads as two words: it may break after “/”, “.” or “:” only."""
    addresses = set(re.findall(r"\\(?:sphinx)?url\{([^}]+)\}", tex))
    assert addresses, "the LaTeX prints no web address: the test reads nothing"
    lines = "\n".join(text.strip() for page in doc for _, text, _ in text_lines(page))
    for address in addresses:
        found = list(re.finditer("\n?".join(map(re.escape, address)), lines))
        assert found, f"{address} is not in the PDF's text"
        broken = [m.group() for m in found
                  if any(m.group()[k - 1] not in "/.:" for k, c in enumerate(m.group()) if c == "\n")]
        assert broken == [], f"{address} broken inside a word: {broken}"
