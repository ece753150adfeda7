"""Layers of notes: the editors', a teacher's, a class's; replies under the note they answer.

Small projects check each rule and fault on one page; the book itself,
copied with the fixture layers of ``tests/fixtures/layers``, shows what a
reader of a layered edition gets.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from edition.build.directives import EditionError
from tests.helpers.sphinxproject import Project, note_record

pytestmark = pytest.mark.small

EDITORS = note_record('A note on humility.')

CLASS = """\
- id: c-humble
  paragraph: p1
  quote: so often are humble. They’re ready
  kind: question
  author: Student 1
  created: 2026-10-01T09:00:00Z
  tags: [humility, method]
  body: |
    Humble compared with whom?

- id: c-reply
  reply_to: c-humble
  author: Student 2
  body: |
    With their therapists, says {unit}`p1`.

- id: c-reply-2
  reply_to: c-reply
  author: Student 1
  body: |
    Then we need to know how the author met them.

- id: c-second-reply
  reply_to: c-humble
  author: Student 3
  body: |
    A second answer to the first note.
"""


def layered(project: Project, class_records: str = CLASS, layer_yml: str | None = "title: Class of autumn 2026\n") -> Project:
    project.annotate(EDITORS)
    project.write("annotations/class/index.yml", class_records)
    if layer_yml is not None:
        project.write("annotations/class/layer.yml", layer_yml)
    return project


def error_of(project: Project) -> str:
    """The fault a build reports, without its ``WARNING:`` and ``[edition.…]`` tags; any
    further line is a reply left without the note it answered."""
    _, warnings = project.build_with_warnings()
    assert warnings, "the fault was not reported"
    assert all("is not a note on this page [edition.reply]" in w for w in warnings[1:]), warnings
    assert re.search(r" \[edition\.[a-z-]+\]$", warnings[0]), warnings[0]
    return re.sub(r" \[edition\.[a-z-]+\]$", "", warnings[0].replace(" WARNING: ", " ", 1))


def build_with(project: Project, confoverrides: dict):
    """Build the small project with configuration overrides; errors propagate."""
    from sphinx.testing.util import SphinxTestApp

    app = SphinxTestApp("html", srcdir=project.root, status=None, warning=None, confoverrides=confoverrides)
    try:
        app.build()
    finally:
        app.cleanup()
    return app


def soup_of(app) -> BeautifulSoup:
    return BeautifulSoup((Path(app.outdir) / "index.html").read_text(encoding="utf-8"), "html.parser")


def test_notes_carry_their_layer_and_name_it(project) -> None:
    soup = soup_of(layered(project).build())
    editors = soup.find(id="note-humble")
    mine = soup.find(id="note-c-humble")
    assert editors["data-layer"] == "editors" and mine["data-layer"] == "class"
    assert editors.find(class_="annotation-kind").get_text() == "Editors · Context"
    assert mine.find(class_="annotation-kind").get_text() == "Class of autumn 2026 · Question · Student 1 · 2026-10-01"
    assert "Tags: humility, method" in mine.get_text()
    assert soup.find(id="anchor-humble")["data-layer"] == "editors"
    assert soup.find(id="anchor-c-humble")["data-layer"] == "class"


def test_overlapping_phrases_of_two_layers_are_both_marked(project) -> None:
    soup = soup_of(layered(project).build())
    marks = soup.select("a.annotation-anchor")
    # the two phrases overlap in “so often are humble”: cut there, never nested
    assert [a.get_text() for a in marks][:2] == ["therapy clients ", "so often are humble"]
    shared = [a for a in marks if a.get_text() == "so often are humble"]
    assert len(shared) == 1
    assert shared[0]["data-notes"].split() == ["note-humble", "note-c-humble"]
    assert not soup.select("a.annotation-anchor[aria-describedby]")  # each note is heard once, inline
    assert not soup.select("a.annotation-anchor a.annotation-anchor")
    ids = [tag["id"] for tag in soup.find_all(id=True)]
    assert len(ids) == len(set(ids))
    # the passage's words are all still there, in order
    passage = soup.find(id="p1").get_text()
    assert "therapy clients so often are humble. They’re ready to learn" in re.sub(
        r"(Editors|Class of autumn 2026) · .*?↩", "", passage
    )


def test_replies_show_under_their_note_in_order(project) -> None:
    soup = soup_of(layered(project).build())
    note = soup.find(id="note-c-humble")
    replies = note.select("span.annotation-reply")
    assert [r["id"] for r in replies] == ["note-c-reply", "note-c-reply-2", "note-c-second-reply"]
    assert [r["data-depth"] for r in replies] == ["1", "2", "1"]
    assert replies[0].find(class_="annotation-kind").get_text() == "Reply · Student 2"
    assert "With their therapists, says ¶1." in replies[0].get_text()
    assert all(r["data-layer"] == "class" for r in replies)


def test_latex_names_the_layer_and_prints_replies_inside_the_note(project) -> None:
    app = layered(project).build("latex")
    tex = next(Path(app.outdir).glob("*.tex")).read_text(encoding="utf-8")
    assert r"\ednote{Class of autumn 2026 · Question · Student 1 · 2026\sphinxhyphen{}10\sphinxhyphen{}01}" in tex or (
        r"\ednote{Class of autumn 2026 · Question · Student 1 · 2026-10-01}" in tex
    )
    assert r"\ednote{Editors · Context}" in tex
    note = tex.split(r"\ednote{Class of autumn 2026", 1)[1]
    assert note.index(r"\edlayerreply{1}{Reply · Student 2}") < note.index(r"\edlayerreply{2}{Reply · Student 1}")
    assert note.index(r"\edlayerreply{2}{Reply · Student 1}") < note.index(r"\edlayerreply{1}{Reply · Student 3}")
    assert r"\usepackage{editionlayers}" in tex
    assert (Path(app.outdir) / "editionlayers.sty").exists()


def test_only_the_editors_layer_keeps_its_labels(project) -> None:
    project.annotate(EDITORS)
    soup = soup_of(project.build())
    assert soup.find(id="note-humble").find(class_="annotation-kind").get_text() == "Context"
    html = str(soup)
    assert "layers.js" not in html and "data-layers" not in html


def test_layers_chosen_by_configuration(project) -> None:
    layered(project)
    app = build_with(project, {"edition_layers": ["class"]})
    soup = soup_of(app)
    assert soup.find(id="note-c-humble") is not None and soup.find(id="note-humble") is None


def test_an_unknown_layer_chosen(project) -> None:
    layered(project)
    with pytest.raises(EditionError, match="no layer “klass” \\(the layers are: editors, class\\)"):
        build_with(project, {"edition_layers": ["editors", "klass"]})


# ---------------------------------------------------------------- faults in a layer


def test_overlap_within_the_editors_layer_names_its_file(project) -> None:
    second = EDITORS.replace("id: humble", "id: humble-2").replace(
        "therapy clients so often are humble", "often are humble. They’re ready"
    )
    project.annotate(EDITORS + second)
    message = error_of(project)
    assert message.startswith("annotations/index.yml:")
    assert "annotation “humble-2”: its quote overlaps the quote of annotation “humble”" in message


#: A class's notes on ¶1 as students leave them: the same words twice, words inside
#: them, words crossing their end, a phrase inside the editors' and one crossing it.
CROWD = CLASS + """
- id: c-same
  paragraph: p1
  quote: so often are humble. They’re ready
  kind: context
  body: The very same words.

