"""The annotations as a W3C Web Annotation collection (JSON-LD). Pure logic.

Each annotation targets its page; a ``FragmentSelector`` names the paragraph
(``#p4``) and is refined by a ``TextQuoteSelector`` for the phrase, so other
annotation tools can re-anchor the notes. Bodies are the MyST source text.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from .records import Annotation, note_id

CONTEXT = "http://www.w3.org/ns/anno.jsonld"

#: The W3C motivation closest to each kind of note.
MOTIVATIONS: dict[str, str] = {
    "context": "commenting",
    "term": "describing",
    "evidence": "commenting",
    "counterpoint": "assessing",
    "connection": "linking",
    "question": "questioning",
}


def web_annotation(record: Annotation, page_url: str) -> dict[str, Any]:
    """One annotation as a Web Annotation object."""
    quote: dict[str, str] = {"type": "TextQuoteSelector", "exact": record.quote}
    if record.prefix:
        quote["prefix"] = record.prefix
    if record.suffix:
        quote["suffix"] = record.suffix
    return {
        "id": f"{page_url}#{note_id(record.id)}",
        "type": "Annotation",
        "motivation": MOTIVATIONS[record.kind],
        "body": {
            "type": "TextualBody",
            "value": record.body,
            "format": "text/markdown",
            "purpose": MOTIVATIONS[record.kind],
        },
        "target": {
            "source": page_url,
            "selector": {
                "type": "FragmentSelector",
                "conformsTo": "http://tools.ietf.org/rfc/rfc3987",
                "value": record.paragraph,
                "refinedBy": quote,
            },
        },
        "label": record.kind_label,
    }


def collection(records: Iterable[Annotation], url_for: Callable[[Annotation], str]) -> dict[str, Any]:
    """All annotations as one ``AnnotationCollection`` with a single page of items."""
    items = [web_annotation(r, url_for(r)) for r in records]
    return {
        "@context": CONTEXT,
        "id": "annotations.jsonld",
        "type": "AnnotationCollection",
        "label": "Margin annotations of the annotated edition",
        "total": len(items),
        "first": {"type": "AnnotationPage", "items": items},
    }
