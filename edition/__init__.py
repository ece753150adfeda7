"""The annotated edition's Sphinx extension.

Sphinx glue only: the pure logic lives in ``source`` (the text), ``records``
(annotation files), ``anchoring`` (finding a phrase) and ``webannotation``
(the JSON-LD export); each output format has its own visitor module
(``html``, ``latex``).
"""

from __future__ import annotations

import os

from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.environment import BuildEnvironment

from . import bibstyle, digest, export, faults, html, latex, layers, plaintext, project
from . import elements as ed
from .ellipsis import MarkEllipses
from .figures import MarkFigures
from .directives import AnnotationDirective, EditionError, PassageDirective, ResponseDirective, UnitRole
from .placement import PlaceAnnotations
from .records import Annotation, AnnotationError, check_unique, check_units, load_file
from .project import annotated_page
from .source import load_source
from .state import EditionDomain, EditionState, domain_of, page_docname, state_of

__version__ = "1.0.0"

STATIC = Path(__file__).parent / "static"
TEMPLATES = Path(__file__).parent / "templates"


def assets_digest() -> str:
    """A digest of the stylesheets, scripts, templates (web and EPUB) and LaTeX layouts.

    Stored as a configuration value that only the HTML builder watches, so
    that editing any of them makes the next build write every page again
    without reading any (Sphinx otherwise finds “no targets out of date” and
    leaves the old pages in place).
    """
    package = Path(__file__).parent
    return digest.assets_digest([STATIC, TEMPLATES, package / "epub", package / "latex"])


def add_defaults(app: Sphinx, config: Config) -> None:
    """Fill the LaTeX settings and theme hooks the edition needs, unless set."""
    config.edition_assets_digest = assets_digest()
    engine = config.latex_engine
    elements = latex.latex_elements(
        latex.escape(config.edition_title, engine),
        latex.escape(config.edition_subtitle, engine),
        latex.escape(config.edition_author, engine),
        latex.escape(config.edition_editors, engine),
        config.edition_bibliography_page,
        config.edition_paper,
        config.edition_sides,
        latex.Edition(
            latex.escape(config.edition_version, engine),
            config.edition_source_url,
            latex.escape(config.edition_source_read, engine),
        ),
        contact=latex.escape(config.edition_contact.strip(), engine),
    )
    elements.update(config.latex_elements or {})
    config.latex_elements = elements
    config.latex_docclass = {"manual": "book", **(config.latex_docclass or {})}
    config.show_warning_types = True  # each fault's line ends with its [edition.<subtype>]
    config.latex_use_xindy = False  # no index in this book, and xindy is not needed
    config.latex_table_style = ["booktabs"]  # rules, no tinted rows: a printed table
    config.latex_additional_files = [*config.latex_additional_files, str(latex.STYLE_FILE)]
    config.templates_path = [*config.templates_path, str(TEMPLATES)]
    config.html_static_path = [*config.html_static_path, str(STATIC)]
    if config.html_theme == "sphinx_book_theme":  # the option and its template are that theme's
        options = dict(config.html_theme_options or {})
        options.setdefault("article_header_end", ["edition-buttons.html", "article-header-buttons.html"])
        config.html_theme_options = options
    # The PDF's name has one home: the LaTeX target name in _config.yml.
    pdf = config.edition_pdf_name or project.pdf_name(Path(app.srcdir))
    config.edition_pdf_name = pdf or str(Path(config.latex_documents[0][1]).with_suffix(".pdf"))
    config.html_context = {**(config.html_context or {}), "edition_pdf": config.edition_pdf_name}


def load_state(root: Path, source_file: str, annotations_folder: str, wanted_layers: list[str]) -> EditionState:
    """Read the source text and every annotation file of the layers shown; report each
    fault and leave its record out.

    A source file that cannot be read stops the build (every page needs it);
    an annotation file that cannot be read is reported and skipped.
    """
    source_path = root / source_file
    try:
        source = load_source(source_path)
    except (OSError, UnicodeDecodeError, ValueError) as err:
        raise EditionError(f"{source_file}: the source text cannot be read: {err}") from None
    state = EditionState(source=source, source_path=str(source_path))
    layer_faults: list[AnnotationError] = []
    found_layers, files = layers.discover(root / annotations_folder, root, layer_faults)
    for fault in layer_faults:
        faults.report(fault)
    try:
        shown = layers.select(found_layers, wanted_layers)
    except AnnotationError as err:
        raise EditionError(str(err)) from None
    state.layers = {name: found_layers[name] for name in shown}
    seen: dict[str, Annotation] = {}
    for layer, page, path in files:
        if layer not in shown:
            continue
        state.files.setdefault(page, []).append(path.relative_to(root).as_posix())
        found: list[AnnotationError] = []
        try:
            loaded = load_file(path, root, found, layer)
        except AnnotationError as err:
            found.append(err)
            loaded = []
        kept = []
        for record in loaded:
            try:
                check_units([record], source.ids)
                if record.id in seen:
                    check_unique([seen[record.id], record])
            except AnnotationError as err:
                found.append(err)
                continue
            seen[record.id] = record
            kept.append(record)
        for fault in found:
            faults.report(fault)
        state.pages.setdefault(page, []).extend(kept)
    for page, records in state.pages.items():
        state.pages[page] = without_broken_replies(records)
    state.annotations = {r.id: r for records in state.pages.values() for r in records}
    return state


