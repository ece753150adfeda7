"""Citing one paragraph of the edition: the text a reader copies from the website.

Pure: no Sphinx import. ``edition/writers/html.py`` writes each ¶/R number with its
citation; ``edition/static/edition.js`` shows it in a small dialog with a
copy button.
"""

from __future__ import annotations

from ..text.urls import join_url


def unit_url(baseurl: str, page_uri: str, unit_id: str) -> str:
    """Address of a unit: absolute under ``baseurl`` when the site has one, else site-relative.

    >>> unit_url("https://example.org/edition/", "book/healing.html", "p4")
    'https://example.org/edition/book/healing.html#p4'
    >>> unit_url("", "book/healing.html", "p4")
    'book/healing.html#p4'
    """
    return join_url(baseurl, f"{page_uri}#{unit_id}")


#: The edition's year, as About's citation of the whole gives it (the version is
#: the configuration's ``edition_version``, which About and the imprint print too).
EDITION_YEAR = "2026"

#: What the edition calls itself in a citation: independent, as its title page says.
EDITION_SUBTITLE = "An Independent Annotated Edition"

#: Where the text was published: the page that quotes the author and holds the comments.
PUBLISHED_IN = "Mad in America, “Around the Web”"

#: Month names for an access date (“2 December 2026”); the website's script has the same list.
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")

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


def unit_citation(*, author: str, title: str, label: str, version: str = "1.0") -> str:
    """The citation of one unit (``¶4`` of the essay, ``R1.1`` of the comments), before its address.

    It names the words' author (a paragraph of the essay is the author's, a
    reader comment its commenter's: signed where the source signs it,
    :data:`SIGNED_COMMENTS`, otherwise “Unsigned comment”), where they were
    published (:data:`PUBLISHED_IN`), and the edition by title, version and
    year (the editors sign collectively); ``version`` is ``edition_version``. The website's script adds the
    unit's address and the date it was read (:func:`with_address`).

    >>> unit_citation(author="A. Author", title="A Title", label="¶4")
    'A. Author, ¶4, as quoted on Mad in America, “Around the Web”; in A Title: An Independent Annotated Edition, version 1.0, 2026.'
    >>> unit_citation(author="A. Author", title="A Title", label="R3")
    'Unsigned comment R3, on a passage by A. Author, Mad in America, “Around the Web”; in A Title: An Independent Annotated Edition, version 1.0, 2026.'
    """
    edition = f"in {title}: {EDITION_SUBTITLE}{f', version {version}' if version else ''}, {EDITION_YEAR}."
    if label.startswith("¶"):
        return f"{author}, {label}, as quoted on {PUBLISHED_IN}; {edition}"
    return f"{comment_head(label)}, on a passage by {author}, {PUBLISHED_IN}; {edition}"


def access_date(day: int, month: int, year: int) -> str:
    """A date as the citation gives it.

    >>> access_date(2, 12, 2026)
    '2 December 2026'
    """
    return f"{day} {MONTHS[month - 1]} {year}"


def with_address(citation: str, url: str, accessed: str) -> str:
    """The whole citation the reader copies: the unit's absolute address and the date it was read.

    The website's script (``edition.js``, ``citationText``) composes the same
    text in the reader's browser: the address is the one built from
    ``html_baseurl`` when the site has one, else the page's own location, and
    the date is the day the reader opens the box.

    >>> with_address("A. Author, ¶4, in A Title.", "https://x.org/p.html#p4", "2 December 2026")
    'A. Author, ¶4, in A Title. https://x.org/p.html#p4 (accessed 2 December 2026).'
    """
    return f"{citation} {url} (accessed {accessed})."
