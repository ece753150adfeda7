"""Facts about the book project, read from the file that holds each (pure logic).

One home per fact, for the extension, the tests and the tools alike:

* the pages and their order: ``_toc.yml`` (:func:`toc_docnames`, and the
  parts the website's navigation shows, :func:`toc_parts`);
* which pages hold the source text, and which units each holds: the
  ``{passage}`` and ``{response}`` directives of those pages
  (:func:`unit_pages`);
* the PDF's file name: the LaTeX target name in ``_config.yml`` (:func:`pdf_name`);
* the page an annotation file annotates (:func:`annotated_docname`);
* the date of the build: ``SOURCE_DATE_EPOCH``, which the Makefile sets from
  the last commit (:func:`build_date`), for the PDF, the EPUB and the export.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import yaml

#: libyaml's loader where PyYAML has it (ten times faster), else the pure-Python one.
YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def read_yaml(path: Path) -> Any:
    """The data of a YAML file of the project (``_toc.yml``, ``_config.yml``)."""
    return yaml.load(path.read_text(encoding="utf-8"), Loader=YAML_LOADER)


#: A ``{passage} p4`` or ``{response} r2`` directive's opening line (back-tick or colon fence).
_UNIT_DIRECTIVE = re.compile(r"^(?:`{3,}|:{3,})\{(?:passage|response)\}\s+(\S+)", re.M)


def _docname(file: str) -> str:
    """A ``_toc.yml`` file entry as a docname: ``book/healing.md`` → ``book/healing``."""
    return re.sub(r"\.(md|rst|ipynb)$", "", file)


def _toc_files(entries: list[Any]) -> list[str]:
    """Every ``file`` of a ``_toc.yml`` tree (parts, chapters, sections), in order,
    without its suffix."""
    files: list[str] = []
    for entry in entries:
        if isinstance(entry, dict):
            if "file" in entry:
                files.append(_docname(entry["file"]))
            for key in ("parts", "chapters", "sections"):
                files += _toc_files(entry.get(key, []))
    return files


def toc_docnames(root: Path) -> list[str]:
    """Every page of ``_toc.yml`` in reading order, the root first."""
    toc = read_yaml(root / "_toc.yml")
    return _toc_files([{"file": toc["root"]}, *toc.get("parts", []), *toc.get("chapters", [])])


def page_units(root: Path, docname: str) -> tuple[str, ...]:
    """The ids of the units a page holds, in order (none for a page that is not there)."""
    path = root / f"{docname}.md"
    return tuple(_UNIT_DIRECTIVE.findall(path.read_text(encoding="utf-8"))) if path.is_file() else ()


@dataclass(frozen=True)
class TocPart:
    """A part of the table of contents: its caption (``None`` for a book
    without parts) and its chapters as (docname, title given in ``_toc.yml``
    or ``None``)."""

    caption: str | None
    chapters: tuple[tuple[str, str | None], ...]


def toc_parts(root: Path) -> list[TocPart] | None:
    """The parts and chapters of ``_toc.yml`` after its root page, or ``None`` when
    the table is deeper than parts and chapters (a chapter with sections) or missing."""
    if not (root / "_toc.yml").is_file():
        return None
    toc = read_yaml(root / "_toc.yml")
    parts = toc.get("parts", [{"chapters": toc.get("chapters", [])}])
    chapters = [chapter for part in parts for chapter in part["chapters"]]
    if any("sections" in chapter or "file" not in chapter for chapter in chapters):
        return None
    return [
        TocPart(part.get("caption"), tuple((_docname(c["file"]), c.get("title")) for c in part["chapters"]))
        for part in parts
    ]


def unit_pages(root: Path) -> dict[str, list[str]]:
    """The pages that hold the source text, in reading order, with their units' ids in order."""
    pages: dict[str, list[str]] = {}
    for docname in toc_docnames(root):
        units = page_units(root, docname)
        if units:
            pages[docname] = list(units)
    return pages


def pdf_name(root: Path) -> str | None:
    """The PDF's file name (``latex.latex_documents.targetname`` of ``_config.yml``, ``.tex`` → ``.pdf``),
    or ``None`` for a project without one."""
    config_file = root / "_config.yml"
    if not config_file.exists():
        return None
    config = read_yaml(config_file) or {}
    target = (config.get("latex") or {}).get("latex_documents", {}).get("targetname")
    return str(Path(target).with_suffix(".pdf")) if target else None


def annotated_docname(pages_dir: str, page: str) -> str:
    """The docname of the page an annotation file names: ``healing`` in ``book`` → ``book/healing``."""
    return f"{pages_dir}/{page}".strip("/")


def annotated_page(pages_dir: str, docname: str) -> str | None:
    """The page name an annotation file of ``docname`` has: ``book/healing`` → ``healing``;
    ``None`` for a docname outside ``pages_dir``."""
    folder = pages_dir.strip("/")
    if not folder:
        return docname
    return docname[len(folder) + 1:] if docname.startswith(folder + "/") else None


def build_date(epoch: str | None = None) -> datetime:
    """The moment of this build, in UTC: ``SOURCE_DATE_EPOCH`` when set, else now.

    ``epoch`` is the variable's value; ``None`` reads it from the environment.
    Unset or empty means now. A value that is not a whole number of seconds
    since 1970 is refused (``ValueError``), as the reproducible-builds rule
    asks, rather than dating the build today without a word.
    """
    value = (os.environ.get("SOURCE_DATE_EPOCH", "") if epoch is None else epoch).strip()
    if not value:
        return datetime.now(tz=timezone.utc)
    if not value.isdigit():
        raise ValueError(f"SOURCE_DATE_EPOCH is {value!r}, not a whole number of seconds since 1970")
    return datetime.fromtimestamp(int(value), tz=timezone.utc)
