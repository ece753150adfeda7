"""Every fault in an annotation file stops the build with one clear line.

The line names the file (with its line number where there is one), the
annotation and the fault. Nothing is dropped silently or put in the wrong place.
"""

from __future__ import annotations

import pytest

from edition.directives import EditionError

GOOD = """\
- id: humble
  paragraph: p1
  quote: therapy clients so often are humble
  kind: context
  body: |
    A note on humility.
"""


def build_error(project, annotations: str, page: str = "index") -> str:
    """Build with these annotations and return the one-line error it stops with."""
    project.annotate(annotations, page)
    with pytest.raises(EditionError) as caught:
        project.build()
    message = str(caught.value)
    assert "\n" not in message, f"error is not one line: {message!r}"
    return message


def test_good_annotation_builds(project) -> None:
    project.annotate(GOOD)
    app = project.build()
    html = (app.outdir / "index.html").read_text(encoding="utf-8")
    assert 'id="note-humble"' in html
    assert 'id="anchor-humble"' in html


def test_malformed_yaml_names_file_and_line(project) -> None:
    message = build_error(project, GOOD + "- id: [unclosed\n  kind: term\n")
    assert message.startswith("annotations/index.yml:")
    line = int(message.split(":")[1])
    assert line in (7, 8), message
    assert "malformed YAML" in message


@pytest.mark.parametrize("field", ["paragraph", "quote", "kind", "body"])
def test_missing_field(project, field: str) -> None:
    lines = [line for line in GOOD.splitlines() if not line.strip().startswith(field + ":")]
    if field == "body":
        lines = [line for line in lines if line.strip() != "A note on humility."]
    message = build_error(project, "\n".join(lines) + "\n")
    assert message == f"annotations/index.yml:1: annotation “humble”: field “{field}” is missing or empty"


def test_empty_field(project) -> None:
    message = build_error(project, GOOD.replace("quote: therapy clients so often are humble", 'quote: ""'))
    assert "annotation “humble”" in message and "field “quote” is missing or empty" in message


def test_unknown_field_suggests_the_right_one(project) -> None:
    message = build_error(project, GOOD.replace("  quote:", "  qoute:"))
    assert message == (
        "annotations/index.yml:3: annotation “humble”: unknown field “qoute” (did you mean “quote”?)"
    )


def test_unknown_kind(project) -> None:
    message = build_error(project, GOOD.replace("kind: context", "kind: gloss"))
    assert "annotations/index.yml:1: annotation “humble”: unknown kind “gloss”" in message


def test_duplicate_id_across_files(project) -> None:
    project.write("other.md", "# Other\n\n" + __import__("tests.helpers.sphinxproject", fromlist=["x"]).passage_block("p4"))
    project.annotate(GOOD.replace("p1", "p4").replace("therapy clients so often are humble", "dissociated"), "other")
    message = build_error(project, GOOD)
    assert "annotation “humble”: duplicate id; first used at annotations/" in message


def test_unknown_paragraph(project) -> None:
    message = build_error(project, GOOD.replace("paragraph: p1", "paragraph: p9"))
    assert message.startswith("annotations/index.yml:1: annotation “humble”: unknown paragraph “p9”")


def test_paragraph_not_on_this_page(project) -> None:
    message = build_error(project, GOOD.replace("paragraph: p1", "paragraph: p5"))
    assert "annotation “humble”: paragraph “p5” is not on this page (it has ¶1, ¶2, ¶3)" in message


def test_quote_not_found(project) -> None:
    message = build_error(project, GOOD.replace("so often are humble", "so often are modest"))
    assert message == (
        "annotations/index.yml:1: annotation “humble”: "
        "quote “therapy clients so often are modest” is not in ¶1"
    )


def test_quote_found_twice_needs_prefix_or_suffix(project) -> None:
    twice = GOOD.replace("paragraph: p1", "paragraph: p2").replace(
        "therapy clients so often are humble", "they can hide it"
    )
    message = build_error(project, twice)
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
    message = build_error(project, GOOD.replace("  kind:", '  prefix: "Nobody "\n  kind:'))
    assert "never with prefix “Nobody ”" in message


def test_file_for_a_page_that_does_not_exist(project) -> None:
    message = build_error(project, GOOD, page="no-such-page")
    assert message == "annotations/no-such-page.yml: annotations for page “no-such-page”, which is not in the book"


def test_overlapping_quotes(project) -> None:
    second = GOOD.replace("id: humble", "id: humble-again").replace(
        "therapy clients so often are humble", "often are humble. They"
    )
    message = build_error(project, GOOD + second)
    assert "annotation “humble-again”: its quote overlaps the quote of annotation “humble”" in message


def test_passage_that_differs_from_the_source(project) -> None:
    project.write("index.md", "# Test\n\n```{passage} p1\nFrom Daniel Mackler: \"Over time\n```\n")
    with pytest.raises(EditionError) as caught:
        project.build()
    assert "index.md:3: passage p1 differs from the source at character 22" in str(caught.value)


def test_unknown_unit_in_passage(project) -> None:
    project.write("index.md", "# Test\n\n```{passage} p12\nText\n```\n")
    with pytest.raises(EditionError, match="passage “p12” is not in the source"):
        project.build()
