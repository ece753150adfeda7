"""The edition as an EPUB 3 e-book (Sphinx glue and the EPUB visitors).

Sphinx's ``epub`` builder is the starting point; this module replaces what an
edition cannot use of its defaults:

* **metadata**: title and subtitle, the author (``aut``) and the editors
  (``edt``), language, a stable identifier, publisher, rights, a description,
  accessibility metadata, and dates from ``SOURCE_DATE_EPOCH``, written with
  the edition's own ``content.opf`` template;
* **navigation**: ``nav.xhtml`` lists the parts of ``_toc.yml`` with their
  chapters, plus landmarks;
* **pages**: the edition's own page template and style sheet, no scripts, no
  web style sheets, no remote resources, no fonts (readers use their own);
* **notes**: each margin note becomes an EPUB 3 footnote,
  ``<aside epub:type="footnote">``, gathered under "Notes" at the end of its
  chapter and referenced from its phrase by ``<a epub:type="noteref">``, so
  that readers with pop-up footnotes show it on a tap; it opens with its
  kind and its lemma (:func:`edition.text.lemma.lemma`);
* **the file**: the PDF's name with ``.epub`` (:func:`epub_name`), its ZIP
  entries in a fixed order with fixed dates, so two builds give the same bytes.

The builder replaces Sphinx's own under the name ``epub``, so
``jupyter-book build . --builder custom --custom-builder epub`` builds it.
"""

from __future__ import annotations

import html as html_lib
import shutil
import textwrap
import time
import uuid
from pathlib import Path
from types import MethodType
from typing import Any
from zipfile import ZIP_DEFLATED, ZIP_STORED, ZipFile, ZipInfo

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.builders.epub3 import Epub3Builder, validate_config_values
from sphinx.config import Config
from sphinx.util import logging
from sphinx.util.osutil import ensuredir
from sphinx.util.template import SphinxRenderer
from sphinx.writers.html5 import HTML5Translator

from ..build import nodes as ed
from . import html
from .html import unit_number_name
from ..notes.records import anchor_id, note_id
from ..text.licence import contact_route
from ..text.project import build_date

logger = logging.getLogger(__name__)

#: The e-book's templates and style sheet.
EPUB_DIR = Path(__file__).parent.parent / "epub"
TEMPLATES = EPUB_DIR / "templates"
STYLESHEET = EPUB_DIR / "edition-epub.css"

#: The title page, the first page of the e-book (before the book's root page).
TITLE_PAGE = "titlepage.xhtml"


#: The cover image, drawn from the title at build time (no image is downloaded).
COVER = "cover.svg"


#: The earliest date a ZIP entry can carry.
ZIP_EARLIEST = (1980, 1, 1, 0, 0, 0)


# --------------------------------------------------------------- pure helpers


def book_identifier(title: str) -> str:
    """A stable identifier for the e-book: a name-based UUID of its title.

    The same title gives the same identifier on every build and machine, so
    readers recognise a new build as the same book.
    """
    return "urn:uuid:" + str(uuid.uuid5(uuid.NAMESPACE_URL, "edition:" + title))


def build_time(epoch: str | None = None) -> time.struct_time:
    """The build date: ``SOURCE_DATE_EPOCH`` if set, else now (UTC); see :func:`edition.project.build_date`."""
    return build_date(epoch).utctimetuple()


def zip_date(when: time.struct_time) -> tuple[int, int, int, int, int, int]:
    """A ZIP entry's date for ``when`` (no earlier than ZIP can store)."""
    return max(ZIP_EARLIEST, (when.tm_year, when.tm_mon, when.tm_mday, when.tm_hour, when.tm_min, when.tm_sec))


def write_epub(target: Path, folder: Path, files: list[str], when: time.struct_time) -> None:
    """Write the EPUB container: ``mimetype`` first and stored, then ``files``.

    Every entry gets the same date and permissions, so the bytes depend only
    on the files' contents and order.
    """
    date = zip_date(when)
    with ZipFile(target, "w") as epub:
        for name in ["mimetype", *files]:
            info = ZipInfo(name, date_time=date)
            info.compress_type = ZIP_STORED if name == "mimetype" else ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            info.create_system = 3  # Unix, whatever the build machine
            epub.writestr(info, (folder / name).read_bytes())


