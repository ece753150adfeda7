"""Where each margin note of the PDF stands, measured from its phrase.

Read from the PDF's glyph positions (PyMuPDF), as a reader sees the page:
for each note, the page whose margin holds it (its opening, “lemma] kind”,
perhaps led by a line number), the line of the text block where its phrase
stands on that page, and the distance in text lines between the note's first
line and the nearest line of its phrase. The line numbers printed beside the
text (every fifth line) tell which number each line has, so a note's key can
be checked against its phrase's line.

Used by the tests (targets) and by ``tools/benchmark.py`` (figures).
"""

from __future__ import annotations

import re
import statistics
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from tests.helpers.lazy import pymupdf

from edition.writers.latex import page_mm
from edition.text.lemma import lemma
from edition.text.source import normalize_space

from .text import LINE_END_HYPHEN, match_at

MM = 72 / 25.4


@dataclass(frozen=True)
class Geometry:
    """The page's columns, in points from the left edge (one-sided A4 by default).
    Two-sided (``two_sided``), every second page of the PDF is a verso: its
    margins are mirrored (:meth:`of_page`), the notes stand left of the text."""

    text_left: float
    text_right: float
    note_left: float
    top: float
    bottom: float
    width: float = 210 * MM  # the paper's
    two_sided: bool = False
    notes_left: bool = False  # a verso's geometry: the notes left of the text

    def of_page(self, index: int) -> "Geometry":
        """The geometry of the PDF's page ``index`` (from 0: the title page, a recto)."""
        if not self.two_sided or index % 2 == 0:
            return self
        return Geometry(
            text_left=self.width - self.text_right, text_right=self.width - self.text_left,
            note_left=self.width - self.note_left, top=self.top, bottom=self.bottom,
            width=self.width, two_sided=True, notes_left=True)

    def in_notes(self, word: "Word") -> bool:
        """Whether ``word`` stands in the note column (``note_left`` is its edge at the text)."""
        return word[2] <= self.note_left + 1 if self.notes_left else word[0] >= self.note_left - 1

    def between(self, word: "Word") -> bool:
        """Whether ``word`` stands between the text and the notes (where line numbers go)."""
        if self.notes_left:
            return self.note_left + 1 < word[0] and word[2] < self.text_left - 1
        return self.text_right + 1 < word[0] < self.note_left - 1


Word = tuple[float, float, float, float, str]


def geometry_of(page: dict[str, float]) -> Geometry:
    """The one-sided geometry of a page as :func:`edition.writers.latex.page_mm` gives it, in points."""
    return Geometry(
        text_left=page["left"] * MM,
        text_right=(page["width"] - page["right"]) * MM,
        note_left=(page["width"] - page["right"] + page["marginparsep"]) * MM,
        top=page["top"] * MM,
        bottom=(page["height"] - page["bottom"]) * MM,
        width=page["width"] * MM,
    )


#: One-sided A4, as edition.writers.latex sets the page (the tests and tools/print_benchmark.py).
A4 = geometry_of(page_mm("a4"))

#: One-sided US Letter (``make pdf PAPER=letter``).
LETTER = geometry_of(page_mm("letter"))


@dataclass(frozen=True)
class Line:
    """One line of a column: its baseline and its words, left to right."""

    baseline: float
    words: tuple[Word, ...]

    @property
    def text(self) -> str:
        return " ".join(w[4] for w in self.words)


@dataclass(frozen=True)
class NotePlace:
    """One note as printed."""

    id: str
    note_page: int | None  # 1-based; None: the note was not found in any margin
    phrase_page: int | None  # 1-based page where the phrase ends (the note's page if it ends there)
    distance: float | None  # in text lines; None: the phrase does not end on the note's page
    key: int | None  # the line number the note is keyed with, if any
    phrase_lines: tuple[int, ...]  # the numbers the phrase's lines may have, read from the printed numbers


def _lines(words: list[Word]) -> list[Line]:
    """Glyphs grouped into lines by baseline (within 2 pt), top to bottom; within a
    line in the order the PDF sets them (a ligature's letters may overlap)."""
    lines: list[list[Word]] = []
    for word in words:
        line = next((line for line in lines if abs(line[0][3] - word[3]) < 2), None)
        if line is None:
            lines.append([word])
        else:
            line.append(word)
    lines.sort(key=lambda line: line[0][3])
    return [Line(statistics.median(w[3] for w in line), tuple(line)) for line in lines]


