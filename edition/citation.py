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


def unit_citation(*, author: str, title: str, label: str, url: str, absolute: bool) -> str:
    """The citation of one unit (``¶4`` of the essay, ``R1.1`` of the comments).

    The edition is cited by its title, as the About page says (the editors sign
    collectively); a paragraph of the essay is the author's words, a reader
    comment its commenter's. ``url`` is the unit's address; when the site was
    built without a stable address (``absolute`` false) the citation says so
    and gives the page and paragraph within the edition's website instead.

    >>> unit_citation(author="A. Author", title="A Title", label="¶4", url="https://x.org/p.html#p4", absolute=True)
    'A. Author, ¶4, in A Title: An Annotated Edition. https://x.org/p.html#p4'
    """
    edition = f"{title}: An Annotated Edition"
    if label.startswith("¶"):
        head = f"{author}, {label}, in {edition}."
    else:
        head = f"Reader comment {label}, on a passage by {author}, in {edition}."
    if absolute:
        return f"{head} {url}"
    return (f"{head} Website of the edition, {url} (this copy of the website has no stable address: "
            "add the address at which you read it).")