def cover_svg(title: str, subtitle: str, author: str) -> str:
    """The cover: the title, subtitle and author set in an SVG image, 600 × 900.

    The title is broken into lines of at most 18 characters, centred; the
    image names itself with its ``<title>``, so it reads as the book's title.
    """
    def lines(text: str, width: int, y: float, size: int, style: str) -> tuple[str, float]:
        out = ""
        for line in textwrap.wrap(text, width):
            out += (f'<text x="300" y="{y:g}" font-size="{size}" {style} text-anchor="middle">'
                    f"{html_lib.escape(line)}</text>\n")
            y += size * 1.25
        return out, y

    head, y = lines(title, 18, 230, 44, 'font-weight="bold"')
    sub, y = lines(subtitle, 30, y + 40, 30, 'font-style="italic"')
    name, _ = lines(author, 30, 760, 32, "")
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<svg xmlns="http://www.w3.org/2000/svg" version="1.1" viewBox="0 0 600 900" '
        'width="600" height="900" role="img" aria-labelledby="cover-title">\n'
        f'<title id="cover-title">{html_lib.escape(title)}</title>\n'
        '<rect width="600" height="900" fill="#f4efe4"/>\n'
        '<rect x="30" y="30" width="540" height="840" fill="none" stroke="#5a2a1a" stroke-width="3"/>\n'
        '<g font-family="serif" fill="#2a1a10">\n'
        f"{head}{sub}{name}</g>\n</svg>\n"
    )


# --------------------------------------------------------------- the doctree


