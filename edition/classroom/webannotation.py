"""The annotations as a W3C Web Annotation collection (JSON-LD). Pure logic.

Each annotation targets its page; a ``FragmentSelector`` names the paragraph
(``#p4``) and is refined by a ``TextQuoteSelector`` for the phrase, so other
annotation tools can re-anchor the notes. The selector's ``prefix`` and
``suffix`` (about 32 characters each, as Hypothesis's client records them)
are taken from the page's text as built, so that the quote with its context
occurs exactly once on the page even for a tool that ignores the fragment and
searches the whole page.

Each annotation has two bodies, the same note in two formats: the rendered
note (``text/html``: citations resolved, glossary terms and paragraph numbers
as links) for other tools to show, and the MyST source (``text/markdown``)
that ``edition.classroom.importer`` reads back.

Kinds map to the W3C motivations (https://www.w3.org/TR/annotation-vocab/#motivation)
as in :data:`MOTIVATIONS`. ``creator`` is the layer's authors, ``generator``
the edition, ``generated`` the build time (``SOURCE_DATE_EPOCH`` when set, so
that the file is reproducible), and ``partOf`` the layer the note belongs to.

``rights`` says what each part may be used for. The editors' notes (the
annotation and its bodies) are under CC BY 4.0 (:data:`edition.text.licence.CC_BY_URL`);
a class layer's notes carry no licence, for the edition cannot grant one for
them. The target quotes the essay or a comment, which remain their authors'
and are under no licence of the edition's: its ``rights`` is the About page's
statement of the basis on which the text is reproduced (:data:`TEXT_RIGHTS_PAGE`).
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Any
from urllib.parse import urljoin

from ..notes import kinds
from ..notes.anchoring import find_all
from ..text.licence import CC_BY_URL
from ..notes.layers import EDITORS
from ..notes.records import Annotation, note_id
from ..text.urls import join_url
from ..text.project import build_date

CONTEXT = "http://www.w3.org/ns/anno.jsonld"
#: The id of a unit's element on a page: ``p4``, ``r1``, ``r1-1``.
_UNIT_ID = re.compile(r"^(p\d+|r\d+(-\d+)*)$")

#: The W3C motivation of each kind of note (the table: ``notes/kinds.py``).
MOTIVATIONS: dict[str, str] = kinds.MOTIVATIONS

#: Characters of context taken on each side of a quote (Hypothesis's client takes 32).
CONTEXT_SIZE = 32
#: The longest prefix or suffix tried when 32 characters do not make a quote unique.
MAX_CONTEXT = 400

#: The edition, as the software that wrote the export.
GENERATOR_NAME = "The annotated edition's Sphinx extension (edition)"

#: The page, relative to the site's root, that says on what basis the quoted text is reproduced.
TEXT_RIGHTS_PAGE = "book/about.html#independence-permission-and-rights"

#: The editors' layer: its name and how the export names its authors.
EDITORS_LAYER = EDITORS
EDITORS_NAME = "The editors"


def generated_time(environ: Mapping[str, str] | None = None) -> str:
    """The export's ``generated`` time (ISO 8601, UTC): ``SOURCE_DATE_EPOCH`` when set, else now."""
    epoch = None if environ is None else environ.get("SOURCE_DATE_EPOCH", "")
    return build_date(epoch).strftime("%Y-%m-%dT%H:%M:%SZ")


# --- Reading a built page -------------------------------------------------------------

#: Tags kept in a rendered body; every other tag is dropped and its text kept.
_KEPT_TAGS = {"em", "strong", "i", "b", "code", "sub", "sup"}
_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
_NO_TEXT = {"script", "style", "template"}