@dataclass
class Column:
    """Lines read as one string without spaces (a line-end hyphen marked as in
    ``tests.helpers.text``), with where each word starts. Spaces are left out
    on both sides of a comparison: on tight lines the PDF's words run together."""

    lines: list[Line]
    text: str
    starts: list[tuple[int, int, int]]  # (offset, line index, word index) of each word

    @classmethod
    def of(cls, lines: list[Line]) -> "Column":
        text, starts = "", []
        for i, line in enumerate(lines):
            for j, word in enumerate(line.words):
                starts.append((len(text), i, j))
                last = j == len(line.words) - 1
                if last and word[4].endswith("-"):
                    text += word[4][:-1] + LINE_END_HYPHEN
                else:
                    text += word[4]
        return cls(lines, text, starts)

    def word_at(self, offset: int) -> tuple[int, int]:
        """(line index, word index) of the word holding ``offset``."""
        found = (0, 0)
        for start, i, j in self.starts:
            if start > offset:
                break
            found = (i, j)
        return found

    def find_all(self, expected: str) -> list[tuple[int, int]]:
        """Start and end of every match of ``expected``, spaces aside (hyphens at line ends allowed)."""
        expected = re.sub(r"\s+", "", expected)
        found, at = [], self.text.find(expected[0])
        while at != -1:
            end = match_at(self.text, at, expected)
            if end != -1:
                found.append((at, end))
            at = self.text.find(expected[0], at + 1)
        return found


#: Ligatures as their letters (the font's ﬀ, ﬁ, ﬂ, ﬃ, ﬄ).
LIGATURES = {chr(c): unicodedata.normalize("NFKC", chr(c)) for c in range(0xFB00, 0xFB07)}


def _glyphs(page: pymupdf.Page) -> list[Word]:
    """Each printed character but spaces as (x0, y0, x1, baseline, character); a line
    number's digits as one."""
    glyphs: list[Word] = []
    for block in page.get_text("rawdict", flags=0)["blocks"]:
        for line in block.get("lines", []):
            for span in line["spans"]:
                for char in span["chars"]:
                    if char["c"].isspace():
                        continue
                    x0, y0, x1, _ = char["bbox"]
                    text = LIGATURES.get(char["c"], char["c"])
                    glyph = (x0, y0, x1, char["origin"][1], text)
                    previous = glyphs[-1] if glyphs else None
                    if previous and glyph[4].isdigit() and previous[4].isdigit() and abs(previous[3] - glyph[3]) < 0.5 \
                            and 0 <= x0 - previous[2] < 1:
                        glyphs[-1] = (previous[0], previous[1], x1, previous[3], previous[4] + glyph[4])
                    else:
                        glyphs.append(glyph)
    return glyphs


def _rules(page: pymupdf.Page, geometry: Geometry) -> list[pymupdf.Rect]:
    """The thin grey rules under the phrases of the text block."""
    rules = []
    for drawing in page.get_drawings():
        box, colour = drawing["rect"], drawing.get("fill") or drawing.get("color")
        if colour is not None and 0.3 < colour[0] < 0.6 and box.height <= 0.8 and box.width > 1 \
                and geometry.text_left - 2 < box.x0 < geometry.text_right:
            rules.append(pymupdf.Rect(box))
    return rules


