"""The edition's configuration (``edition/build/settings.py``) and its kinds of note
(``edition/notes/kinds.py``): declared once, checked when the build starts, one line a fault."""

from __future__ import annotations

import pytest
from sphinx.errors import ConfigError

from edition.build.settings import SETTINGS, setting_faults
from edition.notes import kinds
from edition.notes.kinds import Kind, kind_faults

#: What a book must set, and nothing else.
BOOK = {"edition_title": "A Title", "edition_author": "A. Author", "edition_licence": "Free to copy."}


@pytest.mark.fast
def test_every_value_is_declared_once_with_a_type() -> None:
    names = [setting.name for setting in SETTINGS]
    assert len(names) == len(set(names))
    assert all(name.startswith("edition_") and setting.types for name, setting in zip(names, SETTINGS))


@pytest.mark.fast
def test_a_whole_configuration_has_no_fault() -> None:
    assert setting_faults(BOOK) == []


@pytest.mark.fast
def test_each_fault_is_one_line() -> None:
    faults = setting_faults({"edition_author": "A. Author", "edition_licence": "L", "edition_paper": "a5",
                             "edition_layers": "class", "edition_citation": {"yaer": "2026"}})
    assert faults == [
        "edition_title is not set: the book's title (set it in _config.yml)",
        "edition_citation: unknown setting “yaer” (one of: edition, year, published_in, signed)",
        "edition_layers: 'class' is not a list (the layers of notes shown (all when empty))",
        "edition_paper: “a5” is not one of: a4, letter",
    ]
    assert all("\n" not in fault for fault in faults)


@pytest.mark.fast
def test_the_book_s_facts_have_no_default_in_the_code() -> None:
    """The title, author and licence are the book's: the extension knows none of them."""
    defaults = {setting.name: setting.default for setting in SETTINGS}
    assert defaults["edition_title"] == defaults["edition_author"] == defaults["edition_licence"] == ""
    assert defaults["edition_citation"] == {} and defaults["edition_imprint"] == {}


@pytest.mark.fast
def test_the_kinds_table_is_whole() -> None:
    assert kind_faults() == []
    assert [kind.name for kind in kinds.NOTE_KINDS] == list(kinds.LABELS) == list(kinds.MOTIVATIONS)


@pytest.mark.fast
def test_a_kind_without_a_motivation_is_a_fault() -> None:
    table = (*kinds.NOTE_KINDS, Kind("aside", "Aside", ""), Kind("gloss", "Gloss", "glossing"))
    assert kind_faults(table) == [
        "note kind “aside” has no W3C motivation (one of: " + ", ".join(kinds.W3C_MOTIVATIONS) + ")",
        "note kind “gloss”: “glossing” is not a W3C motivation (one of: " + ", ".join(kinds.W3C_MOTIVATIONS) + ")",
    ]


@pytest.mark.small
def test_a_kind_without_a_motivation_stops_the_build_before_any_page(project, monkeypatch) -> None:
    """Before, such a kind built the pages and crashed at the export; now the build
    stops when it starts, naming the kind."""
    monkeypatch.setattr(kinds, "NOTE_KINDS", (*kinds.NOTE_KINDS, Kind("aside", "Aside", "")))
    with pytest.raises(ConfigError) as caught:
        project.build()
    assert "note kind “aside” has no W3C motivation" in str(caught.value)


@pytest.mark.small
def test_a_configuration_fault_stops_the_build_with_its_line(project) -> None:
    conf = project.root / "conf.py"
    conf.write_text(conf.read_text(encoding="utf-8") + 'edition_sides = "three"\nedition_title = ""\n', encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        project.build()
    assert str(caught.value).splitlines()[1:] == [
        "  edition_title is not set: the book's title (set it in _config.yml)",
        "  edition_sides: “three” is not one of: one, two",
    ]
