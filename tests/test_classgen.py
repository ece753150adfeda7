"""The generated class export (``tests/helpers/classgen.py``) has the shape of a real class:
the tests that import it rely on each property checked here."""

from __future__ import annotations

from collections import Counter

import pytest

from edition.text.source import load_source
from tests.helpers.classgen import SOURCE_FILE, hypothesis_export, w3c_export

pytestmark = pytest.mark.fast


def _quote(row: dict) -> dict | None:
    return next((s for s in row["target"][0].get("selector", []) if s["type"] == "TextQuoteSelector"), None)


def test_a_class_of_thirty_with_replies_overlaps_and_withheld_notes() -> None:
    export = hypothesis_export(students=30, rows=800, seed=1)
    rows = export["rows"]
    assert export["total"] == len(rows) == 800
    assert len({r["user"] for r in rows}) == 30
    assert len({r["id"] for r in rows}) == 800
    replies = [r for r in rows if r.get("references")]
    assert len(replies) == 200
    assert sum(len(r["references"]) > 1 for r in replies) > 20  # replies to replies
    assert sum(r["hidden"] for r in rows) == 5
    assert sum(r["permissions"]["read"] == [r["user"]] for r in rows) == 6
    page_notes = [r for r in rows if not r.get("references") and "selector" not in r["target"][0]]
    assert len(page_notes) == 8
    quotes = Counter(q["exact"] for q in map(_quote, rows) if q)
    assert sum(n for n in quotes.values() if n > 1) > 100  # identical highlights
    assert any(a != b and a in b for a in quotes for b in quotes)  # nested ones
    assert sum(bool(r["tags"]) for r in rows) > 200
    names = {r["user"][5:].split("@")[0] for r in rows}
    assert any(f"@{n}" in r["text"] for r in rows for n in names)
    assert any(t in names for r in rows for t in r["tags"])
    days = {r["created"][:10] for r in rows}
    assert len(days) >= 10
    ids = {r["id"] for r in rows}
    assert all(set(r["references"]) <= ids for r in replies)


def test_every_quote_is_words_of_the_source_on_its_page() -> None:
    text = " ".join(" ".join(u.text.split()) for u in load_source(SOURCE_FILE).units)
    for row in hypothesis_export(rows=600, seed=3)["rows"]:
        quote = _quote(row)
        if quote:
            assert quote["prefix"] + quote["exact"] + quote["suffix"] in text


def test_the_same_seed_gives_the_same_class_and_another_seed_another() -> None:
    assert hypothesis_export(seed=7, rows=600) == hypothesis_export(seed=7, rows=600)
    assert hypothesis_export(seed=7, rows=600) != hypothesis_export(seed=8, rows=600)


def test_the_w3c_collection_holds_the_same_shared_notes() -> None:
    collection = w3c_export(rows=600, seed=2)
    items = collection["first"]["items"]
    assert collection["type"] == "AnnotationCollection" and collection["total"] == len(items)
    rows = hypothesis_export(rows=600, seed=2)["rows"]
    withheld = sum(r["hidden"] or r["permissions"]["read"] == [r["user"]] for r in rows)
    assert len(rows) - 60 < len(items) <= len(rows) - withheld
    assert sum(i["motivation"] == "replying" for i in items) > 100
    assert all(isinstance(i["target"], str) for i in items if i["motivation"] == "replying")
    assert len(w3c_export(rows=600, seed=2, include_withheld=True)["first"]["items"]) == 600
