"""The class report as the teacher gets it: ``make class-report`` on a copy of the project.

A class of 30 (600 notes, 150 replies, made by ``tests/helpers/classgen.py``)
is imported from the Hypothesis API's format and a smaller one from W3C
JSON-LD, with the project's own commands; hand-written layers give hostile
text, an empty layer, a layer of orphans only and one without dates. The
tests read the page (every section, the text in order, the charts), its PDF
(A4 and Letter, nothing off the page), and check that no student's name
reaches the website, its export or its search index.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import time
from pathlib import Path
from xml.etree import ElementTree

from tests.helpers.lazy import pymupdf
import pytest
from bs4 import BeautifulSoup

from edition.classroom import classreport as cr
from tests.helpers import classgen
from tests.helpers.layered import VENV, build_html, copy_project, run

pytestmark = pytest.mark.book

REPORT = Path("_build") / "class-report"
#: The class of the scale figure: 30 students × 20 notes, 150 replies, no page, hidden or private notes.
CLASS = {"students": 30, "rows": 750, "seed": 1, "reply_share": 0.2, "page_notes": 0, "hidden": 0, "private": 0}
A4 = (595.3, 841.9)
LETTER = (612.0, 792.0)
SVG = "http://www.w3.org/2000/svg"

HOSTILE = """\
- id: h1
  paragraph: p1
  quote: I started to formulate
  kind: question
  author: "<b>Eve</b> & co"
  created: 2026-10-05T09:00:00Z
  body: |
    <script>alert(1)</script> <img src=x onerror=alert(2)> {include}`/etc/passwd` [x](javascript:alert(3))?
"""
ORPHANS_ONLY = """\
- id: o1
  why: quote “words gone from the text” is not in ¶2
  page: humility
  quote: words gone from the text
  kind: context
  author: Student 1
  body: My note on words the text no longer has.
"""
UNDATED = """\
- id: u1
  paragraph: p4
  quote: the different levels or stages
  kind: context
  author: Student 1
  body: No date on this one.
"""


def make_report(project: Path, keep: Path, *args: str) -> tuple[Path, float]:
    """Run ``make class-report`` with ``args``; keep a copy of what it wrote in ``keep``; return it and the time."""
    started = time.perf_counter()
    run(["make", "class-report", *args, f"VENV={VENV}"], project)
    seconds = time.perf_counter() - started
    shutil.copytree(project / REPORT, keep)
    return keep, seconds


def quick_report(project: Path, keep: Path, layer: str) -> Path:
    """The page and charts of a layer without the PDF (``python -m edition.classroom.reportpage --no-pdf``)."""
    run([str(VENV / "bin" / "python"), "-m", "edition.classroom.reportpage", layer, "--no-pdf", "--out", str(keep)], project)
    return keep


def page(folder: Path) -> BeautifulSoup:
    return BeautifulSoup((folder / "index.html").read_text(encoding="utf-8"), "html.parser")


def section(soup: BeautifulSoup, sid: str) -> str:
    return " ".join(soup.find(id=sid).get_text(" ").split())


def files_outside(project: Path, skip: tuple[str, ...]) -> dict[str, tuple[int, int]]:
    """Every file of the project but those under ``skip`` and compiled Python: size and time."""
    out = {}
    for path in project.rglob("*"):
        relative = path.relative_to(project).as_posix()
        if path.is_file() and "__pycache__" not in relative and not relative.startswith(skip):
            stat = path.stat()
            out[relative] = (stat.st_size, stat.st_mtime_ns)
    return out


@pytest.fixture(scope="module")
def reports(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    """The reports of every layer, made in one copy of the project whose website shows the editors' notes only."""
    base = tmp_path_factory.mktemp("class-report")
    project = copy_project(base / "book", layers=(), sphinx_config={"edition_layers": ["editors"]})
    (project / "hypothesis.json").write_text(json.dumps(classgen.hypothesis_export(**CLASS)), encoding="utf-8")
    named = {**CLASS, "students": 12, "rows": 80, "seed": 2}
    (project / "named.json").write_text(json.dumps(classgen.hypothesis_export(**named)), encoding="utf-8")
    w3c = {**CLASS, "students": 10, "rows": 120, "seed": 3}
    (project / "w3c.json").write_text(json.dumps(classgen.w3c_export(**w3c)), encoding="utf-8")
    run(["make", "import-annotations", "FILE=hypothesis.json", "LAYER=class", f"VENV={VENV}"], project)
    run(["make", "import-annotations", "FILE=w3c.json", "LAYER=w3c", f"VENV={VENV}"], project)
    env_names = {**os.environ, "KEEP_NAMES": "1"}
    subprocess.run(["make", "import-annotations", "FILE=named.json", "LAYER=named", f"VENV={VENV}"],
                   cwd=project, env=env_names, check=True, capture_output=True)
    for layer, text in (("hostile", HOSTILE), ("undated", UNDATED)):
        (project / "annotations" / layer).mkdir()
        (project / "annotations" / layer / "humility.yml").write_text(text, encoding="utf-8")
    (project / "annotations" / "undated" / "humility.yml").rename(project / "annotations" / "undated" / "healing.yml")
    (project / "annotations" / "empty").mkdir()
    (project / "annotations" / "empty" / "layer.yml").write_text("title: Seminar B\n", encoding="utf-8")
    (project / "annotations" / "orphans-only").mkdir()
    (project / "annotations" / "orphans-only" / "orphans.yml").write_text(ORPHANS_ONLY, encoding="utf-8")

    made: dict[str, object] = {"project": project}
    made["class"], made["seconds"] = make_report(project, base / "class", "LAYER=class")
    made["w3c"], _ = make_report(project, base / "w3c", "LAYER=w3c")
    made["hostile"], _ = make_report(project, base / "hostile", "LAYERS=hostile,empty", "PAPER=letter")
    for layer in ("empty", "orphans-only", "undated"):
        made[layer] = quick_report(project, base / layer, layer)
    # Last, the layer with the students' names: what it leaves in the project is checked below.
    before = files_outside(project, (REPORT.as_posix(),))
    run(["make", "class-report", "LAYER=named", f"VENV={VENV}"], project)
    made["changed"] = sorted(k for k, v in files_outside(project, (REPORT.as_posix(),)).items() if before.get(k) != v)
    made["site"] = build_html(project)
    made["students"] = classgen.class_students(named["students"], named["seed"])
    return made


