"""The annotated edition's Sphinx extension.

Sphinx glue only: the pure logic lives in ``source`` (the text), ``records``
(annotation files), ``anchoring`` (finding a phrase) and ``webannotation``
(the JSON-LD export); each output format has its own visitor module
(``html``, ``latex``).
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.environment import BuildEnvironment

from . import bibstyle, html, latex
from . import elements as ed
from .directives import AnnotationDirective, EditionError, PassageDirective, ResponseDirective, UnitRole
from .placement import PlaceAnnotations
from .records import Annotation, AnnotationError, check_unique, check_units, load_file, page_for
from .source import load_source
from .webannotation import collection

__version__ = "1.0.0"

STATIC = Path(__file__).parent / "static"
TEMPLATES = Path(__file__).parent / "templates"


def assets_digest() -> str:
    """A digest of the stylesheet, script, templates and LaTeX layout.

    Stored as a configuration value, so that editing any of them makes the
    next build write every page again (Sphinx otherwise finds “no targets out
    of date” and leaves the old assets in place).
    """
    digest = hashlib.sha256()
    for path in sorted([*STATIC.rglob("*"), *TEMPLATES.rglob("*"), latex.STYLE_FILE]):
        if path.is_file():
            digest.update(path.name.encode() + path.read_bytes())
    return digest.hexdigest()[:16]


def add_defaults(app: Sphinx, config: Config) -> None:
    """Fill the LaTeX settings and theme hooks the edition needs, unless set."""
    config.edition_assets_digest = assets_digest()
    elements = latex.latex_elements(
        config.edition_title,
        config.edition_subtitle,
        config.edition_author,
        config.edition_editors,
        config.edition_bibliography_page,
    )
    elements.update(config.latex_elements or {})
    config.latex_elements = elements
    config.latex_docclass = {"manual": "book", **(config.latex_docclass or {})}
    config.latex_use_xindy = False  # no index in this book, and xindy is not needed
    config.latex_additional_files = [*config.latex_additional_files, str(latex.STYLE_FILE)]
    config.templates_path = [*config.templates_path, str(TEMPLATES)]
    config.html_static_path = [*config.html_static_path, str(STATIC)]
    options = dict(config.html_theme_options or {})
    options.setdefault("article_header_end", ["edition-buttons.html", "article-header-buttons.html"])
    config.html_theme_options = options
    config.html_context = {**(config.html_context or {}), "edition_pdf": config.edition_pdf_name}


def load_everything(app: Sphinx) -> None:
    """Read the source text and every annotation file before any page is read."""
    root = Path(app.srcdir)
    app.edition_source = load_source(root / app.config.edition_source_file)  # type: ignore[attr-defined]
    annotations_dir = root / app.config.edition_annotations_dir
    records: list[Annotation] = []
    by_page: dict[str, list[Annotation]] = {}
    try:
        for path in sorted(annotations_dir.rglob("*.yml")):
            loaded = load_file(path, root)
            check_units(loaded, app.edition_source.ids)  # type: ignore[attr-defined]
            by_page[page_for(path, annotations_dir)] = loaded
            records.extend(loaded)
        check_unique(records)
    except AnnotationError as err:
        raise EditionError(str(err)) from None
    app.edition_annotations = {r.id: r for r in records}  # type: ignore[attr-defined]
    app.edition_pages = by_page  # type: ignore[attr-defined]


def page_docname(app: Sphinx, page: str) -> str:
    """The docname of the page an annotation file names (``healing`` → ``book/healing``)."""
    return f"{app.config.edition_pages_dir}/{page}".strip("/")


def check_pages_exist(app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
    """Stop the build for an annotation file whose page is not in the book."""
    for page, records in app.edition_pages.items():  # type: ignore[attr-defined]
        if page_docname(app, page) not in env.found_docs and records:
            path = records[0].path
            raise EditionError(f"{path}: annotations for page “{page}”, which is not in the book")


def outdated_pages(
    app: Sphinx, env: BuildEnvironment, added: set[str], changed: set[str], removed: set[str]
) -> list[str]:
    """Pages whose annotation file appeared or disappeared since the last build."""
    now = {page_docname(app, p) for p, r in app.edition_pages.items() if r}  # type: ignore[attr-defined]
    before: set[str] = getattr(env, "edition_annotated", set())
    env.edition_annotated = now  # type: ignore[attr-defined]
    return sorted(((now ^ before) | stale_outputs(app)) & env.found_docs)


def stale_outputs(app: Sphinx) -> set[str]:
    """Pages whose annotation file is newer than this builder's output of the page.

    The HTML and LaTeX builders share one environment: after one of them has
    re-read a page for its changed annotations, the other would otherwise see
    nothing to do, as it only compares the page's own source with its output.
    """
    output_of = getattr(app.builder, "get_outfilename", None)
    if output_of is None:
        return set()
    stale = set()
    for page, records in app.edition_pages.items():  # type: ignore[attr-defined]
        if not records:
            continue
        docname = page_docname(app, page)
        output = Path(output_of(docname))
        annotations = Path(app.srcdir) / records[0].path
        if not output.exists() or annotations.stat().st_mtime > output.stat().st_mtime:
            stale.add(docname)
    return stale


def append_annotation_directives(app: Sphinx, docname: str, source: list[str]) -> None:
    """Append one ``{annotation}`` directive per record to the page it annotates."""
    folder = app.config.edition_pages_dir.strip("/")
    prefix = folder + "/" if folder else ""
    if not docname.startswith(prefix):
        return
    records = app.edition_pages.get(docname[len(prefix):], [])  # type: ignore[attr-defined]
    if not records:
        return
    app.env.note_dependency(str(Path(app.srcdir) / records[0].path))
    calls = "".join(f"\n\n```{{annotation}} {r.id}\n```\n" for r in records)
    source[0] = source[0] + "\n" + calls


def mark_parts(app: Sphinx, doctree: nodes.document) -> None:
    """Put a ``part_start`` before each captioned toctree of the root page (LaTeX parts).

    The first part is the front matter: in print it follows the title page and
    contents without a part title page of its own.
    """
    if app.env.docname != app.config.root_doc:
        return
    captioned = [t for t in doctree.findall(addnodes.toctree) if t.get("caption")]
    for toctree in captioned[1:]:
        wrapper = toctree.parent
        wrapper.parent.insert(wrapper.parent.index(wrapper), ed.part_start(caption=toctree["caption"]))


def move_bibliography_to_the_back(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """In the PDF, keep the bibliography page's entries but not its heading and prose.

    Sphinx's LaTeX writer gathers every citation into one bibliography at the
    end of the book, which would leave the bibliography chapter empty.
    """
    if app.builder.format != "latex":
        return
    for chapter in doctree.findall(addnodes.start_of_file):
        if chapter["docname"] != app.config.edition_bibliography_page:
            continue
        # inline_all_toctrees gives start_of_file its page's children without
        # re-parenting them, so walk the children, not parent links.
        for section in [child for child in chapter.children if isinstance(child, nodes.section)]:
            kept = [child for child in section.children if any(child.findall(nodes.citation))]
            chapter.replace(section, kept)


def write_outputs(app: Sphinx, exception: Exception | None) -> None:
    """After an HTML build: write the Web Annotation collection next to the pages."""
    if exception or app.builder.format != "html":
        return
    base = app.config.html_baseurl or ""
    page_of = {r.id: page for page, records in app.edition_pages.items() for r in records}  # type: ignore[attr-defined]
    data = collection(
        app.edition_annotations.values(),  # type: ignore[attr-defined]
        lambda r: base + app.builder.get_target_uri(page_docname(app, page_of[r.id])),
    )
    out = Path(app.outdir) / "annotations.jsonld"
    out.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


def setup(app: Sphinx) -> dict[str, Any]:
    """Register the edition's configuration, nodes, directives and events."""
    bibstyle.register()
    app.add_config_value("edition_title", "When Psychotherapists Are Less Healthy Than Their Clients", "env")
    app.add_config_value("edition_subtitle", "An annotated edition", "env")
    app.add_config_value("edition_author", "Daniel Mackler", "env")
    app.add_config_value("edition_editors", "Edited, with notes, responses and a teaching guide, by the editors", "env")
    app.add_config_value("edition_source_file", "book/_source/essay-and-comments.txt", "env")
    app.add_config_value("edition_annotations_dir", "annotations", "env")
    app.add_config_value("edition_pages_dir", "book", "env")
    app.add_config_value("edition_assets_digest", "", "env")
    app.add_config_value("edition_bibliography_page", "book/bibliography", "env")
    # Jupyter Book always passes this key; the comment extension that reads it is
    # not loaded (no page loads anything from another host), so accept it here.
    app.add_config_value("comments_config", {}, "html")
    app.add_config_value("edition_pdf_name", "when-psychotherapists-are-less-healthy.pdf", "html")

    fallback = (ed.visit_children_only, ed.depart_children_only)
    skip = (ed.skip_node, None)
    for node in (ed.unit_number, ed.line_break):
        app.add_node(
            node,
            html=(getattr(html, f"visit_{node.__name__}"), None),
            latex=(getattr(latex, f"visit_{node.__name__}"), None),
            text=fallback,
        )
    for node in (ed.response, ed.response_byline, ed.annotation_anchor, ed.annotation_note, ed.annotation_para):
        name = node.__name__
        app.add_node(
            node,
            html=(getattr(html, f"visit_{name}"), getattr(html, f"depart_{name}")),
            latex=(getattr(latex, f"visit_{name}"), getattr(latex, f"depart_{name}")),
            text=fallback,
        )
    app.add_node(ed.part_start, html=skip, latex=(latex.visit_part_start, None), text=skip)

    app.add_directive("passage", PassageDirective)
    app.add_directive("response", ResponseDirective)
    app.add_directive("annotation", AnnotationDirective)
    app.add_role("unit", UnitRole())
    app.add_transform(PlaceAnnotations)

    app.connect("config-inited", add_defaults)
    app.connect("builder-inited", load_everything)
    app.connect("env-before-read-docs", check_pages_exist)
    app.connect("env-get-outdated", outdated_pages)
    app.connect("source-read", append_annotation_directives)
    app.connect("doctree-read", mark_parts)
    app.connect("doctree-resolved", move_bibliography_to_the_back)
    app.connect("build-finished", write_outputs)
    app.add_latex_package("edition")
    app.add_css_file("edition.css")
    app.add_js_file("edition.js")
    app.setup_extension("edition.weight")
    app.setup_extension("edition.quoting")
    app.setup_extension("edition.evidence")
    app.setup_extension("edition.licence")
    return {"version": __version__, "parallel_read_safe": True, "parallel_write_safe": True}
