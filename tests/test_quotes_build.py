"""The ``{q}`` role in a build: quotations of the source are found, or the build fails with one line.

Small builds: each fault as a warning naming the file
and line, and the rendered link in HTML (words carried for highlighting) and
LaTeX (a link to the paragraph's label), in a page and in an annotation body.
"""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from sphinx.testing.util import SphinxTestApp

from .helpers.sphinxproject import passage_block

pytestmark = pytest.mark.small




def build(project, builder: str = "html") -> tuple[SphinxTestApp, str]:
    """Build the small project; return the app and its warnings."""
    warnings = io.StringIO()
    conf = project.root / "conf.py"
    if "show_warning_types" not in conf.read_text(encoding="utf-8"):
        conf.write_text(conf.read_text(encoding="utf-8") + "show_warning_types = True\n", encoding="utf-8")
    app = SphinxTestApp(builder, srcdir=project.root, status=None, warning=warnings)
    try:
        app.build()
    finally:
        app.cleanup()
    return app, re.sub(r"\x1b\[[0-9;]*m", "", warnings.getvalue())


def two_pages(project, quoting: str) -> None:
    """index.md (¶1–¶3) quotes with ``quoting``; other.md holds ¶7."""
    project.write("index.md", "# Test page\n\n" + "".join(passage_block(u) for u in ("p1", "p2", "p3"))
                  + f"\nThe editors write: {quoting}.\n\n```{{toctree}}\nother\n```\n")
    project.write("other.md", "# Other\n\n" + passage_block("p7"))


def quotation_warnings(text: str) -> list[str]:
    return [line for line in text.splitlines() if "[edition.quotation]" in line]


@pytest.mark.parametrize(
    ("role", "fault"),
    [
        ("{q}`go to war with the conflict`", "quotation “go to war with the conflict” is not in the text"),
        ("{q}`p7: go to war with the conflict`", "quotation “go to war with the conflict” is not in ¶7"),
        ("{q}`trying to wake up the therapist`",
         "quotation “trying to wake up the therapist” occurs in ¶7 and R2; name the unit"),
    ],
)
def test_fault_is_one_warning_naming_file_and_line(project, role: str, fault: str) -> None:
    two_pages(project, role)
    _, warnings = build(project)
    found = quotation_warnings(warnings)
    assert len(found) == 1, warnings
    assert re.search(r"index\.md:\d+: WARNING: " + re.escape(fault) + r" \[edition\.quotation\]$", found[0]), found[0]


def test_fault_fails_a_build_that_turns_warnings_into_errors(project) -> None:
    two_pages(project, "{q}`go to war with the conflict`")
    from sphinx.errors import SphinxWarning

    with pytest.raises(SphinxWarning, match="is not in the text"):
        app = SphinxTestApp("html", srcdir=project.root, status=None, warning=io.StringIO(), warningiserror=True)
        try:
            app.build()
        finally:
            app.cleanup()


def test_html_link_carries_the_words_to_their_paragraph(project) -> None:
    two_pages(project, "{q}`go to war\nwith the client`")
    app, warnings = build(project)
    assert not quotation_warnings(warnings)
    html = (Path(app.outdir) / "index.html").read_text(encoding="utf-8")
    link = re.search(r"“<span class=\"quotation\"><a [^>]*href=\"([^\"]+)\"[^>]*>(.*?)</a></span>”", html)
    assert link, "no quotation link"
    assert link.group(1) == "other.html?quote=go%20to%20war%20with%20the%20client#p7"
    assert re.sub(r"<[^>]+>", "", link.group(2)) == "go to war with the client"
    # the marking script is loaded on demand (edition.js), and shipped with the site
    assert "edition-quote.js" not in html
    assert (Path(app.outdir) / "_static" / "edition-quote.js").exists()


def test_html_link_on_the_same_page(project) -> None:
    project.write("index.md", "# Test page\n\n" + passage_block("p1") + "\nAs {q}`are humble` says.\n")
    app, _ = build(project)
    html = (Path(app.outdir) / "index.html").read_text(encoding="utf-8")
    assert 'href="?quote=are%20humble#p1"' in html


def test_latex_link_goes_to_the_paragraph_label(project) -> None:
    two_pages(project, "{q}`p7: go to war with the client`")
    project.write("conf.py", (project.root / "conf.py").read_text(encoding="utf-8")
                  + "latex_documents = [('index', 'test.tex', 'T', 'A', 'manual')]\n")
    app, warnings = build(project, "latex")
    assert not quotation_warnings(warnings)
    tex = (Path(app.outdir) / "test.tex").read_text(encoding="utf-8")
    assert "\\providecommand\\DUrolequotation" in tex  # set upright, not as an italic cross-reference
    assert re.search(r"“.*?\\hyperref\[\\detokenize\{other:p7\}\]\{.*go to war with the (\\DUrole\{nohyphen\}\{)?client.*\}”", tex), tex[-3000:]


def test_role_in_an_annotation_body(project) -> None:
    project.annotate(
        "- id: humble\n  paragraph: p1\n  quote: therapy clients so often are humble\n  kind: connection\n"
        "  body: |\n    Compare {q}`p3: they feel ashamed`, and\n    {q}`they feel proud`.\n"
    )
    _, warnings = build(project)
    found = quotation_warnings(warnings)
    assert len(found) == 1, warnings
    assert re.search(r"annotations/index\.yml:7: WARNING: quotation “they feel proud” is not in the text", found[0]), found[0]


def test_fault_is_reported_again_by_the_next_build(project) -> None:
    """A page with a misquotation is read again at the next build, so an incremental
    build cannot pass while the fault stands."""
    two_pages(project, "{q}`go to war with the conflict`")
    _, first = build(project)
    _, second = build(project)
    assert len(quotation_warnings(first)) == 1
    assert quotation_warnings(second) == quotation_warnings(first)
