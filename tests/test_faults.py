"""Every fault in the input is one warning line, and one build lists them all.

Each line names the file (with its line number where there is one), the
annotation and the fault, and ends with the warning's type
``[edition.<subtype>]``. The faulty note is left out; the rest of the page
is built, so ``-W --keep-going`` fails the build after listing every fault.
"""

from __future__ import annotations

import pytest

from edition.build.directives import EditionError
from tests.helpers.sphinxproject import passage_block, note_record

pytestmark = pytest.mark.small

GOOD = note_record('A note on humility.')


def faults_of(project, annotations: str | None = None, page: str = "index") -> list[str]:
    """Build with these annotations; return the warnings, each checked to be one edition fault."""
    if annotations is not None:
        project.annotate(annotations, page)
    _, warnings = project.build_with_warnings()
    assert warnings, "the fault was not reported"
    for line in warnings:
        assert "[edition." in line, f"not an edition fault: {line}"
    return warnings


def fault_of(project, annotations: str | None = None, page: str = "index") -> str:
    """The one warning a build with these annotations gives."""
    warnings = faults_of(project, annotations, page)
    assert len(warnings) == 1, warnings
    return warnings[0]


def test_good_annotation_builds(project) -> None:
    project.annotate(GOOD)
    app = project.build()
    html = (app.outdir / "index.html").read_text(encoding="utf-8")
    assert 'id="note-humble"' in html
    assert 'id="anchor-humble"' in html


def test_malformed_yaml_names_file_and_line(project) -> None:
    message = fault_of(project, GOOD + "- id: [unclosed\n  kind: term\n")
    assert message.startswith("annotations/index.yml:")
    line = int(message.split(":")[1])
    assert line in (7, 8), message
    assert "malformed YAML" in message and message.endswith("[edition.yaml]")


def test_file_that_is_not_utf8_is_one_line(project) -> None:
    (project.root / "annotations" / "index.yml").write_bytes(GOOD.encode("utf-8") + b"  # caf\xe9\n")
    message = fault_of(project)
    assert message == "annotations/index.yml:7: WARNING: not UTF-8 text (byte 0xe9) [edition.file]"


@pytest.mark.parametrize("field", ["paragraph", "quote", "kind", "body"])
def test_missing_field(project, field: str) -> None:
    lines = [line for line in GOOD.splitlines() if not line.strip().startswith(field + ":")]
    if field == "body":
        lines = [line for line in lines if line.strip() != "A note on humility."]
    message = fault_of(project, "\n".join(lines) + "\n")
    assert message == (
        f"annotations/index.yml:1: WARNING: annotation “humble”: field “{field}” is missing or empty [edition.field]"
    )


def test_empty_field(project) -> None:
    message = fault_of(project, GOOD.replace("quote: therapy clients so often are humble", 'quote: ""'))
    assert "annotation “humble”" in message and "field “quote” is missing or empty" in message


def test_unknown_field_suggests_the_right_one(project) -> None:
    message = fault_of(project, GOOD.replace("  quote:", "  qoute:"))
    assert message == (
        "annotations/index.yml:3: WARNING: annotation “humble”: unknown field “qoute” (did you mean “quote”?)"
        " [edition.unknown-field]"
    )


def test_unknown_kind(project) -> None:
    message = fault_of(project, GOOD.replace("kind: context", "kind: gloss"))
    assert message.startswith("annotations/index.yml:1: WARNING: annotation “humble”: unknown kind “gloss”")
    assert message.endswith("[edition.kind]")


def test_duplicate_id_across_files(project) -> None:
    project.write("other.md", "---\norphan: true\n---\n# Other\n\n" + passage_block("p4"))
    project.annotate(GOOD.replace("p1", "p4").replace("therapy clients so often are humble", "dissociated"), "other")
    message = fault_of(project, GOOD)
    assert "annotation “humble”: duplicate id; first used at annotations/" in message
    assert message.endswith("[edition.duplicate]")


def test_unknown_paragraph(project) -> None:
    message = fault_of(project, GOOD.replace("paragraph: p1", "paragraph: p9"))
    assert message.startswith("annotations/index.yml:1: WARNING: annotation “humble”: unknown paragraph “p9”")


def test_paragraph_not_on_this_page(project) -> None:
    message = fault_of(project, GOOD.replace("paragraph: p1", "paragraph: p5"))
    assert message == (
        "annotations/index.yml:1: WARNING: annotation “humble”: "
        "paragraph “p5” is not on this page (it has ¶1, ¶2, ¶3) [edition.paragraph]"
    )


def test_quote_not_found(project) -> None:
    message = fault_of(project, GOOD.replace("so often are humble", "so often are modest"))
    assert message == (
        "annotations/index.yml:1: WARNING: annotation “humble”: "
        "quote “therapy clients so often are modest” is not in ¶1 [edition.quote]"
    )


