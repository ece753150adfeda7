"""Writing ``annotations.jsonld`` after an HTML build (Sphinx glue).

The pure work is in :mod:`edition.classroom.webannotation`; this module finds each
annotated page's built HTML, so that the export carries the notes as the
reader sees them (rendered bodies, the phrase's context on the page).
"""

from __future__ import annotations

import json
from pathlib import Path

from sphinx.application import Sphinx

from ..build.state import page_docname, state_of
from ..text.urls import join_url
from .webannotation import EDITORS_LAYER, RenderedPage, collection, generated_time, read_page


def record_urls(app: Sphinx) -> dict[str, str]:
    """Each record's page, as a URL relative to the site's root (a reply is on its
    note's page: ``layers.check_replies`` keeps every reply on the page of the note
    it answers). A further layer's file ``annotations/<layer>/<page>.yml``
    annotates the page ``<page>``."""
    return {
        record.id: app.builder.get_target_uri(page_docname(app, page))
        for page, records in state_of(app.env).pages.items()
        for record in records
    }


def write_collection(app: Sphinx) -> Path:
    """Write every layer's notes to ``<outdir>/annotations.jsonld``; return its path."""
    from .. import __version__

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
        layer_of=lambda r: r.layer or EDITORS_LAYER,
        layer_titles={name: layer.title for name, layer in state_of(app.env).layers.items()},
    )
    out = Path(app.outdir) / "annotations.jsonld"
    out.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return out


def write_after_html(app: Sphinx, exception: Exception | None) -> None:
    """After an HTML build: write the Web Annotation collection next to the pages."""
    if exception or app.builder.format != "html":
        return
    write_collection(app)
