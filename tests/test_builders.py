"""Every builder Jupyter Book can run finishes on an annotated page, and the
configuration reaches the outputs intact (URLs joined as URLs, LaTeX escaped)."""

from __future__ import annotations

import json
from pathlib import Path
from zipfile import ZipFile

import pytest

from edition.writers.latex import balanced_title

from tests.helpers.sphinxproject import note_record

pytestmark = pytest.mark.small

NOTE = note_record('A note with *emphasis* and {cite:p}`miller1997`.')

#: Output each builder writes for the page (or the book), which must hold the note's text.
OUTPUTS = {
    "html": "index.html",
    "dirhtml": "index.html",
    "singlehtml": "index.html",
    "latex": "*.tex",
    "text": "index.txt",
    "man": "*.1",
    "texinfo": "*.texi",
    "epub": "*.epub",
}


@pytest.mark.parametrize("builder", sorted(OUTPUTS))
def test_every_builder_finishes(project, builder: str) -> None:
    project.annotate(NOTE)
    app, warnings = project.build_with_warnings(builder)
    assert not [w for w in warnings if "[edition." in w], warnings
    (output,) = app.outdir.glob(OUTPUTS[builder])
    text = built_text(output)
    assert "therapy clients so often are humble" in text
    assert "A note with" in text


def built_text(output: Path) -> str:
    """The text of a builder's output for the page: the file, or the EPUB's page of it."""
    if output.suffix != ".epub":
        return output.read_text(encoding="utf-8")
    with ZipFile(output) as epub:
        return epub.read("index.xhtml").decode("utf-8")


#: A class's layer as a real class leaves it: identical, nested and crossing phrases
#: on ¶1, a reply, a reply to that reply, and a tag.
CLASS_WITH_REPLIES = """\
- id: c-one
  paragraph: p1
  quote: therapy clients so often are humble
  kind: question
  body: Why humble?
  tags: [humility]
- id: c-same
  paragraph: p1
  quote: therapy clients so often are humble
  kind: context
  body: The same words, another student.
- id: c-inside
  paragraph: p1
  quote: so often
  kind: context
  body: How often?
- id: c-across
  paragraph: p1
  quote: are humble. They’re ready
  kind: context
  body: Crossing the end.
- id: c-reply
  reply_to: c-one
  kind: context
  author: Student 2
  body: Because they come for help.
- id: c-reply-2
  reply_to: c-reply
  kind: context
  author: Student 1
  body: Then is asking for help humble?
"""


@pytest.mark.parametrize("builder", sorted(OUTPUTS))
def test_every_builder_finishes_with_a_class_layer_of_replies_and_overlaps(project, builder: str) -> None:
    project.annotate(NOTE)
    project.write("annotations/class/index.yml", CLASS_WITH_REPLIES)
    app, warnings = project.build_with_warnings(builder)
    assert not warnings, warnings
    (output,) = app.outdir.glob(OUTPUTS[builder])
    text = built_text(output)
    assert "Then is asking for help humble?" in text
    assert "Crossing the end." in text


def test_annotation_urls_join_the_base_url(project) -> None:
    """``html_baseurl`` names the site's folder, with or without a closing slash."""
    conf = project.root / "conf.py"
    conf.write_text(conf.read_text(encoding="utf-8") + 'html_baseurl = "https://example.org/edition"\n',
                    encoding="utf-8")
    project.annotate(NOTE)
    app = project.build()
    data = json.loads((app.outdir / "annotations.jsonld").read_text(encoding="utf-8"))
    (item,) = data["first"]["items"]
    assert item["id"] == "https://example.org/edition/index.html#note-humble"


def test_configuration_strings_are_escaped_for_latex(project) -> None:
    conf = project.root / "conf.py"
    conf.write_text(conf.read_text(encoding="utf-8") + 'edition_title = "Notes & Queries: 100% #1 {draft}"\n',
                    encoding="utf-8")
    app = project.build("latex")
    tex = next(app.outdir.glob("*.tex")).read_text(encoding="utf-8")
    # the title page sets the escaped title in two balanced lines
    assert "\\edtitlepage{" + balanced_title(r"Notes \& Queries: 100\% \#1 \{draft\}") + "}" in tex
    assert r"pdftitle={Notes \& Queries: 100\% \#1 \{draft\}}" in tex
