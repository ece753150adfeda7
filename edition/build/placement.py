"""Moving each parsed annotation beside the phrase it hangs on (Sphinx glue).

The ``{annotation}`` directives are parsed at the end of their page; this
transform takes each note from there, finds its quote inside the target
paragraph (with :func:`anchoring.locate_in_segments`), marks the phrase with
an ``annotation_anchor`` and puts the note right after it. All notes of one
paragraph are placed in one pass against the paragraph's original text, so
the order in which they are listed does not matter. Phrases may overlap (the
editors' own may not): a note then stands after all the phrases it runs
into, never inside one.
"""

from __future__ import annotations

from collections import defaultdict

from docutils import nodes
from sphinx.environment import BuildEnvironment
from sphinx.transforms import SphinxTransform

from . import priorities
from . import nodes as ed
from . import faults
from ..notes.anchoring import AnchorError, locate_in_segments
from ..notes.layers import EDITORS
from ..text.lemma import lemma
from ..notes.records import Annotation, anchor_id
from ..text.source import label_for
from .state import state_of

Span = tuple[int, int, int, ed.annotation_note, Annotation]


#: Characters that close a phrase and belong on its line.
CLOSING = ".,;:!?…’”)]"


def closing_punctuation(after: str) -> int:
    """How many characters at the start of ``after`` are closing punctuation."""
    return len(after) - len(after.lstrip(CLOSING))


def unit_targets(document: nodes.document) -> dict[str, nodes.Element]:
    """The units on a page by id: passage paragraphs and response nodes."""
    targets: dict[str, nodes.Element] = {}
    for para in document.findall(nodes.paragraph):
        if "passage" in para["classes"]:
            targets[para["ids"][0]] = para
    for resp in document.findall(ed.response):
        targets[resp["ids"][0]] = resp
    return targets


def text_segments(target: nodes.Element) -> list[nodes.Text]:
    """The Text nodes of a unit's own words, in order (not its number or byline)."""
    if isinstance(target, ed.response):
        paras = [p for p in target.children if "response-text" in p.get("classes", [])]
    else:
        paras = [target]
    return [child for para in paras for child in para.children if isinstance(child, nodes.Text)]


def place_in_unit(
    target: nodes.Element, notes: list[tuple[ed.annotation_note, Annotation]], env: BuildEnvironment
) -> None:
    """Anchor every note of one unit and rebuild its text nodes around the phrases.

    A note whose quote cannot be placed, or overlaps another editors' note
    (an editors' rule; other layers' notes may overlap), is reported and left out.
    """
    segments = text_segments(target)
    spans: list[Span] = []
    for note, record in notes:
        try:
            index, start, end = locate_in_segments(
                [str(s) for s in segments], record.quote, record.prefix, record.suffix,
                where=label_for(record.paragraph),
            )
        except AnchorError as err:
            faults.report_reading(env, record.error(str(err), "quote"))
            note.parent.remove(note)
            continue
        spans.append((index, start, end, note, record))
    spans.sort(key=lambda s: (s[0], s[1]))
    # Within the editors' layer phrases never overlap (an editors' rule); a
    # class's notes, and notes of different layers, may hang on overlapping
    # or identical phrases.
    kept: list[Span] = []
    for span in spans:
        clash = next(
            (b for b in kept if b[0] == span[0] and span[1] < b[2] and b[4].layer == span[4].layer == EDITORS),
            None,
        )
        if clash is not None:
            fault = span[4].error(f"its quote overlaps the quote of annotation “{clash[4].id}”", "overlap")
            faults.report_reading(env, fault)
            span[3].parent.remove(span[3])
            continue
        kept.append(span)
    spans = kept

    by_segment: dict[int, list[Span]] = defaultdict(list)
    for span in spans:
        by_segment[span[0]].append(span)
    for index, segment_spans in by_segment.items():
        text_node = segments[index]
        pieces = segment_pieces(str(text_node), segment_spans)
        for _, _, _, note, _ in segment_spans:
            note.parent.remove(note)
        parent = text_node.parent
        position = parent.index(text_node)
        parent.remove(text_node)
        for offset, piece in enumerate(pieces):
            parent.insert(position + offset, piece)


