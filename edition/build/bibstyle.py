"""Citation styles for the edition: author–year in round brackets, and a
bibliography labelled by author and year to match. Registered with pybtex and
sphinxcontrib-bibtex when the extension loads.

In the text: {cite:t}`miller1997` → “Miller (1997)”, {cite:p}`herman1992` →
“(Herman, 1992)”. In the bibliography: “[Miller 1997] Alice Miller. …”.

An author list that ends in BibTeX's ``and others`` prints “et al.”, in the
text, the labels and the entries; in the text and the labels, so does a list
of three or more authors (the entry names them all). A film (a ``@misc`` entry with
``howpublished``) has its title in italics, as it is printed; a chapter of a
collected edition with a ``pubyear`` field is cited by the paper's own year
(``year``) and listed with the year the volume appeared.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any
from importlib.metadata import entry_points

import pybtex.plugin
import sphinxcontrib.bibtex.plugin
from pybtex.database import Entry, Person
from pybtex.richtext import Text
from pybtex.style.template import FieldIsMissing
from pybtex.style.formatting.plain import Style as PlainStyle
from pybtex.style.labels import BaseLabelStyle
from pybtex.style.sorting.author_year_title import SortingStyle as AuthorYearTitleSorting
from pybtex.style import FormattedEntry
from pybtex.style.formatting import toplevel
from pybtex.style.template import field as bibfield, first_of, join as plain_join, node, optional, optional_field, sentence, tag, words
from sphinxcontrib.bibtex.style.referencing import BracketStyle, PersonStyle
from sphinxcontrib.bibtex.style.referencing.author_year import AuthorYearReferenceStyle
from sphinxcontrib.bibtex.style.template import join as join_et_al

#: How a shortened author list ends, in the text, the labels and the entries.
ET_AL = "et al."


def is_others(person: Person) -> bool:
    """Whether a name is BibTeX's ``others`` (the rest of a long author list)."""
    return [n.lower() for n in person.last_names] == ["others"] and not person.first_names


def split_others(people: list[Person]) -> tuple[list[Person], bool]:
    """The named people, and whether the list went on (``and others``)."""
    named = [p for p in people if not is_others(p)]
    return named, len(named) < len(people)


def name_parts(person: Person) -> tuple[tuple[str, ...], ...]:
    """A name's parts as written: first, middle, prelast (“von”), last and lineage (“Jr”)."""
    return tuple(tuple(part) for part in (person.first_names, person.middle_names, person.prelast_names,
                                          person.last_names, person.lineage_names))


#: Name templates made in this process, by name style, abbreviation and :func:`name_parts`.
_NAME_TEMPLATES: dict[tuple[type, bool, tuple[tuple[str, ...], ...]], Any] = {}


def name_template(name_style: Any, person: Person, abbreviate: bool) -> Any:
    """``name_style.format(person, abbreviate)``, made once a process for each name:
    making it parses the name's parts from LaTeX, the costly step of citing, and a
    name recurs in every citation of its works."""
    key = (type(name_style), abbreviate, name_parts(person))
    if key not in _NAME_TEMPLATES:
        _NAME_TEMPLATES[key] = name_style.format(person, abbreviate)
    return _NAME_TEMPLATES[key]


@node
def names_et_al(children, data, role, **kwargs):  # type: ignore[no-untyped-def]
    """Names joined as usual, or the first name and “et al.” when the list ends in ``others``.

    Serves both pybtex (bibliography entries: ``data["style"].format_name``)
    and sphinxcontrib-bibtex (citations: ``data["style"].person.style_plugin``).
    """
    assert not children
    if role not in data["entry"].persons:
        raise FieldIsMissing(role, data["entry"])
    people, more = split_others(data["entry"].persons[role])
    style = data["style"]
    if hasattr(style, "person"):
        name_style, abbreviate = style.person.style_plugin, style.person.abbreviate
    else:
        name_style, abbreviate = style.name_style, style.abbreviate_names
    formatted = [name_template(name_style, p, abbreviate) for p in people]
    # A citation (given ``other``) names three or more authors by the first and “et al.”,
    # as the bibliography's labels do (author_year_label); an entry names them all.
    shorten = more or (kwargs.pop("other", None) is not None and len(formatted) > 2)
    joined = join_et_al(**kwargs)[formatted[:1] if shorten else formatted].format_data(data)
    return Text(joined, " ", ET_AL) if shorten else joined


@node
def author_or_editor_or_title_et_al(children, data, **kwargs):  # type: ignore[no-untyped-def]
    """sphinxcontrib-bibtex's author, else editor, else title, with “et al.” for ``others``."""
    assert not children
    return first_of[
        optional[names_et_al("author", **kwargs)],
        optional[names_et_al("editor", **kwargs)],
        tag("em")[bibfield("title")],
    ].format_data(data)


