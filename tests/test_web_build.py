"""The website's HTML for citations and spoken numbers, built from a small project."""

from __future__ import annotations

import html as htmllib
import re

import pytest

pytestmark = pytest.mark.small


def test_built_numbers_carry_absolute_citations_with_html_baseurl(project) -> None:
    """With ``html_baseurl`` set, each number carries the paragraph's absolute address, and its
    citation names where the text was published and the edition's version."""
    conf = project.root / "conf.py"
    conf.write_text(conf.read_text(encoding="utf-8") + 'html_baseurl = "https://example.org/edition/"\n', encoding="utf-8")
    project.write("index.md", (project.root / "index.md").read_text(encoding="utf-8") + "\nSee {unit}`p2`.\n")
    app = project.build("html")
    page = (app.outdir / "index.html").read_text(encoding="utf-8")
    cited = {label: (url, htmllib.unescape(text)) for label, url, text in
             re.findall(r'data-cite-label="([^"]+)" data-cite-url="([^"]*)" data-citation="([^"]+)"', page)}
    url, text = cited["¶2"]
    assert url == "https://example.org/edition/index.html#p2"
    assert text.endswith(", ¶2, as quoted on Mad in America, “Around the Web”; in When Psychotherapists Are Less "
                         "Healthy Than Their Clients: An Independent Annotated Edition, version 1.0, 2026.")
    assert '<a class="reference internal unit-ref" href="#p2" aria-label="Paragraph 2">¶2</a>' in page