# --- Scale -------------------------------------------------------------------------------------


def test_a_class_of_30_gets_its_report(reports: dict) -> None:
    """600 notes and 150 replies from the Hypothesis format; the time is in docs/benchmark.md."""
    soup = page(reports["class"])
    print(f"\nclass report of 600 notes and 150 replies: {reports['seconds']:.1f} s (make class-report, with the PDF)")
    counts = [article.find(class_="counts").get_text() for article in soup.select("article.unit")]
    assert sum(int(c.split()[0]) for c in counts) == 600
    assert sum(int(c.split(", ")[1].split()[0]) for c in counts) == 150
    assert "600 notes placed in the text and 150 replies by 30 authors" in " ".join(soup.header.get_text().split())


# --- 1. Where the class read ---------------------------------------------------------------------


def test_the_whole_text_is_shown_in_order_with_shades_and_counts(reports: dict) -> None:
    soup = page(reports["class"])
    source = cr.load_source(reports["project"] / cr.SOURCE_FILE)
    articles = soup.select("article.unit")
    assert [a["id"] for a in articles] == [f"unit-{uid}" for uid in source.ids]
    for article, unit in zip(articles, source.units):
        assert article.find(class_="text").get_text() == unit.text  # every character, in order
        assert article.find("h4").find(class_="label").get_text() == unit.label
    marks = soup.select("article.unit mark")
    assert marks and all(m["title"].endswith(("note", "notes")) for m in marks)
    levels = {m["class"][0] for m in soup.select("article.unit mark")}
    assert levels == {f"heat-{n}" for n in range(1, cr.HEAT_LEVELS + 1)}
    assert soup.select(".legend mark")[-1].get_text().endswith(str(max(
        int(m["title"].split()[0]) for m in marks)))