@dataclass
class EtAlPersonStyle(PersonStyle):
    """Names in citations: “Crawford et al.” for an author list that ends in ``others``."""

    def names(self, role: str, full: bool):  # type: ignore[no-untyped-def]
        return names_et_al(role=role, sep=self.sep, sep2=self.sep2, last_sep=self.last_sep,
                           other=None if full else self.other)

    def author_or_editor_or_title(self, full: bool):  # type: ignore[no-untyped-def]
        return author_or_editor_or_title_et_al(sep=self.sep, sep2=self.sep2, last_sep=self.last_sep,
                                               other=None if full else self.other)


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
    person: PersonStyle = field(default_factory=EtAlPersonStyle)


def surname(person: Person) -> str:
    """A person's surname as printed, without BibTeX's protecting braces."""
    return " ".join(person.last_names).replace("{", "").replace("}", "")


def author_year_label(entry: Entry) -> str:
    """``Miller 1997``, ``Wampold and Imel 2015``, ``Crawford et al. 2016``
    (worded as the citations in the text are)."""
    people, more = split_others(list(entry.persons.get("author") or entry.persons.get("editor") or []))
    names = [surname(p) for p in people]
    if not names:
        who = entry.fields.get("key", "Anon.")
    elif len(names) > 2 or more:
        who = f"{names[0]} {ET_AL}"
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
        return sort_form(super().person_key(person))

    def sorting_key(self, entry: Entry) -> tuple[str, str, str]:
        """An entry with no author or editor (a legal case) sorts by its ``key`` field.

        Apostrophes are ignored, as in a library catalogue, so that
        “O’Connor” files as “OConnor”, before “Orlinsky”.
        """
        author, year, title = super().sorting_key(entry)
        if not author and not entry.persons.get("editor"):
            author = entry.fields.get("key", "").lower()
        return sort_form(author), year, title


def sort_form(text: str) -> str:
    """A name as it sorts: without BibTeX's braces and without apostrophes.

    >>> sort_form("O’Connor v. Donaldson") < sort_form("Orlinsky")
    True
    """
    return "".join(ch for ch in text if ch not in "{}’'")


def entry_content(entry: Entry) -> tuple[object, ...]:
    """Everything of an entry that its formatting reads: type, key, fields and names."""
    return (
        entry.type, entry.key, tuple(entry.fields.items()),
        tuple((role, tuple(str(p) for p in people)) for role, people in entry.persons.items()),
    )


#: Entries formatted in this process, by label and :func:`entry_content`.
_FORMATTED: dict[tuple[str, tuple[object, ...]], FormattedEntry] = {}


class EditionBibliographyStyle(PlainStyle):
    """pybtex's plain style (sorted by author, year, title) with author–year labels."""

    default_label_style = "edition_author_year"
    default_sorting_style = "edition_author_year_title"

    def format_entry(self, label, entry, bib_data=None):  # type: ignore[no-untyped-def]
        """pybtex's formatting, done once for each label and entry content in a process.

        sphinxcontrib-bibtex formats every entry twice a build, for the
        bibliography and for the tooltip of the citations that link to it, with
        the same style; the second is the first's result. A changed entry has
        other content, so it is formatted anew. (With ``bib_data``, which
        sphinxcontrib-bibtex does not pass, nothing is kept.)
        """
        if bib_data is not None:
            return super().format_entry(label, entry, bib_data)
        key = (label, entry_content(entry))
        if key not in _FORMATTED:
            _FORMATTED[key] = super().format_entry(label, entry, bib_data)
        return _FORMATTED[key]

    def format_names(self, role, as_sentence=True):  # type: ignore[no-untyped-def]
        formatted = names_et_al(role, sep=", ", sep2=" and ", last_sep=", and ")
        return sentence[formatted] if as_sentence else formatted

    def get_misc_template(self, e):  # type: ignore[no-untyped-def]
        """A film (with ``howpublished``) has its title in italics, its case as written.

        A documentary film names its maker as the reference list does,
        “Daniel Mackler (director)”, so that the name is printed once.
        """
        if "howpublished" not in e.fields:
            return super().get_misc_template(e)
        if str(e.fields["howpublished"]).startswith("Documentary film"):
            maker = sentence[plain_join[self.format_names("author", as_sentence=False), " (director)"]]
        else:
            maker = optional[sentence[self.format_names("author")]]
        return toplevel[
            maker,
            self.format_btitle(e, "title"),
            sentence[bibfield("howpublished"), optional[bibfield("year")]],
            sentence[optional_field("note")],
        ]

    def get_incollection_template(self, e):  # type: ignore[no-untyped-def]
        """A paper in a collected edition: the volume's own year where ``pubyear`` gives it."""
        if "pubyear" not in e.fields:
            return super().get_incollection_template(e)
        return toplevel[
            sentence[self.format_names("author")],
            self.format_title(e, "title"),
            words[
                "In",
                sentence[
                    self.format_btitle(e, "booktitle", as_sentence=False),
                    self.format_volume_and_series(e, as_sentence=False),
                ],
            ],
            sentence[optional_field("publisher"), optional_field("address"), bibfield("pubyear")],
            sentence[optional_field("note")],
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
