"""HTML visitors for the edition's nodes.

Margin notes are inline ``<span>`` elements placed right after their phrase
inside the paragraph, so the stylesheet can float them into the margin beside
the line of the phrase (and show them as blocks on narrow screens).
"""

from __future__ import annotations

from docutils import nodes
from sphinx.writers.html5 import HTML5Translator

from ..build import nodes as ed
from .unit_citation import CitationFacts, unit_citation, unit_url
from ..notes.records import anchor_id, note_id
from ..text.source import is_passage, unit_for_label


def unit_number_name(unit_id: str, label: str) -> str:
    """Spoken name of a unit number: ``¶4`` → ``Paragraph 4``, ``R1.1`` → ``Response 1.1``."""
    return ("Paragraph " if is_passage(unit_id) else "Response ") + label[1:]


def citation_of(self: HTML5Translator, label: str, refid: str) -> tuple[str, str]:
    """The unit's citation without its address, and its absolute address under
    ``html_baseurl`` (empty when that is unset: the website's script then takes
    the page's own location)."""
    config = self.builder.config
    baseurl = config.html_baseurl or ""
    url = unit_url(baseurl, self.builder.get_target_uri(self.builder.current_docname), refid) if baseurl else ""
    text = unit_citation(author=config.edition_author, title=config.edition_title, label=label,
                         facts=CitationFacts.from_config(config.edition_citation), version=config.edition_version)
    return text, url


def visit_unit_number(self: HTML5Translator, node: ed.unit_number) -> None:
    """The ¶/R number: a link to its unit, carrying the unit's citation for the “cite” dialog."""
    label = node["label"]
    citation, url = citation_of(self, label, node["refid"])
    self.body.append(
        f'<a class="unit-number" href="#{node["refid"]}" aria-label="{unit_number_name(node["refid"], label)}" '
        f'data-cite-label="{self.attval(label)}" data-cite-url="{self.attval(url)}" '
        f'data-citation="{self.attval(citation)}">{self.encode(label)}</a> '
    )
    raise nodes.SkipNode


def visit_line_break(self: HTML5Translator, node: ed.line_break) -> None:
    self.body.append("<br />\n")  # also well-formed XHTML: the EPUB uses this visitor
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
    # A phrase that overlaps another layer's is cut in pieces (placement.py):
    # the first piece of each phrase carries its id. No aria-describedby: the
    # note follows the phrase in the text (role=note), and a description would
    # make a screen reader say it twice.
    ids = node.get("ids", [anchor_id(aid)])
    extra = "".join(f'<span id="{i}"></span>' for i in ids[1:])
    id_attr = f' id="{ids[0]}"' if ids else ""
    # A piece under phrases of several layers lists their notes for layers.js.
    over = node.get("described_by", [aid])
    notes_attr = f' data-notes="{" ".join(note_id(i) for i in over)}"' if len(over) > 1 else ""
    self.body.append(
        f'{extra}<a class="annotation-anchor{" annotation-anchor-cont" if node.get("continues") else ""}"'
        f'{id_attr} href="#{note_id(aid)}" '
        f'data-kind="{node["kind"]}" data-layer="{node.get("layer", "editors")}" '
        f'data-layer-mark="{node.get("layer_mark", 0)}"{notes_attr}>'
    )


def depart_annotation_anchor(self: HTML5Translator, node: ed.annotation_anchor) -> None:
    self.body.append("</a>")


def visit_annotation_note(self: HTML5Translator, node: ed.annotation_note) -> None:
    aid = node["annotation_id"]
    # The phrase's mark stands where its note does: after the punctuation
    # that closes the phrase (placement.py), never between a word and its
    # full stop. It stays in the text when the script moves the note out.
    self.body.append(
        f'<span class="annotation-mark" data-layer="{node.get("layer", "editors")}" '
        f'data-layer-mark="{node.get("layer_mark", 0)}" aria-hidden="true"></span>'
        f'<span class="annotation" id="{note_id(aid)}" data-kind="{node["kind"]}" '
        f'data-layer="{node.get("layer", "editors")}" data-layer-mark="{node.get("layer_mark", 0)}" role="note">'
        f'<span class="annotation-kind">{self.encode(node["kind_label"])}</span>'
        '<span class="edition-sr-only">: </span> '
        f"{lemma_html(self, node)}"
    )


def lemma_html(self: HTML5Translator, node: ed.annotation_note) -> str:
    """The note's lemma and “]”, as the PDF's margin sets it: the phrase a drifted note is about."""
    text = node.get("lemma", "")
    if not text:
        return ""
    return f'<span class="annotation-lemma">{self.encode(text)}</span><span class="annotation-lemma-end">]</span> '


def depart_annotation_note(self: HTML5Translator, node: ed.annotation_note) -> None:
    aid = node["annotation_id"]
    # A no-break space: the way back stays on the note's last line.
    self.body.append(
        f'\u00a0<a class="annotation-back" href="#{anchor_id(aid)}" aria-label="Back to the annotated phrase">↩</a>'
        "</span>"
    )


def visit_annotation_para(self: HTML5Translator, node: ed.annotation_para) -> None:
    self.body.append('<span class="annotation-para">')


def depart_annotation_para(self: HTML5Translator, node: ed.annotation_para) -> None:
    self.body.append("</span>")


def visit_annotation_reply(self: HTML5Translator, node: ed.annotation_reply) -> None:
    """A reply inside the note it answers: its label (kind, author, date), then its paragraphs."""
    self.body.append(
        f'<span class="annotation-reply" id="{node["ids"][0]}" data-layer="{node["layer"]}" '
        f'data-layer-mark="{node["layer_mark"]}" data-depth="{node["depth"]}" role="note">'
        f'<span class="annotation-kind">{self.encode(node["label"])}</span> '
    )


def depart_annotation_reply(self: HTML5Translator, node: ed.annotation_reply) -> None:
    self.body.append("</span>")


def visit_unit_link(self: HTML5Translator, node: ed.unit_link) -> None:
    """A ``{unit}`` reference in running text: “¶3”, named “Paragraph 3” for screen readers."""
    label = node["label"]
    href = node.get("refuri") or "#" + node.get("refid", "")
    self.body.append(
        f'<a class="reference internal unit-ref" href="{self.attval(href)}" '
        f'aria-label="{unit_number_name(unit_for_label(label), label)}">{self.encode(label)}</a>'
    )
    raise nodes.SkipNode


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


def visit_spaced_ellipsis(self: HTML5Translator, node: ed.spaced_ellipsis) -> None:
    """A spaced ellipsis (with the space before it): one unbreakable run, same characters."""
    self.body.append('<span class="spaced-ellipsis">')


def depart_spaced_ellipsis(self: HTML5Translator, node: ed.spaced_ellipsis) -> None:
    self.body.append("</span>")


def visit_lining(self: HTML5Translator, node: ed.lining) -> None:
    """Figures that identify something, in lining figures; a ``¶`` is heard as “paragraph”."""
    text = node.astext()
    spoken = node.get("spoken")
    if spoken and "¶" in text:
        sign = f'<span aria-hidden="true">¶</span><span class="edition-sr-only">{spoken} </span>'
        text_html = sign.join(self.encode(part) for part in text.split("¶"))
    else:
        text_html = self.encode(text)
    self.body.append(f'<span class="lining">{text_html}</span>')
    raise nodes.SkipNode
