"""Everything the edition registers with Sphinx, in one table, and its one ``setup()``.

Read from top to bottom, this module is the extension: its configuration
(declared in :mod:`edition.build.settings`), the nodes with a visitor pair for
every builder, the directives and roles, the transforms with their named
priorities (:mod:`edition.build.priorities`), and the event handlers in the
order they run. The code each row names lives in its layer: ``text`` and
``notes`` (pure), ``build`` (the doctree), ``writers`` (each output format),
``classroom`` (layers, the W3C export, the class report).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.builders.epub3 import validate_config_values
from sphinx.config import Config
from sphinx.errors import ConfigError

from . import __version__
from .build import bibstyle, digest, evidence, loading, pages, priorities, quote_role, speed
from .build import nodes as ed
from .build.directives import AnnotationDirective, PassageDirective, ResponseDirective, UnitRole, edition_version_role
from .build.ellipsis import MarkEllipses
from .build.figures import MarkFigures
from .build.placement import PlaceAnnotations
from .build.settings import FOREIGN_SETTINGS, SETTINGS, setting_faults
from .build.state import EditionDomain
from .classroom import export, layer_glue
from .classroom.layer_glue import LayerMarks, LayerNotes
from .text import project
from .text.licence import CC_BY_URL, about_substitutions
from .writers import epub, html, latex, plain, plaintext, webextras, weight
from .writers.crowding import CrowdedMargins
from .writers.latex import PrintTypesetting
from .writers.webextras import LabelIntroductions, NameUnitLinks, UnitSearchEntries

STATIC = Path(__file__).parent / "static"
TEMPLATES = Path(__file__).parent / "templates"

# ------------------------------------------------------------------ nodes

#: Every node of the edition, with its (visit, depart) pair for each builder. The
#: website's other HTML builders (dirhtml, singlehtml) use the ``html`` pair; text,
#: man and Texinfo show a node's words where it stands (``writers/plain.py``); plain
#: text sets each note apart after its paragraph (``writers/plaintext.py``).
NODES: tuple[tuple[type[nodes.Element], dict[str, tuple[Any, Any]]], ...] = (
    (ed.unit_number, {
        "html": (html.visit_unit_number, None),
        "latex": (latex.visit_unit_number, None),
        "epub": (epub.visit_unit_number, None),
        "text": (plaintext.visit_unit_number, None),
        "man": (plain.visit_children_only, plain.depart_children_only),
        "texinfo": (plain.visit_children_only, plain.depart_children_only),
    }),
    (ed.line_break, {
        "html": (html.visit_line_break, None),
        "latex": (latex.visit_line_break, None),
        "epub": (html.visit_line_break, None),
        "text": (plaintext.visit_line_break, None),
        "man": (plain.visit_children_only, plain.depart_children_only),
        "texinfo": (plain.visit_children_only, plain.depart_children_only),
    }),
    (ed.response, {
        "html": (html.visit_response, html.depart_response),
        "latex": (latex.visit_response, latex.depart_response),
        "epub": (epub.visit_response, epub.depart_response),
        "text": (plain.visit_children_only, plain.depart_children_only),
        "man": (plain.visit_children_only, plain.depart_children_only),
        "texinfo": (plain.visit_children_only, plain.depart_children_only),
    }),
    (ed.response_byline, {
        "html": (html.visit_response_byline, html.depart_response_byline),
        "latex": (latex.visit_response_byline, latex.depart_response_byline),
        "epub": (html.visit_response_byline, html.depart_response_byline),
        "text": (plain.visit_children_only, plain.depart_children_only),
        "man": (plain.visit_children_only, plain.depart_children_only),
        "texinfo": (plain.visit_children_only, plain.depart_children_only),
    }),
    (ed.annotation_anchor, {
        "html": (html.visit_annotation_anchor, html.depart_annotation_anchor),
        "latex": (latex.visit_annotation_anchor, latex.depart_annotation_anchor),
        "epub": (epub.visit_annotation_anchor, epub.depart_annotation_anchor),
        "text": (plain.visit_children_only, plain.depart_children_only),
        "man": (plain.visit_children_only, plain.depart_children_only),
        "texinfo": (plain.visit_children_only, plain.depart_children_only),
    }),
    (ed.annotation_note, {
        "html": (html.visit_annotation_note, html.depart_annotation_note),
        "latex": (latex.visit_annotation_note, latex.depart_annotation_note),
        "epub": (epub.visit_annotation_note, epub.depart_annotation_note),
        "text": (plaintext.visit_annotation_note, plaintext.depart_annotation_note),
        "man": (plain.visit_children_only, plain.depart_children_only),
        "texinfo": (plain.visit_children_only, plain.depart_children_only),
    }),
    (ed.annotation_para, {
        "html": (html.visit_annotation_para, html.depart_annotation_para),
        "latex": (latex.visit_annotation_para, latex.depart_annotation_para),
        "epub": (epub.visit_annotation_para, epub.depart_annotation_para),
        "text": (plaintext.visit_annotation_para, plaintext.depart_annotation_para),
        "man": (plain.visit_children_only, plain.depart_children_only),
        "texinfo": (plain.visit_children_only, plain.depart_children_only),
    }),
    (ed.annotation_reply, {
        "html": (html.visit_annotation_reply, html.depart_annotation_reply),
        "latex": (latex.visit_annotation_reply, latex.depart_annotation_reply),
        "epub": (epub.visit_annotation_reply, epub.depart_annotation_reply),
        "text": (plaintext.visit_reply, plaintext.depart_reply),
        "man": (plain.visit_children_only, plain.depart_children_only),
        "texinfo": (plain.visit_children_only, plain.depart_children_only),
    }),
    (ed.part_start, {
        "html": (plain.skip_node, None),
        "latex": (latex.visit_part_start, None),
        "epub": (plain.skip_node, None),
        "text": (plain.skip_node, None),
        "man": (plain.skip_node, None),
        "texinfo": (plain.skip_node, None),
    }),
    (ed.spaced_ellipsis, {
        "html": (html.visit_spaced_ellipsis, html.depart_spaced_ellipsis),
        "latex": (latex.visit_spaced_ellipsis, None),
        "epub": (html.visit_spaced_ellipsis, html.depart_spaced_ellipsis),
        "text": (plain.visit_children_only, plain.depart_children_only),
        "man": (plain.visit_children_only, plain.depart_children_only),
        "texinfo": (plain.visit_children_only, plain.depart_children_only),
    }),
    (ed.lining, {
        "html": (html.visit_lining, None),
        "latex": (latex.visit_lining, None),
        "epub": (epub.visit_lining, None),
        "text": (plain.visit_children_only, plain.depart_children_only),
        "man": (plain.visit_children_only, plain.depart_children_only),
        "texinfo": (plain.visit_children_only, plain.depart_children_only),
    }),
    # made on the website and in the EPUB only (NameUnitLinks); elsewhere its words
    (ed.unit_link, {
        "html": (html.visit_unit_link, None),
        "latex": (plain.visit_children_only, plain.depart_children_only),
        "epub": (html.visit_unit_link, None),
        "text": (plain.visit_children_only, plain.depart_children_only),
        "man": (plain.visit_children_only, plain.depart_children_only),
        "texinfo": (plain.visit_children_only, plain.depart_children_only),
    }),
    # made in print only (CrowdedMargins); elsewhere its words
    (ed.endnotes, {
        "html": (plain.visit_children_only, plain.depart_children_only),
        "latex": (latex.visit_endnotes, latex.depart_endnotes),
        "epub": (plain.visit_children_only, plain.depart_children_only),
        "text": (plain.visit_children_only, plain.depart_children_only),
        "man": (plain.visit_children_only, plain.depart_children_only),
        "texinfo": (plain.visit_children_only, plain.depart_children_only),
    }),
    (ed.more_notes, {
        "html": (plain.skip_node, None),
        "latex": (latex.visit_more_notes, None),
        "epub": (plain.skip_node, None),
        "text": (plain.skip_node, None),
        "man": (plain.skip_node, None),
        "texinfo": (plain.skip_node, None),
    }),
    # made in the EPUB only (gather_notes); elsewhere its words
    (ed.notes_section, {
        "html": (plain.visit_children_only, plain.depart_children_only),
        "latex": (plain.visit_children_only, plain.depart_children_only),
        "epub": (epub.visit_notes_section, epub.depart_notes_section),
        "text": (plain.visit_children_only, plain.depart_children_only),
        "man": (plain.visit_children_only, plain.depart_children_only),
        "texinfo": (plain.visit_children_only, plain.depart_children_only),
    }),
)

#: docutils' own nodes that the edition writes its own way, for the builders named.
OVERRIDDEN_NODES: tuple[tuple[type[nodes.Element], dict[str, tuple[Any, Any]]], ...] = (
    # a bibliography entry as an item of its list (html.visit_citation says why)
    (nodes.citation, {
        "html": (html.visit_citation, html.depart_citation),
        "epub": (html.visit_citation, html.depart_citation),
    }),
    # a response's byline as a heading in the e-book (epub.byline_heading)
    (nodes.paragraph, {
        "epub": (epub.visit_paragraph, epub.depart_paragraph),
    }),
)

# ------------------------------------------------------------------ transforms

#: The transforms, while a page is read, with their priorities.
TRANSFORMS: tuple[tuple[type, int], ...] = (
    (LayerNotes, priorities.LAYER_NOTES),
    (PlaceAnnotations, priorities.PLACE_NOTES),
    (LayerMarks, priorities.LAYER_MARKS),
)

#: The post-transforms, on each output's resolved doctree, with their priorities
#: (at one priority, in this order).
POST_TRANSFORMS: tuple[tuple[type, int], ...] = (
    (MarkEllipses, priorities.MARK_ELLIPSES),
    (MarkFigures, priorities.MARK_FIGURES),
    (PrintTypesetting, priorities.PRINT_TYPESETTING),
    (CrowdedMargins, priorities.CROWDED_MARGINS),
    (NameUnitLinks, priorities.NAME_UNIT_LINKS),
    (LabelIntroductions, priorities.LABEL_INTRODUCTIONS),
    (UnitSearchEntries, priorities.UNIT_SEARCH_ENTRIES),
    (plaintext.SetNotesApart, priorities.SET_NOTES_APART),
)

# ------------------------------------------------------------------ configuration


def assets_digest() -> str:
    """A digest of the stylesheets, scripts, templates (web and EPUB) and LaTeX layouts.

    Stored as a configuration value that only the HTML builder watches, so
    that editing any of them makes the next build write every page again
    without reading any (Sphinx otherwise finds “no targets out of date” and
    leaves the old pages in place).
    """
    package = Path(__file__).parent
    return digest.assets_digest([STATIC, TEMPLATES, package / "epub", package / "latex"])


def check_configuration(config: Config) -> None:
    """Stop the build on a configuration fault, one line each (:func:`setting_faults`)."""
    faults = setting_faults({setting.name: config[setting.name] for setting in SETTINGS})
    if faults:
        raise ConfigError("the edition's configuration:\n" + "\n".join(f"  {fault}" for fault in faults))


def configure(app: Sphinx, config: Config) -> None:
    """The one ``config-inited`` handler: check the edition's values, then derive
    from them every setting of Sphinx, the theme and the writers the edition needs,
    ``latex_elements`` and ``html_context`` among them, each once, in this order.

    A value the book sets itself in ``latex_elements`` wins over the edition's,
    except the title page of a book of several layers (it names them).
    """
    check_configuration(config)
    config.edition_assets_digest = assets_digest()
    # print
    elements = latex.latex_elements_of(config)
    elements.update(config.latex_elements or {})
    layers_title = layer_glue.layers_title_page(app, config)
    if layers_title is not None:
        elements["maketitle"] = layers_title
    if "DUrolequotation" not in elements.get("preamble", ""):
        elements["preamble"] = elements.get("preamble", "") + "\n" + quote_role.LATEX_PREAMBLE
    config.latex_elements = elements
    config.latex_docclass = {"manual": "book", **(config.latex_docclass or {})}
    config.latex_use_xindy = False  # no index in this book, and xindy is not needed
    config.latex_table_style = ["booktabs"]  # rules, no tinted rows: a printed table
    config.latex_additional_files = [*config.latex_additional_files, str(latex.STYLE_FILE),
                                     str(layer_glue.LAYERS_STY)]
    # every fault's line ends with its [edition.<subtype>]
    config.show_warning_types = True
    # the website
    config.templates_path = [*config.templates_path, str(TEMPLATES)]
    config.html_static_path = [*config.html_static_path, str(STATIC)]
    if config.html_theme == "sphinx_book_theme":  # the option and its template are that theme's
        options = dict(config.html_theme_options or {})
        options.setdefault("article_header_end", ["edition-buttons.html", "article-header-buttons.html"])
        config.html_theme_options = options
    # the PDF's name has one home: the LaTeX target name in _config.yml; the EPUB's follows it
    pdf = config.edition_pdf_name or project.pdf_name(Path(app.srcdir))
    config.edition_pdf_name = pdf or str(Path(config.latex_documents[0][1]).with_suffix(".pdf"))
    epub.configure(config)
    config.html_context = {
        **(config.html_context or {}),
        "edition_pdf": config.edition_pdf_name,
        "edition_licence": config.edition_licence,  # the footer (templates/copyright.html)
        "edition_licence_url": CC_BY_URL,
        "edition_epub": epub.epub_name(config),
    }
    # the About page's routes for corrections and removal requests
    config.myst_substitutions = {**(config.myst_substitutions or {}),
                                 **about_substitutions(config.edition_contact.strip())}


#: Jupyter Book's ``execute:`` settings, which it passes to Sphinx as myst-nb's
#: configuration (``jupyter_book/config.py``) whether or not the book has notebooks.
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


# ------------------------------------------------------------------ events

#: Every event handler, in the order it runs: by priority (lower first), then as listed.
EVENTS: tuple[tuple[str, Any, int], ...] = (
    ("config-inited", configure, priorities.DEFAULT),
    # the source and every annotation file, before any page is read
    ("builder-inited", loading.load_everything, priorities.DEFAULT),
    ("builder-inited", epub.check_metadata, priorities.DEFAULT),
    ("builder-inited", speed.keep_compiled_templates, priorities.DEFAULT),
    ("builder-inited", layer_glue.add_web_assets, priorities.AFTER_LOADING),
    ("builder-inited", evidence.check_notes, priorities.AFTER_LOADING),
    ("builder-inited", speed.freeze_startup_objects, priorities.LAST),
    ("env-get-outdated", pages.outdated_pages, priorities.DEFAULT),
    ("env-get-outdated", layer_glue.pages_of_changed_layers, priorities.DEFAULT),
    ("env-before-read-docs", pages.check_pages_exist, priorities.DEFAULT),
    ("env-before-read-docs", layer_glue.refuse_unsafe_bodies, priorities.DEFAULT),
    ("source-read", pages.append_annotation_directives, priorities.DEFAULT),
    ("doctree-read", pages.mark_parts, priorities.DEFAULT),
    ("doctree-read", quote_role.report_faults, priorities.DEFAULT),
    ("doctree-resolved", pages.move_bibliography_to_the_back, priorities.DEFAULT),
    ("doctree-resolved", epub.gather_notes, priorities.DEFAULT),
    ("doctree-resolved", quote_role.add_words_to_links, priorities.DEFAULT),
    ("html-page-context", webextras.sidebar_navigation, priorities.BEFORE_THEME),
    ("html-page-context", weight.prune_assets, priorities.DEFAULT),
    ("html-page-context", webextras.preload_font, priorities.DEFAULT),
    ("build-finished", export.write_after_html, priorities.DEFAULT),
    ("build-finished", weight.remove_unused_static, priorities.DEFAULT),
    ("build-finished", weight.minify_scripts, priorities.AFTER_LOADING),
    ("build-finished", weight.inline_page_styles, priorities.AFTER_LOADING),
    ("build-finished", weight.write_entry_page, priorities.LAST),
)


# ------------------------------------------------------------------ setup


def setup(app: Sphinx) -> dict[str, Any]:
    """Register the edition: configuration, nodes, directives, roles, transforms, events."""
    bibstyle.register()
    for setting in (*SETTINGS, *FOREIGN_SETTINGS):
        app.add_config_value(setting.name, setting.default_value(), setting.rebuild, types=list(setting.types))
    declare_notebook_settings(app)

    for node, visitors in NODES:
        app.add_node(node, **visitors)
    for node, visitors in OVERRIDDEN_NODES:
        app.add_node(node, override=True, **visitors)
    app.add_domain(EditionDomain)
    app.add_directive("passage", PassageDirective)
    app.add_directive("response", ResponseDirective)
    app.add_directive("annotation", AnnotationDirective)
    app.add_role("edition-version", edition_version_role)
    app.add_role("unit", UnitRole())
    app.add_role("q", quote_role.QuoteRole())
    for transform, _priority in TRANSFORMS:
        app.add_transform(transform)
    for transform, _priority in POST_TRANSFORMS:
        app.add_post_transform(transform)

    # the e-book builder replaces Sphinx's, and its checks of the EPUB settings
    app.add_builder(epub.EditionEpubBuilder, override=True)
    for listener in list(app.events.listeners.get("builder-inited", [])):
        if listener.handler is validate_config_values:
            app.disconnect(listener.id)
    for event, handler, priority in EVENTS:
        app.connect(event, handler, priority=priority)

    app.add_latex_package("edition")
    app.add_latex_package("editionlayers")
    app.add_css_file("edition.css")
    # edition-quote.js is loaded by edition.js only when a page is reached from a
    # quotation (?quote=…); layers.js and discuss.js by layer_glue.add_web_assets
    app.add_js_file("edition.js")
    return {
        "version": __version__,
        # A change to the code, _config.yml or requirements.txt re-reads every page.
        "env_version": digest.code_digest(Path(app.srcdir)),
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
