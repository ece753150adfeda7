"""Reading the source text and the annotation files once, before any page is read (Sphinx glue).

The source that cannot be read stops the build (every page needs it); an
annotation file or a record that cannot be read is reported as a fault and
left out, and so is a reply whose note is gone.
"""

from __future__ import annotations

from pathlib import Path

from sphinx.application import Sphinx

from . import faults
from .directives import EditionError
from .state import EditionState, domain_of
from ..notes import layers
from ..notes.records import Annotation, AnnotationError, check_unique, check_units, load_file
from ..text import project
from ..text.source import load_source


def load_state(root: Path, source_file: str, annotations_folder: str, wanted_layers: list[str]) -> EditionState:
    """Read the source text and every annotation file of the layers shown; report each
    fault and leave its record out.

    A source file that cannot be read stops the build (every page needs it);
    an annotation file that cannot be read is reported and skipped.
    """
    source_path = root / source_file
    try:
        source = load_source(source_path)
    except (OSError, UnicodeDecodeError, ValueError) as err:
        raise EditionError(f"{source_file}: the source text cannot be read: {err}") from None
    state = EditionState(source=source, source_path=str(source_path))
    layer_faults: list[AnnotationError] = []
    found_layers, files = layers.discover(root / annotations_folder, root, layer_faults)
    for fault in layer_faults:
        faults.report(fault)
    try:
        shown = layers.select(found_layers, wanted_layers)
    except AnnotationError as err:
        raise EditionError(str(err)) from None
    state.layers = {name: found_layers[name] for name in shown}
    seen: dict[str, Annotation] = {}
    for layer, page, path in files:
        if layer not in shown:
            continue
        state.files.setdefault(page, []).append(path.relative_to(root).as_posix())
        found: list[AnnotationError] = []
        try:
            loaded = load_file(path, root, found, layer)
        except AnnotationError as err:
            found.append(err)
            loaded = []
        kept = []
        for record in loaded:
            try:
                check_units([record], source.ids)
                if record.id in seen:
                    check_unique([seen[record.id], record])
            except AnnotationError as err:
                found.append(err)
                continue
            seen[record.id] = record
            kept.append(record)
        for fault in found:
            faults.report(fault)
        state.pages.setdefault(page, []).extend(kept)
    for page, records in state.pages.items():
        state.pages[page] = without_broken_replies(records)
    state.annotations = {r.id: r for records in state.pages.values() for r in records}
    return state


def without_broken_replies(records: list[Annotation]) -> list[Annotation]:
    """A page's records less each reply that answers no note of the page (reported);
    a reply to a dropped reply is reported and dropped in turn."""
    while True:
        try:
            layers.check_replies(records)
            return records
        except AnnotationError as err:
            faults.report(err)
            records = [r for r in records if r.id != err.annotation_id]


def load_everything(app: Sphinx) -> None:
    """Read the source text and every annotation file before any page is read."""
    domain_of(app.env).state = load_state(
        Path(app.srcdir),
        app.config.edition_source_file,
        app.config.edition_annotations_dir,
        app.config.edition_layers,
    )
    domain_of(app.env).state.toc_parts = project.toc_parts(Path(app.srcdir))