def without_broken_replies(records: list[Annotation]) -> list[Annotation]:
    """A page's records less each reply that answers no note of the page (reported);
    a reply to a dropped reply is reported and dropped in turn."""
    while True:
        try:
            layers.check_replies(records)
            return records
        except AnnotationError as err:
            faults.report(err)
            records = [r for r in records if r.id != err.annotation_id]


def load_everything(app: Sphinx) -> None:
    """Read the source text and every annotation file before any page is read."""
    domain_of(app.env).state = load_state(
        Path(app.srcdir),
        app.config.edition_source_file,
        app.config.edition_annotations_dir,
        app.config.edition_layers,
    )
    domain_of(app.env).state.toc_parts = project.toc_parts(Path(app.srcdir))


#: The settings of Jupyter Book's ``execute:`` section, which it passes to Sphinx as
#: myst-nb's configuration (``jupyter_book/config.py``) whether or not the book has notebooks.
NOTEBOOK_SETTINGS = (
    "nb_execution_allow_errors", "nb_execution_raise_on_error", "nb_eval_name_regex",
    "nb_execution_show_tb", "nb_execution_in_temp", "nb_output_stderr", "nb_execution_timeout",
    "nb_execution_cache_path", "nb_execution_mode", "nb_execution_excludepatterns",
)


def declare_notebook_settings(app: Sphinx) -> None:
    """Declare Jupyter Book's notebook settings, unused, in a book that reads its
    Markdown with myst-parser rather than myst-nb: without it Sphinx warns that each
    is unknown, and under ``-W`` the build fails. A book that loads myst-nb (it
    declares them itself) is left alone."""
    if "myst_nb" in app.config.extensions:
        return
    for name in NOTEBOOK_SETTINGS:
        if name not in app.config.values:
            app.add_config_value(name, None, "")