def test_each_unit_has_a_bar_chart_from_matplotlib_with_its_counts(reports: dict) -> None:
    soup = page(reports["class"])
    for article in soup.select("article.unit"):
        image = article.find("img", class_="bar")
        counts = article.find(class_="counts").get_text()
        assert image["alt"].endswith(counts)
        svg = (reports["class"] / image["src"]).read_text(encoding="utf-8")
        assert "Matplotlib v" in svg
        notes, replies = (c.split()[0] for c in counts.split(", "))
        texts = {(t.text or "").strip() for t in ElementTree.fromstring(svg.encode()).iter(f"{{{SVG}}}text")}
        assert {notes, replies, "notes", "replies"} <= texts
    for article in soup.select("article.unit"):
        hot = article.find(class_="peak")
        if int(article.find(class_="counts").get_text().split()[0]):
            assert hot.get_text().startswith("Most noted here: “")
            assert article.find(class_="text")["aria-describedby"] == hot["id"]
        else:
            assert hot is None


# --- 2. Where it got stuck -----------------------------------------------------------------------


def test_the_most_noted_phrases_come_first_with_their_notes(reports: dict) -> None:
    soup = page(reports["class"])
    items = soup.select("ol.stuck > li")
    assert 1 < len(items) <= 10
    counts = [int(li.find(class_="count").get_text().split()[0]) for li in items]
    assert counts == sorted(counts, reverse=True) and counts[-1] >= 2
    for li, n in zip(items, counts):
        assert len(li.select("ul.notes > li")) == n
        assert all(note.find(class_="body") for note in li.select("ul.notes > li"))


def test_open_questions_are_listed(reports: dict) -> None:
    soup = page(reports["class"])
    report = cr.build_report(reports["project"], ["class"])
    assert len(soup.select("ol.questions > li")) == len(report.questions) > 0
    assert f"no one has answered: {len(report.questions)}." in section(soup, "stuck")


# --- 3. Who took part --------------------------------------------------------------------------


def test_who_took_part_with_pseudonyms_and_a_privacy_notice(reports: dict) -> None:
    soup = page(reports["class"])
    rows = soup.select("table.people tbody tr")
    assert [r.th.get_text() for r in rows] == [f"Student {n}" for n in range(1, 31)]
    assert sum(int(r.find_all("td")[0].get_text()) for r in rows) == 600
    assert [th.get_text() for th in soup.select("table.people thead th")][4:] == ["Part I", "Part II", "Part III", "Part IV"]
    assert "Personal data." in soup.find(class_="privacy").get_text()
    assert "Personal data: for the teacher's eyes only." in section(soup, "people")
    assert soup.find("meta", attrs={"name": "robots"})["content"] == "noindex, nofollow"


def test_names_kept_by_the_import_are_on_the_report(reports: dict) -> None:
    text = (reports["project"] / REPORT / "index.html").read_text(encoding="utf-8")
    assert sum(s.display_name in text for s in reports["students"]) >= 10


# --- 4. What did not anchor, 5. Over time ----------------------------------------------------------


def test_every_note_of_the_class_is_accounted_for(reports: dict) -> None:
    report = cr.build_report(reports["project"], ["class"])
    text = section(page(reports["class"]), "unplaced")
    if report.data.orphans or report.data.refused:
        assert f"({len(report.data.orphans)})" in text or f"({len(report.data.refused)})" in text
    else:
        assert "Every note of the layer is placed in the text: there are no orphans." in text
    assert report.written == 750


def test_orphans_are_shown_with_their_text(reports: dict) -> None:
    soup = page(reports["orphans-only"])
    text = section(soup, "unplaced")
    assert "“words gone from the text”" in text and "My note on words the text no longer has." in text
    assert "Why: quote “words gone from the text” is not in ¶2" in text
    assert "None of the layer's notes could be placed in the text." in " ".join(soup.header.get_text().split())
    assert "No note of the layer is placed in the text" in section(soup, "read")


def test_notes_per_day_as_a_chart_and_a_table(reports: dict) -> None:
    soup = page(reports["class"])
    image = soup.select_one("#time img")
    assert "Matplotlib v" in (reports["class"] / image["src"]).read_text(encoding="utf-8")
    days = soup.select("table.days tbody tr")
    assert sum(int(r.find_all("td")[0].get_text()) + int(r.find_all("td")[1].get_text()) for r in days) == 750


# --- Bad input -------------------------------------------------------------------------------------


def test_an_empty_layer_says_so(reports: dict) -> None:
    soup = page(reports["empty"])
    assert soup.h1.get_text() == "Seminar B"
    assert "The layer holds no notes yet: there is nothing to report." in soup.header.get_text()
    assert "No one has written a note in the layer yet." in section(soup, "people")
    assert "There are no notes, so there is nothing to show over time." in section(soup, "time")
    assert not (reports["empty"] / "charts" / "per-day.svg").exists()