- id: c-inside
  paragraph: p1
  quote: often
  kind: context
  body: How often?

- id: c-crossing
  paragraph: p1
  quote: They’re ready to learn
  kind: context
  body: Ready for what?

- id: c-in-editors
  paragraph: p1
  quote: therapy clients
  suffix: " so often"
  kind: context
  body: Which clients?

- id: c-evidence
  paragraph: p1
  quote: humble
  prefix: "often are "
  kind: evidence
  tags: [evidence]
  body: Studies show that clients are humble.
"""


def test_a_class_may_mark_the_same_nested_and_crossing_words(project) -> None:
    app = layered(project, CROWD).build()  # no overlap fault, and no editors' evidence rule
    soup = soup_of(app)
    for aid in ("humble", "c-humble", "c-same", "c-inside", "c-crossing", "c-in-editors", "c-evidence"):
        assert soup.find(id=f"note-{aid}") is not None and soup.find(id=f"anchor-{aid}") is not None, aid
    ids = [tag["id"] for tag in soup.find_all(id=True)]
    assert len(ids) == len(set(ids))
    assert not soup.select("a.annotation-anchor a.annotation-anchor")


def test_no_note_stands_inside_another_notes_phrase(project) -> None:
    """Each quote is one run of the page's text, notes included: what an annotation
    tool searches for when it anchors the export."""
    soup = soup_of(layered(project, CROWD).build())
    text = " ".join(soup.find(id="p1").get_text().split())
    for quote in ("therapy clients so often are humble", "so often are humble. They’re ready",
                  "They’re ready to learn", "therapy clients", "often", "humble"):
        assert quote in text, quote


def test_the_ebook_of_a_crowded_class_layer_is_valid(project) -> None:
    from tests.helpers.epubcheck import epubcheck_report, id_faults

    layered(project, CROWD)
    app = project.build("epub")
    (epub,) = Path(app.outdir).glob("*.epub")
    assert id_faults(epub) == []
    # (this small project has no _toc.yml: the e-book's navigation is checked in the book's own tests)
    faults = [line for line in epubcheck_report(epub).splitlines()
              if line.startswith(("FATAL", "ERROR")) and "/nav.xhtml(" not in line]
    assert faults == []


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (("  kind: question", "  knid: question"), "annotations/class/index.yml:4: annotation “c-humble”: unknown field “knid” (did you mean “kind”?)"),
        (("quote: so often are humble. They’re ready", "quote: so often are modest"), "annotations/class/index.yml:1: annotation “c-humble”: quote “so often are modest” is not in ¶1"),
        (("reply_to: c-humble\n  author: Student 2", "reply_to: nobody\n  author: Student 2"), "annotations/class/index.yml:11: annotation “c-reply”: reply_to “nobody” is not a note on this page"),
        (("reply_to: c-humble\n  author: Student 2", "reply_to: c-humble\n  quote: humble\n  author: Student 2"), "annotations/class/index.yml:11: annotation “c-reply”: a reply (reply_to) has no quote of its own; it shows under the note it answers"),
        (("tags: [humility, method]", "tags: humility"), "annotations/class/index.yml:1: annotation “c-humble”: field “tags” must be a list of words"),
        (("author: Student 1\n  created", "author: [Student 1]\n  created"), "annotations/class/index.yml:1: annotation “c-humble”: field “author” must be text, not list"),
        (("  kind: question", "  kind: gossip"), "annotations/class/index.yml:1: annotation “c-humble”: unknown kind “gossip”"),
    ],
)
def test_faults_in_a_layer_name_its_file(project, change: tuple[str, str], expected: str) -> None:
    records = CLASS.replace(*change)
    assert records != CLASS
    message = error_of(layered(project, records))
    assert message.startswith(expected), message


def test_duplicate_id_across_layers(project) -> None:
    message = error_of(layered(project, CLASS.replace("id: c-humble\n", "id: humble\n").replace("reply_to: c-humble", "reply_to: humble")))
    assert message == "annotations/class/index.yml:1: annotation “humble”: duplicate id; first used at annotations/index.yml:1"


def test_malformed_layer_yml(project) -> None:
    message = error_of(layered(project, layer_yml="title: Class\nowner: me\n"))
    assert message == "annotations/class/layer.yml:1: unknown field “owner” (layer.yml has “title” and “description”)"


def test_a_layer_without_layer_yml_is_named_after_its_folder(project) -> None:
    soup = soup_of(layered(project, layer_yml=None).build())
    assert soup.find(id="note-c-humble").find(class_="annotation-kind").get_text().startswith("Class · Question")


def test_orphans_are_never_shown(project) -> None:
    layered(project)
    project.write("annotations/class/orphans.yml", "- id: lost\n  quote: not in the text\n  why: not found\n")
    soup = soup_of(project.build())
    assert soup.find(id="note-lost") is None


def test_adding_a_layer_relabels_pages_it_does_not_touch(project) -> None:
    """An incremental build after a layer appears on another page: every note names its layer."""
    from tests.helpers.sphinxproject import passage_block

    project.annotate(EDITORS)
    project.write("other.md", "---\norphan: true\n---\n# Other\n\n" + passage_block("p4"))
    assert soup_of(project.build()).find(id="note-humble").find(class_="annotation-kind").get_text() == "Context"
    project.write(
        "annotations/class/other.yml",
        "- id: c-other\n  paragraph: p4\n  quote: the second area\n  kind: question\n  body: |\n    Why?\n",
    )
    soup = soup_of(project.build())
    assert soup.find(id="note-humble").find(class_="annotation-kind").get_text() == "Editors · Context"
    assert "layers.js" in str(soup)


def test_a_layer_title_with_latex_specials_is_escaped_on_the_title_page(project) -> None:
    """A layer's title is text from outside: in print it is escaped like every other string."""
    app = layered(project, layer_yml="title: 'Year 2 & friends_of #1'\n").build("latex")
    tex = next(Path(app.outdir).glob("*.tex")).read_text(encoding="utf-8")
    assert r"with the notes of: Editors; Year 2 \& friends\_of \#1" in tex
    assert "Year 2 & friends" not in tex


