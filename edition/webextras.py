"""What the website adds for its readers (Sphinx glue, HTML builders only).

* ``{unit}`` references in running text (“¶3”) get a spoken name
  (“Paragraph 3”): after references are resolved, each becomes a
  :class:`unit_link`, which ``html.visit_unit_link`` writes as a link with an
  ``aria-label``;
* the chapter's introduction is labelled as the editors';
* the book face: the first EB Garamond file is preloaded.
"""

from __future__ import annotations

import re
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.transforms.post_transforms import SphinxPostTransform

from . import html


class unit_link(nodes.Inline, nodes.TextElement):
    """A resolved ``{unit}`` reference. Attributes ``label`` and ``refuri`` or ``refid``."""


#: The text of a link to a unit: ¶4, R2, R1.1.
UNIT_LABEL = re.compile(r"¶\d+|R\d+(?:\.\d+)?")


class NameUnitLinks(SphinxPostTransform):
    """Turn each resolved internal link that reads ``¶n`` or ``Rn`` into a :class:`unit_link`.

    Both the ``{unit}`` role and ordinary cross-references whose text is a
    unit's number are covered.
    """

    default_priority = 20  # after the references are resolved (priority 10)
    formats = ("html",)

    def run(self, **kwargs: Any) -> None:
        for ref in list(self.document.findall(nodes.reference)):
            text = ref.astext()
            if not UNIT_LABEL.fullmatch(text) or not ref.get("internal", "refid" in ref):
                continue
            link = unit_link(text, text, label=text)
            for key in ("refuri", "refid"):
                if key in ref:
                    link[key] = ref[key]
            ref.replace_self(link)


class LabelIntroductions(SphinxPostTransform):
    """Give the editors' introduction of a chapter a visible label, so it is not taken for a quotation."""

    default_priority = 21
    formats = ("html",)

    def run(self, **kwargs: Any) -> None:
        for box in list(self.document.findall(nodes.container)):
            if "chapter-intro" in box["classes"]:
                box.insert(0, nodes.paragraph("", INTRO_LABEL, classes=["edition-intro-label"]))


#: The label above a chapter's introduction.
INTRO_LABEL = "Editors’ introduction"


def preload_font(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any) -> None:
    """Ask for the book face's regular font early on pages with text."""
    if doctree is None:
        return
    href = context["pathto"]("_static/fonts/EBGaramond-Regular.woff2", 1)
    context["metatags"] = context.get("metatags", "") + (
        f'\n<link rel="preload" href="{href}" as="font" type="font/woff2" crossorigin>'
    )


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_node(unit_link, html=(html.visit_unit_link, None))
    app.add_post_transform(NameUnitLinks)
    app.add_post_transform(LabelIntroductions)
    app.connect("html-page-context", preload_font)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
