"""Print's budget for a crowded margin (``edition.writers.crowding``): what stays beside the
paragraph, what goes to the end of the chapter, and where long words may break."""

from __future__ import annotations

import pytest

from edition.writers.crowding import (
    LINE_CHARS, MAX_NOTE_LINES, SLACK, breakable_pieces, font_runs, margin_room, note_lines, notes_for_the_end, wrapped,
)

# Each test says its layer: pure logic, and one that reads the fonts TeX uses.


@pytest.mark.fast
def test_the_editors_notes_always_stay_and_others_go_once_the_room_is_spent() -> None:
    notes = [("editors", 8.0), ("class", 4.0), ("class", 4.0), ("editors", 8.0), ("class", 4.0)]
    assert notes_for_the_end(notes, room=22.0) == ([2, 4], 21.5)
    assert notes_for_the_end(notes, room=22.0, used=10.0) == ([1, 2, 4], 27.5)
    assert notes_for_the_end([("editors", 50.0)], room=10.0) == ([], 50.0)


@pytest.mark.fast
def test_twenty_notes_on_one_paragraph_do_not_all_fit() -> None:
    room = margin_room(600)
    notes = [("class", note_lines(120, 1))] * 20
    moved, _ = notes_for_the_end(notes, room + SLACK)
    assert 0 < len(moved) < 20 and moved == list(range(20 - len(moved), 20))


@pytest.mark.fast
def test_a_note_longer_than_a_margin_goes_to_the_end_whatever_the_room() -> None:
    thousand_words = note_lines(6000, 1)
    assert thousand_words > MAX_NOTE_LINES
    assert notes_for_the_end([("class", thousand_words)], room=1000.0)[0] == [0]
    fifteen_replies = note_lines(15 * 60, 16)
    assert notes_for_the_end([("class", fifteen_replies)], room=margin_room(300))[0] == [0]


@pytest.mark.fast
def test_long_words_get_places_to_break_and_nothing_is_lost() -> None:
    url = "https://example.org/" + "a" * 60
    text = f"See {url} and averyveryverylongwordindeedthatgoesonandonandon here."
    pieces = breakable_pieces(text)
    assert "".join(pieces) == text
    assert len(pieces) > 4 and all(len(p.split()[-1] if p.split() else p) <= 30 for p in pieces[1:-1])
    assert breakable_pieces("short words only") == ["short words only"]


@pytest.mark.fast
def test_a_long_body_is_written_on_short_lines() -> None:
    text = "word " * 100_000
    out = wrapped(text)
    assert out.replace("\n", " ") == text and max(len(line) for line in out.split("\n")) <= LINE_CHARS + 10


@pytest.mark.book  # reads the fonts that the PDF's Debian packages install
def test_characters_the_books_type_lacks_are_set_in_a_face_that_has_them() -> None:
    runs = font_runs("Emoji 😀 and Hebrew שלום עולם, an RLO \u202eevil\u202c mark, and 🫠.")
    assert ("😀", "\\edsymbolfont", False) in runs
    assert any(text.strip() == "שלום עולם" and face == "\\edotherfont" and rtl for text, face, rtl in runs)
    joined = "".join(text for text, _, _ in runs)
    assert "\u202e" not in joined and "\u202c" not in joined and "evil" in joined
    assert "[U+1FAE0]" in joined  # no face has it: its code, not nothing
