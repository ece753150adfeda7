"""The pure parts of print: lemmata, spaced ellipses, the imprint's date."""

from __future__ import annotations

import pytest

from edition.build.ellipsis import split_ellipses
from edition.writers.latex import Imprint, imprint, print_date
from edition.text.lemma import lemma

from tests.helpers.sphinxproject import BOOK_FACTS

#: The imprint's facts as the book's _config.yml gives them.
BOOK_IMPRINT = Imprint(description="S", source="the page", independence=BOOK_FACTS["edition_independence"],
                       licence=BOOK_FACTS["edition_licence"])

pytestmark = pytest.mark.fast


def test_lemma_is_short_and_keeps_the_ends_of_the_phrase() -> None:
    assert lemma("the song below") == "the song below"
    assert lemma("perhaps most, are very arrogant.") == "perhaps most, are very arrogant"
    assert lemma("they can hide it by being professional") == "they can … being professional"
    assert lemma("get out — pull out as quickly as possible") == "get out … as possible"
    assert lemma("a  b\nc") == "a b c"


def test_spaced_ellipses_are_cut_out_whole_with_the_space_before() -> None:
    text = "their therapists . . . The first. . . . And so . . ."
    pieces = split_ellipses(text)
    assert "".join(chars for _, chars in pieces) == text
    assert pieces == [(False, "their therapists"), (True, " . . ."), (False, " The first."), (True, " . . ."),
                      (False, " And so"), (True, " . . .")]
    assert split_ellipses("no dots. Here.") == [(False, "no dots. Here.")]


def test_imprint_date_comes_from_source_date_epoch() -> None:
    assert print_date("1764115200") == "26 November 2025"
    text = imprint("T", BOOK_IMPRINT, date="1 May 2026")
    assert "CC BY 4.0" in text and "study, commentary and criticism" in text and "1 May 2026" in text


def test_imprint_prints_the_version_and_the_source_s_address_and_date_only_when_set() -> None:
    """The project has no record of the source's address or the date it was read:
    unset, the imprint says so plainly; set in _config.yml, it prints them."""
    from edition.writers.latex import Edition

    unset = imprint("T", BOOK_IMPRINT, date="1 May 2026", edition=Edition(version="1.0"))
    assert "Version 1.0." in unset
    assert "received without its address or the date it was read" in unset and "\\url{http" not in unset.split("CC BY")[0]
    known = imprint("T", BOOK_IMPRINT, date="1 May 2026",
                    edition=Edition(version="2.1", source_url="https://example.org/page", source_read="3 March 2025"))
    assert "Version 2.1." in known
    assert "taken from \\url{https://example.org/page}, read on 3 March 2025." in known
    assert "received without" not in known
