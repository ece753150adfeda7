"""One small annotated project, as doctree, HTML, LaTeX, EPUB and plain text,
compared with outputs that were read and found right (``tests/snapshots/``,
see ``tests/helpers/snapshot.py``).

A change to any of them shows here as a diff. If the change is intended,
read the new output, then write it with
``EDITION_UPDATE_SNAPSHOTS=1 pytest -m small tests/test_snapshot.py`` and commit it.
"""

from __future__ import annotations

import re
from zipfile import ZipFile

import pytest
from docutils import nodes

from tests.helpers.snapshot import check, normalise
from tests.helpers.sphinxproject import note_record

from .test_builders import CLASS_WITH_REPLIES

pytestmark = pytest.mark.small

NOTE = note_record('A note with *emphasis*.\n\nA second paragraph.')

#: The build date of every snapshot (26 November 2025): the imprint, the EPUB's dates.
EPOCH = "1764115200"


@pytest.fixture(autouse=True)
def fixed_date(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)


def passage(doctree: nodes.document) -> nodes.paragraph:
    return next(p for p in doctree.findall(nodes.paragraph) if "p1" in p["ids"])


def test_doctree_html_and_latex_of_an_annotated_paragraph(project) -> None:
    project.annotate(NOTE)
    app = project.build("html")
    check("p1.doctree.txt", passage(app.env.get_doctree("index")).pformat())
    html = (app.outdir / "index.html").read_text(encoding="utf-8")
    check("p1.html", re.search(r'<p class="passage" id="p1">.*?</p>\n', html, re.S).group(0))
    latex = project.build("latex")
    tex = next(latex.outdir.glob("*.tex")).read_text(encoding="utf-8")
    check("p1.tex", re.search(r"\n(\\sphinxAtStartPar\n[^\n]*\\edparnum\{¶1\}.*?)\n\n", tex, re.S).group(1) + "\n")


def test_the_whole_page_in_html(project) -> None:
    project.annotate(NOTE)
    app = project.build("html")
    check("index.html", normalise((app.outdir / "index.html").read_text(encoding="utf-8"), project.root))


def test_the_whole_document_in_latex(project) -> None:
    project.annotate(NOTE)
    app = project.build("latex")
    check("index.tex", normalise(next(app.outdir.glob("*.tex")).read_text(encoding="utf-8"), project.root))


@pytest.mark.parametrize("member", ["index.xhtml", "content.opf", "toc.ncx", "nav.xhtml", "titlepage.xhtml"])
def test_the_epub(project, member: str) -> None:
    project.annotate(NOTE)
    app = project.build("epub")
    (epub,) = app.outdir.glob("*.epub")
    with ZipFile(epub) as book:
        names = book.namelist()
        assert names[0] == "mimetype" and member in names
        text = book.read(member).decode("utf-8")
    check(f"epub/{member}", normalise(text, project.root))


def test_plain_text_sets_notes_and_replies_apart(project) -> None:
    """The text builder: the paragraph whole, then its notes, each with its lemma, and
    the replies indented under the note they answer (``edition/plaintext.py``)."""
    project.annotate(NOTE)
    project.write("annotations/class/index.yml", CLASS_WITH_REPLIES)
    app = project.build("text")
    text = (app.outdir / "index.txt").read_text(encoding="utf-8")
    words = " ".join(text.split())
    assert "readyA note" not in words and "humble.A note" not in words
    assert "They’re ready to learn, they’re willing to grow" in words  # the sentence is whole
    assert "\n    therapy clients … are humble] Editors · Context: A note with" in text
    assert "\n            Context · Student 1: Then is asking for help humble?\n" in text  # a reply to a reply
    check("index.txt", normalise(text, project.root))


def test_plain_text_keeps_a_comments_line_breaks(project) -> None:
    """A reader comment in plain text: its lines as in the source, its note after its paragraph."""
    from edition.text.source import load_source
    from tests.helpers.sphinxproject import SOURCE

    comment = load_source(SOURCE).unit("r1").text
    project.write("comments.md", "---\norphan: true\n---\n# Comments\n\n```{response} r1\n"
                  f":byline: Comment 1, signed and dated in the source\n\n{comment}\n```\n")
    project.annotate("- id: sing\n  paragraph: r1\n  quote: sing along to it\n  kind: question\n  body: Why sing?\n",
                     "comments")
    app = project.build("text")
    text = (app.outdir / "comments.txt").read_text(encoding="utf-8")
    assert "at this time.\nSigning off\n" in text
    check("comments.txt", normalise(text, project.root))
