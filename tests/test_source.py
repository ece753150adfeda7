"""The project's copy of the source is the text as received, read correctly."""

from __future__ import annotations

import hashlib

import pytest

from pathlib import Path

from edition.text.source import Shape, label_for, normalize_space, parse_source

from .conftest import SOURCE_FILE

pytestmark = pytest.mark.fast

#: sha256 of the source as received (book/_source/README.md).
RECEIVED_SHA256 = "11c27a533d30b76782ff1cedd89ba978f82720509f5ff4b563e9ee0c73ec5972"


def test_copy_is_byte_identical_to_the_source_as_received() -> None:
    assert hashlib.sha256(SOURCE_FILE.read_bytes()).hexdigest() == RECEIVED_SHA256


def test_units_cover_every_line_of_text_but_the_page_elements(source) -> None:
    """Every non-blank line is in exactly one unit, except navigation and buttons."""
    lines = [line.strip() for line in SOURCE_FILE.read_text(encoding="utf-8").splitlines()]
    kept = [line for line in lines if line and line not in ("Back to\u00a0Around the Web", "Report comment")]
    in_units = [line for unit in source.units for para in unit.paragraphs for line in para]
    assert [source.title] + in_units == kept


def test_unit_ids_and_labels(source) -> None:
    assert source.ids == ("p1", "p2", "p3", "p4", "p5", "p6", "p7", "p8", "r1", "r1-1", "r2", "r3", "r4")
    assert [u.label for u in source.units][-5:] == ["R1", "R1.1", "R2", "R3", "R4"]
    assert label_for("p4") == "¶4" and label_for("r1-1") == "R1.1"


def test_marks_an_editor_must_keep(source) -> None:
    essay = " ".join(source.unit(f"p{n}").text for n in range(1, 9))
    raw = SOURCE_FILE.read_text(encoding="utf-8")
    assert essay.count(". . .") == raw.count(". . .") > 0
    assert "[reason]" in essay and "[the client believes]" in essay
    assert source.unit("r1").paragraphs[2][0].startswith("****I invite")
    assert source.unit("r1-1").text.startswith("• Amy Winehouse")
    assert source.unit("r2").paragraphs[0] == (
        "2. My god!",
        "This line rocks! “Because the client is actually trying to wake up the therapist.”",
        "I agree 100%",
    )


def test_damaged_source_is_reported() -> None:
    import pytest

    shape = Shape(paragraphs=8, divider="Back to\u00a0Around the Web", page_elements=("Report comment",))
    with pytest.raises(ValueError, match="expected 8 essay paragraphs"):
        parse_source("Title\n\nOne paragraph\n\nBack to\u00a0Around the Web\n", shape)
    with pytest.raises(ValueError, match="navigation line 'Back to Around the Web' not found"):
        parse_source("Title\n\nOne paragraph\n", shape)


def test_the_source_s_shape_is_its_own_metadata() -> None:
    """The number of paragraphs and the divider are the source's facts, in the YAML beside it."""
    from edition.text.source import read_shape

    shape = read_shape(Path(__file__).parents[1] / "book" / "_source" / "essay-and-comments.txt")
    assert shape == Shape(paragraphs=8, divider="Back to\u00a0Around the Web", page_elements=("Report comment",))


def test_normalize_space_folds_no_break_space() -> None:
    assert normalize_space("a\u00a0 b\n\n c") == "a b c"
