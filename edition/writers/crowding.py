"""Print: a margin that cannot hold all of a paragraph's notes, and notes print cannot set.

A class's layer can hang twenty notes on one paragraph, a note with fifteen
replies, or a note of a thousand words. The margin beside a paragraph holds
only so much, and a margin note cannot break across pages: LaTeX then stops
(“Too many unprocessed floats”) or sets notes off the page. So, in print only:

* each unit's notes are measured (:func:`note_lines`, in lines of the margin)
  against the room beside it (:func:`margin_room`); the editors' notes always
  stay in the margin, and once the room is spent, or for a note longer than
  a margin can hold, a further layer's note goes to the end of its chapter,
  under “Notes that did not fit in the margin”, keyed to its paragraph and its
  phrase (whose mark stays in the text); the margin says, once per paragraph,
  that more notes follow at the end of the chapter (:class:`CrowdedMargins`);
* in every note, a word or address too long for the margin's measure gets
  places to break, and a long body is written on several lines of the LaTeX
  file (TeX reads a line of at most some 200,000 characters)
  (:func:`breakable_pieces`);
* a character the book's type (EB Garamond) lacks is set in a face that has
  it (Symbola for emoji and symbols, DejaVu Sans for other scripts), a run of
  right-to-left letters is set right to left, bidirectional control
  characters (invisible) are left out, and a character no face has prints as
  its code, ``[U+1FAE0]``, instead of vanishing (:func:`font_runs`).

The budget is pure logic; the post-transform is Sphinx glue.
"""

from __future__ import annotations

import math
import re
import unicodedata
from functools import lru_cache
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx import addnodes
from sphinx.transforms.post_transforms import SphinxPostTransform

from ..build import priorities
from ..build import nodes as ed
from ..notes.layers import EDITORS

#: Characters of a margin note's line (50 mm at the notes' size), and of a line of the text.
MARGIN_CHARS = 42
TEXT_CHARS = 62
#: Margin lines beside one line of text (the notes' leading is smaller than the text's).
MARGIN_PER_TEXT_LINE = 1.3
#: Room every unit has whatever its length (its number's line, the space around it).
MIN_ROOM = 4.0
#: How far notes may run on below the units they belong to, in margin lines: marginfix
#: moves a note down beside the following text, and a chapter's headings, introductions
#: and questions leave margin room that :func:`margin_room` does not count.
SLACK = 40.0
#: The longest note kept in the margin, in margin lines (about half a page's margin).
MAX_NOTE_LINES = 30.0
#: A word longer than this gets places to break, every :data:`BREAK_EVERY` characters.
LONG_WORD = 30
BREAK_EVERY = 15
#: The longest run of a note's text on one line of the LaTeX file.
LINE_CHARS = 2000


def note_lines(text_length: int, paragraphs: int) -> float:
    """The margin lines a note takes: its characters over the margin's measure, each
    paragraph (or reply) starting a line of its own, and the space between notes."""
    return math.ceil(text_length / MARGIN_CHARS) + max(0, paragraphs - 1) * 0.5 + 0.4


def margin_room(unit_chars: int) -> float:
    """The margin lines beside a unit of ``unit_chars`` characters of text."""
    return max(MIN_ROOM, unit_chars / TEXT_CHARS * MARGIN_PER_TEXT_LINE)


def notes_for_the_end(notes: list[tuple[str, float]], room: float, used: float = 0.0) -> tuple[list[int], float]:
    """Which notes (by index) go to the end of the chapter, and the margin used after
    them: ``notes`` are (layer, lines) in reading order, ``room`` the margin lines beside
    the chapter's text up to here (with :data:`SLACK`), ``used`` the lines its notes took
    before. The editors' notes stay; another layer's note stays while the room lasts and
    if it is no longer than :data:`MAX_NOTE_LINES`."""
    used += sum(lines for layer, lines in notes if layer == EDITORS)
    moved: list[int] = []
    pointer = 1.5  # the line that says where the other notes are
    for index, (layer, lines) in enumerate(notes):
        if layer == EDITORS:
            continue
        if lines > MAX_NOTE_LINES or used + lines + pointer > room:
            moved.append(index)
        else:
            used += lines
    return moved, used + (pointer if moved else 0.0)


