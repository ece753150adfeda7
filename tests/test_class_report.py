"""The class report's logic (``edition/classroom/classreport.py``): each section, the bad inputs. Fast: no build, no browser.

Each test writes a small class layer by hand into a project that shares the
book's own pages and source text, and checks what the report makes of it.
"""

from __future__ import annotations

import datetime as dt
import textwrap
from pathlib import Path

import pytest

from edition.classroom import classreport as cr
from edition.text.source import Source

pytestmark = pytest.mark.fast

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A project with the book's pages and source text and an empty ``annotations/`` folder."""
    (tmp_path / "book").symlink_to(ROOT / "book")
    (tmp_path / "_toc.yml").symlink_to(ROOT / "_toc.yml")
    (tmp_path / "annotations").mkdir()
    return tmp_path


def write(project: Path, relative: str, text: str) -> None:
    """Write a file of the project (YAML written indented in the test, dedented here)."""
    path = project / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")


HUMILITY = """
- id: a1
  paragraph: p1
  quote: healthier than their therapists
  kind: question
  author: Student 1
  created: 2026-10-05T21:00:00+00:00
  body: Healthier by whose measure?
- id: a2
  paragraph: p1
  quote: clients are healthier
  kind: context
  author: Student 2
  created: 2026-10-05T23:50:00+00:00
  body: The claim of the whole essay.
- id: a3
  paragraph: p1
  quote: are healthier than their therapists . . .
  kind: context
  author: Student 10
  created: 2026-10-07T08:00:00+00:00
  body: Note the ellipsis.
- id: a1-r
  reply_to: a1
  author: Student 2
  created: 2026-10-06T09:00:00+00:00
  body: By the author's own, from practice.
- id: a4
  paragraph: p2
  quote: opposite of humble
  kind: context
  tags: [Question]
  author: Student 1
  created: 2026-10-05T22:00:00+00:00
  body: A tagged question that ends with a full stop.
- id: a5
  paragraph: p3
  quote: they just blame the client
  kind: context
  author: Student 3
  body: Do they, though?*
"""

RESPONSES = """
- id: b1
  paragraph: r2
  quote: This line rocks!
  kind: context
  author: Student 2
  created: 2026-10-05T10:00:00+00:00
  body: A reader answers.
- id: b1-r
  reply_to: b1
  author: Student 3
  created: 2026-10-05T11:00:00+00:00
  body: Does it answer the essay?
"""

ORPHANS = """
- id: o1
  why: quote “a sentence no longer in the text” is not in ¶2
  page: humility
  quote: a sentence no longer in the text
  kind: context
  author: Student 4
  created: 2026-10-09T12:00:00+00:00
  body: <b>Still</b> my words.
"""


@pytest.fixture
def layer(project: Path) -> Path:
    """The project with a class layer: notes on ¶1–¶3, a reply, and one orphan."""
    write(project, "annotations/class/humility.yml", HUMILITY)
    write(project, "annotations/class/orphans.yml", ORPHANS)
    return project


@pytest.fixture
def source() -> Source:
    return cr.load_source(ROOT / cr.SOURCE_FILE)


def note(record_id: str, data: cr.ClassLayers) -> cr.PlacedNote:
    return next(n for n in data.notes if n.record.id == record_id)


# --- Reading the layer --------------------------------------------------------------------


def test_notes_are_placed_where_their_quote_is(layer: Path, source: Source) -> None:
    data = cr.load_class(layer, ["class"], source)
    a1 = note("a1", data)
    assert source.unit("p1").text[a1.start : a1.end] == "healthier than their therapists"
    assert (a1.page, a1.unit) == ("humility", "p1")
    assert [n.record.id for n in data.notes] == ["a2", "a3", "a1", "a4", "a5"]  # reading order
    assert [(r.id, n.record.id) for r, n in data.replies] == [("a1-r", "a1")]


