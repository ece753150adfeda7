"""The source text, split into the units the edition numbers and cites.

Pure logic, no Sphinx. The source file is a web page flattened to text (see
``book/_source/README.md``): line 1 is the title, then the essay's paragraphs
separated by blank lines, a divider line (the page's navigation), and a
comment thread whose comments start with ``N.`` and whose replies start with
``•``. What is particular to one source, how many paragraphs it has, its
divider, and the lines that are page buttons rather than text, is said by the
source's own metadata, a YAML file beside it with the same name
(``essay-and-comments.yml``): :class:`Shape`.

Each unit is a tuple of paragraphs, each paragraph a tuple of lines, so that
the line breaks of the comment thread survive. Ids follow the edition's
numbering: ``p1``–``p8`` for the essay, ``r1``–``r4`` for the comments and
``r1-1`` for the reply to the first.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import yaml



@dataclass(frozen=True)
class Shape:
    """What the source's metadata says of its shape.

    ``paragraphs``: how many paragraphs the essay has (0: any number, unchecked);
    ``divider``: the line between the essay and the comments (empty: no comments);
    ``page_elements``: lines of the page that are buttons, not text.
    """

    paragraphs: int = 0
    divider: str = ""
    page_elements: tuple[str, ...] = ()


def read_shape(path: Path) -> Shape:
    """The shape of the source at ``path``, from the YAML file beside it (``x.txt`` → ``x.yml``);
    a source without one is an essay alone."""
    meta = path.with_suffix(".yml")
    if not meta.exists():
        return Shape()
    data = yaml.safe_load(meta.read_text(encoding="utf-8")) or {}
    return Shape(int(data.get("paragraphs", 0)), str(data.get("divider", "")),
                 tuple(str(line) for line in data.get("page_elements", ())))

_COMMENT_START = re.compile(r"^ {2}(\d+)\. ")
_REPLY_START = re.compile(r"^ +• ")

Paragraph = tuple[str, ...]


@dataclass(frozen=True)
class Unit:
    """One citable unit of the source: an essay paragraph or a response."""

    id: str
    label: str
    paragraphs: tuple[Paragraph, ...]

    @property
    def text(self) -> str:
        """The unit's words, paragraphs joined by blank lines."""
        return "\n\n".join("\n".join(p) for p in self.paragraphs)


@dataclass(frozen=True)
class Source:
    """The whole source: its title and its units in reading order."""

    title: str
    units: tuple[Unit, ...]

    @cached_property
    def by_id(self) -> dict[str, Unit]:
        """The units by id."""
        return {u.id: u for u in self.units}

    def unit(self, unit_id: str) -> Unit:
        """Return the unit with this id, or raise KeyError."""
        return self.by_id[unit_id]

    @cached_property
    def ids(self) -> tuple[str, ...]:
        """The unit ids in reading order."""
        return tuple(u.id for u in self.units)

    @cached_property
    def collapsed_texts(self) -> dict[str, str]:
        """Each unit's words with white space collapsed (:func:`normalize_space`), by id,
        in reading order: what quotations are looked up in."""
        return {u.id: normalize_space(u.text) for u in self.units}


def is_passage(unit_id: str) -> bool:
    """Whether a unit is a paragraph of the essay (``p4``), not a response (``r1-1``)."""
    return unit_id.startswith("p")


def label_for(unit_id: str) -> str:
    """The reader-facing number of a unit: ``p4`` → ``¶4``, ``r1-1`` → ``R1.1``."""
    if is_passage(unit_id):
        return "¶" + unit_id[1:]
    return "R" + unit_id[1:].replace("-", ".")


def unit_for_label(label: str) -> str:
    """The unit a reader-facing number names: ``¶4`` → ``p4``, ``R1.1`` → ``r1-1``."""
    if label.startswith("¶"):
        return "p" + label[1:]
    return "r" + label[1:].replace(".", "-")


def group_paragraphs(lines: list[str]) -> tuple[Paragraph, ...]:
    """Group lines into paragraphs at blank lines, trimming each line."""
    paragraphs: list[Paragraph] = []
    current: list[str] = []
    for line in lines:
        if line.strip():
            current.append(line.strip())
        elif current:
            paragraphs.append(tuple(current))
            current = []
    if current:
        paragraphs.append(tuple(current))
    return tuple(paragraphs)


def parse_source(text: str, shape: Shape = Shape()) -> Source:
    """Split the flattened page into title, essay paragraphs and responses.

    Raises ValueError if the text does not have the shape its metadata gives,
    so that a damaged copy of the source is reported rather than half-read.
    """
    lines = text.split("\n")
    title = lines[0].strip()
    nav = len(lines)
    if shape.divider:
        try:
            nav = lines.index(shape.divider)
        except ValueError as err:
            raise ValueError(f"source: navigation line '{normalize_space(shape.divider)}' not found") from err

    essay = group_paragraphs(lines[1:nav])
    units = [Unit(f"p{n}", label_for(f"p{n}"), (para,)) for n, para in enumerate(essay, 1)]
    if shape.paragraphs and len(units) != shape.paragraphs:
        raise ValueError(f"source: expected {shape.paragraphs} essay paragraphs, found {len(units)}")

    thread: list[tuple[str, list[str]]] = []
    for line in lines[nav + 1 :]:
        if line.strip() in shape.page_elements:
            continue
        comment = _COMMENT_START.match(line)
        if comment:
            thread.append((f"r{comment.group(1)}", [line]))
        elif _REPLY_START.match(line):
            parent = thread[-1][0]
            thread.append((f"{parent}-1", [line]))
        elif thread:
            thread[-1][1].append(line)
        elif line.strip():
            raise ValueError(f"source: text before the first comment: {line.strip()!r}")
    units += [Unit(uid, label_for(uid), group_paragraphs(body)) for uid, body in thread]
    return Source(title=title, units=tuple(units))


def load_source(path: Path) -> Source:
    """Read and parse the source file (UTF-8), in the shape its metadata gives."""
    return parse_source(path.read_text(encoding="utf-8"), read_shape(path))


def normalize_space(text: str) -> str:
    """Collapse every run of white space (including no-break space) to one space."""
    return " ".join(text.split())
