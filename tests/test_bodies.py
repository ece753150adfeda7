"""Annotation bodies are untrusted input: only an allow-list of MyST reaches the page.

Each refused construct is tried as an attacker would: the build must stop
with one warning line naming the file and the record, and nothing of the
construct (a secret file of the build machine, a marker string) may reach
any file of the built site.
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from sphinx.testing.util import SphinxTestApp
from sphinx.util.console import strip_colors

from edition.notes.bodies import body_faults
from tests.helpers.sphinxproject import note_record

# Each test says its layer: small projects, one pure check, and one copy of the whole book.

SECRET = "SECRET-5b1e9d-never-publish"
MARKER = "MARKER-c41f07"

def build(project, body: str, builder: str = "html", more: str = "") -> tuple[str, Path]:
    """Build with one record holding ``body`` (and ``more`` records after it); return
    the warnings and the output folder.

    A secret file lies next to the project (``../secret.txt`` from the pages).
    """
    (project.root.parent / "secret.txt").write_text(SECRET + "\n", encoding="utf-8")
    (project.root / "inside.txt").write_text(SECRET + "\n", encoding="utf-8")
    conf = project.root / "conf.py"
    if "colon_fence" not in conf.read_text():  # as the book has it
        conf.write_text(conf.read_text() + 'myst_enable_extensions = ["colon_fence"]\n')
    project.annotate(note_record(body) + more)
    warnings = io.StringIO()
    app = SphinxTestApp(builder, srcdir=project.root, status=None, warning=warnings)
    try:
        app.build()
    finally:
        app.cleanup()
    return strip_colors(warnings.getvalue()), Path(app.outdir)


def site_text(outdir: Path) -> str:
    """Every byte of every built file, decoded leniently, and every file name."""
    parts = []
    for path in sorted(outdir.rglob("*")):
        parts.append(path.name)
        if path.is_file():
            parts.append(path.read_bytes().decode("utf-8", "replace"))
    return "\n".join(parts)


REFUSED = {
    "include": ("```{include} ../secret.txt\n```", "directive “include”"),
    "include-etc": ("```{include} ../../../../../../../../../../../etc/hostname\n```", "directive “include”"),
    "include-colon-fence": (":::{include} ../secret.txt\n:::", "directive “include”"),
    "literalinclude": ("```{literalinclude} ../secret.txt\n```", "directive “literalinclude”"),
    "code-block": (f"```{{code-block}} text\n{MARKER}\n```", "directive “code-block”"),
    "fenced-code": (f"```\n{MARKER}\n```", "a fenced code block"),
    "raw": (f"```{{raw}} html\n<b>{MARKER}</b>\n```", "directive “raw”"),
    "eval-rst": ("```{eval-rst}\n.. include:: ../secret.txt\n```", "directive “eval-rst”"),
    "image": ("![x](../secret.txt)", "an image"),
    "image-inside": ("![x](inside.txt)", "an image"),
    "figure": ("```{figure} ../secret.txt\n```", "directive “figure”"),
    "substitution": (f"Text {{{{ {MARKER} }}}}", "a substitution"),
    "html-block": (f"<div>{MARKER}</div>", "raw HTML"),
    "html-inline": (f'Look <script>alert("{MARKER}")</script> here.', "raw HTML"),
    "file-link": (f"[x](file:///etc/hostname) {MARKER}", "link to a “file:” URL"),
    "javascript-link": (f"[x](javascript:alert('{MARKER}'))", "link to a “javascript:” URL"),
    "javascript-autolink": (f"<javascript:alert('{MARKER}')>", "link to a “javascript:” URL"),
    "data-link": (f"[x](data:text/html,{MARKER})", "link to a “data:” URL"),
    "path-outside": ("[x](../secret.txt)", "link to a path that is not a page of the book"),
    "file-inside": ("[x](inside.txt)", "link to a path that is not a page of the book"),
    "absolute-path": ("[x](/etc/hostname)", "link to a path outside the book"),
    "path-scheme": ("[x](path:../secret.txt)", "link to a “path:” URL"),
    "raw-role": (f"{{raw}}`{MARKER}`", "role “raw”"),
    "download-role": ("{download}`../secret.txt`", "role “download”"),
    "heading": (f"# {MARKER}", "a heading"),
    "target": (f"({MARKER.lower()})=\nText", "a target label"),
}


@pytest.mark.small
@pytest.mark.parametrize("case", sorted(REFUSED))
def test_refused_body_fails_the_build_and_reaches_nothing(project, case: str) -> None:
    body, fault = REFUSED[case]
    warnings, outdir = build(project, body)
    lines = [line for line in warnings.splitlines() if "body refused" in line]
    assert len(lines) == 1, warnings
    assert lines[0].startswith("annotations/index.yml:1: WARNING: annotation “humble”: body refused, it holds ")
    assert fault in lines[0]
    html = (outdir / "index.html").read_text(encoding="utf-8")
    assert 'id="note-humble"' not in html and 'id="anchor-humble"' not in html
    everything = site_text(outdir)
    assert SECRET not in everything
    assert MARKER not in everything and MARKER.lower() not in everything
    hostname = Path("/etc/hostname")
    if hostname.exists() and len(hostname.read_text().strip()) >= 8:
        name = hostname.read_text().strip()
        assert name not in everything


@pytest.mark.small
def test_refused_body_reaches_no_latex(project) -> None:
    warnings, outdir = build(project, "```{include} ../secret.txt\n```", builder="latex")
    assert "annotation “humble”: body refused" in warnings
    assert SECRET not in site_text(outdir)


@pytest.mark.small
def test_the_secret_would_leak_without_the_check(project) -> None:
    """The same include in a page (not a note) publishes the file: the checks above can fail."""
    project.write("index.md", (project.root / "index.md").read_text() + "\n```{include} ../secret.txt\n```\n")
    warnings, outdir = build(project, "A harmless note.")
    assert SECRET in (outdir / "index.html").read_text(encoding="utf-8")


@pytest.mark.small
def test_allowed_constructs_build_and_render(project) -> None:
    body = (
        "A *note* with **strong** words, `code`, a [link](https://example.org/x), "
        "[mail](mailto:editors@example.org), [a page](index.md), [an anchor](#p2), "
        "{unit}`p2`.\n\n"
        "- first point\n- second point\n\n"
        "1. one\n2. two\n\n"
        "> a quoted line"
    )
    warnings, outdir = build(project, body)
    assert not [line for line in warnings.splitlines() if "annotations/" in line], warnings
    html = (outdir / "index.html").read_text(encoding="utf-8")
    note = html.split('id="note-humble"', 1)[1].split('class="annotation-back"', 1)[0]
    assert "<em>note</em>" in note and "<strong>strong</strong>" in note
    assert 'href="https://example.org/x"' in note and 'href="mailto:' in note
    assert "• first point" in note and "• second point" in note and "2. two" in note
    assert "<em>a quoted line</em>" in note


@pytest.mark.small
def test_reply_to_a_refused_note_is_dropped_with_it(project) -> None:
    reply = (
        "\n- id: answer\n  reply_to: humble\n  author: Student 2\n  body: |\n"
        f"    I agree. {MARKER}\n"
    )
    warnings, outdir = build(project, "```{include} ../secret.txt\n```", more=reply)
    assert "annotation “answer”: not shown, it replies to “humble”, which was refused" in warnings
    everything = site_text(outdir)
    assert MARKER not in everything and SECRET not in everything


@pytest.mark.fast
@pytest.mark.parametrize(
    ("href", "allowed"),
    [
        ("https://example.org", True), ("http://example.org/a?b#c", True), ("mailto:a@b.org", True),
        ("glossary.md", True), ("glossary.md#dissociation", True), ("#p4", True), ("../book/glossary.md", True),
        ("FILE:///etc/passwd", False), ("JavaScript:alert(1)", False), ("data:image/png;base64,AA", False),
        ("https:", False), ("//evil.example/x", False), ("../secret.txt", False), ("/etc/passwd", False),
        ("vbscript:x", False), ("inv:python#x", False),
    ],
)
def test_link_targets(href: str, allowed: bool) -> None:
    faults = body_faults(f"[x]({href})", page_dir="book", docnames={"book/glossary"})
    assert (faults == []) is allowed, faults


@pytest.mark.book
def test_the_book_build_fails_and_publishes_nothing_of_a_hostile_class_layer(tmp_path: Path) -> None:
    """The real build (``-W --keep-going``) with a class layer whose notes try several attacks."""
    import subprocess

    from tests.helpers.layered import VENV, copy_project

    project = copy_project(tmp_path / "book", layers=())
    (tmp_path / "secret.txt").write_text(SECRET + "\n", encoding="utf-8")
    hostile = [
        ("c-include", "```{include} ../../../secret.txt\n```"),
        ("c-literal", ":::{literalinclude} ../../../secret.txt\n:::"),
        ("c-download", "[notes](../../secret.txt)"),
        ("c-script", f"<script>alert('{MARKER}')</script>"),
        ("c-js", f"[click](javascript:alert('{MARKER}'))"),
    ]
    records = "".join(
        f"- id: {aid}\n  paragraph: p1\n  quote: {quote}\n  kind: question\n  author: Student 1\n  body: |\n"
        + "".join(f"    {line}\n" for line in body.splitlines())
        for (aid, body), quote in zip(hostile, ["From Daniel", "Over time", "formulate an idea", "not always true", "therapists . . ."])
    )
    (project / "annotations" / "class").mkdir()
    (project / "annotations" / "class" / "humility.yml").write_text(records, encoding="utf-8")
    done = subprocess.run(
        [str(VENV / "bin" / "jupyter-book"), "build", ".", "--builder", "html", "-W", "-n", "--keep-going"],
        cwd=project, capture_output=True, text=True, timeout=900,
    )
    output = strip_colors(done.stdout + done.stderr)
    assert done.returncode != 0
    for aid, _ in hostile:
        assert f"annotations/class/humility.yml" in output and f"annotation “{aid}”: body refused" in output, aid
    built = project / "_build" / "html"
    assert (built / "book" / "humility.html").exists()
    everything = site_text(built)
    assert SECRET not in everything and MARKER not in everything
