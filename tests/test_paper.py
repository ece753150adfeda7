"""The PDF on A4 (the default) or US Letter: the same text block and note column,
the margins taking what the paper adds or lacks (fast: the settings only)."""

from __future__ import annotations

import pytest

from edition.writers.latex import PAGE_MM, latex_elements, page_mm

pytestmark = pytest.mark.fast


def test_a4_is_the_default_page() -> None:
    assert page_mm() == PAGE_MM
    elements = latex_elements("T", "S", "A", "E", "book/bibliography")
    assert elements["papersize"] == "a4paper"
    assert "hmargin={33mm,69mm}" in elements["sphinxsetup"]


def test_letter_keeps_the_columns_and_the_folio_on_the_sheet() -> None:
    page = page_mm("letter")
    assert (page["width"], page["height"]) == (215.9, 279.4)
    text_width = page["width"] - page["left"] - page["right"]
    assert text_width == pytest.approx(PAGE_MM["width"] - PAGE_MM["left"] - PAGE_MM["right"])
    assert page["bottom"] == PAGE_MM["bottom"] and page["top"] == PAGE_MM["top"]
    elements = latex_elements("T", "S", "A", "E", "book/bibliography", paper="letter")
    assert elements["papersize"] == "letterpaper"
    assert "hmargin={33mm,74.9mm}" in elements["sphinxsetup"] and "vmargin={28mm,30mm}" in elements["sphinxsetup"]


def test_an_unknown_paper_is_refused_with_its_name() -> None:
    with pytest.raises(ValueError, match="unknown paper “a5”"):
        page_mm("a5")


def test_one_sided_is_the_default_and_two_sided_mirrors_the_pages() -> None:
    """SIDES=two changes only the class option: LaTeX's twoside mirrors the margins
    (geometry's hmargin becomes inner, outer) and edition.sty switches the notes."""
    assert "oneside,openany" == latex_elements("T", "S", "A", "E", "b")["extraclassoptions"]
    two = latex_elements("T", "S", "A", "E", "b", sides="two")
    assert two["extraclassoptions"] == "twoside,openany"
    assert two["sphinxsetup"] == latex_elements("T", "S", "A", "E", "b")["sphinxsetup"]
    with pytest.raises(ValueError, match="unknown sides “three”"):
        latex_elements("T", "S", "A", "E", "b", sides="three")
