"""Importing a real class's export: whatever its shape, the import never breaks the book,
loses a note without saying so, or publishes what a student did not mean to share.

Each test imports into a copy of the book's pages and source (``book_root`` of
``test_import``) through the same ``main`` that ``make import-annotations`` runs.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
import yaml

from edition.classroom import importer
from edition.notes.bodies import body_faults
from edition.notes.layers import threads
from edition.notes.records import Annotation
from tests.helpers.classgen import hypothesis_export, w3c_export
from tests.test_import import FIXTURE, ROOT, _row, book_root, records  # noqa: F401  (book_root is a fixture)

pytestmark = pytest.mark.fast

HUMILITY = "https://edition.example.org/book/humility.html"


def run(root: Path, data: object, capsys, layer: str = "class", raw: bytes | None = None, **env: str) -> tuple[int, str, str]:
    path = root.parent / "export.json"
    path.write_bytes(raw if raw is not None else json.dumps(data).encode("utf-8"))
    code = importer.main([str(path), layer], environ=env, root=root)
    out, err = capsys.readouterr()
    return code, out, err


def rows(*made: dict) -> dict:
    return {"total": len(made), "rows": list(made)}


def note(id_: str, text: str = "A note.", **changes: object) -> dict:
    return _row(id=id_, text=text, **changes)


def reply(id_: str, to: list[str], text: str = "A reply.", **changes: object) -> dict:
    return _row(id=id_, text=text, references=to, target=[{"source": HUMILITY}], **changes)


def all_ids(root: Path, layer: str = "class") -> set[str]:
    return {r["id"] for name, recs in records(root, layer).items() if name != "orphans.yml" for r in recs or []}


def orphans(root: Path, layer: str = "class") -> dict[str, str]:
    return {r["id"]: r["why"] for r in records(root, layer).get("orphans.yml") or []}


# ---------------------------------------------------------------- what the import keeps


def test_a_page_note_is_an_orphan_and_the_rest_is_imported(book_root: Path, capsys) -> None:
    page_note = note("PageNote1", target=[{"source": HUMILITY}])
    code, out, _ = run(book_root, rows(note("Kept1"), page_note), capsys)
    assert code == 0
    assert all_ids(book_root) == {"hyp-kept1"}
    assert "page note" in orphans(book_root)["hyp-pagenote1"]
    collection = w3c_export(rows=80, seed=4, page_notes=3)
    code, out, _ = run(book_root, collection, capsys, layer="w3c")
    assert code == 0 and sum("page note" in why for why in orphans(book_root, "w3c").values()) == 3


def test_hidden_and_private_notes_are_left_out_counted_and_private_ones_may_be_asked_for(book_root: Path, capsys) -> None:
    author = _row()["user"]
    data = rows(
        note("Shared1"),
        note("Hidden1", hidden=True, moderation_status="HIDDEN"),
        note("Private1", permissions={"read": [author]}),
        reply("ReplyToPrivate1", ["Private1"]),
    )
    code, out, _ = run(book_root, data, capsys)
    assert code == 0 and all_ids(book_root) == {"hyp-shared1"}
    assert not orphans(book_root)
    assert ("4 annotation(s) in the file: 1 note(s) and 0 reply(ies) placed, 0 orphan(s), 1 left out as hidden by "
            "a moderator, 1 left out as private (only their author may read them), 1 left out as answering a note "
            "left out") in out
    assert "INCLUDE_PRIVATE=1" in out
    code, out, _ = run(book_root, data, capsys, INCLUDE_PRIVATE="1")
    assert all_ids(book_root) == {"hyp-shared1", "hyp-private1", "hyp-replytoprivate1"}


def test_a_paged_export_says_how_many_are_missing_and_how_to_get_them(book_root: Path, capsys) -> None:
    code, _, err = run(book_root, {"total": 450, "rows": [note("One1")]}, capsys)
    assert code == 0 and "holds 1 of the group's 450 annotations; 449 are missing" in err and "search_after" in err
    collection = w3c_export(rows=40, seed=5)
    collection["total"] = 90
    collection["first"]["next"] = "https://example.org/annotations?page=1"
    code, _, err = run(book_root, collection, capsys, layer="paged")
    assert code == 0 and "further pages (next: https://example.org/annotations?page=1)" in err
    assert f"{90 - len(collection['first']['items'])} of its 90 annotations are not in this file" in err


def test_an_empty_export_does_not_empty_a_layer_unless_asked(book_root: Path, capsys) -> None:
    run(book_root, json.loads(FIXTURE.read_text(encoding="utf-8")), capsys)
    before = sorted(p.name for p in (book_root / "annotations" / "class").iterdir())
    code, _, err = run(book_root, {"total": 0, "rows": []}, capsys)
    assert code == 2 and "would empty the layer “class”" in err and "ALLOW_EMPTY=1" in err
    assert sorted(p.name for p in (book_root / "annotations" / "class").iterdir()) == before
    code, out, _ = run(book_root, {"total": 0, "rows": []}, capsys, ALLOW_EMPTY="1")
    assert code == 0
    for name in before:
        assert f"removed: annotations/class/{name}" in out


def test_hand_edits_are_kept_and_the_records_an_import_would_change_are_named(book_root: Path, capsys) -> None:
    data = rows(note("First1"), note("Second1", text="Second note."))
    run(book_root, data, capsys)
    path = book_root / "annotations" / "class" / "humility.yml"
    edited = path.read_text(encoding="utf-8").replace("A note.", "A note, corrected by the teacher.")
    path.write_text(edited, encoding="utf-8")
    data["rows"][1]["text"] = "Second note, changed."
    code, out, _ = run(book_root, data, capsys)
    assert code == 0 and path.read_text(encoding="utf-8") == edited
    assert "kept: annotations/class/humility.yml: edited by hand, kept; the import would change 2 record(s): hyp-first1, hyp-second1" in out
    code, out, _ = run(book_root, rows(), capsys, ALLOW_EMPTY="1")  # not even an empty import removes it
    assert path.read_text(encoding="utf-8") == edited and "would remove the file" in out
    run(book_root, data, capsys, OVERWRITE_EDITS="1")
    assert "Second note, changed." in path.read_text(encoding="utf-8") and "corrected" not in path.read_text(encoding="utf-8")


# ---------------------------------------------------------------- names


def test_names_in_tags_and_mentions_are_replaced_by_pseudonyms(book_root: Path, capsys) -> None:
    export = hypothesis_export(rows=300, seed=6)
    code, out, _ = run(book_root, export, capsys)
    assert code == 0
    written = "\n".join(p.read_text(encoding="utf-8") for p in (book_root / "annotations" / "class").glob("*.yml"))
    people = {r["user"] for r in export["rows"]}
    for user in people:
        assert user[5:].split("@")[0] not in written, user
    for display in {r["user_info"]["display_name"] for r in export["rows"]}:
        assert display not in written
    assert "@Student " in written and "names or @mentions in its text replaced" in out
    assert "names in its tags replaced" in out
    shutil.rmtree(book_root / "annotations" / "class")
    code, _, _ = run(book_root, export, capsys, KEEP_NAMES="1")
    named = "\n".join(p.read_text(encoding="utf-8") for p in (book_root / "annotations" / "class").glob("*.yml"))
    assert any(f"@{u[5:].split('@')[0]}" in named for u in people)


# ---------------------------------------------------------------- text the build could not take


HOSTILE_BODIES = {
    "control": "Bell\x07 and escape\x1b[31m red\x00.",
    "surrogate": "Lone \ud800 surrogate.",
    "substitution": "Escaped \\{\\{x\\}\\} and {{x}}.",
    "setext": "A line\n--",
    "spaced-break": "Above\n\n* * *\n\nbelow",
    "spaces": "     ",
    "unknown-term": "See {term}`no such term`.",
    "unknown-cite": "As {cite:p}`nobody2099` says.",
    "unknown-quote": "The essay says {q}`words the essay never says`.",
    "unknown-unit": "In {unit}`p99`.",
}


@pytest.mark.parametrize("case", sorted(HOSTILE_BODIES))
def test_what_the_import_writes_passes_the_builds_check(case: str, book_root: Path, capsys) -> None:
    code, _, _ = run(book_root, rows(note("Hostile1", text=HOSTILE_BODIES[case])), capsys)
    assert code == 0
    (record,) = records(book_root)["humility.yml"]
    body = record["body"]
    assert body.strip()
    assert body_faults(body) == []
    assert not importer._CONTROL.search(body)
    for role in ("{term}`no such", "{cite:p}`nobody", "{q}`words the essay never", "{unit}`p99"):
        assert role not in body  # escaped: shown as typed, never a reference the build cannot resolve


def test_known_role_targets_are_kept(book_root: Path, capsys) -> None:
    shutil.copy(ROOT / "book" / "references.bib", book_root / "book")
    text = "See {term}`dissociation`, {cite:p}`miller1997`, {unit}`p4` and {q}`blocked from their feelings`."
    run(book_root, rows(note("Roles1", text=text)), capsys)
    assert records(book_root)["humility.yml"][0]["body"] == text


def test_a_huge_note_is_cut_and_said_so(book_root: Path, capsys) -> None:
    code, out, _ = run(book_root, rows(note("Huge1", text="word " * 40_000)), capsys)
    assert code == 0 and len(records(book_root)["humility.yml"][0]["body"]) <= importer.MAX_BODY + 10
    assert "its text of 200,000 characters is cut to 20,000" in out


# ---------------------------------------------------------------- smaller faults


def test_escape_sequences_never_reach_the_terminal(book_root: Path, capsys) -> None:
    bad = note("Ansi1", uri="https://e.org/\x1b[2J\x1b[31mgone", target=[{"source": "x", "selector": [
        {"type": "TextQuoteSelector", "exact": "not \x1b[31min the text"}]}])
    code, out, err = run(book_root, rows(bad), capsys)
    assert code == 0 and "\x1b" not in out + err and "\\x1b[31m" in out


@pytest.mark.parametrize(
    ("layer", "expected"),
    [
        ("x" * 300, "is 300 characters long (at most 60)"),
        ("../x", "may hold only lower-case letters, digits and single hyphens"),
        ("editors", "is the editors' own layer"),
    ],
)
def test_a_bad_layer_name_says_what_is_wrong(layer: str, expected: str, book_root: Path, capsys) -> None:
    code, _, err = run(book_root, rows(note("One1")), capsys, layer=layer)
    assert code == 2 and expected in err and len(err.strip().splitlines()) == 1
    if layer != "editors":
        assert "editors" not in err


def test_a_thread_fifteen_hundred_deep_imports_and_threads(book_root: Path, capsys) -> None:
    made = [note("Root1")]
    base = reply("Deep", ["Root1"])
    for n in range(1500):
        made.append({**base, "id": f"Deep{n}", "references": ["Root1"] + [f"Deep{m}" for m in range(max(0, n - 3), n)]})
    code, out, _ = run(book_root, rows(*made), capsys)
    assert code == 0 and "1 note(s) and 1500 reply(ies) placed" in out
    loaded = [Annotation(id=r["id"], paragraph=r.get("paragraph", ""), quote=r.get("quote", ""), kind=r["kind"],
                         body=r["body"], path="", line=1, reply_to=r.get("reply_to", ""))
              for r in records(book_root)["humility.yml"]]
    (thread,) = threads(loaded).values()
    assert len(thread) == 1500 and thread[-1][1] == 1500


def test_a_reply_cycle_is_named_as_one(book_root: Path, capsys) -> None:
    code, _, _ = run(book_root, rows(note("Root1"), reply("A1", ["B1"]), reply("B1", ["A1"])), capsys)
    assert code == 0
    assert all("circle" in why for why in orphans(book_root).values()) and len(orphans(book_root)) == 2


def test_an_id_another_layer_holds_is_refused_at_import(book_root: Path, capsys) -> None:
    export = json.loads(FIXTURE.read_text(encoding="utf-8"))
    assert run(book_root, export, capsys, layer="class")[0] == 0
    code, _, err = run(book_root, export, capsys, layer="class-b")
    assert code == 2 and "is already used in annotations/class/" in err
    assert not (book_root / "annotations" / "class-b").exists()


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16"])
def test_byte_order_marks_and_utf16_are_read(encoding: str, book_root: Path, capsys) -> None:
    text = FIXTURE.read_text(encoding="utf-8")
    code, _, err = run(book_root, None, capsys, raw=text.encode(encoding))
    assert code == 0, err
    assert records(book_root)["humility.yml"]
