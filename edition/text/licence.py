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
    "The quoted text (the web page’s title, its words introducing the quotation, and the passage by "
    "Daniel Mackler as the page excerpted it) and the reader comments remain the work of their authors, "
    "reproduced here for study, commentary and criticism; the editors claim no rights in them. "
    "Everything else in this edition, apart from short quotations from the works cited, which remain "
    "their authors’, is the editors’ material (notes, responses, introductions and "
    "questions, the content note, the note on the text, glossary, teaching guide and handouts) and "
    "is licensed under Creative Commons Attribution 4.0 International (CC BY 4.0)."
)

#: The edition's position, one paragraph: independent, not endorsed, and on what basis
#: the text is reproduced. The PDF's imprint, the EPUB's imprint and the About page (in
#: its own words, at more length) say it, followed by :func:`contact_route`.
INDEPENDENCE = (
    "The edition is independent. Neither Daniel Mackler, nor the Mad in America "
    "website, nor the commenters reviewed, approved or endorsed it. The editors hold no permission "
    "from them; they reproduce the text in full, free of charge, for study, commentary and criticism."
)

#: Where corrections go while no contact is configured: true of any published copy.
TRACKER_ROUTE = "use the issue tracker of the repository this copy is published from"
#: Where a private request goes while no contact is configured.
PUBLISHER_ROUTE = "to whoever publishes the copy you are reading"


def contact_route(contact: str) -> str:
    """The imprints' sentence on how to ask for a correction or a removal (plain text).

    ``contact`` is the ``edition_contact`` setting (an address or a URL the
    publisher sets); while it is empty the sentence names only routes that are
    true of every copy: the repository's issue tracker, and the publisher.
    """
    if contact:
        return (f"To ask for a correction, or for a passage or comment to be removed, write to "
                f"{contact}; see “Corrections and removal” in “About this edition”.")
    return (f"To ask for a correction, {TRACKER_ROUTE}; to ask privately for a passage or "
            f"comment to be removed, write {PUBLISHER_ROUTE}. See “Corrections and removal” in "
            "“About this edition”.")


def contact_markdown(contact: str) -> str:
    """The contact as the About page prints it (MyST): a link when it is an address or a URL."""
    if "://" in contact:
        return f"<{contact}>"
    if "@" in contact and " " not in contact:
        return f"[{contact}](mailto:{contact})"
    return contact


def about_substitutions(contact: str) -> dict[str, str]:
    """The About page's two routes (``{{ correction_route }}``, ``{{ removal_route }}``)."""
    if contact:
        return {"correction_route": f"write to {contact_markdown(contact)}",
                "removal_route": f"write privately to {contact_markdown(contact)}"}
    return {"correction_route": TRACKER_ROUTE,
            "removal_route": f"write privately {PUBLISHER_ROUTE} (on a code-hosting site, the owner of "
                             "the repository)"}

CC_BY_URL = "https://creativecommons.org/licenses/by/4.0/"


def add_copyright_page(app: Sphinx, config: Config) -> None:
    """Hand the statement to the footer template (the PDF prints it in its imprint),
    and the contact routes to the About page's substitutions."""
    config.html_context = {**(config.html_context or {}), "edition_licence": STATEMENT,
                           "edition_licence_url": CC_BY_URL}
    config.myst_substitutions = {**(config.myst_substitutions or {}),
                                 **about_substitutions(config.edition_contact.strip())}


def setup(app: Sphinx) -> dict[str, Any]:
    """Register the copyright page and ``edition_contact``, the publisher's address for
    corrections and removal requests (empty: the plain routes of :func:`contact_route`)."""
    app.add_config_value("edition_contact", "", "env", types=[str])
    app.connect("config-inited", add_copyright_page)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
