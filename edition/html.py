"""HTML visitors for the edition's nodes.

Margin notes are inline ``<span>`` elements placed right after their phrase
inside the paragraph, so the stylesheet can float them into the margin beside
the line of the phrase (and show them as blocks on narrow screens).
"""

from __future__ import annotations

from docutils import nodes
from sphinx.writers.html5 import HTML5Translator

from . import elements as ed
from .records import anchor_id, note_id
from .source import is_passage


def unit_number_name(unit_id: str, label: str) -> str:
    """Spoken name of a unit number: ``¶4`` → ``Paragraph 4``, ``R1.1`` → ``Response 1.1``."""
    return ("Paragraph " if is_passage(unit_id) else "Response ") + label[1:]


def visit_unit_number(self: HTML5Translator, node: ed.unit_number) -> None:
    self.body.append(
        f'<a class="unit-number" href="#{node["refid"]}" '
        f'aria-label="{unit_number_name(node["refid"], node["label"])}">{self.encode(node["label"])}</a> '
    )
    raise nodes.SkipNode


def visit_line_break(self: HTML5Translator, node: ed.line_break) -> None:
    self.body.append("<br>\n")
    raise nodes.SkipNode


def visit_response(self: HTML5Translator, node: ed.response) -> None:
    classes = " ".join(node["classes"])
    label = self.encode(node["label"])
    self.body.append(
        f'<article class="{classes}" id="{node["ids"][0]}" aria-label="{unit_number_name(node["ids"][0], label)}">\n'
    )


def depart_response(self: HTML5Translator, node: ed.response) -> None:
    self.body.append("</article>\n")


def visit_response_byline(self: HTML5Translator, node: ed.response_byline) -> None:
    self.body.append('<span class="byline-text">')


def depart_response_byline(self: HTML5Translator, node: ed.response_byline) -> None:
    self.body.append("</span>")


def visit_annotation_anchor(self: HTML5Translator, node: ed.annotation_anchor) -> None:
    aid = node["annotation_id"]
    self.body.append(
        f'<a class="annotation-anchor" id="{anchor_id(aid)}" href="#{note_id(aid)}" '
        f'data-kind="{node["kind"]}" aria-describedby="{note_id(aid)}">'
    )


def depart_annotation_anchor(self: HTML5Translator, node: ed.annotation_anchor) -> None:
    self.body.append("</a>")


def visit_annotation_note(self: HTML5Translator, node: ed.annotation_note) -> None:
    aid = node["annotation_id"]
    self.body.append(
        f'<span class="annotation" id="{note_id(aid)}" data-kind="{node["kind"]}" role="note">'
        f'<span class="annotation-kind">{self.encode(node["kind_label"])}</span> '
    )


def depart_annotation_note(self: HTML5Translator, node: ed.annotation_note) -> None:
    aid = node["annotation_id"]
    self.body.append(
        f' <a class="annotation-back" href="#{anchor_id(aid)}" aria-label="Back to the annotated phrase">↩</a>'
        "</span>"
    )


def visit_annotation_para(self: HTML5Translator, node: ed.annotation_para) -> None:
    self.body.append('<span class="annotation-para">')


def depart_annotation_para(self: HTML5Translator, node: ed.annotation_para) -> None:
    self.body.append("</span>")


def visit_citation(self: HTML5Translator, node: nodes.citation) -> None:
    """A bibliography entry as an item of its list.

    docutils marks each entry with the ARIA role ``doc-biblioentry`` (deprecated
    in DPUB-ARIA 1.1) inside a ``role="list"`` container, which then has no list
    items (axe: aria-required-children); ``listitem`` is the role that list needs.
    Otherwise as docutils writes it.
    """
    if not isinstance(node.previous_sibling(), type(node)):
        self.body.append('<div role="list" class="citation-list">\n')
    self.body.append(self.starttag(node, "div", classes=[node.tagname], role="listitem"))


def depart_citation(self: HTML5Translator, node: nodes.citation) -> None:
    HTML5Translator.depart_citation(self, node)
