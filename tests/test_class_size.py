"""A class's worth of annotations, end to end: the generated export of 30 students
(``tests/helpers/classgen.py``) with the messiest notes a class leaves, imported with
``make import-annotations``, then ``make book`` and ``make class-copy``.

One build serves every test here (it is the slowest fixture of the suite), so the
check in Chromium that each quote is one run of the page's text is here too, and
the module is in the book layer (``make test`` installs Chromium before it).
"""

from __future__ import annotations

import copy
import json
import re
import time
import zipfile
from pathlib import Path
from typing import Any

from tests.helpers.lazy import pymupdf
import pytest
import yaml
from bs4 import BeautifulSoup

from edition.text.source import normalize_space
from tests.helpers.classgen import hypothesis_export
from tests.helpers.epubcheck import epubcheck_report, id_faults
from tests.helpers.layered import VENV, copy_project, run
from tests.test_pdf import test_margin_notes_never_overlap_or_leave_the_page as check_margin_geometry

pytestmark = pytest.mark.book

PDF = "when-psychotherapists-are-less-healthy.pdf"
EPUB = "when-psychotherapists-are-less-healthy.epub"


def messy_rows(export: dict[str, Any]) -> list[dict[str, Any]]:
    """What a class also leaves: a note of a thousand words, a note with fifteen replies,
    long addresses and words, emoji and right-to-left text, control characters, and
    bodies that look like markup."""
    base = next(r for r in export["rows"] if not r.get("references") and "selector" in r["target"][0])
    made: list[dict[str, Any]] = []

    def note(n: int, text: str, **changes: Any) -> dict[str, Any]:
        row = copy.deepcopy(base)
        row.update(id=f"Messy{n:04d}xxxxxxxxxxxxxx", text=text, **changes)
        made.append(row)
        return row

    note(1, " ".join(["thousand"] * 1000) + " words.")
    thread = note(2, "A note the whole class answered.")
    for n in range(15):
        reply = copy.deepcopy(base)
        reply.update(id=f"Reply{n:04d}xxxxxxxxxxxxxx", text=f"Answer {n + 1}.", references=[thread["id"]],
                     target=[{"source": base["uri"]}])
        made.append(reply)
    note(3, "See https://example.org/" + "a-very-long-path/" * 8 + " and Donaudampfschifffahrtsgesellschaftskapitän.")
    note(4, "Emoji 😀🎉 and Hebrew שלום, Arabic مرحبا, an RLO \u202eevil\u202c mark.")
    note(5, "Control\x07 characters\x1b[31m and a NUL\x00 here.")
    note(6, "Escaped {{x}} braces\n--\n\n* * *\n\nand {term}`not a term`.")
    note(7, "     ")
    return made