def test_a_quote_on_a_later_line_of_a_response_is_placed_in_the_units_text(project: Path, source: Source) -> None:
    lines = cr.unit_lines(source.unit("r1"))
    line, offset = lines[2]
    assert source.unit("r1").text[offset : offset + len(line)] == line
    write(project, "annotations/class/responses.yml", f"""
        - id: c1
          paragraph: r1
          quote: "{line[5:30]}"
          kind: context
          body: On the third line.
        """)
    data = cr.load_class(project, ["class"], source)
    assert source.unit("r1").text[data.notes[0].start : data.notes[0].end] == line[5:30]


def test_records_that_cannot_be_placed_are_listed_with_why(project: Path, source: Source) -> None:
    write(project, "annotations/class/humility.yml", """
        - id: gone
          paragraph: p1
          quote: words that are not in the essay
          kind: context
          body: Lost?
        - id: elsewhere
          paragraph: p5
          quote: the
          kind: context
          body: Wrong page.
        - id: bad-kind
          paragraph: p1
          quote: humble
          kind: opinion
          body: Unknown kind.
        - id: lost-reply
          reply_to: gone
          body: Answers a note that is not placed.
        """)
    data = cr.load_class(project, ["class"], source)
    why = {r.id: r.why for r in data.refused}
    assert data.notes == [] and data.replies == []
    assert "is not in ¶1" in why["gone"]
    assert "paragraph “p5” is not on page “humility”" in why["elsewhere"]
    assert "unknown kind “opinion”" in why["bad-kind"]
    assert "(gone) is not placed" in why["lost-reply"]
    assert all(r.where.startswith("annotations/class/humility.yml:") for r in data.refused)


def test_an_unknown_layer_or_none_is_one_line_error(layer: Path) -> None:
    with pytest.raises(cr.ReportError, match="no layer “nope”"):
        cr.load_class(layer, ["class", "nope"])
    with pytest.raises(cr.ReportError, match="no layer named"):
        cr.load_class(layer, [" "])


def test_a_faulty_layer_folder_stops_only_its_own_report(layer: Path) -> None:
    write(layer, "annotations/class/layer.yml", "title: [unclosed\n")
    write(layer, "annotations/other/layer.yml", "title: Other\n")
    with pytest.raises(cr.ReportError, match=r"^annotations/class/layer.yml:\d+: malformed YAML"):
        cr.load_class(layer, ["class"])
    assert cr.load_class(layer, ["other"]).layers == [("other", "Other")]


def test_a_malformed_orphans_file_is_named(layer: Path) -> None:
    write(layer, "annotations/class/orphans.yml", "id: not a list\n")
    with pytest.raises(cr.ReportError, match=r"^annotations/class/orphans.yml: must be a YAML list"):
        cr.load_class(layer, ["class"])


# --- 1. Where the class read ----------------------------------------------------------------


def test_coverage_counts_the_notes_over_each_character() -> None:
    assert cr.coverage(10, [(0, 4), (2, 6), (3, 20)]) == [1, 1, 2, 3, 2, 2, 1, 1, 1, 1]
    assert cr.coverage(3, []) == [0, 0, 0]


def test_heat_runs_keep_every_character_in_order_with_its_count() -> None:
    text = "abcdefghij"
    counts = cr.coverage(10, [(2, 5), (4, 8)])
    runs = cr.heat_runs(text, counts, most=2)
    assert "".join(r.text for r in runs) == text
    assert [(r.text, r.count) for r in runs] == [("ab", 0), ("cd", 1), ("e", 2), ("fgh", 1), ("ij", 0)]
    assert [r.level for r in runs] == [0, 3, 5, 3, 0]


def test_shades_and_their_legend_cover_every_count_once() -> None:
    legend = cr.heat_legend(23)
    assert legend[0][1] == 1 and legend[-1] == (cr.HEAT_LEVELS, legend[-1][1], 23)
    covered = [c for _, low, high in legend for c in range(low, high + 1)]
    assert covered == list(range(1, 24))
    assert cr.heat_level(0, 23) == 0 and cr.heat_level(23, 23) == cr.HEAT_LEVELS
    assert cr.heat_legend(1) == [(cr.HEAT_LEVELS, 1, 1)]


