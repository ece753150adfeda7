"""MyST directives of the edition: the verbatim text and the annotation bodies.

``{passage} p4`` and ``{response} r2`` hold the source text verbatim in the
chapter files. The directive checks the text against the project's copy of
the source and stops the build if a single character differs, so a chapter
can never drift from the source. The text is not parsed as Markdown:
``****``, ``1.``, ``•`` and ``[reason]`` stay characters.

``{annotation} id`` is appended to a page by the edition (never written by
hand): it parses the annotation's MyST body with line numbers that point
into the annotation's YAML file.
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from docutils.parsers.rst import directives
from docutils.statemachine import StringList
from sphinx import addnodes
from sphinx.errors import SphinxError
from sphinx.util.docutils import SphinxDirective, SphinxRole

from . import nodes as ed
from . import faults
from ..notes.records import Annotation, note_id
from ..text.source import Paragraph, Source, Unit, group_paragraphs, label_for
from .state import state_of


class EditionError(SphinxError):
    """A fault that stops the build at once (the source text cannot be read); one line.

    Faults in pages and annotation files are warnings (see ``faults``).
    """

    category = "Edition error"


def source_of(directive: SphinxDirective) -> Source:
    """The parsed source text the build was started with."""
    return state_of(directive.env).source


def first_difference(expected: str, got: str) -> int:
    """Index of the first character where two texts differ."""
    for index, (a, b) in enumerate(zip(expected, got)):
        if a != b:
            return index
    return min(len(expected), len(got))


def text_nodes(paragraph: Paragraph) -> list[nodes.Node]:
    """The lines of one source paragraph as text nodes with line breaks between."""
    out: list[nodes.Node] = []
    for index, line in enumerate(paragraph):
        if index:
            out.append(ed.line_break())
        out.append(nodes.Text(line))
    return out


class SourceTextDirective(SphinxDirective):
    """Base of ``passage`` and ``response``: look up and check a unit of the source."""

    required_arguments = 1
    has_content = True
    #: The first letter of the ids this directive accepts.
    id_prefix = ""
    kind_name = ""

    def checked_unit(self) -> Unit | None:
        """The unit named by the argument, after checking the content against it.

        A unit that is not in the source is reported and gives ``None``; text
        that differs from the source is reported and the source's text used.
        """
        uid = self.arguments[0]
        where = (self.env.docname, self.lineno)
        # The page quotes the source: a change to the source must re-read it.
        self.env.note_dependency(state_of(self.env).source_path)
        source = source_of(self)
        if not uid.startswith(self.id_prefix) or uid not in source.by_id:
            known = ", ".join(i for i in source.ids if i.startswith(self.id_prefix))
            faults.report_reading(self.env, f"{self.kind_name} “{uid}” is not in the source (known: {known})", where,
                                  "unit")
            return None
        unit = source.unit(uid)
        got = group_paragraphs(list(self.content))
        if got != unit.paragraphs:
            expected = unit.text
            text = "\n\n".join("\n".join(p) for p in got)
            at = first_difference(expected, text)
            faults.report_reading(
                self.env,
                f"{self.kind_name} {uid} differs from the source at character {at + 1}: "
                f"expected “{expected[at:at + 30]}”, found “{text[at:at + 30]}”",
                where,
                "source",
            )
        return unit

    def register(self, node: nodes.Element, unit: Unit) -> None:
        """Make the unit a link target for ``{unit}`` and ``{ref}`` anywhere in the book."""
        node["names"].append(unit.id)
        self.state.document.note_explicit_target(node, node)
        self.set_source_info(node)


class UnitRole(SphinxRole):
    """``{unit}`p4``` → a link reading “¶4” to that paragraph (or response), from any page."""

    def run(self) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        uid = self.text.strip()
        label = label_for(uid)
        ref = addnodes.pending_xref(
            self.rawtext,
            refdomain="std",
            reftype="ref",
            reftarget=uid,
            refexplicit=True,
            refwarn=True,
            refdoc=self.env.docname,
        )
        ref += nodes.inline(label, label, classes=["xref", "std", "std-ref", "unit-ref"])
        return [ref], []


class PassageDirective(SourceTextDirective):
    """One essay paragraph, verbatim, numbered ``¶n``."""

    id_prefix = "p"
    kind_name = "passage"

    def run(self) -> list[nodes.Node]:
        unit = self.checked_unit()
        if unit is None:
            return []
        para = nodes.paragraph(classes=["passage"], ids=[unit.id])
        para += ed.unit_number(unit.label, unit.label, refid=unit.id, label=unit.label)
        para += text_nodes(unit.paragraphs[0])
        self.register(para, unit)
        return [para]


class ResponseDirective(SourceTextDirective):
    """One reader response, verbatim, threaded as in the source."""

    id_prefix = "r"
    kind_name = "response"
    option_spec = {"byline": directives.unchanged_required, "reply-to": directives.unchanged}

    def run(self) -> list[nodes.Node]:
        unit = self.checked_unit()
        if unit is None:
            return []
        reply_to = self.options.get("reply-to", "")
        node = ed.response(
            ids=[unit.id],
            classes=["response"] + (["reply"] if reply_to else []),
            label=unit.label,
            reply_to=reply_to,
        )
        self.register(node, unit)
        byline = nodes.paragraph(classes=["response-byline"])
        byline += ed.unit_number(unit.label, unit.label, refid=unit.id, label=unit.label)
        byline += ed.response_byline(self.options.get("byline", ""), self.options.get("byline", ""))
        node += byline
        for paragraph in unit.paragraphs:
            para = nodes.paragraph(classes=["response-text"])
            para += text_nodes(paragraph)
            node += para
        return [node]


def is_allowed_in_body(node: nodes.Node) -> bool:
    """Annotation bodies may hold paragraphs of inline MyST, lists and block quotes, and nothing raw."""
    return isinstance(node, (nodes.paragraph, nodes.bullet_list, nodes.enumerated_list, nodes.block_quote)) \
        and not any(node.findall(nodes.raw))


def body_paragraphs(node: nodes.Element, lead: str = "") -> list[ed.annotation_para]:
    """A body's block as the note's inline paragraphs: list items lead with “•” or
    their number, a block quote's paragraphs are set in italics."""
    if isinstance(node, nodes.paragraph):
        children = ([nodes.Text(lead)] if lead else []) + list(node.children)
        return [ed.annotation_para("", "", *children)]
    out: list[ed.annotation_para] = []
    if isinstance(node, (nodes.bullet_list, nodes.enumerated_list)):
        start = int(node.get("start", 1))
        for number, item in enumerate(node.children, start):
            mark = "• " if isinstance(node, nodes.bullet_list) else f"{number}. "
            for index, block in enumerate(item.children):
                out += body_paragraphs(block, mark if index == 0 else "")
    elif isinstance(node, nodes.block_quote):
        for block in node.children:
            for para in body_paragraphs(block, lead):
                lead = ""
                out.append(ed.annotation_para("", "", nodes.emphasis("", "", *para.children)))
    return out