def gather_notes(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Move each note of a page to a "Notes" section at the end of its chapter.

    An ``<aside>`` cannot stand inside a paragraph, where the notes sit on
    the web; at the chapter's end they also leave the text whole in readers
    that show footnotes in place. Each note opens with the lemma its placement gave it.
    """
    if app.builder.name != "epub":
        return
    notes = list(doctree.findall(ed.annotation_note))
    if not notes:
        return
    chapter = next(iter(doctree.findall(nodes.section)), doctree)
    section = ed.notes_section()
    for note in notes:
        note.parent.remove(note)
        section += note
    chapter += section


# --------------------------------------------------------------- the visitors


def visit_unit_number(self: HTML5Translator, node: ed.unit_number) -> None:
    self.body.append(
        f'<span class="unit-number" title="{unit_number_name(node["refid"], node["label"])}">'
        f'{self.encode(node["label"])}</span> '
    )
    raise nodes.SkipNode


def visit_response(self: HTML5Translator, node: ed.response) -> None:
    classes = " ".join(node["classes"])
    self.body.append(
        f'<section class="{classes}" id="{node["ids"][0]}" '
        f'aria-label="{unit_number_name(node["ids"][0], node["label"])}">\n'
    )


def depart_response(self: HTML5Translator, node: ed.response) -> None:
    self.body.append("</section>\n")


def byline_heading(node: nodes.Element) -> str:
    """The heading a response's byline is set in: ``h2``, ``h3`` for a reply, ``""`` if not a byline.

    A heading lets a reader jump from comment to comment; it holds the
    edition's label (number and byline), never the comment's text.
    """
    if "response-byline" not in node["classes"] or not isinstance(node.parent, ed.response):
        return ""
    return "h3" if "reply" in node.parent["classes"] else "h2"


def visit_paragraph(self: HTML5Translator, node: nodes.paragraph) -> None:
    tag = byline_heading(node)
    if tag:
        self.body.append(f'<{tag} class="response-byline">')
    else:
        HTML5Translator.visit_paragraph(self, node)


def depart_paragraph(self: HTML5Translator, node: nodes.paragraph) -> None:
    tag = byline_heading(node)
    if tag:
        self.body.append(f"</{tag}>\n")
    else:
        HTML5Translator.depart_paragraph(self, node)


def visit_annotation_anchor(self: HTML5Translator, node: ed.annotation_anchor) -> None:
    # A phrase cut in pieces where others overlap it (placement.py): each
    # phrase's id stands once, on the piece where it starts, so no id repeats
    # and every note's way back has its target.
    aid = node["annotation_id"]
    ids = node.get("ids", [anchor_id(aid)])
    extra = "".join(f'<span id="{i}"></span>' for i in ids[1:])
    id_attr = f' id="{ids[0]}"' if ids else ""
    self.body.append(
        f'{extra}<a epub:type="noteref" role="doc-noteref" class="noteref"{id_attr} href="#{note_id(aid)}">'
    )


def depart_annotation_anchor(self: HTML5Translator, node: ed.annotation_anchor) -> None:
    self.body.append("</a>")


def visit_annotation_note(self: HTML5Translator, node: ed.annotation_note) -> None:
    aid = node["annotation_id"]
    self.body.append(
        f'<aside epub:type="footnote" role="doc-footnote" class="note note-{node["kind"]}" id="{note_id(aid)}">\n'
    )


def depart_annotation_note(self: HTML5Translator, node: ed.annotation_note) -> None:
    self.body.append("</aside>\n")


def visit_annotation_para(self: HTML5Translator, node: ed.annotation_para) -> None:
    note = node.parent
    self.body.append("<p>")
    if isinstance(note, ed.annotation_note) and note.index(node) == 0:
        phrase = note.get("lemma", "")
        self.body.append(f'<span class="note-kind">{self.encode(note["kind_label"])}.</span> ')
        if phrase:
            self.body.append(f'<span class="lemma"><i>{self.encode(phrase)}</i>]</span> ')


def depart_annotation_para(self: HTML5Translator, node: ed.annotation_para) -> None:
    note = node.parent
    own = [child for child in note.children if isinstance(child, ed.annotation_para)]
    if isinstance(note, ed.annotation_note) and node is own[-1]:
        aid = note["annotation_id"]
        # the arrow alone has no name a screen reader can speak: the link is named by its phrase
        phrase = note.get("lemma", "")
        name = self.encode(f"Back to the phrase “{phrase}”" if phrase else "Back to the phrase")
        self.body.append(
            f' <a class="note-back" href="#{anchor_id(aid)}" title="Back to the phrase" aria-label="{name}">↩</a>'
        )
    self.body.append("</p>\n")


def visit_annotation_reply(self: HTML5Translator, node: ed.annotation_reply) -> None:
    """A reply inside the footnote of the note it answers: its label, then its paragraphs."""
    self.body.append(
        f'<div class="note-reply" id="{node["ids"][0]}" data-depth="{node["depth"]}">\n'
        f'<p class="note-reply-label">{self.encode(node["label"])}</p>\n'
    )


def depart_annotation_reply(self: HTML5Translator, node: ed.annotation_reply) -> None:
    self.body.append("</div>\n")


def visit_notes_section(self: HTML5Translator, node: ed.notes_section) -> None:
    self.body.append('<section class="notes" epub:type="footnotes">\n<h2>Notes</h2>\n')


def depart_notes_section(self: HTML5Translator, node: ed.notes_section) -> None:
    self.body.append("</section>\n")


def visit_lining(self: HTML5Translator, node: ed.lining) -> None:
    """Figures that identify something, in lining figures (the sign as it is: no hidden words in an e-book)."""
    self.body.append(f'<span class="lining">{self.encode(node.astext())}</span>')
    raise nodes.SkipNode


# --------------------------------------------------------------- the builder


class EditionEpubBuilder(Epub3Builder):
    """Sphinx's EPUB 3 builder with the edition's pages, notes, metadata and file."""

    name = "epub"

    def init_templates(self) -> None:
        """Use the edition's e-book templates, not the website's."""
        saved = self.config.templates_path
        self.config.templates_path = [str(TEMPLATES)]
        try:
            super().init_templates()
        finally:
            self.config.templates_path = saved

    def init_js_files(self) -> None:
        self._js_files = []  # an e-book page runs no script

    def copy_static_files(self) -> None:
        """Copy the e-book's one style sheet; nothing of the website's."""
        static = Path(self.outdir) / "_static"
        ensuredir(static)
        shutil.copyfile(STYLESHEET, static / STYLESHEET.name)

    def create_translator(self, *args: Any) -> nodes.NodeVisitor:
        """The HTML translator with the visitors registered for ``epub`` (the table in
        ``edition/extension.py``). Sphinx gives a builder that has visitors of its own
        no others, so a node that another extension registered for ``html`` only is
        written as on the website."""
        translator = super().create_translator(*args)
        handlers = self.app.registry.translation_handlers
        own = handlers.get(self.name, {})
        for name, (visit, depart) in handlers.get(self.format, {}).items():
            if name not in own:
                setattr(translator, f"visit_{name}", MethodType(visit, translator))
                if depart:
                    setattr(translator, f"depart_{name}", MethodType(depart, translator))
        return translator

    def handle_page(self, pagename: str, addctx: dict[str, Any], *args: Any, **kwargs: Any) -> None:
        addctx = {**addctx, "script_files": [], "edition_root": self.config.root_doc}
        super().handle_page(pagename, addctx, *args, **kwargs)

    def handle_finish(self) -> None:
        """Write the title page first, so that the manifest and the spine take it in."""
        when = build_time()
        context = {
            "lang": html_lib.escape(self.config.epub_language),
            "title": html_lib.escape(self.config.epub_title),
            "subtitle": html_lib.escape(self.config.edition_subtitle),
            "author": html_lib.escape(self.config.epub_author),
            "byline": html_lib.escape(self.config.edition_byline),
            "editors": html_lib.escape(self.config.edition_editors),
            "source": html_lib.escape(self.config.edition_imprint.get("source_brief", "")),
            "day": time.strftime("%Y-%m-%d", when),
            "licence": html_lib.escape(self.config.edition_licence),
            "independence": html_lib.escape(
                f"{self.config.edition_independence} {contact_route(self.config.edition_contact.strip())}"),
        }
        render(TEMPLATES / "titlepage.xhtml.jinja", context, Path(self.outdir) / TITLE_PAGE)
        cover = cover_svg(self.config.epub_title, self.config.edition_subtitle, self.config.epub_author)
        (Path(self.outdir) / COVER).write_text(cover, encoding="utf-8")
        super().handle_finish()

    # -- metadata

    def content_metadata(self) -> dict[str, Any]:
        metadata = super().content_metadata()
        when = build_time()
        config = self.config
        metadata.update(
            subtitle=html_lib.escape(config.edition_subtitle),
            editors=html_lib.escape(config.epub_contributor),
            author_file_as=html_lib.escape(file_as(config.epub_author)),
            day=time.strftime("%Y-%m-%d", when),
            modified=time.strftime("%Y-%m-%dT%H:%M:%SZ", when),
            version=html_lib.escape(config.version or config.edition_version),
            cover=COVER,
            source=html_lib.escape(source_statement(config.edition_source_url,
                                                    config.edition_imprint.get("source_description", ""))),
        )
        self.edition_metadata = metadata
        return metadata

    def build_content(self) -> None:
        """Sphinx's manifest and spine, written with the edition's template."""
        super().build_content()
        render(TEMPLATES / "content.opf.jinja", self.edition_metadata, Path(self.outdir) / "content.opf")

    def toc_metadata(self, level: int, navpoints: list[Any]) -> dict[str, Any]:
        """``toc.ncx`` names the book by its identifier, as the package document does."""
        metadata = super().toc_metadata(level, navpoints)
        metadata["uid"] = html_lib.escape(self.config.epub_identifier)
        return metadata

    # -- navigation

    def get_toc(self) -> None:
        """The reading order, with the bibliography at the back, where the PDF has it."""
        super().get_toc()
        self.refnodes = bibliography_last(self.refnodes, self.config.edition_bibliography_page + self.out_suffix)

    def toc_add_files(self, refnodes: list[dict[str, Any]]) -> None:
        """``toc.ncx`` names the root page by what it opens with, as ``nav.xhtml`` does."""
        super().toc_add_files(refnodes)
        root = self.config.root_doc + self.out_suffix
        title = html_lib.escape(opening_title(self.env.get_doctree(self.config.root_doc)))
        for node in refnodes:
            if node["refuri"] == root:
                node["text"] = title

    def build_navigation_doc(self) -> None:
        """``nav.xhtml``: the parts with their chapters, and landmarks."""
        root = self.config.root_doc
        doctree = self.env.get_doctree(root)
        parts: list[dict[str, Any]] = []
        for toctree in doctree.findall(addnodes.toctree):
            chapters = bibliography_last([
                {"title": html_lib.escape(self.env.titles[doc].astext()), "refuri": doc + self.out_suffix}
                for _title, doc in toctree["entries"]
                if doc in self.env.titles
            ], self.config.edition_bibliography_page + self.out_suffix)
            parts.append({"caption": html_lib.escape(toctree.get("caption") or ""), "chapters": chapters})
        # where the text begins: the book's setting, else the first chapter after the root page
        first_text = (self.config.edition_epub_bodymatter or next(
            (doc for _title, doc in parts_entries(doctree)), root)) + self.out_suffix
        context = {
            "lang": html_lib.escape(self.config.epub_language),
            "title": html_lib.escape(self.config.epub_title),
            "root": {"title": html_lib.escape(opening_title(doctree)), "href": root + self.out_suffix},
            "parts": parts,
            "bodymatter": first_text,
        }
        render(TEMPLATES / "nav.xhtml.jinja", context, Path(self.outdir) / "nav.xhtml")
        if "nav.xhtml" not in self.files:
            self.files.append("nav.xhtml")

    # -- the file

    def build_epub(self) -> None:
        """Write the EPUB with fixed entry dates, in a fixed order."""
        outname = self.config.epub_basename + ".epub"
        logger.info("writing %s file...", outname)
        files = ["META-INF/container.xml", "content.opf", "toc.ncx", *self.files]
        write_epub(Path(self.outdir) / outname, Path(self.outdir), files,
                   build_time())


def parts_entries(doctree: nodes.document) -> list[tuple[str, str]]:
    """The (title, page) entries of the root page's tables of contents, in order."""
    return [entry for toctree in doctree.findall(addnodes.toctree) for entry in toctree["entries"]]


def bibliography_last(entries: list[dict[str, Any]], bibliography: str) -> list[dict[str, Any]]:
    """``entries`` (contents entries with a ``refuri``) with the bibliography's moved to the end.

    The PDF sets the bibliography at the back of the book
    (:func:`edition.move_bibliography_to_the_back`); the e-book follows it.
    """
    return sorted(entries, key=lambda entry: entry["refuri"].split("#")[0] == bibliography)


def opening_title(doctree: nodes.document) -> str:
    """The title a contents entry gives a page: its first section's, under the page's own.

    The root page is headed with the book's title, which the title page
    already gives; what a reader finds there is its first section
    ("How to use this edition"). A page without sections keeps its title.
    """
    page = next(iter(doctree.findall(nodes.section)), None)
    if page is None:
        return ""
    first = next((child for child in page.children if isinstance(child, nodes.section)), page)
    return first[0].astext() if isinstance(first[0], nodes.title) else ""


def render(template: Path, context: dict[str, Any], target: Path) -> None:
    """Write ``target`` from a Jinja ``template`` (values already escaped)."""
    text = SphinxRenderer().render_string(template.read_text(encoding="utf-8"), context)
    target.write_text(text, encoding="utf-8")


def source_statement(url: str, description: str) -> str:
    """``dc:source``: the source page's address if the book records one, else its description
    (``edition_imprint``'s ``source_description``)."""
    return url or description


def file_as(name: str) -> str:
    """A person's name for sorting: ``Daniel Mackler`` → ``Mackler, Daniel``."""
    parts = name.split()
    return f"{parts[-1]}, {' '.join(parts[:-1])}" if len(parts) > 1 else name


# --------------------------------------------------------------- configuration

def epub_name(config: Config) -> str:
    """The e-book's file name, in ``_build/epub`` and on the website: the PDF's, with ``.epub``."""
    return Path(config.edition_pdf_name).with_suffix(".epub").name


def epub_settings(config: Config) -> dict[str, Any]:
    """Values for Sphinx's ``epub_*`` settings, from the edition's settings."""
    return {
        "epub_basename": Path(epub_name(config)).stem,
        "epub_title": config.edition_title,
        "epub_author": config.edition_author,
        "epub_contributor": config.edition_epub_editors,
        "epub_publisher": config.edition_epub_editors,
        # the one licence statement (edition_licence); never config.copyright, whose
        # wording would put the quoted text under the editors' licence
        "epub_copyright": config.edition_licence,
        "epub_description": config.edition_epub_description,
        "epub_identifier": book_identifier(config.edition_title),
        "epub_scheme": "UUID",
        "epub_uid": "bookid",
        "epub_language": config.language or "en",
        "epub_show_urls": "no",
        "epub_use_index": False,
        "epub_tocdepth": 2,
        "epub_tocscope": "includehidden",
        "epub_css_files": [],
        # written into every HTML-like output folder by other handlers; not part of the book
        "epub_exclude_files": ["annotations.jsonld", "index.html"],
        "epub_pre_files": [(TITLE_PAGE, "Title page")],
    }


def configure(config: Config) -> None:
    """Fill the ``epub_*`` settings the book leaves unset.

    Runs for every builder with the same result, so that the EPUB build can
    share the website's parsed pages without re-reading them.
    """
    given = set(getattr(config, "_raw_config", {})) | set(getattr(config, "overrides", {}))
    for name, value in epub_settings(config).items():
        if name not in given:
            setattr(config, name, value)


def check_metadata(app: Sphinx) -> None:
    """Sphinx's checks of the EPUB settings, but for ``version``.

    The edition's version is written to the package document from
    ``edition_version`` (which About and the imprint print too); setting Sphinx's ``version`` only for the EPUB
    would make the HTML and PDF builds re-read every page after it.
    """
    if app.builder.name != "epub":
        return
    version = app.config.version
    app.config.version = version or app.config.edition_version
    try:
        validate_config_values(app)
    finally:
        app.config.version = version