def test_each_unit_has_its_counts_shaded_text_and_most_noted_words(layer: Path) -> None:
    report = cr.build_report(layer, ["class"])
    units = {u.id: u for u in report.units}
    assert [u.id for u in report.units] == list(cr.load_source(ROOT / cr.SOURCE_FILE).ids)
    assert (units["p1"].notes, units["p1"].replies) == (3, 1)
    assert (units["p2"].notes, units["p3"].notes, units["p4"].notes) == (1, 1, 0)
    assert "".join(r.text for r in units["p1"].runs) == cr.load_source(ROOT / cr.SOURCE_FILE).unit("p1").text
    assert units["p1"].peak == 3 and units["p1"].hot == [("are healthier than their therapists", 3)]
    assert units["p2"].hot == [("opposite of humble", 1)] and units["p4"].hot == []
    assert units["p4"].peak == 0 and all(r.level == 0 for r in units["p4"].runs)
    shaded = {r.text: r.count for r in units["p1"].runs if r.count}
    assert shaded["healthier"] == 3 and shaded["clients "] == 1 and shaded[" . . ."] == 1


# --- 2. Where it got stuck -------------------------------------------------------------------


def test_the_most_noted_phrase_comes_first_with_its_notes(layer: Path) -> None:
    report = cr.build_report(layer, ["class"])
    assert [(s.unit, s.text, s.count) for s in report.stuck] == [("p1", "are healthier than their therapists", 3)]
    assert [n.record.id for n in report.stuck[0].notes] == ["a2", "a3", "a1"]


def test_stuck_phrases_count_each_note_once_most_first(source: Source) -> None:
    text = source.unit("p1").text
    at = text.index("I started to formulate")

    def placed(n: int, start: int, end: int, unit: str = "p1") -> cr.PlacedNote:
        record = cr.Annotation(f"n{n}", unit, "", "context", "", author="S")
        return cr.PlacedNote(record, "humility", unit, start, end)

    notes = [placed(i, at, at + 9) for i in range(2)]  # "I started"
    notes += [placed(2, at + 2, at + 22)]  # "started to formulate"
    other = source.unit("p2").text.index("opposite")
    notes += [placed(3 + i, other, other + 8, "p2") for i in range(4)]
    notes += [placed(9, 0, 4)]  # one note alone is not a place the class got stuck
    stuck = cr.stuck_phrases(source, notes)
    assert [(s.unit, s.text, s.count) for s in stuck] == [("p2", "opposite", 4), ("p1", "I started", 3)]
    assert sum(s.count for s in stuck) == 7


def test_questions_without_a_reply_are_open(layer: Path) -> None:
    write(layer, "annotations/class/responses.yml", RESPONSES)
    report = cr.build_report(layer, ["class"])
    # a1 (question kind) has a reply; a4 is tagged Question; a5 ends with "?" before markup;
    # b1-r is a reply that asks and is not answered.
    assert [q.id for q in report.questions] == ["a4", "a5", "b1-r"]


def test_plain_body_shows_what_the_student_typed() -> None:
    assert cr.plain_body("\\<script\\> \\{include\\}`x` 1\\. item") == "<script> {include}`x` 1. item"


# --- 3. Who took part ----------------------------------------------------------------------


def test_each_author_has_notes_replies_orphans_and_parts(layer: Path) -> None:
    write(layer, "annotations/class/responses.yml", RESPONSES)
    people = {p.name: p for p in cr.build_report(layer, ["class"]).people}
    assert list(people) == ["Student 1", "Student 2", "Student 3", "Student 4", "Student 10"]
    assert (people["Student 2"].notes, people["Student 2"].replies) == (2, 1)
    assert people["Student 2"].by_page == {"humility": 1, "responses": 1}
    assert (people["Student 4"].notes, people["Student 4"].orphans, people["Student 4"].by_page) == (0, 1, {})
    assert people["Student 3"].by_page == {"humility": 1} and people["Student 3"].replies == 1


