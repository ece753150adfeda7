"""Importing a class's annotations (``edition.classroom.importer``): Hypothesis and W3C input,
placing, replies, orphans, privacy, untrusted bodies, re-imports and malformed input.

Each test imports into a copy of the book's pages and source in a temporary
folder, through the same ``main`` that ``make import-annotations`` runs.
"""

from __future__ import annotations

import copy
import json
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml
from markdown_it import MarkdownIt

from edition.classroom import importer
from edition.notes.anchoring import locate_in_segments
from edition.notes.records import Annotation
from edition.text.source import load_source
from edition.classroom.webannotation import collection

pytestmark = pytest.mark.fast

ROOT = Path(__file__).resolve().parents[1]
FIXTURE = ROOT / "tests" / "data" / "hypothesis-class.json"
#: Everything the fixture's people are called, in any form the input has it.
NAMES = ("Alice", "Walker", "alice_walker", "Bob", "Martinez", "bob.martinez", "Cara", "Nguyen", "cara_n", "dev_k", "acct:")


@pytest.fixture
def book_root(tmp_path: Path) -> Path:
    """A copy of what the importer reads of the book: ``_toc.yml``, the pages, the source."""
    root = tmp_path / "project"
    (root / "book" / "_source").mkdir(parents=True)
    shutil.copy(ROOT / "_toc.yml", root / "_toc.yml")
    for page in (ROOT / "book").glob("*.md"):
        shutil.copy(page, root / "book" / page.name)
    for name in ("essay-and-comments.txt", "essay-and-comments.yml"):  # the text and its shape
        shutil.copy(ROOT / "book" / "_source" / name, root / "book" / "_source")
    (root / "annotations").mkdir()
    return root


def run(root: Path, path: Path, layer: str = "class", keep_names: bool = False, capsys=None) -> tuple[int, str, str]:
    code = importer.main([str(path), layer], environ={"KEEP_NAMES": "1"} if keep_names else {}, root=root)
    out, err = capsys.readouterr() if capsys else ("", "")
    return code, out, err


def records(root: Path, layer: str = "class") -> dict[str, list[dict]]:
    folder = root / "annotations" / layer
    return {p.name: yaml.safe_load(p.read_text(encoding="utf-8")) for p in sorted(folder.glob("*.yml"))}


def snapshot(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted((root / "annotations").rglob("*")) if p.is_file()}


# --- The Hypothesis fixture ---------------------------------------------------------------

#: The fields the Hypothesis API documents as required in each row of a search answer:
#: h, docs/_extra/api-reference/schemas/annotation.yaml (``Annotation.required``) at commit
#: 24395ca438e3bd4b5c301e30ab81ca1d024ee840; a search answer is ``{"rows": [...], "total": n}``
#: (docs/_extra/api-reference/hypothesis-v1.yaml, ``/search``).
HYPOTHESIS_REQUIRED = ("id", "created", "updated", "user", "uri", "text", "tags", "group", "permissions",
                       "target", "document", "links", "hidden", "moderation_status", "flagged", "actions")


def test_the_fixture_follows_the_documented_format() -> None:
    data = json.loads(FIXTURE.read_text(encoding="utf-8"))
    assert set(data) == {"total", "rows"} and data["total"] == len(data["rows"])
    for row in data["rows"]:
        assert all(key in row for key in HYPOTHESIS_REQUIRED), row["id"]
        assert row["user"].startswith("acct:") and "@" in row["user"]
        assert row["user_info"]["display_name"] is None or isinstance(row["user_info"]["display_name"], str)
        assert isinstance(row["target"], list) and all("source" in t for t in row["target"])
        assert row["moderation_status"] in ("PENDING", "APPROVED", "DENIED", "SPAM")
        if row.get("references"):  # a reply: its target has no selector
            assert "selector" not in row["target"][0]
        else:
            assert any(s["type"] == "TextQuoteSelector" for s in row["target"][0]["selector"])
    assert sum(bool(r.get("references")) for r in data["rows"]) == 2 and len(data["rows"]) == 7



