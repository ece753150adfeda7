"""Teaching use of the edition (Sphinx glue): untrusted bodies, layers, replies, live discussion.

- Every annotation body, in every layer, is checked against the allow-list
  of :mod:`edition.notes.bodies` before any page is read; a refused body gives one
  warning naming the file, the line and the record, and its note (with any
  reply to it) is dropped, so nothing of it is ever parsed.
- Notes carry their layer; when the book shows more than one layer, each
  note's label names its layer (web and print), and replies are moved under
  the note they answer (:mod:`edition.notes.layers`).
- ``edition_hypothesis`` adds an opt-in "Discuss" button (see
  ``static/discuss.js``); off by default, when the site loads nothing from
  another host.
"""

from __future__ import annotations

import json
import posixpath
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.environment import BuildEnvironment
from sphinx.transforms import SphinxTransform

from ..build import priorities
from ..build import nodes as ed
from ..build import faults
from ..writers import latex
from ..notes.bodies import body_faults, refusal
from ..build.settings import hypothesis_settings
from ..notes.layers import Layer, discover, note_label, select, threads
from ..notes.records import Annotation, AnnotationError
from ..build.state import domain_of, page_docname, state_of


def _parser(app: Sphinx) -> Any:
    """The project's MyST Markdown parser (markdown-it with MyST's plugins)."""
    from markdown_it.renderer import RendererHTML
    from myst_parser.parsers.mdit import create_md_parser

    return create_md_parser(app.env.myst_config, RendererHTML)  # type: ignore[attr-defined]


def drop(env: BuildEnvironment, dropped: set[str]) -> None:
    """Remove records from the registry and their pages, with every reply below them."""
    registry = state_of(env).annotations
    changed = True
    while changed:
        changed = False
        for record in list(registry.values()):
            if record.id not in dropped and record.reply_to and record.reply_to in dropped:
                faults.report(record.error(f"not shown, it replies to “{record.reply_to}”, which was refused", "reply"))
                dropped.add(record.id)
                changed = True
    for aid in dropped:
        registry.pop(aid, None)
    for records in state_of(env).pages.values():
        records[:] = [r for r in records if r.id not in dropped]


