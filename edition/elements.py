"""Docutils nodes of the edition.

Each node is written by one visitor per output format (``html.py`` and
``latex.py``; ``plaintext.py`` sets notes apart in plain text); builders the
edition does not target (man, texinfo, search index) fall back to the node's
plain children.
"""

from __future__ import annotations

from docutils import nodes


class unit_number(nodes.Inline, nodes.TextElement):
    """The reader-facing number of a unit (``¶4``, ``R1.1``).

    Attributes: ``refid`` (the unit's id, ``p4``) and ``label``.
    """


class line_break(nodes.Inline, nodes.Element):
    """A line break inside a paragraph of the comment thread, as in the source."""


class response(nodes.Element):
    """One reader response of the comment thread.

    Attributes: ``ids`` (``r1``), ``label`` (``R1``), ``byline`` (what the
    source gives of author and date, in the editors' words) and ``reply_to``
    (the id of the response it answers, or ``""``).
    """


class response_byline(nodes.Inline, nodes.TextElement):
    """The editors' line above a response: number, author and date as sourced."""


class annotation_anchor(nodes.Inline, nodes.TextElement):
    """The phrase an annotation hangs on. Attribute ``annotation_id``."""


class annotation_note(nodes.Inline, nodes.Element):
    """A margin note. Attributes ``annotation_id``, ``kind``, ``kind_label``.

    Its children are ``annotation_para`` nodes holding the parsed MyST body.
    """


class annotation_para(nodes.Inline, nodes.TextElement):
    """One paragraph of an annotation body, kept inline so it fits in a margin note."""


class spaced_ellipsis(nodes.Inline, nodes.TextElement):
    """A spaced ellipsis of the text (``. . .``), with the space before it if any.

    Its text stays the source's characters; the LaTeX writer sets the dots
    with fixed gaps that never break (``\\edellipsis``), the HTML writer
    wraps them in a span that does not wrap. Made by ``ellipsis.MarkEllipses``.
    """


class part_start(nodes.Element):
    """Marks where a part of the book (a captioned ``_toc.yml`` part) begins.

    Written only by the LaTeX builder, as ``\\part``; attribute ``caption``.
    """


def visit_children_only(self: nodes.NodeVisitor, node: nodes.Element) -> None:
    """Fallback visitor: write nothing for the node itself."""


def depart_children_only(self: nodes.NodeVisitor, node: nodes.Element) -> None:
    """Fallback departure: write nothing for the node itself."""


def skip_node(self: nodes.NodeVisitor, node: nodes.Element) -> None:
    """Visitor for output formats that have no place for the node."""
    raise nodes.SkipNode


class lining(nodes.Inline, nodes.TextElement):
    """Figures that identify something (``¶4``, ``R1.1``, a list's “1.”, a citation's year).

    Set in lining figures: the book face's old-style ``1`` reads as ``I``.
    Attribute ``spoken``: the words a screen reader says for a ``¶`` sign
    (``paragraph``), if the text has one. Made by ``figures.MarkFigures``.
    """