@dataclass
class Page:
    """One page read into its text lines, its margin lines, its underlines and its printed line numbers."""

    text: Column
    margin: Column
    rules: list[pymupdf.Rect]
    numbers: dict[int, int]  # index of a text line: its printed number

    @classmethod
    def read(cls, page: pymupdf.Page, geometry: Geometry) -> "Page":
        words = [w for w in _glyphs(page) if geometry.top - 4 < w[3] < geometry.bottom + 4]
        text = _lines([w for w in words if w[0] >= geometry.text_left - 2 and w[2] <= geometry.text_right + 4])
        margin = _lines([w for w in words if geometry.in_notes(w)])
        numbers: dict[int, int] = {}
        for w in words:
            if geometry.between(w) and w[4].isdigit():
                near = [i for i, line in enumerate(text) if abs(line.baseline - w[3]) < 2]
                if near:
                    numbers[near[0]] = int(w[4])
        return cls(Column.of(text), Column.of(margin), _rules(page, geometry), numbers)

    def underlined(self, offset: int) -> bool:
        """Whether the word at ``offset`` of the text stands on a phrase's underline."""
        i, j = self.text.word_at(offset)
        glyph, baseline = self.text.lines[i].words[j], self.text.lines[i].baseline
        middle = (glyph[0] + glyph[2]) / 2
        return any(0 < r.y0 - baseline < 3 and r.x0 - 0.5 <= middle <= r.x1 + 0.5 for r in self.rules)

    def line_numbers(self, index: int) -> set[int]:
        """The numbers text line ``index`` may have, counted from the nearest printed
        number above it and from the nearest below. The count restarts (each comment
        is counted from 1), so the two may differ; a count below 1 is no number."""
        found = set()
        above = [i for i in self.numbers if i <= index]
        if above:
            found.add(self.numbers[max(above)] + index - max(above))
        below = [i for i in self.numbers if i > index]
        if below:
            found.add(self.numbers[min(below)] - (min(below) - index))
        return {n for n in found if n >= 1}


KEY = re.compile(r"(\d+)\s*$")


def _phrase_lines(pages: list[Page], number: int, quote: str, taken: set[tuple[int, int]]) -> tuple[int, int, int] | None:
    """Page, first and last text line of the underlined phrase ending on page ``number`` (its first line may be on the page before)."""
    page = pages[number]
    for start, end in page.text.find_all(quote):
        if (number, start) not in taken and page.underlined(start):
            taken.add((number, start))
            return number, page.text.word_at(start)[0], page.text.word_at(end - 1)[0]
    if number:
        before = pages[number - 1].text
        joined = before.text + page.text.text
        for start, end in Column(before.lines, joined, before.starts).find_all(quote):
            if start < len(before.text) < end and pages[number - 1].underlined(start):
                taken.add((number - 1, start))
                return number, 0, page.text.word_at(end - 1 - len(before.text))[0]
    return None


def measure(pdf: Path, notes: list[tuple[str, str, str]], geometry: Geometry) -> list[NotePlace]:
    """Each note ``(id, quote, kind label)`` as the PDF places it (see :class:`NotePlace`)."""
    doc = pymupdf.open(pdf)
    pages = [Page.read(page, geometry.of_page(i)) for i, page in enumerate(doc)]
    baselines = [b.baseline - a.baseline for p in pages for a, b in zip(p.text.lines, p.text.lines[1:])]
    leading = statistics.mode(round(d, 1) for d in baselines if d > 0)
    used: set[tuple[int, int]] = set()
    taken: set[tuple[int, int]] = set()
    found: list[NotePlace] = []
    for note_id, quote, kind in notes:
        quote = normalize_space(quote)
        opening = f"{lemma(quote)}] {kind.lower()}"
        place = next(((number, at) for number, page in enumerate(pages)
                      for at, _ in page.margin.find_all(opening) if (number, at) not in used), None)
        if place is None:
            found.append(NotePlace(note_id, None, None, None, None, ()))
            continue
        used.add(place)
        number, at = place
        page = pages[number]
        note_line, _ = page.margin.word_at(at)
        line_start = next(s for s, i, _ in page.margin.starts if i == note_line)
        key_match = KEY.search(page.margin.text[line_start:at])
        key = int(key_match[1]) if key_match else None
        phrase = _phrase_lines(pages, number, quote, taken)
        if phrase is None:
            elsewhere = next((n + 1 for n in range(len(pages)) if n != number and _phrase_lines(pages, n, quote, set())), None)
            found.append(NotePlace(note_id, number + 1, elsewhere, None, key, ()))
            continue
        _, first, last = phrase
        y = page.margin.lines[note_line].baseline
        gap = min(abs(y - page.text.lines[i].baseline) for i in range(first, last + 1))
        numbers = tuple(sorted({n for i in range(first, last + 1) for n in page.line_numbers(i)}))
        found.append(NotePlace(note_id, number + 1, number + 1, gap / leading, key, numbers))
    return found


@dataclass(frozen=True)
class BlankStretch:
    """Blank space opened inside a paragraph of the text: what a reader takes for missing words."""

    page: int  # 1-based
    lines: float  # the blank's height, in text lines
    before: str  # the first words of the line below it

    def __str__(self) -> str:
        return f"p. {self.page}: {self.lines:.1f} blank lines before “{self.before}”"