def test_hypothesis_fixture_imports_as_specified(book_root: Path, capsys) -> None:
    code, out, err = run(book_root, FIXTURE, capsys=capsys)
    assert code == 0, err
    written = records(book_root)
    assert sorted(written) == ["healing.yml", "humility.yml", "orphans.yml", "responses.yml"]

    humility = written["humility.yml"]
    note, reply, reply_to_reply = humility
    # Stable ids from the Hypothesis ids; the note placed in ¶2 by its quote.
    assert note["id"] == "hyp-qx7hn0aoee-xq1bc2de3fa"
    assert (note["paragraph"], note["quote"]) == ("p2", "they are arrogant")
    assert note["tags"] == ["humility", "discussion"]
    assert note["kind"] == "question"  # its text asks a question
    assert note["created"] == "2026-10-05T09:12:44.512346+00:00"
    # Replies follow the note they answer, in thread order, with no phrase of their own.
    assert reply["reply_to"] == note["id"] and reply_to_reply["reply_to"] == reply["id"]
    assert not {"paragraph", "quote"} & (set(reply) | set(reply_to_reply))
    assert reply["body"] == "I think it is more about **shame** than fear."

    # The host does not matter (localhost here); prefix and suffix pick the second
    # “healing process” of ¶4, and the record carries what the build needs to pick it.
    healing = written["healing.yml"][0]
    assert (healing["paragraph"], healing["quote"]) == ("p4", "healing process")
    source = load_source(book_root / "book" / "_source" / "essay-and-comments.txt")
    line = source.unit("p4").paragraphs[0][0]
    second = line.find("healing process", line.find("healing process") + 1)
    assert locate_in_segments([line], healing["quote"], healing.get("prefix", ""), healing.get("suffix", "")) == (
        0, second, second + len("healing process"))

    responses = written["responses.yml"][0]
    assert (responses["paragraph"], responses["quote"]) == ("r2", "the client is actually trying to wake up the therapist")

    # Orphans: never dropped, listed (id, quote, why) and written where the build does not look.
    orphans = {o["id"]: o for o in written["orphans.yml"]}
    assert set(orphans) == {"hyp-u5pst4aoee-buw8xy9za0j", "hyp-v6qtu5aoee-cvx9yz0ab1k"}
    assert "not in the text" in orphans["hyp-u5pst4aoee-buw8xy9za0j"]["why"]
    assert "ambiguous" in orphans["hyp-v6qtu5aoee-cvx9yz0ab1k"]["why"]
    assert "orphan: hyp-u5pst4aoee-buw8xy9za0j “the therapist always knows best”: the quote is not in the text" in out
    assert "orphan: hyp-v6qtu5aoee-cvx9yz0ab1k “psychotherapist”: the quote is ambiguous" in out


def test_authors_numbered_consistently_and_no_name_written(book_root: Path, capsys) -> None:
    code, out, err = run(book_root, FIXTURE, capsys=capsys)
    assert code == 0, err
    written = records(book_root)
    by_id = {r["id"]: r for file in written.values() for r in file}
    # Alice wrote first (Student 1) and answers Bob (Student 2); Cara third, the last
    # row's author (no display name) fourth. Orphans keep the same numbers.
    assert by_id["hyp-qx7hn0aoee-xq1bc2de3fa"]["author"] == "Student 1"
    assert by_id["hyp-s3nqr2aoee-zsu6vw7xy8h"]["author"] == "Student 1"
    assert by_id["hyp-r2mpq1aoee-yrt5uv6wx7g"]["author"] == "Student 2"
    assert by_id["hyp-u5pst4aoee-buw8xy9za0j"]["author"] == "Student 2"
    assert by_id["hyp-t4ors3aoee-atv7wx8yz9i"]["author"] == "Student 3"
    assert by_id["hyp-w7ruv6aoee-dwy0za1bc2l"]["author"] == "Student 4"
    everything = "".join(p.read_text(encoding="utf-8") for p in (book_root / "annotations").rglob("*.yml")) + out + err
    for name in NAMES:
        assert name not in everything, name


