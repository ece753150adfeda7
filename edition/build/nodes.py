"""Every docutils node of the edition.

Each node is written by one visitor per output format: ``writers/html.py``,
``writers/latex.py``, ``writers/epub.py``, and ``writers/plain.py`` for text,
man and Texinfo; ``edition/extension.py`` pairs them in one table.
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


class lining(nodes.Inline, nodes.TextElement):
    """Figures that identify something (``¶4``, ``R1.1``, a list's “1.”, a citation's year).

    Set in lining figures: the book face's old-style ``1`` reads as ``I``.
    Attribute ``spoken``: the words a screen reader says for a ``¶`` sign
    (``paragraph``), if the text has one. Made by ``figures.MarkFigures``.
    """


class annotation_reply(nodes.Inline, nodes.Element):
    """A reply to a note, shown inside that note. Attributes: ``annotation_id``,
    ``label`` (kind, author, date), ``layer``, ``depth`` (1 for a reply to the note).
    Made by ``classroom.layer_glue.LayerNotes``."""


class unit_link(nodes.Inline, nodes.TextElement):
    """A resolved ``{unit}`` reference (website and EPUB). Attributes ``label`` and
    ``refuri`` or ``refid``. Made by ``writers.webextras.NameUnitLinks``."""


class endnotes(nodes.Element):
    """The notes of a chapter that did not fit in the margin (print only;
    ``writers.crowding.CrowdedMargins``)."""


class more_notes(nodes.Inline, nodes.Element):
    """The margin's word that a unit's further notes are at the end of the chapter
    (print only). Attribute ``label`` (``¶4``)."""


class notes_section(nodes.Element):
    """The notes of one chapter, gathered at its end (EPUB only; ``writers.epub.gather_notes``)."""