def test_a_layer_without_dates_says_so(reports: dict) -> None:
    soup = page(reports["undated"])
    assert "No note in the layer carries a date, so there is no chart of notes per day." in section(soup, "time")
    assert soup.select_one("#time img") is None


def test_student_text_is_shown_as_text_never_as_markup(reports: dict) -> None:
    soup = page(reports["hostile"])
    assert soup.find_all("script") == [] and soup.find_all("b") == []
    assert [img["src"] for img in soup.find_all("img") if not img["src"].startswith("charts/")] == []
    assert not soup.select("[onerror]") and not soup.select('a[href^="javascript:"]')
    body = soup.select_one("ol.stuck, ol.questions").find(class_="body").get_text()
    assert body.strip() == (
        "<script>alert(1)</script> <img src=x onerror=alert(2)> {include}`/etc/passwd` [x](javascript:alert(3))?"
    )
    assert "<b>Eve</b> & co · Question" in section(soup, "stuck")


def test_several_layers_make_one_report(reports: dict) -> None:
    soup = page(reports["hostile"])
    assert soup.h1.get_text() == "Hostile, Seminar B"


def test_a_layer_imported_from_w3c_json_ld(reports: dict) -> None:
    soup = page(reports["w3c"])
    report = cr.build_report(reports["project"], ["w3c"])
    assert len(report.data.notes) > 50 and report.data.replies
    rows = soup.select("table.people tbody tr")
    assert len(rows) == len(report.people) >= 9
    assert (reports["w3c"] / "class-report.pdf").is_file()


# --- The PDF --------------------------------------------------------------------------------------


@pytest.mark.parametrize(("name", "size"), [("class", A4), ("hostile", LETTER)])
def test_the_pdf_prints_every_section_on_the_paper_chosen(reports: dict, name: str, size: tuple[float, float]) -> None:
    with pymupdf.open(reports[name] / "class-report.pdf") as doc:
        text = " ".join(" ".join(p.get_text().split()) for p in doc)
        for page_ in doc:
            assert page_.rect.width == pytest.approx(size[0], abs=1) and page_.rect.height == pytest.approx(size[1], abs=1)
            for block in page_.get_text("blocks"):
                assert block[0] >= 0 and block[2] <= page_.rect.width and block[3] <= page_.rect.height, block
    for title in ("1. Where the class read", "2. Where it got stuck", "3. Who took part",
                  "4. What did not anchor", "5. Over time", "Personal data."):
        assert title in text
    if name == "class":
        assert "Student 30" in text and "¶8" in text and "R1.1" in text


# --- Privacy -----------------------------------------------------------------------------------------


def test_the_report_writes_nothing_outside_its_folder(reports: dict) -> None:
    assert reports["changed"] == []


def test_no_student_name_reaches_the_site_its_export_or_its_search_index(reports: dict) -> None:
    site: Path = reports["site"]
    assert (site / "annotations.jsonld").is_file() and (site / "searchindex.js").is_file()
    names = [s.display_name for s in reports["students"]] + [s.username for s in reports["students"]]
    for path in (reports["project"] / "_build").rglob("*"):
        if path.is_file() and REPORT.as_posix() not in path.as_posix():
            text = path.read_bytes().decode("utf-8", errors="replace")
            found = [n for n in names if n in text]
            assert not found, f"{path}: {found}"


@pytest.mark.parametrize(
    "arguments",
    [
        ('LAYER=x";touch {mark};"',),
        ("LAYER=$(shell touch {mark})",),
        ("LAYERS=class,x`touch {mark}`",),
        ("LAYER=class", "PAPER=a4';touch {mark};'"),
    ],
)
def test_no_argument_of_class_report_runs_a_command(arguments: tuple[str, ...], tmp_path: Path) -> None:
    mark = tmp_path / "ran"
    root = Path(__file__).resolve().parents[1]
    done = subprocess.run(["make", "class-report", *(a.format(mark=mark) for a in arguments), f"VENV={VENV}"],
                          cwd=root, capture_output=True, text=True, timeout=600)
    assert done.returncode != 0, done.stdout + done.stderr
    assert not mark.exists()
    assert "error:" in done.stderr