def test_the_hypothesis_clients_own_export_reads_the_same(book_root: Path, tmp_path: Path, capsys) -> None:
    """The client's “Export” file: the same rows under ``annotations``, with the exporter's account."""
    rows = json.loads(FIXTURE.read_text(encoding="utf-8"))["rows"]
    envelope = {"export_date": "2026-10-08T10:00:00.000Z", "export_userid": "acct:teacher_t@hypothes.is",
                "client_version": "1.1600.0", "annotations": rows}
    path = tmp_path / "export.json"
    path.write_text(json.dumps(envelope), encoding="utf-8")
    assert run(book_root, path, capsys=capsys)[0] == 0
    from_export = snapshot(book_root)
    shutil.rmtree(book_root / "annotations" / "class")
    assert run(book_root, FIXTURE, capsys=capsys)[0] == 0
    assert snapshot(book_root) == from_export
    assert not any(b"teacher_t" in text for text in from_export.values())


def test_keep_names_writes_display_names(book_root: Path, capsys) -> None:
    code, _, err = run(book_root, FIXTURE, keep_names=True, capsys=capsys)
    assert code == 0, err
    by_id = {r["id"]: r for file in records(book_root).values() for r in file}
    assert by_id["hyp-qx7hn0aoee-xq1bc2de3fa"]["author"] == "Alice Walker"
    assert by_id["hyp-w7ruv6aoee-dwy0za1bc2l"]["author"] == "dev_k"  # no display name: the user name


# --- Re-importing -------------------------------------------------------------------------


def test_reimporting_the_same_file_changes_nothing(book_root: Path, capsys) -> None:
    assert run(book_root, FIXTURE, capsys=capsys)[0] == 0
    first = snapshot(book_root)
    code, out, _ = run(book_root, FIXTURE, capsys=capsys)
    assert code == 0 and "nothing changed" in out
    assert snapshot(book_root) == first


def test_a_newer_export_updates_what_changed(book_root: Path, tmp_path: Path, capsys) -> None:
    assert run(book_root, FIXTURE, capsys=capsys)[0] == 0
    before = snapshot(book_root)
    data = json.loads(FIXTURE.read_text(encoding="utf-8"))
    newer = copy.deepcopy(data)
    newer["rows"][0]["text"] = "Is arrogance the opposite of humility?"  # edited
    newer["rows"] = [r for r in newer["rows"] if r["id"] != "W7rUv6aOEe-DwY0zA1bC2l"]  # deleted
    newer["total"] = len(newer["rows"])
    path = tmp_path / "newer.json"
    path.write_text(json.dumps(newer), encoding="utf-8")
    assert run(book_root, path, capsys=capsys)[0] == 0
    after = snapshot(book_root)
    assert "annotations/class/responses.yml" not in after  # its only note was deleted
    assert yaml.safe_load(after["annotations/class/humility.yml"])[0]["body"] == "Is arrogance the opposite of humility?"
    assert after["annotations/class/healing.yml"] == before["annotations/class/healing.yml"]


def test_a_hand_written_file_is_never_overwritten(book_root: Path, capsys) -> None:
    (book_root / "annotations" / "class").mkdir()
    mine = book_root / "annotations" / "class" / "humility.yml"
    mine.write_text("# the teacher's own notes\n", encoding="utf-8")
    code, _, err = run(book_root, FIXTURE, capsys=capsys)
    assert code == 2 and "annotations/class/humility.yml: exists and was not written by an import" in err
    assert mine.read_text(encoding="utf-8") == "# the teacher's own notes\n"
    assert sorted(p.name for p in mine.parent.iterdir()) == ["humility.yml"]


# --- Untrusted bodies ---------------------------------------------------------------------


def test_bodies_cannot_become_directives_html_or_unsafe_links(book_root: Path, capsys) -> None:
    code, out, _ = run(book_root, FIXTURE, capsys=capsys)
    assert code == 0
    body = records(book_root)["healing.yml"][0]["body"]
    rendered = MarkdownIt("commonmark").render(body)
    assert "<script" not in rendered and "&lt;script&gt;" in rendered
    assert "javascript:" not in "".join(rendered.split('href="')[1:]).split('"')[0]
    assert 'href="javascript' not in rendered
    assert "<pre" not in rendered and "<code" not in rendered  # the {include} fence is text
    assert '<a href="https://dictionary.apa.org/dissociation">' in rendered  # a safe link stays a link
    assert "hyp-t4ors3aoee-atv7wx8yz9i: body holds" in out  # the user is told what was escaped


