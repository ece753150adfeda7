"""Layers of annotations and the replies within them. Pure logic.

The editors' notes are the ``editors`` layer: ``annotations/<page>.yml``.
Every further layer is a folder, ``annotations/<layer>/<page>.yml``, with
the same records and an optional ``annotations/<layer>/layer.yml``::

    title: Class of autumn 2026
    description: Notes the seminar group wrote in Hypothesis, imported.

``orphans.yml`` in a layer folder (annotations an import could not place)
is never shown. A record with ``reply_to: <id>`` answers another note of
the same page (in any layer) and is shown under it, in the order of the
files.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

import yaml

from .records import Annotation, AnnotationError

EDITORS = "editors"

#: Files in a layer folder that hold no records to show.
NOT_RECORDS = frozenset({"layer.yml", "orphans.yml"})

_NAME = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
#: The longest layer name: a folder name every file system takes, and a label that fits a line.
MAX_NAME = 60


def name_fault(name: str) -> str | None:
    """What is wrong with a layer's name (a folder name), or ``None``."""
    if len(name) > MAX_NAME:
        return f"is {len(name)} characters long (at most {MAX_NAME})"
    if not _NAME.match(name):
        return "may hold only lower-case letters, digits and single hyphens between them"
    return None


@dataclass(frozen=True)
class Layer:
    """One layer of notes: its folder name, the title readers see, a description."""

    name: str
    title: str
    description: str = ""


def default_title(name: str) -> str:
    """The title of a layer without ``layer.yml``: ``class-2026`` → ``Class 2026``."""
    return "Editors" if name == EDITORS else name.replace("-", " ").capitalize()


def read_layer(folder: Path, root: Path) -> Layer:
    """A layer folder's name, title and description (from ``layer.yml`` when there is one)."""
    name = folder.name
    where = folder.relative_to(root).as_posix()
    if name_fault(name):
        raise AnnotationError(where, f"a layer folder's name {name_fault(name)}", subtype="layer")
    meta = folder / "layer.yml"
    if not meta.exists():
        return Layer(name, default_title(name))
    path = meta.relative_to(root).as_posix()
    try:
        data = yaml.safe_load(meta.read_text(encoding="utf-8")) or {}
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        raise AnnotationError(path, "malformed YAML", line=mark.line + 1 if mark else None, subtype="layer") from None
    if not isinstance(data, dict):
        raise AnnotationError(path, "layer.yml must be a mapping with “title” and “description”", line=1, subtype="layer")
    unknown = sorted(set(data) - {"title", "description"})
    if unknown:
        raise AnnotationError(path, f"unknown field “{unknown[0]}” (layer.yml has “title” and “description”)", subtype="layer")
    for key in ("title", "description"):
        if key in data and not isinstance(data[key], str):
            raise AnnotationError(path, f"field “{key}” must be text", subtype="layer")
    title = (data.get("title") or "").strip() or default_title(name)
    return Layer(name, title, (data.get("description") or "").strip())


def discover(
    annotations_dir: Path, root: Path, faults: list[AnnotationError] | None = None
) -> tuple[dict[str, Layer], list[tuple[str, str, Path]]]:
    """Every layer and every annotation file: ``(layer, page, path)`` in a stable order.

    The editors' layer always exists; a folder is a layer. A folder whose name
    or ``layer.yml`` is faulty raises :class:`AnnotationError`; given a
    ``faults`` list, its error is appended there and the layer left out.
    """
    layers = {EDITORS: Layer(EDITORS, default_title(EDITORS))}
    files: list[tuple[str, str, Path]] = []
    if not annotations_dir.is_dir():
        return layers, files
    for path in sorted(annotations_dir.glob("*.yml")):
        if path.name not in NOT_RECORDS:
            files.append((EDITORS, path.stem, path))
    for folder in sorted(p for p in annotations_dir.iterdir() if p.is_dir() and not p.name.startswith((".", "_"))):
        try:
            layer = read_layer(folder, root)
        except AnnotationError as err:
            if faults is None:
                raise
            faults.append(err)
            continue
        layers[layer.name] = layer
        for path in sorted(folder.rglob("*.yml")):
            if path.name not in NOT_RECORDS:
                files.append((layer.name, path.relative_to(folder).with_suffix("").as_posix(), path))
    return layers, files


def select(layers: Mapping[str, Layer], wanted: Iterable[str]) -> list[str]:
    """The layer names to show: all of them when ``wanted`` is empty, else those named (checked)."""
    names = [w.strip() for w in wanted if w.strip()]
    if not names:
        return list(layers)
    unknown = [n for n in names if n not in layers]
    if unknown:
        raise AnnotationError(
            "annotations", f"no layer “{unknown[0]}” (the layers are: {', '.join(layers)})"
        )
    return names


def check_replies(records: list[Annotation]) -> None:
    """Raise :class:`AnnotationError` for a reply to no note of its page, or a circle of replies.

    ``records`` are all the records of one page, in every layer shown.
    """
    by_id = {r.id: r for r in records}
    for record in records:
        if not record.reply_to:
            continue
        if record.reply_to not in by_id:
            raise record.error(f"reply_to “{record.reply_to}” is not a note on this page", "reply")
        seen = {record.id}
        parent = by_id[record.reply_to]
        while parent.reply_to:
            if parent.id in seen:
                raise record.error("its replies go round in a circle and answer no note", "reply")
            seen.add(parent.id)
            parent = by_id[parent.reply_to]


def threads(records: list[Annotation]) -> dict[str, list[tuple[Annotation, int]]]:
    """The replies under each note of a page: ``{note id: [(reply, depth), …]}``.

    Depth first, in the order of the records (a reply to a reply follows the
    reply it answers, one level deeper).
    """
    children: dict[str, list[Annotation]] = {}
    for record in records:
        if record.reply_to:
            children.setdefault(record.reply_to, []).append(record)

    def below(aid: str) -> list[tuple[Annotation, int]]:
        # depth first with a stack, not recursion: a thread may be thousands deep
        out: list[tuple[Annotation, int]] = []
        stack = [(child, 1) for child in reversed(children.get(aid, []))]
        while stack:
            child, depth = stack.pop()
            out.append((child, depth))
            stack.extend((grandchild, depth + 1) for grandchild in reversed(children.get(child.id, [])))
        return out

    return {r.id: below(r.id) for r in records if not r.reply_to and r.id in children}


def note_label(record: Annotation, layer: Layer | None, several_layers: bool) -> str:
    """The words over a note: its kind, after its layer when the book shows several.

    ``Context``; ``Teacher · Question``; a reply: ``Reply · Student 2 · 2026-10-01``.
    """
    parts = []
    if several_layers and layer is not None and not record.reply_to:
        parts.append(layer.title)
    parts.append(record.kind_label)
    if record.author:
        parts.append(record.author)
    if record.created:
        parts.append(record.created[:10])
    return " · ".join(parts)