def refuse_unsafe_bodies(app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
    """Check every body against the allow-list before any page is read; drop refused notes."""
    pages = state_of(env).pages
    parser = _parser(app)
    found = set(env.found_docs)
    refused: set[str] = set()
    for page, records in pages.items():
        page_dir = posixpath.dirname(page_docname(app, page))
        for record in records:
            unsafe = body_faults(record.body, page_dir=page_dir, docnames=found, parser=parser)
            if unsafe:
                faults.report(record.error(refusal(unsafe), "body"))
                refused.add(record.id)
    if refused:
        drop(env, refused)


#: The deepest a reply is indented: a longer thread goes on at this depth.
MAX_DEPTH = 4


def layer_mark(env: BuildEnvironment, layer: str) -> int:
    """The number of a layer's mark style: 0 for the editors, then 1, 2, 3 in order."""
    names = list(state_of(env).layers)
    return names.index(layer) % 4 if layer in names else 0


def tags_para(record: Annotation) -> list[nodes.Node]:
    """The record's tags as one more line of the note (none without tags)."""
    if not record.tags:
        return []
    text = "Tags: " + ", ".join(record.tags)
    return [ed.annotation_para(text, text, classes=["annotation-tags"])]


class LayerNotes(SphinxTransform):
    """Before notes are placed: give each note its layer and label, and move replies under their note."""

    default_priority = priorities.LAYER_NOTES

    def apply(self, **kwargs: object) -> None:
        registry = state_of(self.env).annotations
        notes = [n for n in self.document.findall(ed.annotation_note) if n["annotation_id"] in registry]
        if not notes:
            return
        shown = state_of(self.env).layers
        several = len(shown) > 1
        by_id = {}
        for note in notes:
            record = registry[note["annotation_id"]]
            note["layer"] = record.layer
            note["layer_mark"] = layer_mark(self.env, record.layer)
            note["kind_label"] = note_label(record, shown.get(record.layer), several)
            note.extend(tags_para(record))
            by_id[record.id] = note
        for root_id, replies in threads([registry[n["annotation_id"]] for n in notes]).items():
            parent = by_id[root_id]
            for record, depth in replies:
                note = by_id[record.id]
                note.parent.remove(note)
                reply = ed.annotation_reply(
                    ids=list(note["ids"]), annotation_id=record.id, label=note["kind_label"],
                    layer=record.layer, layer_mark=note["layer_mark"], depth=min(depth, MAX_DEPTH),
                )
                reply.extend(note.children)
                parent += reply


class LayerMarks(SphinxTransform):
    """After notes are placed: each phrase mark carries its note's layer."""

    default_priority = priorities.LAYER_MARKS

    def apply(self, **kwargs: object) -> None:
        registry = state_of(self.env).annotations
        for anchor in self.document.findall(ed.annotation_anchor):
            record = registry.get(anchor["annotation_id"])
            if record is not None:
                anchor["layer"] = record.layer
                anchor["layer_mark"] = layer_mark(self.env, record.layer)


#: The LaTeX macros of this module (replies in the margin, the class copy's title line).
LAYERS_STY = Path(__file__).parent.parent / "latex" / "editionlayers.sty"


def layers_title_page(app: Sphinx, config: Config) -> str | None:
    """On a title page of several layers, or of a class copy, the title page that names
    them (the ``maketitle`` element); ``None`` for the book's own title page."""
    root = Path(app.srcdir)
    try:
        found, _ = discover(root / config.edition_annotations_dir, root)
        shown = select(found, config.edition_layers)
    except AnnotationError:
        return None  # reported with its line when the annotations are loaded
    if len(shown) < 2 and not config.edition_layers:
        return None
    names = "; ".join(found[name].title for name in shown)
    kind = "A class copy" if config.edition_layers else config.edition_subtitle
    subtitle = f"{kind}, with the notes of: {names}"
    escaped = [latex.escape(text, config.latex_engine)
               for text in (config.edition_title, subtitle, config.edition_byline, config.edition_editors)]
    return latex.title_page(*escaped, imprint_text=latex.imprint_of(config))


def add_web_assets(app: Sphinx) -> None:
    """Load the layer chooser where the book shows several layers, and the opt-in
    discussion button where ``edition_hypothesis`` is enabled; otherwise nothing."""
    if app.builder.format != "html":
        return
    shown = state_of(app.env).layers
    if len(shown) > 1:
        data = [{"name": l.name, "title": l.title, "description": l.description} for l in shown.values()]
        # The layers go in an attribute of the script's own tag, which Sphinx escapes
        # as an attribute (a title may hold anything, ``</script>`` too), once a page.
        app.add_js_file("layers.js", **{"data-layers": json.dumps(data, ensure_ascii=False)})
        app.add_css_file("layers.css")
    settings = hypothesis_settings(app.config.edition_hypothesis)
    if settings["enabled"]:
        app.add_js_file(
            "discuss.js",
            **{"data-client": settings["client"], "data-group": settings["group"], "defer": "defer"},
        )
        app.add_css_file("discuss.css")


def pages_of_changed_layers(
    app: Sphinx, env: BuildEnvironment, added: set[str], changed: set[str], removed: set[str]
) -> list[str]:
    """Every annotated page, when the layers shown changed since the last build.

    A note's label names its layer only when several are shown, and each
    page loads the layer chooser only then: adding or removing a layer (or
    renaming one) changes pages whose own annotation files did not change.
    """
    state = state_of(env)
    signature = [(layer.name, layer.title) for layer in state.layers.values()]
    data = domain_of(env).data
    before = data.get("layer_signature")
    data["layer_signature"] = signature
    if before is None or before == signature:
        return []
    return sorted({page_docname(app, page) for page in state.pages} & env.found_docs)
