"""Writing ``annotations.jsonld`` after an HTML build (Sphinx glue).

The pure work is in :mod:`edition.webannotation`; this module finds each
annotated page's built HTML, so that the export carries the notes as the
reader sees them (rendered bodies, the phrase's context on the page).
"""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import urljoin

from sphinx.application import Sphinx

from .webannotation import EDITORS_LAYER, RenderedPage, collection, generated_time, read_page


def page_docname(app: Sphinx, page: str) -> str:
    """The docname of the page an annotation file names (``healing`` → ``book/healing``)."""
    return f"{app.config.edition_pages_dir}/{page}".strip("/")


def write_collection(app: Sphinx) -> Path:
    """Write every layer's notes to ``<outdir>/annotations.jsonld``; return its path."""
    from . import __version__

    base = app.config.html_baseurl or ""
    pages_by_record = {
        r.id: page for page, records in app.edition_pages.items() for r in records  # type: ignore[attr-defined]
    }
    url_of = {r_id: app.builder.get_target_uri(page_docname(app, page)) for r_id, page in pages_by_record.items()}
    rendered: dict[str, RenderedPage] = {}
    for url in sorted(set(url_of.values())):
        built = Path(app.outdir) / url
        if built.is_file():
            # Links in the rendered bodies: absolute under html_baseurl, else relative to the site's root.
            rendered[url] = read_page(built.read_text(encoding="utf-8"), urljoin(base, url) if base else url)
    data = collection(
        app.edition_annotations.values(),  # type: ignore[attr-defined]
        lambda r: url_of[r.id],
        pages=rendered,
        base=base,
        generated=generated_time(),
        version=__version__,
        layer_of=lambda r: getattr(r, "layer", "") or EDITORS_LAYER,
        layer_titles=getattr(app, "edition_layer_titles", {}),
    )
    out = Path(app.outdir) / "annotations.jsonld"
    out.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return out
