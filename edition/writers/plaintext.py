"""The edition's nodes in plain text (Sphinx's ``text`` builder): Sphinx glue.

A margin note has no margin in plain text. Written inline, as the other
writers' fallback would, it ran into the sentence (“…are humble.A note.I
agree.”). Here each note is set apart instead, as a critical edition's
apparatus is:

- the paragraph stays whole: its notes follow it, in order
  (:class:`SetNotesApart`);
- a note opens with its lemma and kind (``therapy clients … are humble]
  Context: A note …``), indented under the paragraph, one block per
  paragraph of its body;
- a reply is indented under the note (or the reply) it answers, after its
  label (layer, kind, author);
- a unit's number stands apart from its first word (``¶1 From …``), and a
  comment's line breaks stay where the source has them.
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform

from ..build import priorities

# The edition's nodes are known here by their names (``annotation_note`` …),
# so that this writer needs nothing of the extension but its priority table.

#: How far a note (and each reply under it) is indented, in characters.
NOTE_INDENT = 4


class SetNotesApart(SphinxPostTransform):
    """Plain text only: move each note out of its sentence to just after its paragraph, in order."""

    default_priority = priorities.SET_NOTES_APART
    builders = ("text",)

    def run(self, **kwargs: Any) -> None:
        for paragraph in list(self.document.findall(nodes.paragraph)):
            notes = list(paragraph.findall(is_note))
            if not notes or paragraph.parent is None:
                continue
            for note in notes:
                note.parent.remove(note)
            where = paragraph.parent.index(paragraph) + 1
            paragraph.parent[where:where] = notes


def is_note(node: nodes.Node) -> bool:
    """Whether ``node`` is a margin note (``annotation_note``)."""
    return getattr(node, "tagname", "") == "annotation_note"


def visit_unit_number(self: Any, node: nodes.Element) -> None:
    """``¶1`` and a space before the unit's first word."""
    self.add_text(node.astext() + " ")
    raise nodes.SkipNode


def visit_line_break(self: Any, node: nodes.Element) -> None:
    """A line break of a comment, as in the source: the lines before it end there."""
    self.end_state(wrap=True, end=None)
    self.new_state(0)
    raise nodes.SkipNode


def visit_annotation_note(self: Any, node: nodes.Element) -> None:
    self.new_state(NOTE_INDENT)


def depart_annotation_note(self: Any, node: nodes.Element) -> None:
    self.end_state(wrap=False, end=None)


def visit_reply(self: Any, node: nodes.Element) -> None:
    """A reply, indented under its note by its depth (every reply of a thread is a child of the note)."""
    self.new_state(NOTE_INDENT * int(node.get("depth", 1)))


def depart_reply(self: Any, node: nodes.Element) -> None:
    self.end_state(wrap=False, end=None)


def opening(node: nodes.Element) -> str:
    """What a note's or a reply's first paragraph opens with: the lemma and kind, or the reply's label."""
    parent = node.parent
    if parent is None or node is not next((c for c in parent.children if c.tagname == node.tagname), None):
        return ""
    if is_note(parent):
        return f"{parent['lemma']}] {parent['kind_label']}: "
    if parent.get("label"):  # a reply (edition.classroom.annotation_reply)
        return f"{parent['label']}: "
    return ""


def visit_annotation_para(self: Any, node: nodes.Element) -> None:
    self.new_state(0)
    self.add_text(opening(node))


def depart_annotation_para(self: Any, node: nodes.Element) -> None:
    self.end_state()