@dataclass
class RenderedPage:
    """What the export needs from one built HTML page."""

    #: The text content of the page's ``<body>`` (scripts and styles left out),
    #: as the website's script lays the page out for a reader who can annotate
    #: it (from 992 px, and in print): each note's text after its paragraph.
    text: str = ""
    #: Each annotation's phrase as ``(start, end)`` offsets into :attr:`text`.
    anchors: dict[str, tuple[int, int]] = field(default_factory=dict)
    #: Each annotation's rendered body: paragraphs of inline HTML, links absolute.
    notes: dict[str, str] = field(default_factory=dict)
    #: Each unit's element (``p4``, ``r1-1``) as ``(start, end)`` offsets into :attr:`text`.
    units: dict[str, tuple[int, int]] = field(default_factory=dict)
    #: Text inside a unit's element that is not the unit's own words: notes, the
    #: paragraph's number, a response's byline; ``(start, end)`` offsets, in order.
    apart: list[tuple[int, int]] = field(default_factory=list)

    def own_text_bounds(self, unit: str, start: int, end: int) -> tuple[int, int]:
        """How far the unit's own words run on either side of ``text[start:end]``
        without meeting a note, the number or the byline (or leaving the unit)."""
        lower, upper = self.units.get(unit, (0, len(self.text)))
        for a, b in self.apart:
            if b <= start:
                lower = max(lower, b)
            elif a >= end:
                upper = min(upper, a)
        return lower, upper


class _PageReader(HTMLParser):
    """Collects a page's text content, its annotation anchors and its notes' bodies."""

    def __init__(self, page_url: str):
        super().__init__(convert_charrefs=True)
        self.page_url = page_url
        self.page = RenderedPage()
        self._text: list[str] = []
        self._length = 0
        self._in_body = False
        self._skip = 0  # depth inside script/style
        self._anchor: str | None = None
        self._note: str | None = None  # the note being read
        self._note_depth = 0  # span depth inside that note
        self._para_depth: int | None = None  # note span depth at which its current paragraph opened
        self._body_parts: list[str] = []
        self._open: list[str] = []  # kept tags open in the current paragraph
        self._unit: tuple[str, int, int] | None = None  # (id, start, depth) of the unit being read
        self._apart: tuple[int, int] | None = None  # (start, depth) of a number or byline being read
        self._depth = 0  # open elements
        self._deferred: list[str] = []  # notes' text, set after the paragraph they stand in
        self._p_depth = 0  # depth inside <p> elements outside notes

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = {k: v or "" for k, v in attrs}
        if tag == "body":
            self._in_body = True
        if tag in _NO_TEXT:
            self._skip += 1
        ident = attributes.get("id", "")
        classes = attributes.get("class", "").split()
        if tag not in _VOID:
            self._depth += 1
            if self._unit is None and _UNIT_ID.match(ident) and ("passage" in classes or tag == "article"):
                self._unit = (ident, self._length, self._depth)
            if self._apart is None and ("unit-number" in classes or "response-byline" in classes):
                self._apart = (self._length, self._depth)
        if tag == "p" and self._note is None:
            self._p_depth += 1
        if tag == "a" and "annotation-anchor" in classes and ident.startswith("anchor-"):
            self._anchor = ident[len("anchor-") :]
            self.page.anchors[self._anchor] = (self._length, self._length)
        elif tag == "span" and ident.startswith("anchor-"):  # a further phrase starting at the next piece
            self.page.anchors[ident[len("anchor-") :]] = (self._length, self._length)
        if self._note is None and tag == "span" and "annotation" in classes and ident.startswith("note-"):
            self._note, self._note_depth, self._body_parts = ident[len("note-") :], 0, []
        if self._note is None:
            return
        if tag == "span":
            self._note_depth += 1
            if "annotation-para" in classes and self._para_depth is None:
                self._para_depth = self._note_depth
                self._body_parts.append("<p>")
                return
        if self._para_depth is None or tag in _VOID:
            return
        if tag == "a":
            href = attributes.get("href", "")
            target = urljoin(self.page_url, href) if href else ""
            self._body_parts.append(f'<a href="{html.escape(target, quote=True)}">' if target else "<a>")
            self._open.append("a")
        elif tag in _KEPT_TAGS:
            self._body_parts.append(f"<{tag}>")
            self._open.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in _NO_TEXT and self._skip:
            self._skip -= 1
        if tag == "body":
            self._in_body = False
            self._flush()
        if tag == "p" and self._note is None and self._p_depth:
            self._p_depth -= 1
            if self._p_depth == 0:
                self._flush()
        if tag not in _VOID:
            if self._apart is not None and self._apart[1] == self._depth:
                self.page.apart.append((self._apart[0], self._length))
                self._apart = None
            if self._unit is not None and self._unit[2] == self._depth:
                self.page.units[self._unit[0]] = (self._unit[1], self._length)
                self._unit = None
            self._depth -= 1
        if tag == "a" and self._anchor is not None:
            start, _ = self.page.anchors[self._anchor]
            self.page.anchors[self._anchor] = (start, self._length)
            self._anchor = None
        if self._note is None:
            return
        if tag == "span":
            if self._para_depth == self._note_depth:
                while self._open:
                    self._body_parts.append(f"</{self._open.pop()}>")
                self._body_parts.append("</p>")
                self._para_depth = None
            self._note_depth -= 1
            if self._note_depth == 0:
                self.page.notes[self._note] = "".join(self._body_parts).strip()
                self._note = None
                if not self._p_depth:
                    self._flush()
            return
        if self._para_depth is not None and self._open and self._open[-1] == tag:
            self._body_parts.append(f"</{self._open.pop()}>")

    def handle_data(self, data: str) -> None:
        if not self._in_body or self._skip:
            return
        if self._note is not None:
            self._deferred.append(data)
            if self._para_depth is not None:
                self._body_parts.append(html.escape(data, quote=False))
            return
        self._add_text(data)

    def _add_text(self, data: str) -> None:
        self._text.append(data)
        self._length += len(data)

    def _flush(self) -> None:
        """The notes' text of the paragraph just ended, after it (never a unit's own words)."""
        if self._deferred:
            start = self._length
            self._add_text("".join(self._deferred))
            self.page.apart.append((start, self._length))
            self._deferred = []

    def close(self) -> None:
        super().close()
        self.page.text = "".join(self._text)