def _at_size(line: Line, size: float) -> bool:
    """Whether ``line``'s letters are about ``size`` tall (the text's, not a heading's)."""
    letters = [w[3] - w[1] for w in line.words if w[4].isalpha()]
    return bool(letters) and abs(statistics.median(letters) - size) < 0.15 * size


def _spaced(line: Line) -> str:
    """``line``'s glyphs as words: a space where one glyph stands clear of the last."""
    text, last = "", None
    for glyph in line.words:
        text += (" " if last is not None and glyph[0] - last > 1.2 else "") + glyph[4]
        last = glyph[2]
    return text


def blank_stretches(pdf: Path, geometry: Geometry) -> list[BlankStretch]:
    """Each stretch of more than a third of a blank line between two lines of
    one paragraph, on the pages whose margin holds notes. A line and the next
    are of one paragraph when the first runs to the text block's right edge
    (a justified line the paragraph goes on from), the second opens no
    numbered paragraph (no ¶ beside it), and both are set at the text's size
    (not a heading, not a chapter's opening)."""
    doc = pymupdf.open(pdf)
    pages = [(i, Page.read(page, geometry.of_page(i))) for i, page in enumerate(doc)]
    pilcrows = {i: [g[3] for g in _glyphs(page) if g[4] == "¶"] for i, page in enumerate(doc)}
    steps = [b.baseline - a.baseline for _, p in pages for a, b in zip(p.text.lines, p.text.lines[1:])]
    leading = statistics.mode(round(d, 1) for d in steps if d > 0)
    heights = [w[3] - w[1] for _, p in pages for line in p.text.lines for w in line.words if w[4].isalpha()]
    size = statistics.median(heights)
    found = []
    for index, page in pages:
        if not page.margin.lines:
            continue
        right = geometry.of_page(index).text_right
        for above, below in zip(page.text.lines, page.text.lines[1:]):
            blank = (below.baseline - above.baseline) / leading - 1
            if blank > 1 / 3 and max(w[2] for w in above.words) > right - 3 \
                    and _at_size(above, size) and _at_size(below, size) \
                    and not any(abs(y - below.baseline) < 2 for y in pilcrows[index]):
                found.append(BlankStretch(index + 1, blank, _spaced(below)[:40]))
    return found


@dataclass(frozen=True)
class Figures:
    """What the measurement says of a set of notes."""

    notes: int
    not_found: int
    other_page: int
    median: float
    worst: float
    within_1: int
    within_3: int
    above_3: int
    keyed_right: int  # of the notes more than 3 lines away
    unchecked: int  # of those, keyed where the page prints no number of the phrase's count

    def rows(self) -> list[tuple[str, str]]:
        measured = self.notes - self.not_found - self.other_page
        return [
            ("Notes", f"{self.notes}"),
            ("Not in the margin (at the chapter's end)", f"{self.not_found}"),
            ("Note on another page than its phrase", f"{self.other_page}"),
            ("Median distance, lines", f"{self.median:.1f}"),
            ("Worst distance, lines", f"{self.worst:.1f}"),
            ("Within 1 line", f"{self.within_1} ({self.within_1 / max(measured, 1):.0%})"),
            ("Within 3 lines", f"{self.within_3} ({self.within_3 / max(measured, 1):.0%})"),
            ("More than 3 lines away", f"{self.above_3}"),
            ("… keyed with the right line number", f"{self.keyed_right}"),
            ("… keyed, on a page that prints no number to check it by", f"{self.unchecked}"),
        ]


def figures(places: list[NotePlace]) -> Figures:
    """Median, worst and counts of the distances (notes on their phrase's page only)."""
    distances = [p.distance for p in places if p.distance is not None]
    far = [p for p in places if p.distance is not None and p.distance > 3]
    return Figures(
        notes=len(places),
        not_found=sum(p.note_page is None for p in places),
        other_page=sum(p.note_page is not None and p.distance is None for p in places),
        median=statistics.median(distances) if distances else float("nan"),
        worst=max(distances, default=float("nan")),
        within_1=sum(d <= 1 for d in distances),
        within_3=sum(d <= 3 for d in distances),
        above_3=len(far),
        keyed_right=sum(p.key is not None and p.key in p.phrase_lines for p in far),
        unchecked=sum(p.key is not None and not p.phrase_lines for p in far),
    )
