"""The pure logic: records, anchoring and the Web Annotation export, without Sphinx."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from edition.notes.anchoring import AnchorError, find_all, locate_in_segments, locate_quote
from edition.notes.records import AnnotationError, check_unique, parse_records
from edition.classroom.webannotation import collection

pytestmark = pytest.mark.fast

RECORD = """\
- id: one
  paragraph: p1
  quote: humble
  kind: question
  body: |
    Who decides?

    A second paragraph.
"""


def test_parse_records_keeps_fields_and_lines() -> None:
    (record,) = parse_records(RECORD, "annotations/x.yml")
    assert (record.id, record.paragraph, record.quote, record.kind) == ("one", "p1", "humble", "question")
    assert record.body == "Who decides?\n\nA second paragraph."
    assert record.line == 1 and record.body_line == 6
    assert record.kind_label == "Question"


def test_empty_file_has_no_records() -> None:
    assert parse_records("", "a.yml") == []


@pytest.mark.parametrize(
    "text, fault",
    [
        ("id: one\n", "must be a YAML list"),
        ("- just text\n", "record 1 is not a mapping"),
        (RECORD.replace("id: one", "id: One_1"), "id must be lower-case"),
        (RECORD.replace("quote: humble", "quote: 12"), "field “quote” must be text, not int"),
        (RECORD.replace("kind: question", "kind: Question"), "unknown kind “Question”"),
    ],
)
def test_record_faults(text: str, fault: str) -> None:
    with pytest.raises(AnnotationError, match=fault):
        parse_records(text, "a.yml")


def test_check_unique_names_the_first_use() -> None:
    first = parse_records(RECORD, "annotations/a.yml")
    second = parse_records(RECORD, "annotations/b.yml")
    with pytest.raises(AnnotationError) as caught:
        check_unique(first + second)
    assert str(caught.value) == "annotations/b.yml:1: annotation “one”: duplicate id; first used at annotations/a.yml:1"


def test_find_all_counts_overlapping() -> None:
    assert find_all("aaaa", "aa") == [0, 1, 2]


def test_locate_quote_with_prefix_and_suffix() -> None:
    text = "they can hide it by A; they can hide it by B"
    with pytest.raises(AnchorError, match="occurs 2 times"):
        locate_quote(text, "they can hide it")
    assert locate_quote(text, "they can hide it", suffix=" by B") == (23, 39)
    assert locate_quote(text, "they can hide it", prefix="A; ") == (23, 39)
    with pytest.raises(AnchorError, match="never with prefix"):
        locate_quote(text, "they can hide it", prefix="C; ")
    with pytest.raises(AnchorError, match="is not in"):
        locate_quote(text, "they cannot")
    # YAML drops the space at the end of a plain string: the join may lack it.
    assert locate_quote(text, "they can hide it", prefix="A;") == (23, 39)
    assert locate_quote(text, "they can hide it", suffix="by A") == (0, 16)


def test_locate_in_segments_needs_the_quote_within_one_line() -> None:
    lines = ["This line rocks!", "I agree 100%"]
    assert locate_in_segments(lines, "agree") == (1, 2, 7)
    with pytest.raises(AnchorError, match="within one line"):
        locate_in_segments(lines, "rocks! I agree")
    with pytest.raises(AnchorError, match="occurs 2 times"):
        locate_in_segments(["a b", "a c"], "a")


def test_web_annotation_collection() -> None:
    (record,) = parse_records(RECORD.replace("quote: humble", "quote: humble\n  prefix: so often are "), "a.yml")
    data = collection([record], lambda r: "book/humility.html")
    (item,) = data["first"]["items"]
    assert item["id"] == "book/humility.html#note-one"
    assert item["motivation"] == "questioning"
    assert item["target"]["selector"]["value"] == "p1"
    assert item["target"]["selector"]["refinedBy"] == {
        "type": "TextQuoteSelector", "exact": "humble", "prefix": "so often are"}
    assert data["total"] == 1


def test_configuration_text_is_escaped_before_any_latex_builder_starts() -> None:
    """The edition escapes its title, author and layer names while the configuration is
    read; in a fresh process Sphinx's escape tables are still empty then."""
    code = "from edition.writers.latex import escape; print(escape('Year 2 & friends_of #1', 'xelatex'))"
    done = subprocess.run([sys.executable, "-c", code], cwd=Path(__file__).resolve().parents[1], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == r"Year 2 \& friends\_of \#1"
