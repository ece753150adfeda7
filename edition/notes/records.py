"""Annotation records: loading and validating ``annotations/*.yml``. Pure logic.

A file holds a YAML list of records; each record is a mapping with the
fields in :data:`REQUIRED` and :data:`OPTIONAL`. Every fault is raised as an
:class:`AnnotationError` whose message is one line naming the file (with a
line number where YAML gives one), the annotation id and what is wrong.
"""

from __future__ import annotations

import datetime as _dt
import difflib
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import yaml

from ..text.project import YAML_LOADER
from .kinds import LABELS

#: Annotation kinds and the word a reader sees for each (the table: ``notes/kinds.py``).
KINDS: dict[str, str] = LABELS

REQUIRED: tuple[str, ...] = ("id", "paragraph", "quote", "kind", "body")
OPTIONAL: tuple[str, ...] = ("prefix", "suffix")
#: Fields of notes in further layers (an imported class's notes and the replies to them).
LAYER_FIELDS: tuple[str, ...] = ("reply_to", "tags", "author", "created")
#: A reply answers another note: it has no phrase of its own, and its kind is optional.
NOT_IN_REPLY: tuple[str, ...] = ("paragraph", "quote", "prefix", "suffix")

_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


def note_id(annotation_id: str) -> str:
    """The HTML id (and LaTeX target) of an annotation's note: ``note-<id>``."""
    return f"note-{annotation_id}"


def anchor_id(annotation_id: str) -> str:
    """The HTML id (and LaTeX target) of the phrase an annotation hangs on: ``anchor-<id>``."""
    return f"anchor-{annotation_id}"


class AnnotationError(ValueError):
    """An annotation that cannot be used; ``str()`` is the one-line report."""

    def __init__(
        self, path: str, fault: str, annotation_id: str = "", line: int | None = None, subtype: str = "record"
    ):
        self.path = path
        self.annotation_id = annotation_id
        self.line = line
        self.fault = fault
        #: What kind of fault this is (``yaml``, ``field``, ``kind``, …), for the warning's subtype.
        self.subtype = subtype
        who = f"annotation “{annotation_id}”: " if annotation_id else ""
        #: The message without its location.
        self.message = f"{who}{fault}"
        super().__init__(f"{self.location}: {self.message}")

    @property
    def location(self) -> str:
        """``path:line``, or the path alone where there is no line."""
        return f"{self.path}:{self.line}" if self.line else self.path


@dataclass(frozen=True)
class Annotation:
    """One validated annotation record."""

    id: str
    paragraph: str
    quote: str
    kind: str
    body: str
    prefix: str = ""
    suffix: str = ""
    path: str = ""
    line: int = 0
    body_line: int = 0
    #: The layer the note belongs to: ``editors``, or the folder it is in.
    layer: str = "editors"
    #: The id of the note this one answers (a reply has no quote of its own).
    reply_to: str = ""
    tags: tuple[str, ...] = ()
    author: str = ""
    created: str = ""

    @property
    def kind_label(self) -> str:
        """The word shown to readers for this annotation's kind."""
        if not self.kind:
            return "Reply"
        return KINDS[self.kind]

    def error(self, fault: str, subtype: str = "record") -> AnnotationError:
        """An error about this annotation, located at its record."""
        return AnnotationError(self.path, fault, self.id, self.line, subtype)


def _compose_and_load(text: str) -> tuple[object, yaml.Node | None]:
    """Parse YAML once: the data, and the node tree that knows line numbers."""
    loader = YAML_LOADER(text)
    try:
        root = loader.get_single_node()
        return (loader.construct_document(root) if root is not None else None), root
    finally:
        loader.dispose()


def _item_lines(root: yaml.Node | None) -> list[tuple[int, dict[str, int]]]:
    """Line numbers (1-based) of each list item and of each of its keys' values."""
    if not isinstance(root, yaml.SequenceNode):
        return []
    lines = []
    for item in root.value:
        keys: dict[str, int] = {}
        if isinstance(item, yaml.MappingNode):
            for key, value in item.value:
                # A block scalar (``|``) starts on the line after its indicator.
                start = value.start_mark.line + (1 if getattr(value, "style", None) in ("|", ">") else 0)
                keys[str(key.value)] = start + 1
        lines.append((item.start_mark.line + 1, keys))
    return lines


def _check_field(path: str, line: int, aid: str, record: dict, name: str) -> str:
    """Return a required or optional string field, or raise for a bad one."""
    value = record.get(name, "")
    if value is None:
        value = ""
    if not isinstance(value, str):
        raise AnnotationError(
            path, f"field “{name}” must be text, not {type(value).__name__}", aid, line, "field"
        )
    if name in REQUIRED and not value.strip() and not (record.get("reply_to") and name in NOT_IN_REPLY + ("kind",)):
        raise AnnotationError(path, f"field “{name}” is missing or empty", aid, line, "field")
    return value