def point_into_yaml(holder: nodes.Element, record: Annotation, srcdir: str) -> None:
    """Give the parsed body's nodes the annotation file as their source, with its line numbers,
    so that a warning about a body (an unknown term, a bad citation) names the YAML file."""
    lines = [n.line for n in holder.findall() if isinstance(n, nodes.Element) and n.line]
    first = min(lines) if lines else 0
    path = f"{srcdir}/{record.path}"
    for node in holder.findall(nodes.Element):
        node.source = path
        node.line = record.body_line + (node.line - first if node.line else 0)


class AnnotationDirective(SphinxDirective):
    """The body of one annotation, parsed as MyST with the YAML file's line numbers."""

    required_arguments = 1

    def run(self) -> list[nodes.Node]:
        record: Annotation = state_of(self.env).annotations[self.arguments[0]]
        body = StringList()
        for offset, line in enumerate(record.body.split("\n")):
            body.append(line, record.path, record.body_line - 1 + offset)
        holder = nodes.Element()
        self.state.nested_parse(body, 0, holder)
        point_into_yaml(holder, record, str(self.env.srcdir))
        for child in holder.children:
            if isinstance(child, nodes.system_message):
                continue
            if any(child.findall(nodes.raw)):
                faults.report_reading(self.env, record.error("raw HTML or markup in body; write MyST, not HTML", "body"))
                return []
            if not is_allowed_in_body(child):
                fault = record.error(f"body may hold only paragraphs of text, found a {child.tagname}", "body")
                faults.report_reading(self.env, fault)
                return []
        note = ed.annotation_note(
            ids=[note_id(record.id)],
            annotation_id=record.id,
            kind=record.kind,
            kind_label=record.kind_label,
            target=record.paragraph,
        )
        for child in holder.children:
            if isinstance(child, nodes.system_message):
                note += child
            else:
                note += body_paragraphs(child)
        return [note]


def edition_version_role(name: str, rawtext: str, text: str, lineno: int, inliner: Any,
                         options: dict | None = None, content: list | None = None) -> tuple[list, list]:
    """``{edition-version}`number``` prints the configured ``edition_version`` (one place for About, the citation and the imprint)."""
    config = inliner.document.settings.env.config
    if not config.edition_version:
        message = inliner.reporter.error("edition_version is not set in _config.yml", line=lineno)
        return [inliner.problematic(rawtext, rawtext, message)], [message]
    return [nodes.Text(config.edition_version)], []
