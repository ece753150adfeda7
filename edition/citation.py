"""Citing one paragraph of the edition: the text a reader copies from the website.

Pure: no Sphinx import. ``edition/html.py`` writes each ¶/R number with its
citation; ``edition/static/edition.js`` shows it in a small dialog with a
copy button.
"""

from __future__ import annotations

from .urls import join_url


def unit_url(baseurl: str, page_uri: str, unit_id: str) -> str:
    """Address of a unit: absolute under ``baseurl`` when the site has one, else site-relative.

    >>> unit_url("https://example.org/edition/", "book/healing.html", "p4")
    'https://example.org/edition/book/healing.html#p4'
    >>> unit_url("", "book/healing.html", "p4")
    'book/healing.html#p4'
    """
    return join_url(baseurl, f"{page_uri}#{unit_id}")


#: The year of this version of the edition, as About's citation of the whole gives it.
EDITION_YEAR = "2026"

#: The only signature the source gives a comment: R1 ends “Magdalene D’Silva 1 Nov
#: 2022”. Every other comment is unsigned and undated in the source (the responses
#: page says so in each byline); tests/test_citation.py checks this against the
#: kept source, so the two cannot drift apart.
SIGNED_COMMENTS = {"R1": ("Magdalene D’Silva", "1 Nov 2022")}


def comment_head(label: str) -> str:
    """How a comment is named in its citation: by its signer where the source gives one.

    >>> comment_head("R1")
    'Magdalene D’Silva, comment R1 (1 Nov 2022)'
    >>> comment_head("R1.1")
    'Unsigned comment R1.1'
    """
    if label in SIGNED_COMMENTS:
        name, date = SIGNED_COMMENTS[label]
        return f"{name}, comment {label} ({date})"
    return f"Unsigned comment {label}"


def unit_citation(*, author: str, title: str, label: str, url: str, absolute: bool) -> str:
    """The citation of one unit (``¶4`` of the essay, ``R1.1`` of the comments).

    The edition is cited by its title and year, as the About page says (the
    editors sign collectively); a paragraph of the essay is the author's words,
    a reader comment its commenter's: signed where the source signs it
    (:data:`SIGNED_COMMENTS`), otherwise “Unsigned comment”. ``url`` is the
    unit's address; when the site was built without a stable address
    (``absolute`` false) the citation says so and gives the page and paragraph
    within the edition's website instead.

    >>> unit_citation(author="A. Author", title="A Title", label="¶4", url="https://x.org/p.html#p4", absolute=True)
    'A. Author, ¶4, in A Title: An Annotated Edition, 2026. https://x.org/p.html#p4'
    >>> unit_citation(author="A. Author", title="A Title", label="R3", url="https://x.org/r.html#r3", absolute=True)
    'Unsigned comment R3, on a passage by A. Author, in A Title: An Annotated Edition, 2026. https://x.org/r.html#r3'
    """
    edition = f"{title}: An Annotated Edition, {EDITION_YEAR}"
    if label.startswith("¶"):
        head = f"{author}, {label}, in {edition}."
    else:
        head = f"{comment_head(label)}, on a passage by {author}, in {edition}."
    if absolute:
        return f"{head} {url}"
    return (f"{head} Website of the edition, {url} (this copy of the website has no stable address: "
            "add the address at which you read it).")
