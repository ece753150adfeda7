"""The evidence rule: a note that reports research cites a work of the bibliography.

Pure tests of ``records.check_evidence`` and of the edition's own notes; the
warning in a build is tested in ``test_evidence_build.py``.
"""

from __future__ import annotations

import pytest

from edition.notes.records import RESEARCH_CLAIM, bibliography_keys, check_evidence, load_file, parse_records

from .conftest import ROOT

pytestmark = pytest.mark.fast

KEYS = {"wampold2015", "crawford2016"}


def note(kind: str, body: str) -> str:
    indented = "\n".join("    " + line for line in body.splitlines())
    return (f"- id: a-note\n  paragraph: p1\n  quote: therapy clients so often are humble\n  kind: {kind}\n  body: |\n{indented}\n")


def faults(kind: str, body: str) -> list[str]:
    return [str(e) for e in check_evidence(parse_records(note(kind, body), "annotations/x.yml"), KEYS)]


def test_evidence_note_without_a_citation() -> None:
    assert faults("evidence", "Therapists differ a great deal.") == [
        "annotations/x.yml:1: annotation “a-note”: an evidence note must cite a work of the bibliography "
        "({cite:t}`key` or {cite:p}`key`)"
    ]


def test_evidence_note_citing_an_unknown_key() -> None:
    assert faults("evidence", "Therapists differ {cite:p}`nobody1999`.")


def test_evidence_note_with_a_citation() -> None:
    assert faults("evidence", "Therapists differ {cite:p}`wampold2015`.") == []
    assert faults("evidence", "As {cite:t}`crawford2016,wampold2015` report.") == []


@pytest.mark.parametrize(
    "claim",
    [
        "Research finds that the relationship matters.",
        "Studies show that many clients improve.",
        "The field holds that referral is care.",
        "Research on the common factors of psychotherapy finds that\nvery different therapies help.",
        "The evidence suggests otherwise.",
    ],
)
def test_any_note_reporting_research_must_cite(claim: str) -> None:
    found = faults("counterpoint", claim)
    assert len(found) == 1 and "cites no work of the bibliography" in found[0], found
    assert faults("counterpoint", claim + " {cite:p}`wampold2015`") == []


@pytest.mark.parametrize(
    "text",
    ["The essay argues that therapists are arrogant.", "One reading is that the client is right.",
     "No study is cited in the essay."],
)
def test_other_notes_need_no_citation(text: str) -> None:
    assert not RESEARCH_CLAIM.search(text)
    assert faults("question", text) == []


def test_the_edition_notes_keep_the_rule() -> None:
    keys = bibliography_keys((ROOT / "book" / "references.bib").read_text(encoding="utf-8"))
    found = []
    for path in sorted((ROOT / "annotations").rglob("*.yml")):
        found += [str(e) for e in check_evidence(load_file(path, ROOT), keys)]
    assert found == []



def test_bibliography_keys_are_the_entries_only() -> None:
    """``@string``, ``@comment`` and ``@preamble`` hold no entry, whatever their text looks like."""
    bibtex = (
        '@string{apa = "American Psychological Association, Washington"}\n'
        "@comment{draft, a note to self}\n"
        '@preamble{"\\def\\sep{, }"}\n'
        "@book{miller1997, title = {The Drama of the Gifted Child}, publisher = apa}\n"
        "@Article{ wampold2015 ,\n  title = {How important are the common factors}}\n"
    )
    assert bibliography_keys(bibtex) == {"miller1997", "wampold2015"}


def test_a_role_written_as_text_cites_nothing() -> None:
    """``\\{cite:p}`key``` shows braces on the page and cites no work: it is no evidence."""
    assert faults("evidence", "Therapists differ \\{cite:p}`wampold2015`.") == [
        "annotations/x.yml:1: annotation “a-note”: an evidence note must cite a work of the bibliography "
        "({cite:t}`key` or {cite:p}`key`)"
    ]
    assert faults("evidence", "Therapists differ {cite:p}`crawford2016, wampold2015`.") == []