def breakable_pieces(text: str) -> list[str]:
    """``text`` cut where print may break it: after every :data:`BREAK_EVERY` characters
    of a word longer than :data:`LONG_WORD` (a URL, a long word). Joined, the pieces are
    ``text``."""
    pieces: list[str] = []
    at = 0
    for match in re.finditer(r"\S{%d,}" % (LONG_WORD + 1), text):
        word = match.group(0)
        pieces.append(text[at : match.start()] + word[:BREAK_EVERY])
        for start in range(BREAK_EVERY, len(word), BREAK_EVERY):
            pieces.append(word[start : start + BREAK_EVERY])
        at = match.end()
    if pieces:
        pieces[-1] += text[at:]
    else:
        pieces.append(text)
    return pieces


def wrapped(text: str, width: int = LINE_CHARS) -> str:
    """``text`` with a space turned into a line break every ``width`` characters or so
    (the same to TeX, and the LaTeX file's lines stay short)."""
    if len(text) <= width:
        return text
    out, line = [], 0
    for word in text.split(" "):
        if line and line + len(word) > width:
            out.append("\n")
            line = 0
        elif out:
            out.append(" ")
            line += 1
        out.append(word)
        line += len(word)
    return "".join(out)


#: The faces print sets notes in, the book's first, each with the file whose
#: characters it has and the LaTeX font command that selects it (``edition.sty``).
FACES: tuple[tuple[str, str], ...] = (
    ("/usr/share/fonts/opentype/ebgaramond/EBGaramond12-Regular.otf", ""),
    ("/usr/share/fonts/truetype/ancient-scripts/Symbola_hint.ttf", "\\edsymbolfont"),
    ("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", "\\edotherfont"),
)
#: Bidirectional classes of the invisible controls that reorder text.
BIDI_CONTROLS = frozenset({"LRE", "RLE", "PDF", "LRO", "RLO", "LRI", "RLI", "FSI", "PDI"})


@lru_cache(maxsize=None)
def face_characters(path: str) -> frozenset[int]:
    """The code points a font file has glyphs for (none where the file is missing)."""
    if not Path(path).is_file():
        return frozenset()
    from fontTools.ttLib import TTFont

    with TTFont(path, lazy=True) as font:
        return frozenset(font.getBestCmap() or {})


def face_of(char: str) -> str | None:
    """The font command for a character (``""`` for the book's own face), or ``None``
    where no face has it."""
    if char.isspace() or ord(char) < 0x80:
        return ""
    for path, command in FACES:
        if ord(char) in face_characters(path):
            return command
    return None


def font_runs(text: str) -> list[tuple[str, str, bool]]:
    """``text`` as runs of ``(text, font command, right to left)``: what print sets in
    which face and direction. Bidirectional controls are left out; a character no
    face has becomes its code point, ``[U+1FAE0]``."""
    runs: list[tuple[str, str, bool]] = []
    for char in text:
        bidi = unicodedata.bidirectional(char)
        if bidi in BIDI_CONTROLS or (bidi in ("L", "R") and unicodedata.category(char) == "Cf"):
            continue  # LRM, RLM and the embedding, override and isolate controls
        face = face_of(char)
        if face is None:
            char, face = f"[U+{ord(char):04X}]", ""
        rtl = bidi in ("R", "AL")
        if runs and char.isspace() and runs[-1][2]:  # a space between right-to-left words
            runs[-1] = (runs[-1][0] + char, runs[-1][1], True)
        elif runs and runs[-1][1] == face and (runs[-1][2] == rtl or char.isspace()):
            runs[-1] = (runs[-1][0] + char, face, runs[-1][2])
        else:
            runs.append((char, face, rtl))
    return runs


def _text_outside_notes(unit: nodes.Element) -> int:
    return sum(
        len(text) for text in unit.findall(nodes.Text)
        if not any(isinstance(a, ed.annotation_note) for a in _ancestors(text))
    )