def test_overlapping_phrases_keep_their_whole_lemmas_in_print(project) -> None:
    """Where two layers' phrases overlap the text is cut in pieces; each printed note
    still opens with its own whole phrase."""
    app = layered(project).build("latex")
    tex = next(Path(app.outdir).glob("*.tex")).read_text(encoding="utf-8")
    # “therapy clients so often are humble” and “so often are humble. They’re ready”
    assert r"\ednote{Editors · Context}{therapy clients … are humble}" in tex
    assert r"2026\sphinxhyphen{}10\sphinxhyphen{}01}{so often … They’re ready}" in tex


def test_the_layer_list_is_given_once_and_a_title_cannot_close_its_script(project) -> None:
    title = 'Class </script><script>document.title="owned"</script> & co'
    app = layered(project, layer_yml=f"title: '{title}'\n").build()
    html = (Path(app.outdir) / "index.html").read_text(encoding="utf-8")
    soup = BeautifulSoup(html, "html.parser")
    tags = [s for s in soup.find_all("script") if "layers.js" in (s.get("src") or "")]
    assert len(tags) == 1
    assert [layer["title"] for layer in json.loads(tags[0]["data-layers"])] == ["Editors", title]
    assert not [s for s in soup.find_all("script") if "owned" in s.get_text()]
    assert html.count("layers.js") == 1
