"""Citation styles for the edition: author–year in round brackets, and a
bibliography labelled by author and year to match. Registered with pybtex and
sphinxcontrib-bibtex when the extension loads.

In the text: {cite:t}`miller1997` → “Miller (1997)”, {cite:p}`herman1992` →
“(Herman, 1992)”. In the bibliography: “[Miller 1997] Alice Miller. …”.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from importlib.metadata import entry_points

import pybtex.plugin
import sphinxcontrib.bibtex.plugin
from pybtex.database import Entry, Person
from pybtex.style.formatting.plain import Style as PlainStyle
from pybtex.style.formatting.unsrt import date
from pybtex.style.formatting import toplevel
from pybtex.style import template as tpl
from pybtex.style.labels import BaseLabelStyle
from pybtex.style.sorting.author_year_title import SortingStyle as AuthorYearTitleSorting
from sphinxcontrib.bibtex.style.referencing import BracketStyle
from sphinxcontrib.bibtex.style.referencing.author_year import AuthorYearReferenceStyle


def round_brackets() -> BracketStyle:
    """Brackets for author–year citations."""
    return BracketStyle(left="(", right=")")


@dataclass
class RoundAuthorYearStyle(AuthorYearReferenceStyle):
    """sphinxcontrib-bibtex's author–year referencing, with round brackets."""

    bracket_textual: BracketStyle = field(default_factory=round_brackets)
    bracket_parenthetical: BracketStyle = field(default_factory=round_brackets)
    bracket_author: BracketStyle = field(default_factory=round_brackets)
    bracket_label: BracketStyle = field(default_factory=round_brackets)
    bracket_year: BracketStyle = field(default_factory=round_brackets)


def surname(person: Person) -> str:
    """A person's surname as printed, without BibTeX's protecting braces."""
    return " ".join(person.last_names).replace("{", "").replace("}", "")


def author_year_label(entry: Entry) -> str:
    """``Miller 1997``, ``Wampold and Imel 2015``, ``Crawford and others 2016``
    (worded as the citations in the text are)."""
    people = entry.persons.get("author") or entry.persons.get("editor") or []
    names = [surname(p) for p in people]
    if not names:
        who = entry.fields.get("key", "Anon.")
    elif len(names) > 2:
        who = f"{names[0]} et al."
    else:
        who = " and ".join(names)
    return f"{who} {entry.fields.get('year', 'n.d.')}"


class AuthorYearLabelStyle(BaseLabelStyle):
    """Bibliography labels that match the author–year citations in the text."""

    def format_labels(self, sorted_entries: list[Entry]) -> Iterator[str]:
        for entry in sorted_entries:
            yield author_year_label(entry)


class AuthorYearTitleSortingStyle(AuthorYearTitleSorting):
    """Sort by author, year, title, reading a corporate or case name as
    its words (BibTeX's protecting braces would sort it after Z)."""

    def person_key(self, person: Person) -> str:
        return super().person_key(person).replace("{", "").replace("}", "")


class EditionBibliographyStyle(PlainStyle):
    """pybtex's plain style (sorted by author, year, title) with author–year labels."""

    default_label_style = "edition_author_year"
    default_sorting_style = "edition_author_year_title"

    def get_misc_template(self, e: Entry):  # type: ignore[no-untyped-def]
        """A film's title in italics, as the text sets it; other works as plain."""
        if "film" not in e.fields.get("howpublished", "").lower():
            return super().get_misc_template(e)
        return toplevel[
            tpl.optional[tpl.sentence[self.format_names("author")]],
            self.format_btitle(e, "title"),
            tpl.sentence[tpl.optional[tpl.field("howpublished")], tpl.optional[date]],
            tpl.sentence[tpl.optional_field("note")],
            self.format_web_refs(e),
        ]


#: Installed pybtex plugins the build looks up by name, resolved once in :func:`register`.
#: pybtex looks a name up in its runtime registry first and only then scans every
#: installed distribution's entry points (about 13 ms a scan); sphinxcontrib-bibtex
#: asks for the plain-text backend once per citation, about 90 times in this book.
PYBTEX_PLUGINS: tuple[tuple[str, str], ...] = (
    ("pybtex.backends", "plaintext"),
    ("pybtex.backends", "docutils"),
    ("pybtex.style.names", "plain"),
    ("pybtex.style.names", "last"),
)


#: The runtime registries of pybtex and sphinxcontrib-bibtex (group → name → class).
#: Their ``register_plugin`` functions scan every installed distribution's entry
#: points on each call, even to overwrite; putting a class in the registry costs
#: nothing. ``tests/test_theme_contract.py`` checks that both still exist.
RUNTIME_REGISTRIES = (
    (pybtex.plugin, "_RUNTIME_PLUGINS"),
    (sphinxcontrib.bibtex.plugin, "_runtime_plugins"),
)


def put(module: object, registry: str, group: str, name: str, klass: type) -> None:
    """Put a plugin in a runtime registry, or register it the slow way where there is none."""
    plugins = getattr(module, registry, None)
    if isinstance(plugins, dict):
        plugins.setdefault(group, {})[name] = klass
    else:
        module.register_plugin(group, name, klass, force=True)  # type: ignore[attr-defined]


def resolve_plugins_once() -> None:
    """Put the installed plugins of :data:`PYBTEX_PLUGINS` in pybtex's runtime registry.

    They are looked up in one reading of the installed entry points.
    """
    installed = entry_points()
    for group, name in PYBTEX_PLUGINS:
        (plugin,) = installed.select(group=group, name=name)
        put(*RUNTIME_REGISTRIES[0], group, name, plugin.load())
    group = "sphinxcontrib.bibtex.style.referencing"
    (foot,) = installed.select(group=group, name="foot")
    put(*RUNTIME_REGISTRIES[1], group, "foot", foot.load())


def register() -> None:
    """Make the styles known to pybtex and sphinxcontrib-bibtex (idempotent)."""
    resolve_plugins_once()
    pybtex_registry, bibtex_registry = RUNTIME_REGISTRIES
    put(*pybtex_registry, "pybtex.style.labels", "edition_author_year", AuthorYearLabelStyle)
    put(*pybtex_registry, "pybtex.style.sorting", "edition_author_year_title", AuthorYearTitleSortingStyle)
    put(*pybtex_registry, "pybtex.style.formatting", "edition", EditionBibliographyStyle)
    put(*bibtex_registry, "sphinxcontrib.bibtex.style.referencing", "edition_author_year_round", RoundAuthorYearStyle)