def test_quote_found_twice_needs_prefix_or_suffix(project) -> None:
    twice = GOOD.replace("paragraph: p1", "paragraph: p2").replace(
        "therapy clients so often are humble", "they can hide it"
    )
    message = fault_of(project, twice)
    assert "annotation “humble”: quote “they can hide it” occurs 4 times in ¶2; add a prefix or suffix to pick one" in message


def test_prefix_picks_one_occurrence(project) -> None:
    picked = GOOD.replace("paragraph: p1", "paragraph: p2").replace(
        "quote: therapy clients so often are humble",
        'quote: they can hide it\n  suffix: " from themselves"',
    )
    project.annotate(picked)
    app = project.build()
    html = (app.outdir / "index.html").read_text(encoding="utf-8")
    assert 'id="anchor-humble"' in html
    after = html.split('id="anchor-humble"', 1)[1]
    assert after.split("</a>", 1)[0].endswith(">they can hide it")
    assert "from themselves by being in denial" in after


def test_prefix_that_matches_nothing(project) -> None:
    message = fault_of(project, GOOD.replace("  kind:", '  prefix: "Nobody "\n  kind:'))
    assert "never with prefix “Nobody ”" in message


def test_file_for_a_page_that_does_not_exist(project) -> None:
    message = fault_of(project, GOOD, page="no-such-page")
    assert message == (
        "annotations/no-such-page.yml:1: WARNING: annotations for page “no-such-page”, which is not in the book"
        " [edition.page]"
    )


def test_overlapping_quotes(project) -> None:
    second = GOOD.replace("id: humble", "id: humble-again").replace(
        "therapy clients so often are humble", "often are humble. They"
    )
    message = fault_of(project, GOOD + second)
    assert "annotation “humble-again”: its quote overlaps the quote of annotation “humble”" in message
    assert message.endswith("[edition.overlap]")


def test_every_fault_of_a_file_in_one_build(project) -> None:
    """Four faulty records and a good one: four lines, one per fault, and the good note is placed."""
    faulty = (
        GOOD.replace("id: humble", "id: no-kind").replace("kind: context", "kind: gloss")
        + GOOD.replace("id: humble", "id: not-found").replace("so often are humble", "so often are modest")
        + GOOD.replace("id: humble", "id: elsewhere").replace("paragraph: p1", "paragraph: p5")
        + GOOD.replace("id: humble", "id: raw").replace("therapy clients", "clients")
        .replace("A note on humility.", "<b>bold</b>")
        + GOOD
    )
    project.annotate(faulty)
    app, warnings = project.build_with_warnings()
    assert sorted((w.split(" WARNING: ")[1].split(":")[0], w.rsplit(" ", 1)[1]) for w in warnings) == [
        ("annotation “elsewhere”", "[edition.paragraph]"),
        ("annotation “no-kind”", "[edition.kind]"),
        ("annotation “not-found”", "[edition.quote]"),
        ("annotation “raw”", "[edition.body]"),
    ], warnings
    html = (app.outdir / "index.html").read_text(encoding="utf-8")
    assert 'id="note-humble"' in html
    for dropped in ("no-kind", "not-found", "elsewhere", "raw"):
        assert f'id="note-{dropped}"' not in html


def test_passage_that_differs_from_the_source(project) -> None:
    project.write("index.md", "# Test\n\n```{passage} p1\nFrom Daniel Mackler: \"Over time\n```\n")
    message = fault_of(project)
    assert message.startswith("index.md:3: WARNING: passage p1 differs from the source at character 22")
    assert message.endswith("[edition.source]")


def test_unknown_unit_in_passage(project) -> None:
    project.write("index.md", "# Test\n\n```{passage} p12\nText\n```\n")
    message = fault_of(project)
    assert "index.md:3: WARNING: passage “p12” is not in the source" in message
    assert message.endswith("[edition.unit]")


def test_unreadable_source_stops_with_one_line(project) -> None:
    conf = project.root / "conf.py"
    conf.write_text(conf.read_text(encoding="utf-8") + 'edition_source_file = "missing.txt"\n', encoding="utf-8")
    with pytest.raises(EditionError) as caught:
        project.build()
    message = str(caught.value)
    assert "\n" not in message
    assert message.startswith("missing.txt: the source text cannot be read: ")


def test_a_fault_is_reported_again_until_it_is_mended(project) -> None:
    """The page that had the fault is read again by the next build, which reports it again
    (Sphinx would find the page up to date, and the second build would pass)."""
    faulty = GOOD.replace("so often are humble", "so often are modest")
    first = fault_of(project, faulty)
    _, warnings = project.build_with_warnings()
    assert warnings == [first]
    project.annotate(GOOD)
    project.build()
