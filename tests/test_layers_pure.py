"""Layers, replies and bodies as pure logic, without Sphinx."""

from __future__ import annotations

from pathlib import Path

import pytest

from edition.notes.bodies import body_faults
from edition.notes.layers import EDITORS, Layer, check_replies, discover, note_label, select, threads
from edition.notes.records import AnnotationError, parse_records

pytestmark = pytest.mark.fast

RECORDS = """\
- id: a
  paragraph: p1
  quote: humble
  kind: question
  author: Student 1
  created: 2026-10-01T09:00:00Z
  body: First.
- id: b
  reply_to: a
  author: Student 2
  body: Second.
- id: c
  reply_to: b
  body: Third.
- id: d
  reply_to: a
  kind: evidence
  body: Fourth.
"""


def test_threads_are_depth_first_in_file_order() -> None:
    records = parse_records(RECORDS, "annotations/class/x.yml", layer="class")
    assert all(r.layer == "class" for r in records)
    assert [(r.id, depth) for r, depth in threads(records)["a"]] == [("b", 1), ("c", 2), ("d", 1)]
    check_replies(records)


def test_labels() -> None:
    a, b, _, d = parse_records(RECORDS, "annotations/class/x.yml", layer="class")
    layer = Layer("class", "Class of autumn 2026")
    assert note_label(a, layer, True) == "Class of autumn 2026 · Question · Student 1 · 2026-10-01"
    assert note_label(a, layer, False) == "Question · Student 1 · 2026-10-01"
    assert note_label(b, layer, True) == "Reply · Student 2"
    assert note_label(d, layer, True) == "Evidence"


def test_a_circle_of_replies() -> None:
    records = parse_records(RECORDS.replace("reply_to: a\n  author: Student 2", "reply_to: c\n  author: Student 2"), "x.yml")
    with pytest.raises(AnnotationError, match="replies go round in a circle"):
        check_replies(records)


def test_a_reply_to_itself() -> None:
    with pytest.raises(AnnotationError, match="cannot reply to itself"):
        parse_records(RECORDS.replace("reply_to: b", "reply_to: c"), "x.yml")


def test_discover_and_select(tmp_path: Path) -> None:
    notes = tmp_path / "annotations"
    (notes / "class").mkdir(parents=True)
    (notes / "humility.yml").write_text("[]\n")
    (notes / "class" / "humility.yml").write_text("[]\n")
    (notes / "class" / "orphans.yml").write_text("[]\n")
    (notes / "class" / "layer.yml").write_text("title: Class A\n")
    layers, files = discover(notes, tmp_path)
    assert list(layers) == [EDITORS, "class"] and layers["class"].title == "Class A"
    assert [(layer, page) for layer, page, _ in files] == [("editors", "humility"), ("class", "humility")]
    assert select(layers, []) == ["editors", "class"]
    assert select(layers, ["class"]) == ["class"]
    with pytest.raises(AnnotationError, match="no layer “x”"):
        select(layers, ["x"])
    (notes / "Bad Name").mkdir()
    with pytest.raises(AnnotationError, match="lower-case letters"):
        discover(notes, tmp_path)


@pytest.mark.parametrize(
    ("body", "fault"),
    [
        ("```{include} /etc/hostname\n```", "directive “include”"),
        ("Text\n\n```{eval-rst}\n.. raw:: html\n```", "directive “eval-rst”"),
        ("{download}`x`", "role “download”"),
        ("![x](y.png)", "an image"),
        ("<b>x</b>", "raw HTML"),
        ("[x](data:text/html,hi)", "link to a “data:” URL"),
        ("- item with {raw}`<b>`", "role “raw”"),
        ("> quote with <i>html</i>", "raw HTML"),
    ],
)
def test_refused_bodies(body: str, fault: str) -> None:
    assert fault in body_faults(body, page_dir="book", docnames={"book/glossary"})


def test_allowed_body() -> None:
    body = "A *b* **c** `d` [e](https://x.org \"t\") {cite:p}`k` {term}`t` {q}`x`\n\n3. one\n4. two\n\n> quoted"
    assert body_faults(body, page_dir="book", docnames=set()) == []