@pytest.mark.parametrize(
    "text",
    [
        "```{include} /etc/hostname\n```",
        ":::{include} /etc/hostname\n:::",
        "~~~{raw} html\n<b>x</b>\n~~~",
        "{raw}`html <b>x</b>` and {eval-rst}`x`",
        "<img src=x onerror=alert(1)>",
        "[click](javascript:alert(1))",
        "[click](data:text/html;base64,PHNjcmlwdD4=)",
        "![x](file:///etc/passwd)",
        "![tracker](https://tracker.example/pixel.png)",
        "[x](../../../etc/passwd)",
        "{doc}`../../../etc/passwd`",
        "{{ substitution }}",
        "# heading\n\n| a | b |\n|---|---|",
        "    indented code",
        "(target)=\n\n[^1]",
    ],
)
def test_each_unsafe_construct_is_neutralised(text: str) -> None:
    safe, notes = importer.safe_markdown(text)
    rendered = MarkdownIt("commonmark").enable("table").render(safe)
    assert notes, text
    for bad in ("<script", "<img", "<b>", "<pre", "<code", "<h1", "<table", 'href="javascript', 'href="data',
                'href="file', 'href="../', 'src="'):
        assert bad not in rendered, (text, safe, rendered)
    for directive in ("{include}", "{raw}", "{eval-rst}", "{doc}"):
        assert f"\n```{directive}" not in "\n" + safe and f"\n:::{directive}" not in "\n" + safe
        assert f"{directive}`" not in safe
    assert importer.safe_markdown(safe)[0] == safe  # escaping twice changes nothing


def test_the_editions_own_roles_and_plain_markdown_are_kept() -> None:
    text = "See {cite:t}`kublerross1969`, {term}`Pathologizing <pathologizing>` and {unit}`r3`; *really*."
    assert importer.safe_markdown(text) == (text, [])


# --- W3C input ----------------------------------------------------------------------------


def test_w3c_list_of_annotations_with_plain_and_html_bodies(book_root: Path, tmp_path: Path, capsys) -> None:
    items = [
        {
            "@context": "http://www.w3.org/ns/anno.jsonld",
            "id": "urn:uuid:0B1C3D2E-aaaa-4bbb-8ccc-000000000001",
            "type": "Annotation",
            "motivation": "questioning",
            "creator": {"type": "Person", "name": "Erin Example"},
            "body": {"type": "TextualBody", "value": "Why *three* dots?", "format": "text/plain"},
            "target": {"source": "https://other.example/ed/book/healing.html",
                       "selector": {"type": "TextQuoteSelector", "exact": "they are dissociated"}},
        },
        {
            "id": "https://tool.example/anno/2",
            "type": ["Annotation"],
            "body": [{"type": "TextualBody", "value": "<p>Odd <b>claim</b> &amp; <script>x</script></p>",
                      "format": "text/html"},
                     {"type": "TextualBody", "value": "doubt", "purpose": "tagging"}],
            "target": {"source": "https://other.example/ed/book/healing.html",
                       "selector": [{"type": "TextQuoteSelector", "exact": "no longer in the essay"}]},
        },
        {
            "id": "https://tool.example/anno/3",
            "type": "Annotation",
            "motivation": "replying",
            "body": {"type": "TextualBody", "value": "Agreed.", "format": "text/markdown"},
            "target": "urn:uuid:0B1C3D2E-aaaa-4bbb-8ccc-000000000001",
        },
    ]
    path = tmp_path / "w3c.json"
    path.write_text(json.dumps(items), encoding="utf-8")
    code, out, err = run(book_root, path, capsys=capsys)
    assert code == 0, err
    written = records(book_root)
    note = written["healing.yml"][0]
    assert note["id"] == "wa-0b1c3d2e-aaaa-4bbb-8ccc-000000000001"
    assert (note["paragraph"], note["kind"], note["author"]) == ("p4", "question", "Student 1")
    assert note["body"] == "Why \\*three\\* dots?"  # plain text stays plain: no emphasis
    reply = written["healing.yml"][1]
    assert (reply["id"], reply["reply_to"], reply["body"]) == ("wa-3", note["id"], "Agreed.")
    orphan = written["orphans.yml"][0]
    assert orphan["id"] == "wa-2" and orphan["tags"] == ["doubt"]
    assert MarkdownIt("commonmark").render(orphan["body"]) == "<p>Odd claim &amp; x</p>\n"  # HTML reduced to its text


