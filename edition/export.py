"""Writing ``annotations.jsonld`` after an HTML build (Sphinx glue).

The pure work is in :mod:`edition.webannotation`; this module finds each
annotated page's built HTML, so that the export carries the notes as the
reader sees them (rendered bodies, the phrase's context on the page).
"""

from __future__ import annotations

import json
from pathlib import Path

from sphinx.application import Sphinx

from .project import annotated_docname
from .state import state_of
from .urls import join_url
from .webannotation import EDITORS_LAYER, RenderedPage, collection, generated_time, read_page


def page_docname(app: Sphinx, page: str) -> str:
    """The docname of the page an annotation file names (``healing`` → ``book/healing``)."""
    return annotated_docname(app.config.edition_pages_dir, page)


def record_urls(app: Sphinx) -> dict[str, str]:
    """Each record's page, as a URL relative to the site's root; a reply is on its note's page.

    A further layer's file ``annotations/<layer>/<page>.yml`` annotates the page ``<page>``.
    """
    found = app.env.found_docs
    urls: dict[str, str] = {}
    for page, records in state_of(app.env).pages.items():
        docname = page_docname(app, page)
        if docname not in found:
            docname = page_docname(app, page.rsplit("/", 1)[-1])
        for record in records:
            urls[record.id] = app.builder.get_target_uri(docname)
    registry = state_of(app.env).annotations
    for record_id, record in registry.items():
        root, steps = record, 0
        while getattr(root, "reply_to", "") in registry and steps < len(registry):
            root, steps = registry[root.reply_to], steps + 1
        if root.id in urls:
            urls[record_id] = urls[root.id]
    return urls


def write_collection(app: Sphinx) -> Path:
    """Write every layer's notes to ``<outdir>/annotations.jsonld``; return its path."""
    from . import __version__

    base = app.config.html_baseurl or ""
    url_of = record_urls(app)
    rendered: dict[str, RenderedPage] = {}
    for url in sorted(set(url_of.values())):
        built = Path(app.outdir) / url
        if built.is_file():
            # Links in the rendered bodies: absolute under html_baseurl, else relative to the site's root.
            rendered[url] = read_page(built.read_text(encoding="utf-8"), join_url(base, url))
    data = collection(
        state_of(app.env).annotations.values(),
        lambda r: url_of.get(r.id, ""),
        pages=rendered,
        base=base,
        generated=generated_time(),
        version=__version__,
        layer_of=lambda r: getattr(r, "layer", "") or EDITORS_LAYER,
        layer_titles={name: layer.title for name, layer in state_of(app.env).layers.items()},
    )
    out = Path(app.outdir) / "annotations.jsonld"
    out.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return out