def _layer_fields(path: str, line: int | None, aid: str, record: dict) -> dict[str, object]:
    """The optional fields of further layers, checked: ``reply_to``, ``tags``, ``author``, ``created``."""
    out: dict[str, object] = {}
    for name in ("reply_to", "author"):
        value = record.get(name)
        if value is not None and not isinstance(value, str):
            raise AnnotationError(path, f"field “{name}” must be text, not {type(value).__name__}", aid, line, "field")
        out[name] = (value or "").strip()
    created = record.get("created")
    if created is not None and not isinstance(created, (str, _dt.date)):
        raise AnnotationError(
            path, f"field “created” must be a date or text, not {type(created).__name__}", aid, line, "field"
        )
    out["created"] = created.isoformat() if isinstance(created, _dt.date) else (created or "").strip()
    tags = record.get("tags")
    if tags is None:
        tags = []
    if not isinstance(tags, list) or not all(isinstance(t, str) and t.strip() for t in tags):
        raise AnnotationError(path, "field “tags” must be a list of words", aid, line, "field")
    out["tags"] = tuple(t.strip() for t in tags)
    if out["reply_to"]:
        present = [name for name in NOT_IN_REPLY if record.get(name)]
        if present:
            raise AnnotationError(
                path, f"a reply (reply_to) has no {'/'.join(present)} of its own; it shows under the note it answers",
                aid, line, "reply",
            )
        if out["reply_to"] == aid:
            raise AnnotationError(path, "a note cannot reply to itself", aid, line, "reply")
    return out


def parse_records(
    text: str, path: str, faults: list[AnnotationError] | None = None, layer: str = "editors"
) -> list[Annotation]:
    """Parse and validate one annotation file's text.

    ``path`` is how the file is named in errors (relative to the project);
    ``layer`` is the layer the file belongs to. Raises :class:`AnnotationError` on the first fault; given a ``faults``
    list, appends each faulty record's error to it instead, leaves the record
    out and goes on (a file that is not valid YAML still raises).
    """
    try:
        data, root = _compose_and_load(text)
        lines = _item_lines(root)
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None) or getattr(err, "context_mark", None)
        problem = getattr(err, "problem", None) or "not valid YAML"
        raise AnnotationError(
            path, f"malformed YAML: {problem}", line=mark.line + 1 if mark else None, subtype="yaml"
        ) from None
    if data is None:
        return []
    if not isinstance(data, list):
        raise AnnotationError(path, "the file must be a YAML list of annotation records", line=1, subtype="yaml")

    records: list[Annotation] = []
    for index, record in enumerate(data):
        try:
            records.append(_parse_record(path, index, record, lines, layer))
        except AnnotationError as err:
            if faults is None:
                raise
            faults.append(err)
    return records


def _parse_record(
    path: str, index: int, record: object, lines: list[tuple[int, dict[str, int]]], layer: str = "editors"
) -> Annotation:
    """Validate record ``index`` of a file, or raise :class:`AnnotationError`."""
    line, key_lines = lines[index] if index < len(lines) else (None, {})
    if not isinstance(record, dict):
        raise AnnotationError(path, f"record {index + 1} is not a mapping of fields", line=line)
    aid = record.get("id") if isinstance(record.get("id"), str) else ""
    for name in record:
        if name not in REQUIRED + OPTIONAL + LAYER_FIELDS:
            guess = difflib.get_close_matches(str(name), REQUIRED + OPTIONAL + LAYER_FIELDS, n=1)
            hint = f" (did you mean “{guess[0]}”?)" if guess else ""
            raise AnnotationError(
                path, f"unknown field “{name}”{hint}", aid, key_lines.get(str(name), line), "unknown-field"
            )
    fields = {name: _check_field(path, line, aid, record, name) for name in REQUIRED + OPTIONAL}
    if not _ID.match(fields["id"]):
        raise AnnotationError(path, "id must be lower-case letters, digits and hyphens", aid, line, "id")
    extra = _layer_fields(path, line, aid, record)
    if fields["kind"] not in KINDS and not (extra["reply_to"] and not fields["kind"]):
        raise AnnotationError(
            path, f"unknown kind “{fields['kind']}” (one of: {', '.join(KINDS)})", aid, line, "kind"
        )
    return Annotation(
        id=fields["id"],
        paragraph=fields["paragraph"].strip(),
        quote=fields["quote"],
        kind=fields["kind"],
        body=fields["body"].strip("\n"),
        prefix=fields["prefix"],
        suffix=fields["suffix"],
        path=path,
        line=line or 0,
        body_line=key_lines.get("body", line or 1),
        layer=layer,
        **extra,  # type: ignore[arg-type]
    )


