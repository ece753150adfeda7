"""A class copy in print: ``make class-copy LAYERS=editors,class`` on the book with fixture layers.

The copy holds the chosen layers (and only those) in its margin, names them
on its title page, keeps notes of several layers apart and on the page, and
prints replies under the note they answer, in order.
"""

from __future__ import annotations

from pathlib import Path

from tests.helpers.lazy import pymupdf
import pytest

from edition.text.source import normalize_space
from tests.helpers.layered import VENV, copy_project, run
from tests.test_pdf import NOTE_LEFT
from tests.test_pdf import test_margin_notes_never_overlap_or_leave_the_page as check_margin_geometry

pytestmark = pytest.mark.book


@pytest.fixture(scope="module")
def class_copy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = copy_project(tmp_path_factory.mktemp("class-copy") / "book")
    run(["make", "class-copy", "LAYERS=editors,class", f"VENV={VENV}"], project)
    return project / "_build" / "class-copy.pdf"


@pytest.fixture(scope="module")
def pages(class_copy: Path) -> list[str]:
    with pymupdf.open(class_copy) as doc:
        return [normalize_space(page.get_text()) for page in doc]


@pytest.fixture(scope="module")
def margins(class_copy: Path) -> list[str]:
    with pymupdf.open(class_copy) as doc:
        return [
            normalize_space(" ".join(b[4] for b in page.get_text("blocks") if b[0] >= NOTE_LEFT - 2))
            for page in doc
        ]


def test_title_page_names_the_layers(pages: list[str]) -> None:
    assert "A class copy, with the notes of: Editors; Class of autumn 2026" in pages[0]


def test_the_chosen_layers_and_no_other_are_in_the_margin(margins: list[str]) -> None:
    margin = " ".join(margins)
    assert "Healthier in what sense? The essay never says who measured it." in margin
    assert "Some therapists do the opposite" in margin
    assert "Healthier by what measure?" in margin  # an editors' note
    assert "Before the seminar" not in margin and "teacher" not in margin.lower().replace("teachers", "")


def test_notes_name_their_layer(margins: list[str]) -> None:
    page = next(m for m in margins if "Healthier in what sense?" in m)
    assert "class of autumn 2026 · question · student 1" in page
    assert "editors · question" in page


def test_replies_print_under_their_note_in_order(margins: list[str]) -> None:
    page = next(m for m in margins if "Healthier in what sense?" in m)
    first = page.index("Healthier in what sense?")
    reply = page.index("It is the author’s own impression") if "author’s own" in page else page.index("It is the author's own impression")
    second = page.index("Then it is a claim to test")
    assert first < reply < second
    assert page.index("reply · student 2") < reply and page.index("reply · student 1") < second


def test_notes_of_several_layers_never_overlap_or_leave_the_page(class_copy: Path) -> None:
    with pymupdf.open(class_copy) as doc:
        assert any("class of autumn" in normalize_space(page.get_text()) for page in doc)  # wherever lines break
        check_margin_geometry(doc)
