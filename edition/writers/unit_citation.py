"""Citing one paragraph of the edition: the text a reader copies from the website.

Pure: no Sphinx import. ``edition/writers/html.py`` writes each ¶/R number with its
citation; ``edition/static/edition.js`` shows it in a small dialog with a
copy button.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from ..text.urls import join_url


def unit_url(baseurl: str, page_uri: str, unit_id: str) -> str:
    """Address of a unit: absolute under ``baseurl`` when the site has one, else site-relative.

    >>> unit_url("https://example.org/edition/", "book/healing.html", "p4")
    'https://example.org/edition/book/healing.html#p4'
    >>> unit_url("", "book/healing.html", "p4")
    'book/healing.html#p4'
    """
    return join_url(baseurl, f"{page_uri}#{unit_id}")


@dataclass(frozen=True)
class CitationFacts:
    """What a citation says of the book besides its title and author, from ``edition_citation``
    in its ``_config.yml``: the edition's name in a citation, its year, where the text was
    published, and the comments the source signs (label → signer and date)."""

    edition: str = ""
    year: str = ""
    published_in: str = ""
    signed: Mapping[str, tuple[str, str]] = field(default_factory=dict)

    @classmethod
    def from_config(cls, value: Mapping[str, Any]) -> "CitationFacts":
        """The facts from ``edition_citation`` (its ``signed``: label → [signer, date])."""
        signed = {label: (str(pair[0]), str(pair[1])) for label, pair in (value.get("signed") or {}).items()}
        return cls(str(value.get("edition", "")), str(value.get("year", "")), str(value.get("published_in", "")), signed)


#: Month names for an access date (“2 December 2026”); the website's script has the same list.
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")

def comment_head(label: str, signed: Mapping[str, tuple[str, str]]) -> str:
    """How a comment is named in its citation: by its signer where the source gives one.

    >>> comment_head("R1", {"R1": ("A. Reader", "1 Nov 2022")})
    'A. Reader, comment R1 (1 Nov 2022)'
    >>> comment_head("R1.1", {"R1": ("A. Reader", "1 Nov 2022")})
    'Unsigned comment R1.1'
    """
    if label in signed:
        name, date = signed[label]
        return f"{name}, comment {label} ({date})"
    return f"Unsigned comment {label}"


def unit_citation(*, author: str, title: str, label: str, facts: CitationFacts, version: str = "1.0") -> str:
    """The citation of one unit (``¶4`` of the essay, ``R1.1`` of the comments), before its address.

    It names the words' author (a paragraph of the essay is the author's, a
    reader comment its commenter's: signed where the source signs it,
    ``facts.signed``, otherwise “Unsigned comment”), where they were
    published (``facts.published_in``), and the edition by title, version and
    year (the editors sign collectively); ``version`` is ``edition_version``. The website's script adds the
    unit's address and the date it was read (:func:`with_address`).

    >>> facts = CitationFacts("An Annotated Edition", "2026", "A Magazine")
    >>> unit_citation(author="A. Author", title="A Title", label="¶4", facts=facts)
    'A. Author, ¶4, as quoted on A Magazine; in A Title: An Annotated Edition, version 1.0, 2026.'
    >>> unit_citation(author="A. Author", title="A Title", label="R3", facts=facts)
    'Unsigned comment R3, on a passage by A. Author, A Magazine; in A Title: An Annotated Edition, version 1.0, 2026.'
    """
    edition = f"in {title}: {facts.edition}{f', version {version}' if version else ''}, {facts.year}."
    if label.startswith("¶"):
        return f"{author}, {label}, as quoted on {facts.published_in}; {edition}"
    return f"{comment_head(label, facts.signed)}, on a passage by {author}, {facts.published_in}; {edition}"


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
