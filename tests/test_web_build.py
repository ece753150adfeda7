"""The website's HTML for citations and spoken numbers, built from a small project."""

from __future__ import annotations

import html as htmllib
import re

import pytest

pytestmark = pytest.mark.build


def test_built_numbers_carry_absolute_citations_with_html_baseurl(project) -> None:
    """With ``html_baseurl`` set, each number's citation ends with the paragraph's absolute address."""
    conf = project.root / "conf.py"
    conf.write_text(conf.read_text(encoding="utf-8") + 'html_baseurl = "https://example.org/edition/"\n', encoding="utf-8")
    project.write("index.md", (project.root / "index.md").read_text(encoding="utf-8") + "\nSee {unit}`p2`.\n")
    app = project.build("html")
    page = (app.outdir / "index.html").read_text(encoding="utf-8")
    cited = dict(re.findall(r'data-cite-label="([^"]+)" data-cite-url="[^"]+" data-citation="([^"]+)"', page))
    assert htmllib.unescape(cited["¶2"]).endswith(", ¶2, in When Psychotherapists Are Less Healthy Than Their Clients: An Annotated Edition, 2026. https://example.org/edition/index.html#p2")
    assert '<a class="reference internal unit-ref" href="#p2" aria-label="Paragraph 2">¶2</a>' in page