def test_names_kept_by_the_import_are_shown_as_they_are(project: Path) -> None:
    write(project, "annotations/class/humility.yml", HUMILITY.replace("Student 1", "Ada Lovelace"))
    names = [p.name for p in cr.build_report(project, ["class"]).people]
    assert "Ada Lovelace" in names and "Student 1" not in names


def test_parts_are_the_pages_of_the_text_with_their_captions(project: Path) -> None:
    parts = cr.text_parts(project)
    assert [(p.page, p.short) for p in parts] == [
        ("humility", "Part I"), ("healing", "Part II"), ("refusal", "Part III"), ("responses", "Part IV")
    ]


# --- 4. What did not anchor --------------------------------------------------------------------


def test_orphans_keep_their_text_and_why(layer: Path) -> None:
    (orphan,) = cr.build_report(layer, ["class"]).data.orphans
    assert orphan.quote == "a sentence no longer in the text"
    assert orphan.body == "<b>Still</b> my words."
    assert orphan.why.startswith("quote “a sentence no longer")
    assert orphan.author == "Student 4" and orphan.created.startswith("2026-10-09")


def test_everything_the_layer_holds_is_counted_once(layer: Path) -> None:
    write(layer, "annotations/class/responses.yml", RESPONSES + """
- id: b2
  paragraph: r3
  quote: not in this response at all
  kind: context
  body: Refused.
""")
    report = cr.build_report(layer, ["class"])
    assert (len(report.data.notes), len(report.data.replies), len(report.data.orphans), len(report.data.refused)) == (6, 2, 1, 1)
    assert report.written == 10


# --- 5. Over time ----------------------------------------------------------------------------


def test_notes_and_replies_per_day_with_the_days_between(layer: Path) -> None:
    days, undated = cr.per_day(cr.load_class(layer, ["class"]))
    assert [(d.day.isoformat(), d.notes, d.replies) for d in days] == [
        ("2026-10-05", 3, 0), ("2026-10-06", 0, 1), ("2026-10-07", 1, 0), ("2026-10-08", 0, 0), ("2026-10-09", 1, 0),
    ]
    assert undated == 1  # a5


def test_day_of_reads_dates_and_refuses_the_rest() -> None:
    assert cr.day_of("2026-10-05T09:12:44.512346+00:00") == dt.date(2026, 10, 5)
    assert cr.day_of("2026-10-05") == dt.date(2026, 10, 5)
    assert cr.day_of("yesterday") is None and cr.day_of("") is None


# --- Bad input: an empty layer, only orphans, no dates ---------------------------------------


def test_an_empty_layer_gives_an_empty_report(project: Path) -> None:
    write(project, "annotations/class/layer.yml", "title: Seminar B\n")
    report = cr.build_report(project, ["class"])
    assert report.data.layers == [("class", "Seminar B")]
    assert report.written == 0 and report.stuck == [] and report.questions == [] and report.people == []
    assert report.days == [] and report.undated == 0 and report.legend == []
    assert all(u.notes == 0 and u.peak == 0 for u in report.units)


def test_a_layer_of_orphans_only(project: Path) -> None:
    write(project, "annotations/class/orphans.yml", ORPHANS)
    report = cr.build_report(project, ["class"])
    assert report.data.notes == [] and len(report.data.orphans) == 1
    assert [p.name for p in report.people] == ["Student 4"]
    assert [d.notes for d in report.days] == [1]


def test_a_layer_without_dates(project: Path) -> None:
    undated = "\n".join(line for line in HUMILITY.splitlines() if "created:" not in line)
    write(project, "annotations/class/humility.yml", undated)
    report = cr.build_report(project, ["class"])
    assert report.days == [] and report.undated == 6


def test_several_layers_are_read_together(layer: Path) -> None:
    write(layer, "annotations/teacher/humility.yml", """
        - id: t1
          reply_to: a4
          author: Teacher
          body: It is a real question; we will discuss it.
        """)
    report = cr.build_report(layer, ["class", "teacher"])
    assert [name for name, _ in report.data.layers] == ["class", "teacher"]
    assert "a4" not in [q.id for q in report.questions]
    assert [r.id for r, _ in report.data.replies] == ["a1-r", "t1"]
