"""Figures that identify something, set as lining figures in every output.

The book face's old-style figures make “R1”, “R1.1” and “¶1” read as “RI”,
“RI.I” and “¶I”, and the verbatim “1. Well done” of R1 as “I. Well done”.
:func:`split_figures` (pure) finds the figures that name something: a
paragraph or response number (``¶4``, ``¶1–¶3``, ``R1.1``), a number that
opens a line of the text as a list does (``1.``), and the year of a
citation. :class:`MarkFigures` wraps each in a :class:`~edition.build.nodes.lining`
node: the HTML writer (website and EPUB) sets it in a span with lining
figures, and on the website a screen reader hears “paragraph 4”, not
“pilcrow 4”; the LaTeX writer in the face's lining figures. The characters
stay those of the text.
"""

from __future__ import annotations

import re

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform

from ..text.pieces import split_matches
from . import priorities
from . import nodes as ed

#: A paragraph or response number: ``¶4``, ``R1``, ``R1.1`` (not inside a word), or a ``¶`` sign alone (“by ¶ and R numbers”).
UNIT_NUMBER = re.compile(r"¶\d*|(?<![\w.])R\d+(?:\.\d+)?(?!\w)")

#: The whole text of a link to a unit: ¶4, R2, R1.1.
UNIT_LABEL = re.compile(r"¶\d+|R\d+(?:\.\d+)?")

def reads_as_unit(node: nodes.Node) -> bool:
    """Whether ``node`` is a link whose whole text is a unit's number (“¶4”, “R1.1”):
    a ``{unit}`` link, or any cross-reference written so."""
    return isinstance(node, nodes.reference) and UNIT_LABEL.fullmatch(node.astext()) is not None


#: A number opening a line of the text as a list's does: ``1. Well done``.
LIST_NUMBER = re.compile(r"(?<=^)\d+\.(?=\s)|(?<=^\s)\d+\.(?=\s)")

#: A year of a citation (``1969``, ``2013a``).
YEAR = re.compile(r"\d{4}[a-z]?")


def split_figures(text: str, pattern: re.Pattern[str] = UNIT_NUMBER) -> list[tuple[bool, str]]:
    """``text`` cut into pieces, each ``(is_figure, characters)``; joined, they give back ``text``.

    >>> split_figures("reads ¶1–¶3, then R1.1.")
    [(False, 'reads '), (True, '¶1'), (False, '–'), (True, '¶3'), (False, ', then '), (True, 'R1.1'), (False, '.')]
    """
    return split_matches(text, pattern)


def opens_a_line(text: nodes.Text) -> bool:
    """Whether a text node of the source's text starts a line: first in its paragraph or after a break."""
    paragraph = text.parent
    if not isinstance(paragraph, nodes.paragraph):
        return False
    if "passage" not in paragraph["classes"] and not isinstance(paragraph.parent, ed.response):
        return False
    before = paragraph[: paragraph.index(text)]
    return all(isinstance(n, ed.unit_number) for n in before) or isinstance(before[-1], ed.line_break)


def pattern_for(text: nodes.Text) -> re.Pattern[str] | None:
    """Which figures of this text node identify something, or None to leave it alone."""
    parent = text.parent
    if isinstance(parent, (nodes.FixedTextElement, nodes.literal, ed.lining, ed.unit_number, nodes.raw)):
        return None
    node: nodes.Node | None = parent
    while node is not None:
        if isinstance(node, nodes.inline) and "bibtex-citation" in node.get("classes", []):
            return YEAR
        node = node.parent
    if opens_a_line(text) and LIST_NUMBER.match(str(text)):
        return LIST_NUMBER
    return UNIT_NUMBER


class MarkFigures(SphinxPostTransform):
    """Wrap every identifying figure in a :class:`~edition.build.nodes.lining` node."""

    default_priority = priorities.MARK_FIGURES

    def run(self, **kwargs: object) -> None:
        for text in list(self.document.findall(nodes.Text)):
            pattern = pattern_for(text)
            if pattern is None:
                continue
            pieces = split_figures(str(text), pattern)
            if not any(is_figure for is_figure, _ in pieces):
                continue
            parent = text.parent
            position = parent.index(text)
            parent.remove(text)
            for offset, (is_figure, chars) in enumerate(pieces):
                parent.insert(position + offset, lining_node(chars) if is_figure else nodes.Text(chars))


def lining_node(chars: str) -> ed.lining:
    """A lining-figures node of ``chars``; a ``¶`` number is spoken as “paragraph”."""
    node = ed.lining(chars, chars)
    if "¶" in chars:
        node["spoken"] = "paragraph"
    return node