def check_unique(annotations: Iterable[Annotation]) -> None:
    """Raise :class:`AnnotationError` for the second use of any id in the book."""
    seen: dict[str, Annotation] = {}
    for note in annotations:
        if note.id in seen:
            first = seen[note.id]
            raise note.error(f"duplicate id; first used at {first.path}:{first.line}", "duplicate")
        seen[note.id] = note


def check_units(annotations: Iterable[Annotation], unit_ids: Iterable[str]) -> None:
    """Raise :class:`AnnotationError` for a record whose paragraph is not a unit of the source."""
    known = set(unit_ids)
    for note in annotations:
        if note.reply_to:
            continue
        if note.paragraph not in known:
            raise note.error(f"unknown paragraph “{note.paragraph}” (one of: {', '.join(sorted(known))})", "paragraph")


def load_file(
    path: Path, root: Path, faults: list[AnnotationError] | None = None, layer: str = "editors"
) -> list[Annotation]:
    """Read one annotation file of ``layer``; errors name it relative to ``root`` (see :func:`parse_records`).

    A file that cannot be read, or is not UTF-8 text, raises :class:`AnnotationError` too.
    """
    name = path.relative_to(root).as_posix()
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as err:
        line = err.object[: err.start].count(b"\n") + 1
        raise AnnotationError(name, f"not UTF-8 text (byte 0x{err.object[err.start]:02x})", line=line,
                              subtype="file") from None
    except OSError as err:
        raise AnnotationError(name, f"cannot be read: {err.strerror or err}", subtype="file") from None
    return parse_records(text, name, faults, layer)


#: A sentence that reports what research finds: “research on X finds”,
#: “studies show”, “the field holds”, “evidence suggests” (a few words may
#: stand between the subject and the verb).
RESEARCH_CLAIM = re.compile(
    r"\b(research|studies|study|the field|the literature|evidence|findings|surveys?|trials?)\b"
    r"(?:\s+[\w’'-]+){0,6}?\s+"
    r"(finds?|found|shows?|showed|shown|suggests?|suggested|holds?|held|reports?|reported|indicates?|"
    r"demonstrates?|establishes?|confirms?|agrees?|credits?|stress(?:es)?)\b",
    re.IGNORECASE,
)

#: The roles that cite works of the bibliography.
CITE_ROLES = frozenset({"cite", "cite:p", "cite:t"})


def bibliography_keys(bibtex: str) -> set[str]:
    """The entry keys of a BibTeX file's text, as pybtex (and so the bibliography) reads them.

    ``@string``, ``@comment`` and ``@preamble`` are not entries. A syntax
    fault does not stop the reading: pybtex skips to the next entry, and the
    build's own bibliography reports the fault.
    """
    import pybtex.errors
    from pybtex.database.input.bibtex import Parser

    with pybtex.errors.capture():
        return set(Parser().parse_string(bibtex).entries.keys())


def cited_keys(body: str) -> list[str]:
    """Keys of the ``{cite}``, ``{cite:t}`` and ``{cite:p}`` roles in a body, in order
    (read with the page's Markdown parser, :func:`edition.bodies.role_contents`)."""
    from .bodies import role_contents

    return [key.strip() for group in role_contents(body, CITE_ROLES) for key in group.split(",")]


def evidence_fault(note: Annotation, known_keys: set[str]) -> str | None:
    """Why a note that makes a research claim lacks its evidence, or None.

    A note of kind ``evidence``, and any note whose body says what research,
    studies or the field find, must cite a work of the bibliography.
    """
    claim = RESEARCH_CLAIM.search(" ".join(note.body.split()))
    if note.kind != "evidence" and not claim:
        return None
    if any(key in known_keys for key in cited_keys(note.body)):
        return None
    if note.kind == "evidence":
        return "an evidence note must cite a work of the bibliography ({cite:t}`key` or {cite:p}`key`)"
    return f"says what “{claim.group(0)}” but cites no work of the bibliography"  # type: ignore[union-attr]


def check_evidence(annotations: Iterable[Annotation], known_keys: set[str]) -> list[AnnotationError]:
    """Every note that makes a research claim without citing a work, as errors (not raised)."""
    faults = []
    for note in annotations:
        fault = evidence_fault(note, known_keys)
        if fault:
            faults.append(note.error(fault, "evidence"))
    return faults