def read_page(page_html: str, page_url: str = "") -> RenderedPage:
    """Read a built page: its text content, the offsets of each annotated phrase and
    each note's rendered body (links made absolute against ``page_url``)."""
    reader = _PageReader(page_url)
    reader.feed(page_html)
    reader.close()
    return reader.page


def quote_context(
    text: str, start: int, end: int, size: int = CONTEXT_SIZE, bounds: tuple[int, int] | None = None
) -> tuple[str, str]:
    """The ``prefix`` and ``suffix`` of the quote ``text[start:end]``.

    ``size`` characters on each side, more if needed, until prefix + quote +
    suffix occurs exactly once in ``text``; never beyond ``bounds`` (the
    paragraph's own words around the quote: a tool that matches the quote
    within its paragraph finds them there, and no note's text is in them).
    """
    lower, upper = bounds or (0, len(text))
    while True:
        prefix, suffix = text[max(lower, start - size) : start], text[end : min(upper, end + size)]
        whole = start - size <= lower and end + size >= upper
        if len(find_all(text, prefix + text[start:end] + suffix)) == 1 or size >= MAX_CONTEXT or whole:
            return prefix, suffix
        size += CONTEXT_SIZE


# --- Building the export -------------------------------------------------------------


def agent(layer: str, title: str = "") -> dict[str, str]:
    """The ``creator`` of a layer's annotations: the editors, or the layer's title."""
    if layer == EDITORS_LAYER:
        return {"type": "Organization", "name": EDITORS_NAME}
    return {"type": "Group", "name": title or layer}


def generator(version: str, homepage: str = "") -> dict[str, str]:
    """The ``generator``: the edition's extension, with the site as its homepage when known."""
    software: dict[str, str] = {"type": "Software", "name": f"{GENERATOR_NAME} {version}"}
    if homepage:
        software["homepage"] = homepage
    return software


def text_target(record: Annotation, page_url: str, rendered: RenderedPage | None) -> dict[str, Any]:
    """The phrase a note hangs on: its paragraph, refined by the quote with its context on the page."""
    quote: dict[str, str] = {"type": "TextQuoteSelector", "exact": record.quote}
    prefix, suffix = record.prefix, record.suffix
    if rendered is not None and record.id in rendered.anchors:
        start, end = rendered.anchors[record.id]
        if rendered.text[start : start + len(record.quote)] == record.quote:
            end = start + len(record.quote)  # the whole phrase, where others cut it in pieces
        bounds = rendered.own_text_bounds(record.paragraph, start, end)
        prefix, suffix = quote_context(rendered.text, start, end, bounds=bounds)
    if prefix:
        quote["prefix"] = prefix
    if suffix:
        quote["suffix"] = suffix
    return {
        "source": page_url,
        "selector": {
            "type": "FragmentSelector",
            "conformsTo": "http://tools.ietf.org/rfc/rfc3987",
            "value": record.paragraph,
            "refinedBy": quote,
        },
    }