@pytest.mark.parametrize(
    ("url", "page"),
    [
        ("https://edition.example.org/book/healing.html", "healing"),
        ("http://localhost:8000/book/healing/", "healing"),
        ("file:///home/t/_build/html/book/healing.html#p4", "healing"),
        ("https://x.org/mirror/healing.html?utm=1", "healing"),
        ("https://x.org/book/nowhere.html", ""),
    ],
)
def test_page_from_url_whatever_the_host(url: str, page: str) -> None:
    assert importer.page_of_url(url, importer.load_book(ROOT)) == page


# --- Malformed input ----------------------------------------------------------------------


def _row(**changes: object) -> dict:
    row = copy.deepcopy(json.loads(FIXTURE.read_text(encoding="utf-8"))["rows"][0])
    row.update(changes)
    return row


MALFORMED = {
    "not-json": ("{\"total\": 1, \"rows\": [", "not JSON"),
    "unknown-shape": (json.dumps({"annotations": []}), "unknown shape"),
    "row-not-object": (json.dumps({"total": 1, "rows": ["x"]}), "entry 1: a row is not an object"),
    "no-quote-selector": (json.dumps({"total": 1, "rows": [_row(target=[{"source": "s", "selector": [
        {"type": "TextPositionSelector", "start": 1, "end": 2}]}])]}),
        "entry 1 (id Qx7Hn0aOEe-Xq1bC2dE3fA): its target has no TextQuoteSelector"),
    "no-exact": (json.dumps({"total": 1, "rows": [_row(target=[{"source": "s", "selector": [
        {"type": "TextQuoteSelector"}]}])]}), "its TextQuoteSelector has no “exact” text"),
    "no-id": (json.dumps({"total": 1, "rows": [_row(id=None)]}), "entry 1: field “id” is missing"),
    "no-uri": (json.dumps({"total": 1, "rows": [_row(uri=7)]}), "field “uri” is missing or not text"),
    "bad-tags": (json.dumps({"total": 1, "rows": [_row(tags="a,b")]}), "field “tags” is not a list of text"),
    "w3c-not-annotation": (json.dumps([{"id": "x", "type": "Note"}]), "entry 1 (id x): not an Annotation"),
    "w3c-no-target": (json.dumps([{"id": "x", "type": "Annotation", "body": "b"}]), "entry 1 (id x): no target"),
    "w3c-linked-page": (json.dumps({"type": "AnnotationCollection", "first": "https://e.org/page1"}),
                        "the collection's first page is a link"),
    "duplicate-id": (json.dumps({"total": 2, "rows": [_row(), _row()]}), "entry 2 (id Qx7Hn0aOEe-Xq1bC2dE3fA): the same id appears twice"),
}


@pytest.mark.parametrize("case", sorted(MALFORMED))
def test_malformed_input_gives_one_line_and_writes_nothing(case: str, book_root: Path, tmp_path: Path, capsys) -> None:
    text, expected = MALFORMED[case]
    path = tmp_path / f"{case}.json"
    path.write_text(text, encoding="utf-8")
    code, out, err = run(book_root, path, capsys=capsys)
    assert code == 2
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith(f"error: {path}") and expected in lines[0], lines[0]
    assert not (book_root / "annotations" / "class").exists()


def test_a_bad_layer_name_is_refused(book_root: Path, capsys) -> None:
    code, _, err = run(book_root, FIXTURE, layer="../x", capsys=capsys)
    assert code == 2 and "layer name “../x”" in err


# --- A class layer exported and imported again ----------------------------------------------


@dataclass(frozen=True)
class LayerRecord(Annotation):
    """A record of a further layer, with the fields an import writes."""

    reply_to: str = ""
    tags: tuple[str, ...] = ()
    author: str = ""
    created: str = ""
    layer: str = "class"


