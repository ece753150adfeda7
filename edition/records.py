"""Annotation records: loading and validating ``annotations/*.yml``. Pure logic.

A file holds a YAML list of records; each record is a mapping with the
fields in :data:`REQUIRED` and :data:`OPTIONAL`. Every fault is raised as an
:class:`AnnotationError` whose message is one line naming the file (with a
line number where YAML gives one), the annotation id and what is wrong.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import yaml

#: Annotation kinds and the word a reader sees for each.
KINDS: dict[str, str] = {
    "context": "Context",
    "term": "Term",
    "evidence": "Evidence",
    "counterpoint": "Counterpoint",
    "connection": "Connection",
    "question": "Question",
}

REQUIRED: tuple[str, ...] = ("id", "paragraph", "quote", "kind", "body")
OPTIONAL: tuple[str, ...] = ("prefix", "suffix")

_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


class AnnotationError(ValueError):
    """An annotation that cannot be used; ``str()`` is the one-line report."""

    def __init__(self, path: str, fault: str, annotation_id: str = "", line: int | None = None):
        self.path = path
        self.annotation_id = annotation_id
        self.line = line
        self.fault = fault
        where = f"{path}:{line}" if line else path
        who = f" annotation “{annotation_id}”:" if annotation_id else ""
        super().__init__(f"{where}:{who} {fault}")


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

    @property
    def kind_label(self) -> str:
        """The word shown to readers for this annotation's kind."""
        return KINDS[self.kind]

    def error(self, fault: str) -> AnnotationError:
        """An error about this annotation, located at its record."""
        return AnnotationError(self.path, fault, self.id, self.line)


#: libyaml's loader where PyYAML has it (ten times faster), else the pure-Python one.
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _compose_and_load(text: str) -> tuple[object, yaml.Node | None]:
    """Parse YAML once: the data, and the node tree that knows line numbers."""
    loader = _Loader(text)
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
                start = value.start_mark.line + (1 if value.style in ("|", ">") else 0)
                keys[str(key.value)] = start + 1
        lines.append((item.start_mark.line + 1, keys))
    return lines


def _check_field(path: str, line: int, aid: str, record: dict, name: str) -> str:
    """Return a required or optional string field, or raise for a bad one."""
    value = record.get(name, "")
    if value is None:
        value = ""
    if not isinstance(value, str):
        raise AnnotationError(path, f"field “{name}” must be text, not {type(value).__name__}", aid, line)
    if name in REQUIRED and not value.strip():
        raise AnnotationError(path, f"field “{name}” is missing or empty", aid, line)
    return value


def parse_records(text: str, path: str) -> list[Annotation]:
    """Parse and validate one annotation file's text.

    ``path`` is how the file is named in errors (relative to the project).
    Raises :class:`AnnotationError` on the first fault.
    """
    try:
        data, root = _compose_and_load(text)
        lines = _item_lines(root)
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None) or getattr(err, "context_mark", None)
        problem = getattr(err, "problem", None) or "not valid YAML"
        raise AnnotationError(path, f"malformed YAML: {problem}", line=mark.line + 1 if mark else None) from None
    if data is None:
        return []
    if not isinstance(data, list):
        raise AnnotationError(path, "the file must be a YAML list of annotation records", line=1)

    records: list[Annotation] = []
    for index, record in enumerate(data):
        line, key_lines = lines[index] if index < len(lines) else (None, {})
        if not isinstance(record, dict):
            raise AnnotationError(path, f"record {index + 1} is not a mapping of fields", line=line)
        aid = record.get("id") if isinstance(record.get("id"), str) else ""
        for name in record:
            if name not in REQUIRED + OPTIONAL:
                guess = difflib.get_close_matches(str(name), REQUIRED + OPTIONAL, n=1)
                hint = f" (did you mean “{guess[0]}”?)" if guess else ""
                raise AnnotationError(path, f"unknown field “{name}”{hint}", aid, key_lines.get(str(name), line))
        fields = {name: _check_field(path, line, aid, record, name) for name in REQUIRED + OPTIONAL}
        if not _ID.match(fields["id"]):
            raise AnnotationError(path, "id must be lower-case letters, digits and hyphens", aid, line)
        if fields["kind"] not in KINDS:
            raise AnnotationError(
                path, f"unknown kind “{fields['kind']}” (one of: {', '.join(KINDS)})", aid, line
            )
        records.append(
            Annotation(
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
            )
        )
    return records


def check_unique(annotations: Iterable[Annotation]) -> None:
    """Raise :class:`AnnotationError` for the second use of any id in the book."""
    seen: dict[str, Annotation] = {}
    for note in annotations:
        if note.id in seen:
            first = seen[note.id]
            raise note.error(f"duplicate id; first used at {first.path}:{first.line}")
        seen[note.id] = note


def check_units(annotations: Iterable[Annotation], unit_ids: Iterable[str]) -> None:
    """Raise :class:`AnnotationError` for a record whose paragraph is not a unit of the source."""
    known = set(unit_ids)
    for note in annotations:
        if note.paragraph not in known:
            raise note.error(f"unknown paragraph “{note.paragraph}” (one of: {', '.join(sorted(known))})")


def load_file(path: Path, root: Path) -> list[Annotation]:
    """Read one annotation file; errors name it relative to ``root``."""
    return parse_records(path.read_text(encoding="utf-8"), path.relative_to(root).as_posix())


def page_for(path: Path, annotations_dir: Path) -> str:
    """The page an annotation file belongs to: ``annotations/healing.yml`` → ``healing``."""
    return path.relative_to(annotations_dir).with_suffix("").as_posix()


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

_CITATION = re.compile(r"\{cite(?::\w+)?\}`([^`]+)`")


def bibliography_keys(bibtex: str) -> set[str]:
    """The entry keys of a BibTeX file's text."""
    return set(re.findall(r"@\w+\s*\{\s*([^,\s]+)\s*,", bibtex))


def cited_keys(body: str) -> list[str]:
    """Keys of the ``{cite}``, ``{cite:t}`` and ``{cite:p}`` roles in a body, in order."""
    return [key.strip() for group in _CITATION.findall(body) for key in group.split(",")]


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
            faults.append(note.error(fault))
    return faults