def _ancestors(node: nodes.Node) -> list[nodes.Node]:
    found = []
    while node.parent is not None:
        node = node.parent
        found.append(node)
    return found


def _units(document: nodes.Node) -> list[nodes.Element]:
    return [
        node for node in document.findall(nodes.Element)
        if (isinstance(node, nodes.paragraph) and "passage" in node["classes"]) or isinstance(node, ed.response)
    ]


class CrowdedMargins(SphinxPostTransform):
    """Move what the margin cannot hold to the end of its chapter; make long words breakable."""

    default_priority = priorities.CROWDED_MARGINS
    formats = ("latex",)

    def run(self, **kwargs: Any) -> None:
        for note in list(self.document.findall(ed.annotation_note)):
            self.make_breakable(note)
        # The chapter of each unit: the innermost page (start_of_file) holding it,
        # found from the top (the LaTeX builder's assembled tree does not re-parent
        # a page's children, so parent links do not lead there).
        chapter_of: dict[int, nodes.Element] = {}
        for page in self.document.findall(addnodes.start_of_file):
            for unit in _units(page):
                chapter_of[id(unit)] = page
        chapters: dict[int, tuple[nodes.Element, ed.endnotes]] = {}
        # the margin room and use so far in each chapter, carried from unit to unit
        margin: dict[int, tuple[float, float]] = {}
        for unit in _units(self.document):
            chapter = chapter_of.get(id(unit), self.document)
            room, used = margin.get(id(chapter), (SLACK, 0.0))
            used = max(used, room - SLACK)  # a unit's notes start beside it, not above it
            room += margin_room(_text_outside_notes(unit))
            notes = [n for n in unit.findall(ed.annotation_note)]
            if not notes:
                margin[id(chapter)] = (room, used)
                continue
            sizes = [
                (n.get("layer", EDITORS),
                 note_lines(len(n.astext()) + len(n.get("kind_label", "")) + len(n.get("lemma", "")),
                            sum(1 for c in n.findall(nodes.Element) if isinstance(c, ed.annotation_para))))
                for n in notes
            ]
            moved, used = notes_for_the_end(sizes, room, used)
            margin[id(chapter)] = (room, used)
            if not moved:
                continue
            label = unit.get("label") or next(iter(unit.findall(ed.unit_number))).astext()
            if id(chapter) not in chapters:
                chapters[id(chapter)] = (chapter, ed.endnotes())
            holder = chapters[id(chapter)][1]
            first = notes[moved[0]]
            first.parent.insert(first.parent.index(first), ed.more_notes(label=label))
            for index in moved:
                note = notes[index]
                note.parent.remove(note)
                note["at_end"] = label
                holder += note
        for chapter, holder in chapters.values():
            chapter += holder

    @staticmethod
    def make_breakable(note: ed.annotation_note) -> None:
        """Rewrite the note's text for print: places to break in long words, short
        lines, each run of characters in a face that has them."""
        for text in list(note.findall(nodes.Text)):
            pieces = breakable_pieces(str(text))
            runs = font_runs(str(text))
            if len(pieces) == 1 and len(pieces[0]) <= LINE_CHARS and runs == [(str(text), "", False)]:
                continue
            parent = text.parent
            position = parent.index(text)
            parent.remove(text)
            new: list[nodes.Node] = []
            for index, piece in enumerate(pieces):
                if index:
                    new.append(nodes.raw("", "\\allowbreak{}", format="latex"))
                for run, face, rtl in font_runs(piece):
                    opening = "{" + face + " " if face else "{"
                    if rtl:
                        opening += "\\beginR "
                    if face or rtl:
                        new.append(nodes.raw("", opening, format="latex"))
                    new.append(nodes.Text(wrapped(run)))
                    if face or rtl:
                        new.append(nodes.raw("", "\\endR}" if rtl else "}", format="latex"))
            for offset, node in enumerate(new):
                parent.insert(position + offset, node)
