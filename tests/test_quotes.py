"""The ``{q}`` role's finder: quotations of the source are found exactly, or refused with one line."""

from __future__ import annotations

import pytest

from edition.text.quotations import QuotationError, find_quotation, parse_role_text

pytestmark = pytest.mark.fast



def test_unique_words_are_found_without_a_unit(source) -> None:
    found = find_quotation(source, "go to war with the client")
    assert (found.unit, found.label, found.words) == ("p7", "¶7", "go to war with the client")


def test_named_unit(source) -> None:
    assert find_quotation(source, "p7: go to war with the client").unit == "p7"
    assert find_quotation(source, "r1-1: without being recognised").unit == "r1-1"


def test_wrapped_text_counts_as_one_space(source) -> None:
    found = find_quotation(source, "go to war\n   with the client")
    assert found.words == "go to war with the client"


def test_a_quotation_may_span_a_line_break_of_a_comment(source) -> None:
    assert find_quotation(source, "My god! This line rocks!").unit == "r2"


def test_curly_quotes_dashes_and_spaced_stops_must_match(source) -> None:
    assert find_quotation(source, "get out — pull out").unit == "p8"
    assert find_quotation(source, "figured out how to help themselves through their own problems . . .").unit == "p2"
    with pytest.raises(QuotationError):
        find_quotation(source, "get out - pull out")
    with pytest.raises(QuotationError):
        find_quotation(source, "They’re ready to learn...")
    with pytest.raises(QuotationError):
        find_quotation(source, "They're ready to learn")


def test_words_not_in_the_named_unit(source) -> None:
    with pytest.raises(QuotationError) as caught:
        find_quotation(source, "p2: go to war with the client")
    assert str(caught.value) == "quotation “go to war with the client” is not in ¶2 (it is in ¶7)"


def test_words_not_in_the_text(source) -> None:
    with pytest.raises(QuotationError) as caught:
        find_quotation(source, "go to war with the conflict")
    assert str(caught.value) == "quotation “go to war with the conflict” is not in the text"


def test_words_in_several_units_need_a_unit(source) -> None:
    with pytest.raises(QuotationError) as caught:
        find_quotation(source, "trying to wake up the therapist")
    assert str(caught.value) == "quotation “trying to wake up the therapist” occurs in ¶7 and R2; name the unit"
    assert find_quotation(source, "r2: trying to wake up the therapist").unit == "r2"


def test_unknown_unit(source) -> None:
    with pytest.raises(QuotationError, match="names an unknown unit “p12”"):
        find_quotation(source, "p12: humble")


def test_parse_role_text() -> None:
    assert parse_role_text("p7: go  to\nwar") == ("p7", "go to war")
    assert parse_role_text("Ps. I did recover") == ("", "Ps. I did recover")
