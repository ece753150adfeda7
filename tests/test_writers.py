"""The edition's nodes in each output format, checked without TeX or a browser."""

from __future__ import annotations

import pytest
from docutils import nodes

from edition.build import nodes as ed

from .conftest import ROOT

pytestmark = pytest.mark.small

NOTES = """\
- id: humble
  paragraph: p1
  quote: therapy clients so often are humble
  kind: context
  body: |
    A note with *emphasis* and {cite:p}`miller1997`.

    A second paragraph.
- id: arrogant
  paragraph: p2
  quote: they are arrogant
  kind: question
  body: |
    Who decides?
"""


def test_doctree_places_each_note_after_its_phrase(project) -> None:
    project.annotate(NOTES)
    app = project.build("html")
    doctree = app.env.get_doctree("index")
    anchors = list(doctree.findall(ed.annotation_anchor))
    assert [a.astext() for a in anchors] == ["therapy clients so often are humble", "they are arrogant"]
    for anchor in anchors:
        after = anchor.parent[anchor.parent.index(anchor) + 1]
        if isinstance(after, nodes.Text):  # closing punctuation stays with the phrase
            assert str(after) in (".", ",", ";", ":"), repr(str(after))
            after = anchor.parent[anchor.parent.index(anchor) + 2]
        assert isinstance(after, ed.annotation_note) and after["annotation_id"] == anchor["annotation_id"]
        assert isinstance(anchor.parent, nodes.paragraph) and "passage" in anchor.parent["classes"]
    note = next(doctree.findall(ed.annotation_note))
    assert [type(c) for c in note.children] == [ed.annotation_para, ed.annotation_para]
    # the paragraph's own words are intact around the phrase
    p1 = anchors[0].parent
    text = "".join(c.astext() for c in p1.children if not isinstance(c, (ed.annotation_note, ed.unit_number)))
    assert "The first [reason] is that therapy clients so often are humble. They’re ready" in text


def test_latex_writes_margin_notes_and_numbers(project) -> None:
    project.annotate(NOTES)
    app = project.build("latex")
    tex = next(app.outdir.glob("*.tex")).read_text(encoding="utf-8")
    assert r"\edparnum{¶1}" in tex and r"\edparnum{¶3}" in tex
    assert (r"\edanchor{therapy clients so often are humble}.\ednote{Context}{therapy clients … are humble}"
            r"{A note with \sphinxstyleemphasis{emphasis}") in tex
    assert r"\par A second paragraph." in tex
    assert r"\edanchor{they are arrogant}.\ednote{Question}{they are arrogant}{Who decides?" in tex
    assert r"\usepackage{edition}" in tex
    # the edition's LaTeX package, shipped beside the document as it is
    assert (app.outdir / "edition.sty").read_bytes() == (ROOT / "edition" / "latex" / "edition.sty").read_bytes()


def test_latex_keeps_spaced_full_stops_and_quotes(project) -> None:
    app = project.build("latex")
    tex = next(app.outdir.glob("*.tex")).read_text(encoding="utf-8")
    # Sphinx writes brackets as {[} {]} so that LaTeX never reads them as optional arguments
    # the spaced full stops are set unbreakable, tied to the word before
    assert r"healthier than their therapists\edellipsis{} The first {[}reason{]}" in tex
    assert "“Over time" in tex and "They’re ready" in tex


def test_responses_in_latex_keep_their_lines(project) -> None:
    from tests.helpers.sphinxproject import SOURCE

    from edition.text.source import load_source

    r2 = load_source(SOURCE).unit("r2")
    project.write("index.md", f"# T\n\n```{{response}} r2\n:byline: Comment 2\n\n{r2.text}\n```\n")
    app = project.build("latex")
    tex = next(app.outdir.glob("*.tex")).read_text(encoding="utf-8")
    assert r"\begin{edresponse}" in tex and r"\edresponsenum{R2}" in tex
    assert r"{\edlining 2.} My god!\newline{}" in tex  # its list number in lining figures


def test_html_marks_the_phrase_and_links_note_and_phrase(project) -> None:
    project.annotate(NOTES)
    app = project.build("html")
    html = (app.outdir / "index.html").read_text(encoding="utf-8")
    assert ('<a class="annotation-anchor" id="anchor-humble" href="#note-humble" data-kind="context" '
            'data-layer="editors" data-layer-mark="0">therapy clients so often are humble</a>.'
            # the phrase's mark after its full stop, not between “humble” and “.”
            '<span class="annotation-mark" data-layer="editors" data-layer-mark="0" aria-hidden="true"></span>'
            '<span class="annotation" id="note-humble" data-kind="context" data-layer="editors" '
            'data-layer-mark="0" role="note">'
            '<span class="annotation-kind">Context</span><span class="edition-sr-only">: </span>') in html
    assert '<a class="annotation-back" href="#anchor-humble"' in html
    assert '<a class="unit-number" href="#p1" aria-label="Paragraph 1" data-cite-label="¶1"' in html
