"""What the edition may be used for, said the same way on every web page and in the PDF.

The quoted essay and the reader comments remain their authors'; the editors'
material is under CC BY 4.0. The website's footer (``templates/copyright.html``)
and the PDF's copyright page, after the title page, both print
:data:`STATEMENT`, so that no page claims the editors' rights over the whole.
"""

from __future__ import annotations

from typing import Any

from sphinx.application import Sphinx
from sphinx.config import Config

#: The licence statement, one paragraph, in plain text.
STATEMENT = (
    "The quoted essay by Daniel Mackler and the reader comments remain the work of their authors, "
    "reproduced here for study, commentary and criticism; the editors claim no rights in them. "
    "The editors’ material (notes, introductions, questions, responses, glossary, teaching guide "
    "and handouts) is licensed under Creative Commons Attribution 4.0 International (CC BY 4.0)."
)

CC_BY_URL = "https://creativecommons.org/licenses/by/4.0/"


def latex_copyright_page(statement: str = STATEMENT) -> str:
    """The PDF's copyright page: the statement and the licence's address, at the foot of a page."""
    return (
        "\n\\clearpage\\thispagestyle{empty}\\null\\vfill\n"
        "\\begingroup\\small\\raggedright\\noindent " + statement + "\\par\\medskip\n"
        "\\noindent\\url{" + CC_BY_URL + "}\\par\\endgroup\n\\clearpage\n"
    )


def add_copyright_page(app: Sphinx, config: Config) -> None:
    """Put the copyright page after the title page (runs after the edition's own defaults)."""
    elements = dict(config.latex_elements or {})
    maketitle = elements.get("maketitle", "\\sphinxmaketitle")
    if "creativecommons.org" not in maketitle:
        elements["maketitle"] = maketitle + latex_copyright_page()
    config.latex_elements = elements
    config.html_context = {**(config.html_context or {}), "edition_licence": STATEMENT,
                           "edition_licence_url": CC_BY_URL}


def setup(app: Sphinx) -> dict[str, Any]:
    """Register the copyright page; the footer template reads ``edition_licence``."""
    app.connect("config-inited", add_copyright_page)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