def web_annotation(
    record: Annotation,
    page_url: str,
    rendered: RenderedPage | None = None,
    layer: str = EDITORS_LAYER,
    layer_url: str = "",
    creator: dict[str, str] | None = None,
    made_by: dict[str, str] | None = None,
    generated: str = "",
    text_rights: str = "",
) -> dict[str, Any]:
    """One annotation as a Web Annotation object; a reply (a record with ``reply_to``)
    targets the note it answers, with the motivation ``replying``.

    ``rendered`` is the built page the note is on: it gives the note's HTML body
    and the phrase's prefix and suffix on the page. Without it (a page that was
    not built) the body is the MyST source only and the selector keeps the
    record's own prefix and suffix. ``text_rights`` is the address of the
    statement on the quoted text's rights, given as the target's ``rights``.
    """
    reply_to = record.reply_to
    motivation = "replying" if reply_to else MOTIVATIONS[record.kind]
    bodies: list[dict[str, str]] = []
    if rendered is not None and rendered.notes.get(record.id):
        bodies.append(
            {
                "type": "TextualBody",
                "value": rendered.notes[record.id],
                "format": "text/html",
                "language": "en",
                "purpose": motivation,
            }
        )
    bodies.append(
        {"type": "TextualBody", "value": record.body, "format": "text/markdown", "language": "en", "purpose": motivation}
    )
    notes_rights = CC_BY_URL if layer == EDITORS_LAYER else ""
    if notes_rights:
        for body in bodies:
            body["rights"] = notes_rights
    for tag in record.tags:
        bodies.append({"type": "TextualBody", "value": tag, "purpose": "tagging"})
    data: dict[str, Any] = {
        "id": f"{page_url}#{note_id(record.id)}",
        "type": "Annotation",
        "motivation": motivation,
        "label": record.kind_label,
        "body": bodies,
        "target": f"{page_url}#{note_id(reply_to)}" if reply_to else text_target(record, page_url, rendered),
    }
    if notes_rights:
        data["rights"] = notes_rights
    if text_rights and not reply_to:
        data["target"]["rights"] = text_rights
    if record.author:  # a person of a class layer, as the import wrote them ("Student 1" unless KEEP_NAMES)
        creator = {"type": "Person", "name": record.author}
    if record.created:
        data["created"] = record.created
    if creator:
        data["creator"] = creator
    if made_by:
        data["generator"] = made_by
    if generated:
        data["generated"] = generated
    data["partOf"] = {"id": layer_url or f"annotations.jsonld#layer-{layer}", "type": "AnnotationCollection", "label": layer}
    return data


def collection(
    records: Iterable[Annotation],
    url_for: Callable[[Annotation], str],
    pages: Mapping[str, RenderedPage] | None = None,
    base: str = "",
    generated: str = "",
    version: str = "",
    layer_of: Callable[[Annotation], str] = lambda record: EDITORS_LAYER,
    layer_titles: Mapping[str, str] | None = None,
) -> dict[str, Any]:
    """All annotations as one ``AnnotationCollection`` with a single page of items.

    ``url_for`` gives each record's page URL relative to the site's root;
    ``base`` (the site's ``html_baseurl``) makes every id and source an
    absolute IRI. ``pages`` maps page URLs to the built pages (see
    :func:`read_page`).
    """
    pages = pages or {}
    layer_titles = layer_titles or {}
    collection_id = join_url(base, "annotations.jsonld")
    items = []
    for record in records:
        relative = url_for(record)
        page_url = join_url(base, relative)
        layer = layer_of(record)
        items.append(
            web_annotation(
                record,
                page_url,
                pages.get(relative),
                layer=layer,
                layer_url=f"{collection_id}#layer-{layer}",
                creator=agent(layer, layer_titles.get(layer, "")),
                made_by=generator(version, base),
                generated=generated,
                text_rights=join_url(base, TEXT_RIGHTS_PAGE),
            )
        )
    data: dict[str, Any] = {
        "@context": CONTEXT,
        "id": collection_id,
        "type": "AnnotationCollection",
        "label": "Margin annotations of the annotated edition",
        "total": len(items),
    }
    data["creator"] = agent(EDITORS_LAYER)
    data["generator"] = generator(version, base)
    if generated:
        data["generated"] = generated
    data["first"] = {"id": f"{collection_id}#page-1", "type": "AnnotationPage", "startIndex": 0, "items": items}
    return data
