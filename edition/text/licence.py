"""What the edition may be used for, and how to ask for a correction or a removal (pure).

The book's own words live in its ``_config.yml``: ``edition_licence`` (the
licence statement, one paragraph) and ``edition_independence`` (the edition's
position). The website's footer (``templates/copyright.html``), the PDF's
imprint (``writers/latex.py``, ``imprint``) and the EPUB's imprint and
``dc:rights`` all print that statement, so that no two say it differently;
this module gives what is the same in every book: the routes for corrections
and removal requests, and the licence's address.
"""

from __future__ import annotations

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