def test_an_imported_layer_survives_export_and_import(book_root: Path, capsys) -> None:
    """Replies, tags, pseudonyms, dates and escaped bodies come back unchanged (ids aside)."""
    assert run(book_root, FIXTURE, capsys=capsys)[0] == 0
    first = {name: recs for name, recs in records(book_root).items() if name != "orphans.yml"}
    layer_records, page_of = [], {}
    for name, recs in first.items():
        for r in recs:
            layer_records.append(LayerRecord(
                id=r["id"], paragraph=r.get("paragraph", ""), quote=r.get("quote", ""), kind=r["kind"],
                body=r["body"], prefix=r.get("prefix", ""), suffix=r.get("suffix", ""),
                reply_to=r.get("reply_to", ""), tags=tuple(r.get("tags", ())), author=r.get("author", ""),
                created=r.get("created", "")))
            page_of[r["id"]] = f"book/{name[:-4]}.html"
    data = collection(layer_records, lambda r: page_of[r.id], base="https://edition.example.org/",
                      layer_of=lambda r: r.layer)
    items = {i["id"].split("#note-")[1]: i for i in data["first"]["items"]}
    reply = items["hyp-r2mpq1aoee-yrt5uv6wx7g"]
    assert reply["motivation"] == "replying"
    assert reply["target"] == "https://edition.example.org/book/humility.html#note-hyp-qx7hn0aoee-xq1bc2de3fa"
    assert reply["creator"] == {"type": "Person", "name": "Student 2"} and reply["partOf"]["label"] == "class"
    assert {"type": "TextualBody", "value": "humility", "purpose": "tagging"} in items["hyp-qx7hn0aoee-xq1bc2de3fa"]["body"]

    exported = book_root / "class-export.jsonld"
    exported.write_text(json.dumps(data), encoding="utf-8")
    assert run(book_root, exported, layer="again", capsys=capsys)[0] == 0
    second = records(book_root, "again")
    assert sorted(second) == sorted(first)
    for name in first:
        for before, after in zip(first[name], second[name], strict=True):
            assert after["id"] == "wa-" + before["id"]
            if "reply_to" in before:
                assert after["reply_to"] == "wa-" + before["reply_to"]
            assert {k: v for k, v in after.items() if k not in ("id", "reply_to")} == {
                k: v for k, v in before.items() if k not in ("id", "reply_to")}


def test_context_read_from_the_page_with_its_notes_still_picks_the_occurrence() -> None:
    """On the web page an editors' note follows its phrase, so a tool's suffix may hold the
    note's text ("Context Stage models…"); the prefix still tells the two “healing process” of ¶4 apart."""
    book = importer.load_book(ROOT)
    units = [book.source.unit(u) for u in book.pages["healing"]]
    first = importer.Incoming(source_id="a", index=0, exact="healing process",
                              prefix=" levels or stages of the ", suffix=".Context Stage models are famili")
    second = importer.Incoming(source_id="b", index=1, exact="healing process",
                               prefix="stuck on their emotional ", suffix=" from the traumas they have expe")
    line = book.source.unit("p4").paragraphs[0][0]
    at = line.find("healing process")
    assert importer.anchor(first, units) == ("p4", 0, at, at + 15)
    at = line.find("healing process", at + 1)
    assert importer.anchor(second, units) == ("p4", 0, at, at + 15)
    neither = importer.Incoming(source_id="c", index=2, exact="healing process", prefix="xyz", suffix="xyz")
    with pytest.raises(importer.AnchorError, match="ambiguous"):
        importer.anchor(neither, units)


@pytest.mark.parametrize(
    ("html", "text"),
    [
        ("<p>Odd <b>claim</b> &amp; more</p><p>Next<br/>line</p>", "Odd claim & more\n\nNext\n\nline"),
        ('<p title="a > b">Kept</p>', "Kept"),  # a “>” in an attribute ends no tag
        ("one <!-- a > b --> two", "one  two"),  # nor one in a comment
        ("5 &lt; 6 &gt; 4", "5 < 6 > 4"),
    ],
)
def test_an_html_body_is_read_as_text(html: str, text: str) -> None:
    assert importer.html_to_text(html) == text