@pytest.fixture(scope="module")
def class_book(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """The book with the generated class imported, built whole and as a class copy:
    the project, the export, what the import printed, and the times taken."""
    project = copy_project(tmp_path_factory.mktemp("class-size") / "book", layers=())
    export = hypothesis_export(students=30, rows=800, seed=1)
    export["rows"] += messy_rows(export)
    export["total"] = len(export["rows"])
    path = project.parent / "class.json"
    path.write_text(json.dumps(export), encoding="utf-8")
    times: dict[str, float] = {}
    start = time.perf_counter()
    imported = run(["make", "import-annotations", f"FILE={path}", "LAYER=class", f"VENV={VENV}"], project)
    times["import"] = time.perf_counter() - start
    for target in (["book"], ["class-copy", "LAYERS=editors,class"]):
        start = time.perf_counter()
        run(["make", *target, f"VENV={VENV}"], project)
        times[target[0]] = time.perf_counter() - start
    print(f"\nclass of {len(export['rows'])} rows: " + ", ".join(f"{k} {v:.1f} s" for k, v in times.items()))
    return {"project": project, "export": export, "out": imported.stdout, "times": times}


def people(export: dict[str, Any]) -> set[str]:
    """Every name and user name of the class's students."""
    found: set[str] = set()
    for row in export["rows"]:
        found.add(row["user_info"]["display_name"])
        found.add(row["user"][len("acct:"):].split("@")[0])
    return found


def placed_records(project: Path) -> list[dict[str, Any]]:
    return [
        record for path in sorted((project / "annotations" / "class").glob("*.yml")) if path.name != "orphans.yml"
        for record in yaml.safe_load(path.read_text(encoding="utf-8"))
    ]


def test_every_row_is_accounted_for_and_the_counts_add_up(class_book: dict[str, Any]) -> None:
    out, project, export = class_book["out"], class_book["project"], class_book["export"]
    line = next(line for line in out.splitlines() if "annotation(s) in the file:" in line)
    total = int(line.split()[0])
    counts = [int(n) for n in re.findall(r"(\d+) (?:note|reply|orphan|left out)", line)]
    assert total == len(export["rows"]) == sum(counts), line
    notes, replies, orphaned = counts[:3]
    records = placed_records(project)
    assert len(records) == notes + replies and sum(1 for r in records if r.get("reply_to")) == replies
    orphans = yaml.safe_load((project / "annotations" / "class" / "orphans.yml").read_text(encoding="utf-8"))
    assert len(orphans) == orphaned >= 8  # the page notes among them
    assert "left out as hidden by a moderator" in line and "left out as private" in line
    # every placed note is in the website, in the class's layer
    shown = set()
    for page in (project / "_build" / "html" / "book").glob("*.html"):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        shown |= {tag["id"][len("note-"):] for tag in soup.select('[data-layer="class"][id^="note-"]')}
    assert shown == {r["id"] for r in records}


def test_no_student_name_reaches_the_site(class_book: dict[str, Any]) -> None:
    project = class_book["project"]
    names = people(class_book["export"])
    texts: dict[str, str] = {}
    for path in (project / "_build" / "html").rglob("*"):
        if path.suffix in (".html", ".js", ".json", ".jsonld", ".txt"):
            texts[path.name] = path.read_text(encoding="utf-8", errors="replace")
    for pdf in (project / "_build" / "html" / PDF, project / "_build" / "class-copy.pdf"):
        with pymupdf.open(pdf) as doc:
            texts[pdf.name] = " ".join(page.get_text() for page in doc)
    with zipfile.ZipFile(project / "_build" / "html" / EPUB) as epub:
        texts[EPUB] = " ".join(epub.read(n).decode("utf-8") for n in epub.namelist() if n.endswith((".xhtml", ".opf")))
    assert "searchindex.js" in texts and "annotations.jsonld" in texts
    found = [(name, where) for where, text in texts.items() for name in names if name in text]
    assert found == []


def test_the_ebook_passes_epubcheck_with_every_id_once(class_book: dict[str, Any]) -> None:
    epub = class_book["project"] / "_build" / "html" / EPUB
    assert id_faults(epub) == []
    report = epubcheck_report(epub)
    assert "Messages: 0 fatals / 0 errors" in report, report


def test_the_class_copy_keeps_its_margin_on_the_page_and_says_where_the_rest_went(class_book: dict[str, Any]) -> None:
    with pymupdf.open(class_book["project"] / "_build" / "class-copy.pdf") as doc:
        check_margin_geometry(doc)
        text = normalize_space(" ".join(page.get_text() for page in doc))
    assert "notes that did not fit in the margin" in text.lower()
    assert "follow the chapter" in text
    assert "Answer 15." in text and "thousand thousand" in text
    assert "😀" in text and ("שלום" in text or "םולש" in text)  # in a face that has them, not vanished
    assert "Donaudampfschifffahrts" in text.replace(" ", "")


#: Each unit's element on a page: its whole text, and its own words (without notes,
#: number and byline), as a script in the page gives them.
FRAGMENTS = """() => Object.fromEntries([...document.querySelectorAll('p.passage[id], article.response[id]')].map(e => {
  const own = e.cloneNode(true);
  own.querySelectorAll('.annotation, .unit-number, .response-byline').forEach(n => n.remove());
  return [e.id, [e.textContent, own.textContent]];
}))"""


def test_each_quote_of_the_export_is_one_run_of_its_paragraphs_own_text(class_book: dict[str, Any], browser: Any) -> None:
    """What an annotation tool searches for: the quote with its prefix and suffix once in
    its paragraph (the ``FragmentSelector``), in the paragraph's own words, no note's
    text inside the quote or its context."""
    from tools.chromium import serve_folder

    site = class_book["project"] / "_build" / "html"
    items = json.loads((site / "annotations.jsonld").read_text(encoding="utf-8"))["first"]["items"]
    quoted = [i for i in items if isinstance(i["target"], dict)]
    assert sum(1 for i in quoted if i["partOf"]["label"] == "class") > 500
    faults = []
    page = browser.new_page()
    fragments: dict[str, dict[str, list[str]]] = {}
    with serve_folder(site) as url:
        for item in quoted:
            source, selector = item["target"]["source"], item["target"]["selector"]
            if source not in fragments:
                page.goto(f"{url}/{source}")
                fragments[source] = page.evaluate(FRAGMENTS)
            quote = selector["refinedBy"]
            whole = quote.get("prefix", "") + quote["exact"] + quote.get("suffix", "")
            text, own = fragments[source][selector["value"]]
            if text.count(whole) != 1 or own.count(whole) != 1:
                faults.append((item["id"], whole))
    page.close()
    assert faults == []