def free_point(point: int, placed: list[tuple[int, int, int, ed.annotation_note, Annotation]]) -> int:
    """The first place at or after ``point`` that no phrase (with its closing
    punctuation) runs across: where a note may stand without its text falling
    inside another note's phrase, so that every phrase stays one run of the
    page's text (what annotation tools search for)."""
    moved = True
    while moved:
        moved = False
        for start, _, closing, _, _ in placed:
            if start < point < closing:
                point, moved = closing, True
    return point


def segment_pieces(text: str, spans: list[Span]) -> list[nodes.Node]:
    """One text node rebuilt: its phrases marked, each note after its phrase.

    Where phrases of different layers overlap, the text is cut where any
    phrase starts or ends; each piece is one mark, linked to the innermost
    note over it and described by all of them, so marks never nest.
    """
    ends = sorted({start for _, start, _, _, _ in spans} | {len(text)})
    placed: list[tuple[int, int, int, ed.annotation_note, Annotation]] = []
    for _, start, end, note, record in spans:
        # The note's lemma, for print and the e-book, from its whole phrase (a
        # phrase cut by another layer's is marked in several pieces).
        note["lemma"] = lemma(text[start:end])
        limit = min(e for e in ends if e >= end) if any(e >= end for e in ends) else len(text)
        # Punctuation that closes the phrase stays on the phrase's line:
        # where notes show as blocks (phones, print), the note follows it.
        placed.append((start, end, end + closing_punctuation(text[end:limit]), note, record))
    placed = [(s, e, free_point(c, placed), note, record) for s, e, c, note, record in placed]
    cuts = sorted({0, len(text)} | {p for s, e, c, _, _ in placed for p in (s, e, c)})
    pieces: list[nodes.Node] = []
    for a, b in zip(cuts, cuts[1:]):
        over = [item for item in placed if item[0] <= a and item[1] >= b]
        if not over:
            pieces.append(nodes.Text(text[a:b]))
        else:
            innermost = max(over, key=lambda item: (item[0], -item[1]))
            record = innermost[4]
            pieces.append(
                ed.annotation_anchor(
                    text[a:b],
                    text[a:b],
                    ids=[anchor_id(item[4].id) for item in over if item[0] == a],
                    annotation_id=record.id,
                    kind=record.kind,
                    described_by=[item[4].id for item in over],
                    # a piece where no phrase ends draws no end-of-phrase mark
                    continues=not any(item[1] == b for item in over),
                )
            )
        pieces.extend(item[3] for item in placed if item[2] == b)
    return pieces


class PlaceAnnotations(SphinxTransform):
    """Move every annotation note of a page beside its phrase; report a note that cannot be placed."""

    default_priority = priorities.PLACE_NOTES

    def apply(self, **kwargs: object) -> None:
        registry: dict[str, Annotation] = state_of(self.env).annotations
        notes = list(self.document.findall(ed.annotation_note))
        if not notes:
            return
        targets = unit_targets(self.document)
        grouped: dict[str, list[tuple[ed.annotation_note, Annotation]]] = defaultdict(list)
        for note in notes:
            record = registry[note["annotation_id"]]
            if record.paragraph not in targets:
                here = ", ".join(label_for(t) for t in targets) or "none"
                fault = record.error(f"paragraph “{record.paragraph}” is not on this page (it has {here})", "paragraph")
                faults.report_reading(self.env, fault)
                note.parent.remove(note)
                continue
            grouped[record.paragraph].append((note, record))
        for uid, unit_notes in grouped.items():
            place_in_unit(targets[uid], unit_notes, self.env)
