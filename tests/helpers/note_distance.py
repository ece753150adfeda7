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
from dataclasses import dataclass
from pathlib import Path

import pymupdf

from edition.lemma import lemma
from edition.source import normalize_space

from .text import LINE_END_HYPHEN, match_at

MM = 72 / 25.4


@dataclass(frozen=True)
class Geometry:
    """The page's columns, in points from the left edge (one-sided A4 by default)."""

    text_left: float
    text_right: float
    note_left: float
    top: float
    bottom: float


@dataclass(frozen=True)
class Line:
    """One line of a column: its baseline and its words."""

    baseline: float
    text: str


@dataclass(frozen=True)
class NotePlace:
    """One note as printed."""

    id: str
    note_page: int | None  # 1-based; None: the note was not found in any margin
    phrase_page: int | None  # 1-based page where the phrase stands (the note's page if it stands there)
    distance: float | None  # in text lines; None: the phrase is not on the note's page
    key: int | None  # the line number the note is keyed with, if any
    phrase_line: int | None  # the phrase's line number read from the printed numbers, if any


def _words(page: pymupdf.Page) -> list[tuple[float, float, float, float, str]]:
    return [(w[0], w[1], w[2], w[3], w[4]) for w in page.get_text("words", flags=0)]


def _lines(words: list[tuple[float, float, float, float, str]]) -> list[Line]:
    """Words grouped into lines by baseline (within 2 pt), top to bottom, left to right."""
    lines: list[list[tuple[float, float, float, float, str]]] = []
    for word in sorted(words, key=lambda w: (w[3], w[0])):
        if lines and abs(lines[-1][0][3] - word[3]) < 2:
            lines[-1].append(word)
        else:
            lines.append([word])
    return [Line(statistics.median(w[3] for w in line), " ".join(w[4] for w in sorted(line))) for line in lines]


def _joined(lines: list[Line]) -> tuple[str, list[int]]:
    """The lines as one string (a line-end hyphen marked as in ``tests.helpers.text``), and where each line starts."""
    text, starts = "", []
    for line in lines:
        starts.append(len(text))
        words = normalize_space(line.text)
        text += words[:-1] + LINE_END_HYPHEN if words.endswith("-") else words + " "
    return text, starts


def _find(text: str, expected: str, start: int = 0) -> tuple[int, int]:
    """Start and end of ``expected`` in ``text`` (hyphens at line ends allowed), or (-1, -1)."""
    at = text.find(expected[0], start)
    while at != -1:
        end = match_at(text, at, expected)
        if end != -1:
            return at, end
        at = text.find(expected[0], at + 1)
    return -1, -1


def _line_of(offset: int, starts: list[int]) -> int:
    return max(i for i, s in enumerate(starts) if s <= offset)


@dataclass
class Page:
    """One page read into its text lines, its margin lines and its printed line numbers."""

    text: list[Line]
    margin: list[Line]
    numbers: dict[int, int]  # index of a text line: its printed number

    @classmethod
    def read(cls, page: pymupdf.Page, geometry: Geometry) -> "Page":
        words = [w for w in _words(page) if geometry.top - 4 < w[3] < geometry.bottom + 4]
        text = _lines([w for w in words if w[0] >= geometry.text_left - 2 and w[2] <= geometry.text_right + 4])
        margin = _lines([w for w in words if w[0] >= geometry.note_left - 1])
        numbers: dict[int, int] = {}
        for w in words:
            if geometry.text_right + 1 < w[0] < geometry.note_left - 1 and w[4].isdigit():
                near = [i for i, line in enumerate(text) if abs(line.baseline - w[3]) < 2]
                if near:
                    numbers[near[0]] = int(w[4])
        return cls(text, margin, numbers)

    def line_number(self, index: int) -> int | None:
        """The number of text line ``index``, counted from the nearest printed number above it, or below it."""
        above = [i for i in self.numbers if i <= index]
        if above:
            i = max(above)
            return self.numbers[i] + (index - i)
        below = [i for i in self.numbers if i > index]
        if below:
            i = min(below)
            return self.numbers[i] - (i - index)
        return None


KEY = re.compile(r"(\d+)\s*$")


def measure(pdf: Path, notes: list[tuple[str, str, str]], geometry: Geometry) -> list[NotePlace]:
    """Each note ``(id, quote, kind label)`` as the PDF places it (see :class:`NotePlace`)."""
    doc = pymupdf.open(pdf)
    pages = [Page.read(page, geometry) for page in doc]
    joined = [(_joined(p.text), _joined(p.margin)) for p in pages]
    baselines = [b.baseline - a.baseline for p in pages for a, b in zip(p.text, p.text[1:])]
    leading = statistics.mode(round(d, 1) for d in baselines if d > 0)
    used: dict[str, set[tuple[int, int]]] = {}
    found: list[NotePlace] = []
    for note_id, quote, kind in notes:
        quote = normalize_space(quote)
        opening = f"{lemma(quote)}] {kind.lower()}"
        place = None
        for number, ((_, _), (margin_text, margin_starts)) in enumerate(joined):
            at, _ = _find(margin_text, opening)
            while at != -1 and (number, at) in used.get(opening, set()):
                at, _ = _find(margin_text, opening, at + 1)
            if at != -1:
                place = (number, at)
                break
        if place is None:
            found.append(NotePlace(note_id, None, None, None, None, None))
            continue
        used.setdefault(opening, set()).add(place)
        number, at = place
        (text, starts), (margin_text, margin_starts) = joined[number]
        page = pages[number]
        note_line = _line_of(at, margin_starts)
        before = margin_text[margin_starts[note_line]:at]
        key_match = KEY.search(before)
        key = int(key_match[1]) if key_match else None
        start, end = _find(text, quote)
        if start == -1:
            elsewhere = next((i + 1 for i, ((t, _), _) in enumerate(joined) if _find(t, quote)[0] != -1), None)
            found.append(NotePlace(note_id, number + 1, elsewhere, None, key, None))
            continue
        first, last = _line_of(start, starts), _line_of(max(start, end - 2), starts)
        y = page.margin[note_line].baseline
        gap = min(abs(y - page.text[i].baseline) for i in range(first, last + 1))
        found.append(NotePlace(note_id, number + 1, number + 1, gap / leading, key, page.line_number(first)))
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

    def rows(self) -> list[tuple[str, str]]:
        measured = self.notes - self.not_found - self.other_page
        return [
            ("Notes", f"{self.notes}"),
            ("Note on another page than its phrase", f"{self.other_page}"),
            ("Median distance, lines", f"{self.median:.1f}"),
            ("Worst distance, lines", f"{self.worst:.1f}"),
            ("Within 1 line", f"{self.within_1} ({self.within_1 / max(measured, 1):.0%})"),
            ("Within 3 lines", f"{self.within_3} ({self.within_3 / max(measured, 1):.0%})"),
            ("More than 3 lines away", f"{self.above_3}, of which keyed with the right line number: {self.keyed_right}"),
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
        keyed_right=sum(p.key is not None and p.key == p.phrase_line for p in far),
    )