def check_pages_exist(app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
    """Report an annotation file whose page is not in the book."""
    for page, paths in state_of(env).files.items():
        if page_docname(app, page) not in env.found_docs:
            for path in paths:
                fault = AnnotationError(path, f"annotations for page “{page}”, which is not in the book", subtype="page")
                faults.report(fault)


def outdated_pages(
    app: Sphinx, env: BuildEnvironment, added: set[str], changed: set[str], removed: set[str]
) -> list[str]:
    """Pages whose annotation file appeared or disappeared since the last build, and pages
    whose reading reported a fault (so that every build reports it until it is mended)."""
    now = {page_docname(app, p) for p, r in state_of(env).pages.items() if r}
    before = set(domain_of(env).annotated)
    return sorted(((now ^ before) | set(domain_of(env).faulty) | stale_outputs(app)) & env.found_docs)


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
    for page, records in state_of(app.env).pages.items():
        if not records:
            continue
        docname = page_docname(app, page)
        output = Path(output_of(docname))
        newest = max((Path(app.srcdir) / p).stat().st_mtime for p in {r.path for r in records})
        if not output.exists() or newest > output.stat().st_mtime:
            stale.add(docname)
    return stale


def append_annotation_directives(app: Sphinx, docname: str, source: list[str]) -> None:
    """Append one ``{annotation}`` directive per record to the page it annotates."""
    page = annotated_page(app.config.edition_pages_dir, docname)
    records = state_of(app.env).pages.get(page, []) if page is not None else []
    if not records:
        return
    for path in sorted({r.path for r in records}):
        app.env.note_dependency(str(Path(app.srcdir) / path))
    domain_of(app.env).annotated[docname] = records[0].path
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
    export.write_collection(app)


def edition_version_role(name: str, rawtext: str, text: str, lineno: int, inliner: Any,
                         options: dict | None = None, content: list | None = None) -> tuple[list, list]:
    """``{edition-version}`number``` prints the configured ``edition_version`` (one place for About, the citation and the imprint)."""
    config = inliner.document.settings.env.config
    if not config.edition_version:
        message = inliner.reporter.error("edition_version is not set in _config.yml", line=lineno)
        return [inliner.problematic(rawtext, rawtext, message)], [message]
    return [nodes.Text(config.edition_version)], []


def setup(app: Sphinx) -> dict[str, Any]:
    """Register the edition's configuration, nodes, directives and events."""
    bibstyle.register()
    app.add_config_value("edition_title", "When Psychotherapists Are Less Healthy Than Their Clients", "env")
    app.add_config_value("edition_subtitle", "An independent annotated edition", "env")
    app.add_config_value("edition_author", "Daniel Mackler", "env")
    app.add_config_value("edition_editors", "Edited, with notes, responses and a teaching guide, by the editors", "env")
    app.add_config_value("edition_source_file", "book/_source/essay-and-comments.txt", "env")
    app.add_config_value("edition_annotations_dir", "annotations", "env")
    app.add_config_value("edition_pages_dir", "book", "env")
    app.add_config_value("edition_assets_digest", "", "html")
    app.add_config_value("edition_bibliography_page", "book/bibliography", "env")
    # the edition's version (About, the citation and the imprint print it: {edition-version}`number`)
    app.add_config_value("edition_version", "", "env")
    # the source page's address and the date the copy was read: printed in the
    # imprint when set; the project has no record of either yet
    app.add_config_value("edition_source_url", "", "env")
    app.add_config_value("edition_source_read", "", "env")
    # the PDF's paper: a4 (the default) or letter; `make pdf PAPER=letter` sets EDITION_PAPER
    app.add_config_value("edition_paper", os.environ.get("EDITION_PAPER") or "a4", "env")
    # one- or two-sided printing: `make pdf SIDES=two` sets EDITION_SIDES
    app.add_config_value("edition_sides", os.environ.get("EDITION_SIDES") or "one", "env")
    # Jupyter Book always passes this key; the comment extension that reads it is
    # not loaded (no page loads anything from another host), so accept it here.
    app.add_config_value("comments_config", {}, "html")
    app.add_config_value("edition_pdf_name", "", "html")  # default: from _config.yml (edition.project)
    # The annotation layers to show (all when empty), e.g. ["editors", "class"].
    app.add_config_value("edition_layers", [], "env", types=[list])

    fallback = (ed.visit_children_only, ed.depart_children_only)
    skip = (ed.skip_node, None)
    for node in (ed.unit_number, ed.line_break):
        app.add_node(
            node,
            html=(getattr(html, f"visit_{node.__name__}"), None),
            latex=(getattr(latex, f"visit_{node.__name__}"), None),
            text=fallback,
            man=fallback,
            texinfo=fallback,
        )
    for node in (ed.response, ed.response_byline, ed.annotation_anchor, ed.annotation_note, ed.annotation_para):
        name = node.__name__
        app.add_node(
            node,
            html=(getattr(html, f"visit_{name}"), getattr(html, f"depart_{name}")),
            latex=(getattr(latex, f"visit_{name}"), getattr(latex, f"depart_{name}")),
            text=fallback,
            man=fallback,
            texinfo=fallback,
        )
    app.add_node(ed.part_start, html=skip, latex=(latex.visit_part_start, None), text=skip, man=skip, texinfo=skip)
    app.add_node(
        ed.spaced_ellipsis,
        html=(html.visit_spaced_ellipsis, html.depart_spaced_ellipsis),
        latex=(latex.visit_spaced_ellipsis, None),
        text=fallback, man=fallback, texinfo=fallback,
    )
    app.add_node(ed.lining, html=(html.visit_lining, None), latex=(latex.visit_lining, None),
                 text=fallback, man=fallback, texinfo=fallback)
    app.add_post_transform(MarkEllipses)
    app.add_post_transform(MarkFigures)
    app.add_post_transform(latex.PrintTypesetting)
    # Plain text sets each note apart, after its paragraph (edition/plaintext.py).
    app.add_post_transform(plaintext.SetNotesApart)
    app.add_node(ed.unit_number, override=True, text=(plaintext.visit_unit_number, None))
    app.add_node(ed.line_break, override=True, text=(plaintext.visit_line_break, None))
    app.add_node(ed.annotation_note, override=True,
                 text=(plaintext.visit_annotation_note, plaintext.depart_annotation_note))
    app.add_node(ed.annotation_para, override=True,
                 text=(plaintext.visit_annotation_para, plaintext.depart_annotation_para))
    app.add_domain(EditionDomain)
    # Replaces the theme-independent docutils visitor; see html.visit_citation.
    app.add_node(nodes.citation, override=True, html=(html.visit_citation, html.depart_citation))

    app.add_directive("passage", PassageDirective)
    app.add_directive("response", ResponseDirective)
    app.add_directive("annotation", AnnotationDirective)
    app.add_role("edition-version", edition_version_role)
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
    app.setup_extension("edition.classroom")
    app.setup_extension("edition.crowding")
    app.setup_extension("edition.epub")
    app.setup_extension("edition.webextras")
    app.setup_extension("edition.quoting")
    app.setup_extension("edition.evidence")
    app.setup_extension("edition.licence")
    app.setup_extension("edition.speed")
    declare_notebook_settings(app)
    return {
        "version": __version__,
        # A change to the code, _config.yml or requirements.txt re-reads every page.
        "env_version": digest.code_digest(Path(app.srcdir)),
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
