"""What the edition may be used for, said the same way on every web page and in the PDF.

The quoted essay and the reader comments remain their authors'; the editors'
material is under CC BY 4.0. The website's footer (``templates/copyright.html``),
the PDF's imprint (its copyright page, after the title page, built by
``edition.latex.imprint``) and the EPUB's imprint and ``dc:rights`` all print
:data:`STATEMENT`, so that no page claims the editors' rights over the whole
and no two say it differently. The PDF states it once.
"""

from __future__ import annotations

from typing import Any

from sphinx.application import Sphinx
from sphinx.config import Config

#: The licence statement, one paragraph, in plain text.
STATEMENT = (
    "The quoted essay by Daniel Mackler and the reader comments remain the work of their authors, "
    "reproduced here for study, commentary and criticism; the editors claim no rights in them. "
    "Everything else in this edition is the editors’ material (notes, responses, introductions and "
    "questions, the content note, the note on the text, glossary, teaching guide and handouts) and "
    "is licensed under Creative Commons Attribution 4.0 International (CC BY 4.0)."
)

#: The edition's position, one paragraph: independent, not endorsed, on what basis the
#: text is reproduced, and how to ask for a correction or removal. The PDF's imprint,
#: the EPUB's imprint and the About page (in its own words, at more length) say it.
INDEPENDENCE = (
    "The edition is independent. Neither Daniel Mackler, nor the Mad in America "
    "website, nor the commenters reviewed, approved or endorsed it. The editors hold no permission "
    "from them; they reproduce the text in full, free of charge, for study, commentary and criticism. "
    "To ask for a correction, or for a passage or comment to be removed, see “Corrections and "
    "removal” in “About this edition”."
)

CC_BY_URL = "https://creativecommons.org/licenses/by/4.0/"


def add_copyright_page(app: Sphinx, config: Config) -> None:
    """Hand the statement to the footer template (the PDF prints it in its imprint)."""
    config.html_context = {**(config.html_context or {}), "edition_licence": STATEMENT,
                           "edition_licence_url": CC_BY_URL}


def setup(app: Sphinx) -> dict[str, Any]:
    """Register the copyright page; the footer template reads ``edition_licence``."""
    app.connect("config-inited", add_copyright_page)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
