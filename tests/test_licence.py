"""The licence as a reader meets it: every web page's footer and the PDF's copyright page.

The quoted text remains its authors'; the editors' material is CC BY 4.0. No
page claims the editors' rights over the whole.
"""

from __future__ import annotations

from tests.helpers.lazy import pymupdf
import pytest
from bs4 import BeautifulSoup

from .conftest import toc_docnames

pytestmark = pytest.mark.book


@pytest.mark.parametrize("name", toc_docnames())
def test_every_page_footer_states_the_licence(site, name: str) -> None:
    page = BeautifulSoup((site / f"{name}.html").read_text(encoding="utf-8"), "html.parser")
    footer = " ".join(page.select_one("p.copyright").get_text().split())
    assert "remain the work of their authors" in footer
    assert "CC BY 4.0" in footer
    assert "Copyright" not in footer and "©" not in footer
    assert page.select_one('p.copyright a[rel="license"]')["href"] == "https://creativecommons.org/licenses/by/4.0/"


def test_the_pdf_has_a_copyright_page_after_the_title(pdf_path) -> None:
    with pymupdf.open(pdf_path) as pdf:
        text = " ".join(pdf[1].get_text().split())
        whole = " ".join(page.get_text() for page in pdf)
    assert "remain the work of their authors" in text
    assert "study, commentary and criticism" in text
    assert "CC BY 4.0" in text
    assert "© 2026, the editors" not in whole and "Copyright 2026" not in whole
