"""How to ask for a correction or a removal: ``edition_contact``, set and unset.

Set, the About page links the publisher's address and the PDF's and EPUB's
imprints print it. Unset, they name only routes true of every copy: the
repository's issue tracker for corrections, the publisher for a private request.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from edition.text.licence import about_substitutions, contact_route
from edition.writers.latex import Imprint, imprint

from tests.helpers.sphinxproject import BOOK_FACTS

#: The imprint's facts as the book's _config.yml gives them.
BOOK_IMPRINT = Imprint(description="S", source="the page", independence=BOOK_FACTS["edition_independence"],
                       licence=BOOK_FACTS["edition_licence"])

ADDRESS = "corrections@example.org"
ABOUT = "# About\n\nCorrections are welcome: {{ correction_route }}.\n\nPrivately: {{ removal_route }}.\n"


@pytest.mark.fast
def test_unset_the_imprints_name_the_tracker_and_the_publisher() -> None:
    route = contact_route("")
    assert "issue tracker of the repository" in route and "whoever publishes the copy" in route
    assert "@" not in route and "Corrections and removal" in route
    text = imprint("T", BOOK_IMPRINT, date="1 May 2026")
    assert route in text


@pytest.mark.fast
def test_set_the_imprints_and_about_give_the_address() -> None:
    route = contact_route(ADDRESS)
    assert f"write to {ADDRESS}" in route and "issue tracker" not in route
    assert route in imprint("T", BOOK_IMPRINT, date="1 May 2026", contact=ADDRESS)
    about = about_substitutions(ADDRESS)
    assert about["correction_route"] == f"write to [{ADDRESS}](mailto:{ADDRESS})"
    assert about_substitutions("https://example.org/contact")["removal_route"].endswith("<https://example.org/contact>")


def about_page(project, contact: str | None) -> tuple[BeautifulSoup, str]:
    """Build the small project with an About page; return its HTML and its LaTeX."""
    extra = 'myst_enable_extensions = ["substitution"]\n'
    if contact is not None:
        extra += f"edition_contact = {contact!r}\n"
    conf = project.root / "conf.py"
    conf.write_text(conf.read_text(encoding="utf-8") + extra, encoding="utf-8")
    project.write("about.md", ABOUT)
    project.write("index.md", (project.root / "index.md").read_text(encoding="utf-8")
                  + "\n```{toctree}\nabout\n```\n")
    html = project.build("html")
    page = BeautifulSoup((Path(html.outdir) / "about.html").read_text(encoding="utf-8"), "html.parser")
    latex = project.build("latex")
    tex = next(Path(latex.outdir).glob("*.tex")).read_text(encoding="utf-8")
    return page, tex


@pytest.mark.small
def test_about_and_pdf_imprint_with_a_contact(project) -> None:
    page, tex = about_page(project, ADDRESS)
    links = page.select('a[href^="mailto:"]')
    assert [link.get_text() for link in links] == [ADDRESS, ADDRESS]  # corrections, and privately
    assert all(link["href"] == "mailto:corrections%40example.org" for link in links)
    assert "issue tracker" not in page.get_text()
    assert f"write to {ADDRESS}" in tex


@pytest.mark.small
def test_about_and_pdf_imprint_without_a_contact(project) -> None:
    page, tex = about_page(project, None)
    text = " ".join(page.get_text().split())
    assert "Corrections are welcome: use the issue tracker of the repository" in text
    assert "Privately: write privately to whoever publishes the copy you are reading" in text
    assert "mailto:" not in str(page) and "{{" not in text
    assert "issue tracker of the repository" in tex
