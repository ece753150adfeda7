"""Importing a class's web annotations as a layer of records. Pure logic, no Sphinx.

``python -m edition.classroom.importer FILE LAYER`` (or ``make import-annotations
FILE=… LAYER=…``) reads

- W3C Web Annotation JSON-LD: an ``AnnotationCollection`` (with ``items``
  or an embedded ``first`` page), a single ``Annotation`` or a list of them,
  each with a ``TextQuoteSelector`` (optionally inside a ``FragmentSelector``
  naming the paragraph, as the edition's own export has it) and
  ``TextualBody`` bodies; a reply targets the annotation it answers;
- Hypothesis JSON, as the Hypothesis API's search endpoint returns it (or the
  Hypothesis client's own export, which holds the same rows in ``annotations``):
  ``{"total": n, "rows": [...]}``, each row with ``id``, ``created``,
  ``user``, ``user_info.display_name``, ``text`` (Markdown), ``tags``,
  ``uri`` and ``target[0].selector[]``; a reply has ``references`` (the
  thread's ids, the last one the annotation it answers) and a target with no
  selector.

and writes ``annotations/<layer>/<page>.yml``: the same records as the
editors' files (see ``annotations/README.md``) plus ``reply_to``, ``tags``,
``author`` and ``created``. Nothing is written unless the whole file reads
cleanly. Annotations whose quote is not (or not unambiguously) in the text
go to ``annotations/<layer>/orphans.yml``, which the build never shows, and
are listed on standard output. Names and account ids are written only with
``KEEP_NAMES=1``; otherwise authors are "Student 1", "Student 2"… numbered
by their first annotation. Bodies are untrusted: see :func:`safe_markdown`.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import sys
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import yaml

from ..notes.anchoring import AnchorError, find_all, locate_in_segments
from ..notes.bodies import ROLES
from ..text.project import annotated_page, page_units, toc_docnames
from ..notes.layers import EDITORS, NOT_RECORDS, name_fault
from ..text.quotations import QuotationError, find_quotation
from ..notes.records import KINDS, bibliography_keys
from ..text.source import Source, Unit, load_source, normalize_space

#: Written at the top of every file the importer writes; files without it are never touched.
HEADER = "# Imported by `make import-annotations`; importing again rewrites this file.\n"
ORPHANS = "orphans.yml"

#: Kind of a note, from its W3C motivation; a note with none is a ``context`` note
#: unless it asks a question (its text ends with "?") or is tagged with a kind.
KIND_OF_MOTIVATION: dict[str, str] = {
    "questioning": "question",
    "linking": "connection",
    "describing": "term",
    "assessing": "counterpoint",
    "commenting": "context",
}
#: The edition's kinds, which a tag or label may name as they are.
KINDS_BY_LABEL = {kind: kind for kind in KINDS}
DEFAULT_KIND = "context"

#: The roles a body may use (``bodies.ROLES``), kept in imported bodies when their content is plain.
_ROLE = re.compile(r"(?<!\\)\{(" + "|".join(re.escape(r) for r in sorted(ROLES, key=len, reverse=True)) + r")\}`([^`{}]+)`")
#: Plain role content: words, or ``text <target>``; no path that climbs out of the book.
_SAFE_ROLE_TARGET = re.compile(r"^[\w\s.,:’'()/-]+(?:\s<[\w\s.,:’'()/-]+>)?$")  # a line break counts as a space
#: A quotation's words are looked up in the source at build time; no markup is read in them.
_SAFE_QUOTATION = re.compile(r"^[^`{}<>\\]+$")
_LINK = re.compile(r"(?<!\\)\[([^\[\]\n]*)\]\(([^()\s<>]*)\)")
_SAFE_SCHEMES = ("http://", "https://", "mailto:")
#: Characters escaped wherever they occur (unless a backslash escapes them already).
_ESCAPE_ALWAYS = "`<{}[]|$"
_PUNCTUATION = set("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")
#: Patterns that change a whole line's meaning in MyST, escaped at the line's start.
_LINE_START = re.compile(
    r"^(\s*)(#|%|\([^)\n]*\)=|(?:[-*_+=][ \t]*){3,}$|:{3,}|~{3,}|=+\s*$|-+\s*$|\+\+\+)"
)


class ImportFault(ValueError):
    """A malformed input file; ``str()`` is the one-line report naming the file and the entry."""


@dataclass(frozen=True)
class Incoming:
    """One annotation read from the input, in the input's order."""

    source_id: str
    index: int
    uri: str = ""
    exact: str = ""
    prefix: str = ""
    suffix: str = ""
    fragment: str = ""
    body: str = ""
    body_is_markdown: bool = True
    tags: tuple[str, ...] = ()
    author_key: str = ""
    author_name: str = ""
    created: str = ""
    parent: str = ""
    kind: str = ""
    #: A W3C annotation whose motivation says it is a reply.
    replying: bool = False
    #: Why the note is not for the book unless asked: hidden by a moderator, or
    #: private (only its author may read it); "" for a note the group shares.
    withheld: str = ""
    #: A note on the whole page (no selector): it hangs on no words, so it is an orphan.
    page_note: bool = False
    #: The author is a body (an ``Organization`` or ``Group``, as the edition's own export
    #: names the editors), not a person: its name is not a student's to replace in text.
    group_author: bool = False


@dataclass
class Placed:
    """Where an annotation goes: its page, unit and the record written for it."""

    incoming: Incoming
    record: dict[str, Any]
    page: str = ""
    order: tuple = ()


@dataclass
class Orphan:
    """An annotation that could not be placed, and why."""

    incoming: Incoming
    record_id: str
    why: str
    page: str = ""


@dataclass
class Result:
    """What an import produces: files to write (path → text) and what to tell the user."""

    files: dict[str, str] = field(default_factory=dict)
    orphans: list[Orphan] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)
    #: What became of every annotation of the file: placed, orphaned, left out as
    #: hidden, private or answering a note left out; the numbers add up to the file's.
    tally: dict[str, int] = field(default_factory=dict)
    #: How many annotations the export says it has beyond those in the file, and how to get them.
    missing: str = ""


# --- Reading the input ----------------------------------------------------------------


def _types(value: Any) -> list[str]:
    """The ``type`` (or ``@type``) of a JSON-LD object as a list."""
    if not isinstance(value, dict):
        return []
    found = value.get("type", value.get("@type", []))
    return [found] if isinstance(found, str) else [t for t in found if isinstance(t, str)] if isinstance(found, list) else []


def _as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def parse_input(text: str, name: str) -> tuple[str, list[Incoming], str]:
    """Read the file's text: ``("hypothesis" | "w3c", annotations, what is missing)``, or raise
    :class:`ImportFault`. The last is ``""``, or says how many annotations a paged export
    holds beyond this file and how to get them."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as err:
        raise ImportFault(f"{name}: not JSON ({err.msg} at line {err.lineno}, column {err.colno})") from None
    if isinstance(data, dict) and "rows" in data:
        rows = data["rows"]
        if not isinstance(rows, list) or not isinstance(data.get("total", 0), int):
            raise ImportFault(f"{name}: Hypothesis JSON whose “rows” is not a list or “total” not a number")
        total = data.get("total", len(rows))
        missing = ""
        if isinstance(total, int) and total > len(rows):
            missing = (
                f"{name}: the export holds {len(rows)} of the group's {total} annotations; {total - len(rows)} are "
                "missing. The search API gives at most 200 a page: ask again with "
                "search_after=<the last row's “updated”> (sort=updated, order=asc) until no rows come, "
                "put all rows in one file, and import that"
            )
        return "hypothesis", [hypothesis_row(row, index, name) for index, row in enumerate(rows)], missing
    if isinstance(data, dict) and "client_version" in data and "annotations" in data:
        # The Hypothesis client's own export: {"export_date", "export_userid",
        # "client_version", "annotations": [rows as the API gives them]}.
        rows = data["annotations"]
        if not isinstance(rows, list):
            raise ImportFault(f"{name}: Hypothesis export whose “annotations” is not a list")
        return "hypothesis", [hypothesis_row(row, index, name) for index, row in enumerate(rows)], ""
    items: list[Any] | None = None
    missing = ""
    if isinstance(data, list):
        items = data
    elif "AnnotationCollection" in _types(data):
        first = data.get("first")
        if "items" in data:
            items = data["items"]
        elif isinstance(first, dict) and "items" in first:
            items = first["items"]
            if first.get("next"):
                total = data.get("total")
                count = f"{total - len(items)} of its {total} annotations are" if isinstance(total, int) and isinstance(items, list) else "annotations are"
                missing = (
                    f"{name}: the collection has further pages (next: {first['next']}); {count} not in this "
                    "file. Save every page, put their items in one collection, and import that"
                )
        elif isinstance(first, str):
            raise ImportFault(f"{name}: the collection's first page is a link ({first}), not embedded; save the page itself")
        else:
            raise ImportFault(f"{name}: an AnnotationCollection with no items")
    elif "Annotation" in _types(data):
        items = [data]
    if not isinstance(items, list):
        raise ImportFault(
            f"{name}: unknown shape: expected a W3C AnnotationCollection, a list of Annotations, "
            "or Hypothesis search JSON {\"total\": n, \"rows\": [...]}"
        )
    parsed = [w3c_annotation(item, index, name) for index, item in enumerate(items)]
    ids = {item.source_id for item in parsed}
    # A target that is a link to no annotation of the file, on a note that is not a
    # reply, is the page itself: a page note.
    parsed = [
        replace(item, parent="", uri=item.parent, page_note=True)
        if item.parent and item.parent not in ids and not item.replying else item
        for item in parsed
    ]
    return "w3c", parsed, missing


def _entry(name: str, index: int, source_id: str = "") -> str:
    who = f" (id {source_id})" if source_id else ""
    return f"{name}: entry {index + 1}{who}"


def _text_field(row: dict, key: str, where: str, required: bool = True) -> str:
    value = row.get(key)
    if value is None and not required:
        return ""
    if not isinstance(value, str) or (required and not value.strip()):
        raise ImportFault(f"{where}: field “{key}” is missing or not text")
    return value


def _quote_selector(selectors: Iterable[Any]) -> tuple[dict | None, str]:
    """The first ``TextQuoteSelector`` among selectors (looking inside ``refinedBy``),
    and the paragraph a ``FragmentSelector`` around it names."""
    for selector in selectors:
        if not isinstance(selector, dict):
            continue
        if "TextQuoteSelector" in _types(selector):
            return selector, ""
        if "FragmentSelector" in _types(selector):
            inner, _ = _quote_selector(_as_list(selector.get("refinedBy")))
            if inner is not None:
                value = selector.get("value", "")
                return inner, value if isinstance(value, str) else ""
    return None, ""


def _selector_fields(selector: dict, where: str) -> tuple[str, str, str]:
    exact = selector.get("exact")
    if not isinstance(exact, str) or not exact.strip():
        raise ImportFault(f"{where}: its TextQuoteSelector has no “exact” text")
    prefix, suffix = selector.get("prefix", ""), selector.get("suffix", "")
    if not isinstance(prefix, str) or not isinstance(suffix, str):
        raise ImportFault(f"{where}: its TextQuoteSelector's prefix or suffix is not text")
    return exact, prefix, suffix


def hypothesis_row(row: Any, index: int, name: str) -> Incoming:
    """One row of Hypothesis search JSON."""
    if not isinstance(row, dict):
        raise ImportFault(f"{_entry(name, index)}: a row is not an object")
    source_id = row.get("id") if isinstance(row.get("id"), str) else ""
    where = _entry(name, index, source_id)
    source_id = _text_field(row, "id", where)
    uri = _text_field(row, "uri", where)
    text = _text_field(row, "text", where, required=False)
    tags = row.get("tags") or []
    if not isinstance(tags, list) or not all(isinstance(t, str) for t in tags):
        raise ImportFault(f"{where}: field “tags” is not a list of text")
    references = row.get("references") or []
    if not isinstance(references, list) or not all(isinstance(r, str) for r in references):
        raise ImportFault(f"{where}: field “references” is not a list of ids")
    user = row.get("user") if isinstance(row.get("user"), str) else ""
    info = row.get("user_info") if isinstance(row.get("user_info"), dict) else {}
    display = info.get("display_name") if isinstance(info.get("display_name"), str) else ""
    created = row.get("created") if isinstance(row.get("created"), str) else ""
    permissions = row.get("permissions") if isinstance(row.get("permissions"), dict) else {}
    readers = permissions.get("read") if isinstance(permissions.get("read"), list) else None
    withheld = "hidden" if row.get("hidden") is True else "private" if readers is not None and readers == [user] else ""
    incoming = Incoming(
        source_id=source_id,
        index=index,
        withheld=withheld,
        uri=uri,
        body=text,
        tags=tuple(tags),
        author_key=user,
        author_name=display or user_name(user),
        created=created,
        parent=references[-1] if references else "",
    )
    if incoming.parent:
        return incoming
    targets = row.get("target")
    if not isinstance(targets, list) or not targets or not isinstance(targets[0], dict):
        raise ImportFault(f"{where}: no target")
    selectors = targets[0].get("selector")
    if selectors is None or selectors == []:
        return replace(incoming, page_note=True)
    if not isinstance(selectors, list):
        raise ImportFault(f"{where}: its target's “selector” is not a list")
    selector, _ = _quote_selector(selectors)
    if selector is None:
        raise ImportFault(f"{where}: its target has no TextQuoteSelector")
    exact, prefix, suffix = _selector_fields(selector, where)
    return replace(incoming, exact=exact, prefix=prefix, suffix=suffix)


def user_name(user: str) -> str:
    """The user name in a Hypothesis account id: ``acct:name@hypothes.is`` → ``name``."""
    return user[len("acct:") :].split("@")[0] if user.startswith("acct:") else user


def _bodies(item: dict, where: str) -> tuple[str, bool, tuple[str, ...]]:
    """The note's text (preferring Markdown, then plain text, then HTML reduced to text) and its tags."""
    texts: dict[str, str] = {}
    tags: list[str] = []
    if isinstance(item.get("bodyValue"), str):
        texts["text/plain"] = item["bodyValue"]
    for body in _as_list(item.get("body")):
        if not isinstance(body, dict):
            continue  # a body that is a link to elsewhere carries no text to import
        value = body.get("value")
        if not isinstance(value, str):
            continue
        purposes = _as_list(body.get("purpose"))
        if "tagging" in purposes:
            tags.append(value)
            continue
        fmt = body.get("format") if isinstance(body.get("format"), str) else "text/plain"
        texts.setdefault(fmt, value)
    if "text/markdown" in texts:
        return texts["text/markdown"], True, tuple(tags)
    if "text/plain" in texts:
        return texts["text/plain"], False, tuple(tags)
    if "text/html" in texts:
        return html_to_text(texts["text/html"]), False, tuple(tags)
    return "", False, tuple(tags)


def html_to_text(value: str) -> str:
    """An HTML body as plain text (tags dropped, paragraphs kept), never as markup.

    Read with the standard library's HTML parser, so a ``>`` inside an
    attribute or a comment ends no tag: a paragraph's end and a line break
    leave a blank line, entities are decoded, comments are dropped.
    """
    from html.parser import HTMLParser

    parts: list[str] = []

    class Reader(HTMLParser):
        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            if tag == "br":
                parts.append("\n\n")

        def handle_endtag(self, tag: str) -> None:
            if tag == "p":
                parts.append("\n\n")

        def handle_data(self, data: str) -> None:
            parts.append(data)

    reader = Reader(convert_charrefs=True)
    reader.feed(value)
    reader.close()
    return "".join(parts).strip()


def _creator(item: dict) -> tuple[str, str]:
    creator = item.get("creator")
    if isinstance(creator, list):
        creator = creator[0] if creator else None
    if isinstance(creator, str):
        return creator, user_name(creator)
    if isinstance(creator, dict):
        name = creator.get("name") or creator.get("nickname") or ""
        key = creator.get("id") or name
        return (key if isinstance(key, str) else ""), (name if isinstance(name, str) else "")
    return "", ""


def w3c_annotation(item: Any, index: int, name: str) -> Incoming:
    """One W3C ``Annotation``; a reply keeps its target's id as ``parent`` (resolved later)."""
    if not isinstance(item, dict):
        raise ImportFault(f"{_entry(name, index)}: an item is not an object")
    source_id = item.get("id") if isinstance(item.get("id"), str) else ""
    where = _entry(name, index, source_id)
    if "Annotation" not in _types(item):
        raise ImportFault(f"{where}: not an Annotation (its type is {item.get('type')!r})")
    source_id = _text_field(item, "id", where)
    body, is_markdown, tags = _bodies(item, where)
    key, person = _creator(item)
    creator = item.get("creator")
    group_author = isinstance(creator, dict) and bool({"Organization", "Group"} & set(_types(creator)))
    created = item.get("created") if isinstance(item.get("created"), str) else ""
    motivations = [m for m in _as_list(item.get("motivation")) if isinstance(m, str)]
    label = item.get("label") if isinstance(item.get("label"), str) else ""
    kind = KINDS_BY_LABEL.get(label.lower(), "") or next(
        (KIND_OF_MOTIVATION[m] for m in motivations if m in KIND_OF_MOTIVATION), ""
    )
    incoming = Incoming(
        source_id=source_id,
        index=index,
        replying="replying" in motivations,
        body=body,
        body_is_markdown=is_markdown,
        tags=tags,
        author_key=key,
        author_name=person,
        group_author=group_author,
        created=created,
        kind=kind,
    )
    targets = _as_list(item.get("target"))
    if not targets:
        raise ImportFault(f"{where}: no target")
    target = targets[0]
    if isinstance(target, str):
        return replace(incoming, parent=target)  # a reply to the annotation with that id, or a whole page
    if not isinstance(target, dict):
        raise ImportFault(f"{where}: its target is neither a link nor an object")
    source = target.get("source") or target.get("id") or ""
    if not isinstance(source, str) or not source:
        raise ImportFault(f"{where}: its target has no source")
    selectors = _as_list(target.get("selector"))
    if not selectors:
        if "replying" in motivations:
            return replace(incoming, parent=source)
        return replace(incoming, uri=source, page_note=True)
    selector, fragment = _quote_selector(selectors)
    if selector is None:
        raise ImportFault(f"{where}: its target has no TextQuoteSelector")
    exact, prefix, suffix = _selector_fields(selector, where)
    return replace(incoming, uri=source, exact=exact, prefix=prefix, suffix=suffix, fragment=fragment)


# --- The book: pages, units, anchoring -------------------------------------------------


@dataclass(frozen=True)
class Book:
    """What the importer knows of the book: each page's docname and the units on it."""

    source: Source
    pages: Mapping[str, tuple[str, ...]]  # page (``healing``) → unit ids on it, in order
    docnames: Mapping[str, str]  # page → docname (``book/healing``)
    #: The glossary's terms (lower-cased) and the bibliography's keys, which roles may name.
    terms: frozenset[str] = frozenset()
    cite_keys: frozenset[str] = frozenset()

    def knows(self, role: str, content: str) -> bool:
        """Whether a role's target is in the book, so that the build can resolve it:
        a work of the bibliography, a term of the glossary, a unit, words of the text,
        a page."""
        target = content.rsplit("<", 1)[-1].rstrip(">").strip() if content.rstrip().endswith(">") else content.strip()
        if role.startswith("cite"):
            return all(key.strip() in self.cite_keys for key in target.split(","))
        if role == "term":
            return " ".join(target.split()).lower() in self.terms
        if role in ("unit", "ref"):
            return target in self.source.by_id
        if role == "q":
            try:
                find_quotation(self.source, content)
            except QuotationError:
                return False
            return True
        if role == "doc":
            return target.rstrip("/").split("/")[-1] in {d.split("/")[-1] for d in self.docnames.values()}
        return False


#: A term of a ``{glossary}`` block: a line that starts at the margin inside the block.
_GLOSSARY = re.compile(r"^(`{3,}|:{3,})\{glossary\}[^\n]*\n(.*?)^\1\s*$", re.M | re.S)


def glossary_terms(text: str) -> set[str]:
    """The terms of the ``{glossary}`` blocks of a page's text, lower-cased."""
    terms: set[str] = set()
    for block in _GLOSSARY.finditer(text):
        for line in block.group(2).splitlines():
            if line.strip() and not line[0].isspace() and not line.startswith(":"):
                terms.add(" ".join(line.split()).lower())
    return terms


def load_book(root: Path, pages_dir: str = "book", source_file: str = "book/_source/essay-and-comments.txt") -> Book:
    """Read ``_toc.yml``, each page's units, the source text, the glossary's terms and the
    bibliography's keys."""
    pages: dict[str, tuple[str, ...]] = {}
    names: dict[str, str] = {}
    terms: set[str] = set()
    for docname in toc_docnames(root):
        page = annotated_page(pages_dir, docname) or docname
        pages[page] = page_units(root, docname)
        names[page] = docname
        path = root / f"{docname}.md"
        if path.is_file():
            terms |= glossary_terms(path.read_text(encoding="utf-8"))
    keys: set[str] = set()
    for bib in sorted(root.glob(f"{pages_dir}/*.bib" if pages_dir else "*.bib")):
        keys |= bibliography_keys(bib.read_text(encoding="utf-8"))
    return Book(load_source(root / source_file), pages, names, frozenset(terms), frozenset(keys))


def page_of_url(url: str, book: Book) -> str:
    """The book page a URL shows, whatever the host: the page whose docname best matches
    the end of the URL's path (``https://x.org/ed/book/healing.html`` → ``healing``)."""
    path = unquote(urlsplit(url).path)
    path = re.sub(r"(/index)?(\.html?)?/?$", "", path)
    parts = [p for p in path.split("/") if p]
    best, best_len = "", 0
    for page, docname in book.docnames.items():
        doc_parts = docname.split("/")
        n = 0
        while n < min(len(parts), len(doc_parts)) and parts[-1 - n] == doc_parts[-1 - n]:
            n += 1
        if n > best_len or (n == best_len and n and len(doc_parts) < len(book.docnames.get(best, "").split("/"))):
            best, best_len = page, n
    if not parts and book.docnames:
        return next((p for p, d in book.docnames.items() if d.endswith("index")), "")
    return best if best_len else ""


def _common_suffix(a: str, b: str) -> int:
    n = 0
    while n < min(len(a), len(b)) and a[-1 - n] == b[-1 - n]:
        n += 1
    return n


def _common_prefix(a: str, b: str) -> int:
    n = 0
    while n < min(len(a), len(b)) and a[n] == b[n]:
        n += 1
    return n


def _find_loose(line: str, exact: str) -> list[tuple[int, int]]:
    """Occurrences of ``exact`` in ``line``, exactly, or else with any run of white space
    standing for any other (a quote copied across a line break or a double space)."""
    starts = find_all(line, exact)
    if starts:
        return [(s, s + len(exact)) for s in starts]
    words = exact.split()
    if not words:
        return []
    pattern = re.compile(r"\s+".join(re.escape(w) for w in words))
    return [(m.start(), m.end()) for m in pattern.finditer(line)]


def anchor(item: Incoming, units: Sequence[Unit]) -> tuple[str, int, int, int]:
    """Place a quote among the units of its page: ``(unit id, line index, start, end)``.

    A quote found once is placed; found several times, the occurrence whose
    surroundings best agree with the prefix and suffix is chosen. Raises
    :class:`AnchorError` with the reason when there is no occurrence, or no
    single best one.
    """
    exact = item.exact.strip()
    if item.fragment and any(u.id == item.fragment for u in units):
        units = [u for u in units if u.id == item.fragment]
    hits: list[tuple[str, int, int, int, str, str]] = []
    for unit in units:
        lines = [line for para in unit.paragraphs for line in para]
        for index, line in enumerate(lines):
            for start, end in _find_loose(line, exact):
                before = " ".join(lines[:index] + [line[:start]])
                after = " ".join([line[end:]] + lines[index + 1 :])
                hits.append((unit.id, index, start, end, before, after))
    if not hits:
        where = "its paragraph" if len(units) == 1 and item.fragment else "the text of its page"
        if "\n" in item.exact.strip():
            raise AnchorError(f"the quote runs over several lines and is not in {where}")
        raise AnchorError(f"the quote is not in {where}")
    if len(hits) == 1:
        return hits[0][:4]
    prefix, suffix = normalize_space(item.prefix), normalize_space(item.suffix)
    scores = [
        2 * _common_suffix(prefix, normalize_space(h[4])[-len(prefix) - 1 :]) + _common_prefix(suffix, normalize_space(h[5])[: len(suffix) + 1])
        for h in hits
    ]
    best = max(scores)
    if best == 0 or scores.count(best) > 1:
        raise AnchorError(
            f"the quote is ambiguous: it occurs {len(hits)} times on its page and its prefix and suffix do not pick one"
        )
    return hits[scores.index(best)][:4]


def record_context(unit: Unit, line_index: int, start: int, end: int) -> tuple[str, str]:
    """The shortest prefix (or else suffix) from the source line that makes
    :func:`edition.notes.anchoring.locate_in_segments` pick this occurrence; empty when the quote is unique."""
    lines = [line for para in unit.paragraphs for line in para]
    line = lines[line_index]
    quote = line[start:end]

    def picks(prefix: str, suffix: str) -> bool:
        try:
            return locate_in_segments(lines, quote, prefix, suffix) == (line_index, start, end)
        except AnchorError:
            return False

    if picks("", ""):
        return "", ""
    for size in range(1, max(start, len(line) - end) + 1):
        prefix = _word_start(line[:start], size)
        if prefix.strip() and picks(prefix, ""):
            return prefix, ""
        suffix = _word_end(line[end:], size)
        if suffix.strip() and picks("", suffix):
            return "", suffix
    return line[:start], line[end:]


def _word_start(before: str, size: int) -> str:
    """The last ``size`` characters of ``before``, widened to start at a word."""
    at = max(0, len(before) - size)
    while at > 0 and not before[at - 1].isspace():
        at -= 1
    return before[at:]


def _word_end(after: str, size: int) -> str:
    """The first ``size`` characters of ``after``, widened to end at a word."""
    at = min(len(after), size)
    while at < len(after) and not after[at].isspace():
        at += 1
    return after[:at]


# --- Bodies: untrusted text -------------------------------------------------------------


def _escape(text: str) -> str:
    """Escape every character MyST could read as markup beyond emphasis, lists and quotes.

    A backslash that already escapes a punctuation mark is kept with it, so that
    escaping twice changes nothing (a re-import of an imported body is the same).
    """
    out: list[str] = []
    at = 0
    while at < len(text):
        char = text[at]
        if char == "\\" and at + 1 < len(text) and text[at + 1] in _PUNCTUATION:
            out.append(text[at : at + 2])
            at += 2
            continue
        out.append("\\" + char if char in _ESCAPE_ALWAYS else char)
        at += 1
    return "".join(out)


def safe_markdown(text: str, known: Callable[[str, str], bool] | None = None) -> tuple[str, list[str]]:
    """An untrusted Markdown body made safe to give to MyST, and what was neutralised.

    Kept: paragraphs, ``*emphasis*`` and ``**strong**``, lists and block
    quotes, links to ``http:``, ``https:`` and ``mailto:`` addresses, and the
    edition's own roles (``{cite:t}``, ``{cite:p}``, ``{term}``, ``{unit}``,
    ``{doc}``, ``{ref}``) with plain content. Everything else that MyST would
    read as markup is escaped with a backslash, so that it shows as the
    characters typed: other roles and directives (backticks, braces, colon
    and tilde fences), raw HTML (``<``), substitutions, tables, headings,
    thematic breaks, comments, targets, math, footnotes and images. A link to
    any other kind of address (``javascript:``, ``data:``, ``file:``, a path)
    becomes its text followed by the address, as text. Indented code blocks
    lose their indentation. Given ``known`` (``Book.knows``), a role whose
    target the book does not have is escaped too, so that the build never
    meets a reference it cannot resolve.
    """
    notes: list[str] = []
    text = text.replace("\r\n", "\n").replace("\r", "\n").strip("\n")
    lines = []
    for line in text.split("\n"):
        if re.match(r"^( {4,}|\t)", line):
            line = line.lstrip(" \t")
            if "indented code" not in notes:
                notes.append("indented code")
        lines.append(line)
    text = "\n".join(lines)

    pieces: list[str] = []
    at = 0
    pattern = re.compile(_ROLE.pattern + "|" + _LINK.pattern)
    for match in pattern.finditer(text):
        pieces.append(_escape(text[at : match.start()]))
        role, content, label, url = match.group(1), match.group(2), match.group(3), match.group(4)
        if role:
            safe = _SAFE_QUOTATION if role == "q" else _SAFE_ROLE_TARGET
            if safe.match(content) and (role == "q" or ".." not in content) and known is not None and not known(role, content):
                pieces.append(_escape(match.group(0)))
                notes.append(f"role {{{role}}} naming what the book does not have")
            elif safe.match(content) and (role == "q" or ".." not in content):
                pieces.append(f"{{{role}}}`{content}`")
            else:
                pieces.append(_escape(match.group(0)))
                notes.append(f"role {{{role}}} with unusual content")
        elif match.start() > 0 and text[match.start() - 1] == "!":  # an image: never loaded from elsewhere
            pieces.append(f"{_escape(label)} ({_escape(url)})" if label else _escape(url))
            notes.append("an image (left as text)")
        elif url.lower().startswith(_SAFE_SCHEMES):
            pieces.append(f"[{_escape(label)}]({url})")
        else:
            pieces.append(f"{_escape(label)} ({_escape(url)})" if label else _escape(url))
            scheme = url.split(":", 1)[0].lower() + ":" if ":" in url else "a path"
            notes.append(f"link to {scheme}")
        at = match.end()
    pieces.append(_escape(text[at:]))
    escaped = "".join(pieces)
    if "\\`" in escaped:
        notes.append("code or a role the edition does not allow")
    for scheme in re.findall(r"(?i)\b(javascript|vbscript|data|file):", text):
        if f"link to {scheme.lower()}:" not in notes:
            notes.append(f"a {scheme.lower()}: address (left as text, never a link)")
    out_lines = []
    for line in escaped.split("\n"):
        match = _LINE_START.match(line)
        if match:
            line = match.group(1) + "\\" + line[len(match.group(1)) :]
            notes.append("line-start markup")
        out_lines.append(line)
    result = "\n".join(out_lines)
    for char, what in (("<", "raw HTML"), ("{", "braces (directive, role or substitution)"), ("|", "table")):
        if char in text and what not in notes and "\\" + char in result:
            notes.append(what)
    return result, notes


def plain_text_markdown(text: str) -> str:
    """Plain text (not Markdown) as MyST that shows exactly these characters."""
    punctuation = "\\`*_{}[]<>()#+-.!|$%:~=&^"
    lines = []
    for line in text.replace("\r\n", "\n").strip("\n").split("\n"):
        lines.append("".join("\\" + c if c in punctuation else c for c in line.strip()))
    return "\n".join(lines)


# --- Records ----------------------------------------------------------------------------


def record_id(source_id: str, style: str) -> str:
    """A stable record id from the source annotation's id: ``hyp-<id>`` or ``wa-<last part>``,
    lower-cased, in a-z, 0-9 and hyphens."""
    if style == "w3c":
        tail = source_id.rstrip("/").split("#")[-1] if "#" in source_id else source_id.rstrip("/").split("/")[-1]
        tail = re.sub(r"^(urn:uuid:|note-)", "", tail.lower())
        prefix = "wa"
    else:
        tail, prefix = source_id.lower(), "hyp"
    slug = re.sub(r"[^a-z0-9]+", "-", tail).strip("-") or hashlib.sha1(source_id.encode()).hexdigest()[:10]
    return f"{prefix}-{slug}"


def unique_ids(items: Sequence[Incoming], style: str) -> dict[str, str]:
    """Record ids for every source id; ids that collide once lower-cased get a short hash of the original."""
    plain = {i.source_id: record_id(i.source_id, style) for i in items}
    seen: dict[str, int] = {}
    for value in plain.values():
        seen[value] = seen.get(value, 0) + 1
    return {
        sid: (rid if seen[rid] == 1 else f"{rid}-{hashlib.sha1(sid.encode()).hexdigest()[:6]}")
        for sid, rid in plain.items()
    }


def pseudonyms(items: Sequence[Incoming], keep_names: bool) -> dict[str, str]:
    """Each author's name in the records: "Student 1", "Student 2"… in the order of their
    first annotation (by creation time, then position in the file), or their own name."""
    order: dict[str, tuple[str, int]] = {}
    for item in items:
        key = item.author_key or item.author_name
        if not key:
            continue
        first = (item.created, item.index)
        if key not in order or first < order[key]:
            order[key] = first
    names: dict[str, str] = {}
    for number, key in enumerate(sorted(order, key=lambda k: order[k]), 1):
        if keep_names:
            person = next((i.author_name for i in items if (i.author_key or i.author_name) == key and i.author_name), "")
            names[key] = person or f"Student {number}"
        else:
            names[key] = f"Student {number}"
    return names


def kind_for(item: Incoming) -> str:
    """The kind of an imported note: its own (an edition export's label or a W3C motivation),
    a tag naming a kind, a question if its text ends with “?”, else ``context``."""
    if item.kind:
        return item.kind
    for tag in item.tags:
        if tag.lower() in KINDS_BY_LABEL:
            return KINDS_BY_LABEL[tag.lower()]
    return "question" if item.body.rstrip().endswith("?") else DEFAULT_KIND


#: Characters no note keeps: C0 and C1 controls (line breaks and tabs apart), DEL,
#: lone surrogates and noncharacters. They show as nothing, break the e-book's XML and stop TeX.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
#: The longest body kept whole; a longer one is cut there, and the import says so.
MAX_BODY = 20_000
#: An @mention: ``@`` and a user name, not inside an e-mail address.
_MENTION = re.compile(r"(?<![\w.@])@([A-Za-z0-9_][A-Za-z0-9_.-]*[A-Za-z0-9_]|[A-Za-z0-9_])")
#: Why notes are left out, as the summary says it.
WITHHELD = {"hidden": "hidden by a moderator", "private": "private (only their author may read them)"}


def without_controls(text: str) -> tuple[str, int]:
    """``text`` without the characters of :data:`_CONTROL`, and how many there were."""
    return _CONTROL.subn("", text)


def printable(text: str) -> str:
    """Text from the input made safe to print on a terminal: control characters (an
    escape sequence's ESC among them) shown as ``\\x1b`` and the like."""
    return _CONTROL.sub(lambda m: m.group(0).encode("unicode_escape", "backslashreplace").decode("ascii"), text)


def name_forms(items: Sequence[Incoming]) -> dict[str, str]:
    """Each form in which the file names a person (account id, user name, display name,
    lower-cased), with the author key it names."""
    forms: dict[str, str] = {}
    for item in items:
        key = item.author_key or item.author_name
        if not key or item.group_author:
            continue
        for form in (item.author_key, user_name(item.author_key), item.author_key.rstrip("/").split("/")[-1], item.author_name):
            if form and len(form) >= 3:
                forms.setdefault(form.lower(), key)
    return forms


@lru_cache(maxsize=8)
def _names_pattern(forms: tuple[str, ...]) -> re.Pattern[str]:
    """One pattern for every form of every name, longest first, as whole words."""
    return re.compile(r"(?<![\w.])(" + "|".join(re.escape(f) for f in forms) + r")(?![\w])", re.IGNORECASE)


def pseudonymise(text: str, forms: Mapping[str, str], names: Mapping[str, str]) -> str:
    """``text`` with every person's names and user names (:func:`name_forms`) replaced by
    their pseudonym, and any other @mention by ``@someone``."""
    if forms:
        pattern = _names_pattern(tuple(sorted(forms, key=len, reverse=True)))
        text = pattern.sub(lambda m: names.get(forms[m.group(1).lower()], "someone"), text)
    return _MENTION.sub(lambda m: "@" + m.group(1) if m.group(1).startswith("Student") else "@someone", text)


def import_annotations(
    text: str,
    name: str,
    book: Book,
    layer: str,
    keep_names: bool = False,
    include_private: bool = False,
    taken: Mapping[str, str] | None = None,
) -> Result:
    """Convert one input file into the layer's files (paths relative to the project).

    Notes hidden by a moderator are left out, and private notes unless
    ``include_private``, with every reply to them; page notes are orphans.
    ``taken`` maps the record ids of the book's other layers to their files: an
    id already there is refused. Raises :class:`ImportFault` for a malformed
    file; nothing is written then.
    """
    fault = name_fault(layer)
    if fault:
        raise ImportFault(f"{name}: layer name “{printable(layer[:80])}” {fault}")
    if layer == EDITORS:
        raise ImportFault(f"{name}: layer name “{layer}” is the editors' own layer; import into a layer of its own")
    style, items, missing = parse_input(text, name)
    seen: set[str] = set()
    for item in items:
        if item.source_id in seen:
            raise ImportFault(f"{_entry(name, item.index, item.source_id)}: the same id appears twice")
        seen.add(item.source_id)
    ids = unique_ids(items, style)
    for item in items:
        if taken and ids[item.source_id] in taken:
            raise ImportFault(
                f"{_entry(name, item.index, item.source_id)}: its record id “{ids[item.source_id]}” is already used "
                f"in {taken[ids[item.source_id]]} (the same export imported into another layer?); remove it there first"
            )
    authors = pseudonyms(items, keep_names)
    forms = {} if keep_names else name_forms(items)
    result = Result(missing=missing)

    by_source = {i.source_id: i for i in items}
    placed: dict[str, Placed] = {}
    orphans: dict[str, Orphan] = {}
    left_out: dict[str, str] = {}
    unit_index = {u.id: n for n, u in enumerate(book.source.units)}

    def body_of(item: Incoming, rid: str) -> str:
        text, controls = without_controls(item.body)
        if controls:
            result.notices.append(f"{rid}: its text held {controls} control character(s), removed")
        if len(text) > MAX_BODY:
            result.notices.append(f"{rid}: its text of {len(text):,} characters is cut to {MAX_BODY:,}")
            text = text[:MAX_BODY].rsplit(" ", 1)[0] + " […]"
        if forms:
            named = pseudonymise(text, forms, authors)
            if named != text:
                result.notices.append(f"{rid}: names or @mentions in its text replaced by pseudonyms")
                text = named
        if item.body_is_markdown:
            body, notes = safe_markdown(text, book.knows)
        else:
            body, notes = plain_text_markdown(text), []
        for note in dict.fromkeys(notes):
            result.notices.append(f"{rid}: body holds {note}; escaped, it shows as typed")
        return body if body.strip() else "(no text)"

    def tags_of(item: Incoming, rid: str) -> list[str]:
        tags = [" ".join(without_controls(tag)[0].split()) for tag in item.tags]
        if forms:
            named = [pseudonymise(tag, forms, authors) for tag in tags]
            if named != tags:
                result.notices.append(f"{rid}: names in its tags replaced by pseudonyms")
                tags = named
        return [tag for tag in tags if tag]

    def finish(record: dict[str, Any], item: Incoming, rid: str) -> dict[str, Any]:
        record["kind"] = kind_for(item)
        record["body"] = body_of(item, rid)
        tags = tags_of(item, rid)
        if tags:
            record["tags"] = tags
        author = authors.get(item.author_key or item.author_name, "")
        if author:
            record["author"] = without_controls(author)[0]
        if item.created:
            record["created"] = without_controls(item.created)[0]
        return record

    roots: dict[str, tuple[Incoming | None, str]] = {}
    below_withheld: dict[str, bool] = {}

    def walk_up(item: Incoming, cache: dict[str, Any], stop: Callable[[Incoming], Any]) -> Any:
        """Follow a reply up its thread until ``stop`` gives an answer (not ``None``) or
        a cached one is met, and cache that answer for every reply on the way: a loop,
        not recursion, as a thread may be thousands deep."""
        chain: list[Incoming] = []
        on_chain: set[str] = set()
        current = item
        while True:
            if current.source_id in cache:
                answer = cache[current.source_id]
                break
            if current.source_id in on_chain:
                answer = (None, "its thread goes round in a circle (replies answering each other) and answers no note")
                break
            answer = stop(current)
            if answer is not None:
                break
            chain.append(current)
            on_chain.add(current.source_id)
            parent = by_source.get(current.parent)
            if parent is None:
                answer = (None, f"it answers {current.parent}, which is not in the file")
                break
            current = parent
        for link in chain:
            cache[link.source_id] = answer
        return answer

    def thread_root(item: Incoming) -> tuple[Incoming | None, str]:
        """The note a reply's thread starts from, or ``None`` and why there is none."""
        return walk_up(item, roots, lambda i: None if i.parent else (i, ""))

    # What is left out: hidden notes, private ones unless asked, and every reply below them.
    for item in items:
        if item.withheld and (item.withheld == "hidden" or not include_private):
            left_out[item.source_id] = item.withheld
    withheld = dict(left_out)
    for item in items:
        if item.source_id in left_out or not item.parent:
            continue
        answer = walk_up(
            by_source[item.parent] if item.parent in by_source else item, below_withheld,
            lambda i: True if i.source_id in withheld else None if i.parent else False,
        )
        if answer is True:
            left_out[item.source_id] = "answers"

    # Top-level notes first.
    for item in items:
        if item.parent or item.source_id in left_out:
            continue
        rid = ids[item.source_id]
        page = page_of_url(item.uri, book)
        if item.page_note:
            orphans[item.source_id] = Orphan(item, rid, "a page note: it hangs on no words of the page (no selector)", page)
            continue
        if not page or not book.pages.get(page):
            orphans[item.source_id] = Orphan(item, rid, f"its page ({item.uri}) is not an annotated page of the book", page)
            continue
        units = [book.source.unit(u) for u in book.pages[page] if u in book.source.by_id]
        try:
            unit_id, line_index, start, end = anchor(item, units)
        except AnchorError as err:
            orphans[item.source_id] = Orphan(item, rid, str(err), page)
            continue
        unit = book.source.unit(unit_id)
        lines = [line for para in unit.paragraphs for line in para]
        prefix, suffix = record_context(unit, line_index, start, end)
        record = {"id": rid}
        record["paragraph"] = unit_id
        record["quote"] = lines[line_index][start:end]
        if prefix:
            record["prefix"] = prefix
        if suffix:
            record["suffix"] = suffix
        placed[item.source_id] = Placed(
            item, finish(record, item, rid), page, (unit_index[unit_id], line_index, start, item.created, item.index)
        )

    # Replies, in thread order: each under the note it answers.
    for item in sorted((i for i in items if i.parent and i.source_id not in left_out), key=lambda i: (i.created, i.index)):
        rid = ids[item.source_id]
        root, why = thread_root(item)
        if root is None:
            orphans[item.source_id] = Orphan(item, rid, why)
            continue
        if root.source_id not in placed:
            orphans[item.source_id] = Orphan(item, rid, f"the note it answers ({ids[root.source_id]}) is an orphan")
            continue
        top = placed[root.source_id]
        record = {"id": rid}
        record["reply_to"] = ids[item.parent]
        placed[item.source_id] = Placed(item, finish(record, item, rid), top.page, top.order + ((item.created, item.index),))

    by_page: dict[str, list[Placed]] = {}
    for entry in placed.values():
        by_page.setdefault(entry.page, []).append(entry)
    for page in sorted(by_page):
        entries = sorted(by_page[page], key=lambda e: e.order)
        result.files[f"annotations/{layer}/{page}.yml"] = with_header(dump_records([e.record for e in entries]))
        result.counts[page] = len(entries)
    result.orphans = sorted(orphans.values(), key=lambda o: o.incoming.index)
    if result.orphans:
        orphan_records = []
        for orphan in result.orphans:
            item = orphan.incoming
            entry: dict[str, Any] = {"id": orphan.record_id, "why": orphan.why}
            if orphan.page:
                entry["page"] = orphan.page
            if item.exact:
                entry["quote"] = item.exact
                if item.prefix:
                    entry["prefix"] = item.prefix
                if item.suffix:
                    entry["suffix"] = item.suffix
            if item.parent:
                entry["reply_to"] = ids.get(item.parent, item.parent)
            orphan_records.append(finish(entry, item, orphan.record_id))
        result.files[f"annotations/{layer}/{ORPHANS}"] = with_header(
            "# Not shown in the book: these notes could not be placed (see “why”).\n" + dump_records(orphan_records)
        )
    replies = sum(1 for e in placed.values() if e.incoming.parent)
    result.tally = {
        "in the file": len(items),
        "placed": len(placed) - replies,
        "placed replies": replies,
        "orphans": len(result.orphans),
        "hidden": sum(1 for v in left_out.values() if v == "hidden"),
        "private": sum(1 for v in left_out.values() if v == "private"),
        "answering a note left out": sum(1 for v in left_out.values() if v == "answers"),
    }
    return result


def records_digest(records_text: str) -> str:
    """The digest an imported file carries of its records: a hand edit changes them, not it."""
    return hashlib.sha256(records_text.encode("utf-8")).hexdigest()[:16]


def with_header(records_text: str) -> str:
    """An imported file's text: the import's header, the digest of its records, the records."""
    return f"{HEADER}# digest {records_digest(records_text)}: an edit by hand changes the records, and the next import keeps them\n{records_text}"


def edited_by_hand(text: str) -> bool:
    """Whether an imported file's records differ from those its import wrote (or it
    carries no digest to tell)."""
    lines = text.split("\n", 2)
    match = re.match(r"# digest ([0-9a-f]{16}):", lines[1]) if len(lines) == 3 else None
    return match is None or match.group(1) != records_digest(lines[2])


def changed_records(old: str, new: str) -> list[str]:
    """The ids of the records that differ between two texts of a layer file (added,
    removed or changed), in order."""
    def by_id(text: str) -> dict[str, Any]:
        try:
            data = yaml.safe_load(text) or []
        except yaml.YAMLError:
            return {}
        return {r.get("id"): r for r in data if isinstance(r, dict)} if isinstance(data, list) else {}

    before, after = by_id(old), by_id(new)
    return [str(i) for i in dict.fromkeys([*before, *after]) if before.get(i) != after.get(i)]


class _Dumper(yaml.SafeDumper):
    """YAML as people write it: multi-line text as ``|`` blocks, lists indented."""

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        super().increase_indent(flow, False)


def _represent_str(dumper: yaml.SafeDumper, value: str) -> yaml.Node:
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _represent_str)


def dump_records(records: list[dict[str, Any]]) -> str:
    """The records as YAML, one blank line between them, deterministic."""
    chunks = [
        yaml.dump([r], Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=1_000_000, default_flow_style=False)
        for r in records
    ]
    return "\n".join(chunks)


# --- Writing ------------------------------------------------------------------------------


@dataclass
class Written:
    """What writing an import did: files changed and removed, and imported files kept
    because they were edited by hand (with the records the import would change)."""

    changed: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)


def imported_files(root: Path, layer: str) -> list[Path]:
    """The files of a layer's folder that an import wrote (they start with its header)."""
    folder = root / "annotations" / layer
    return [p for p in sorted(folder.glob("*.yml")) if p.read_text(encoding="utf-8").startswith(HEADER)] if folder.is_dir() else []


def apply(result: Result, root: Path, layer: str, overwrite_edits: bool = False) -> Written:
    """Write the result under ``root``; remove files of the layer that an earlier import wrote
    and this one no longer has. An imported file edited by hand since is kept, and said
    so with the records the import would change, unless ``overwrite_edits``."""
    done = Written()
    for path in imported_files(root, layer):
        relative = path.relative_to(root).as_posix()
        text = path.read_text(encoding="utf-8")
        new = result.files.get(relative)
        if new == text:
            continue
        if edited_by_hand(text) and not overwrite_edits:
            records = changed_records(text, new or "")
            done.kept.append(
                f"{relative}: edited by hand, kept; the import would "
                + ("remove the file" if new is None else f"change {len(records)} record(s): {', '.join(records[:10])}"
                   + (" …" if len(records) > 10 else ""))
            )
            continue
        if new is None:
            path.unlink()
            done.removed.append(relative)
    kept = {line.split(":", 1)[0] for line in done.kept}
    for relative, text in sorted(result.files.items()):
        path = root / relative
        if relative in kept or (path.is_file() and path.read_text(encoding="utf-8") == text):
            continue
        if path.is_file() and not path.read_text(encoding="utf-8").startswith(HEADER):
            raise ImportFault(f"{relative}: exists and was not written by an import; move it away first")
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        done.changed.append(relative)
    return done


def check_writable(result: Result, root: Path) -> None:
    """Refuse before writing anything if an import would overwrite a hand-written file."""
    for relative in result.files:
        path = root / relative
        if path.is_file() and not path.read_text(encoding="utf-8").startswith(HEADER):
            raise ImportFault(f"{relative}: exists and was not written by an import; move it away first")


def read_export(path: Path, name: str) -> str:
    """The export's text: UTF-8, with or without a byte-order mark, or UTF-16 with one."""
    try:
        data = path.read_bytes()
    except OSError as err:
        raise ImportFault(f"{name}: cannot be read ({err.__class__.__name__})") from None
    encoding = "utf-16" if data[:2] in (b"\xff\xfe", b"\xfe\xff") else "utf-8-sig"
    try:
        return data.decode(encoding)
    except UnicodeDecodeError:
        raise ImportFault(f"{name}: not text in UTF-8 or UTF-16") from None


def other_layers_ids(root: Path, layer: str) -> dict[str, str]:
    """The record ids of every other layer's files (the editors' among them), with their file."""
    found: dict[str, str] = {}
    folder = root / "annotations"
    for path in sorted(folder.rglob("*.yml")) if folder.is_dir() else []:
        relative = path.relative_to(folder)
        if path.name in NOT_RECORDS or (len(relative.parts) > 1 and relative.parts[0] == layer):
            continue
        try:
            data = yaml.safe_load(path.read_text(encoding="utf-8"))
        except (yaml.YAMLError, UnicodeDecodeError):
            continue  # the build reports it
        for record in data if isinstance(data, list) else []:
            if isinstance(record, dict) and isinstance(record.get("id"), str):
                found.setdefault(record["id"], path.relative_to(root).as_posix())
    return found


def summary(result: Result) -> str:
    """One line that accounts for every annotation of the file."""
    t = result.tally
    parts = [f"{t['placed']} note(s) and {t['placed replies']} reply(ies) placed", f"{t['orphans']} orphan(s)"]
    for key in ("hidden", "private", "answering a note left out"):
        if t.get(key):
            parts.append(f"{t[key]} left out as {WITHHELD.get(key, key)}")
    return f"{t['in the file']} annotation(s) in the file: " + ", ".join(parts)


def main(argv: Sequence[str] | None = None, environ: Mapping[str, str] | None = None, root: Path | None = None) -> int:
    """``python -m edition.classroom.importer FILE LAYER``: 0 on success, 2 for a malformed file or
    a refused import. Settings from the environment: ``KEEP_NAMES=1``, ``INCLUDE_PRIVATE=1``,
    ``ALLOW_EMPTY=1`` (empty a layer), ``OVERWRITE_EDITS=1`` (replace hand-edited files)."""
    argv = list(sys.argv[1:] if argv is None else argv)
    environ = os.environ if environ is None else environ
    root = Path.cwd() if root is None else root
    if len(argv) != 2:
        print("usage: python -m edition.classroom.importer FILE LAYER   (KEEP_NAMES=1 keeps authors' names)", file=sys.stderr)
        return 2
    file_name, layer = argv
    shown = printable(file_name)
    try:
        text = read_export(Path(file_name), shown)
        book = load_book(root)
        result = import_annotations(
            text, shown, book, layer,
            keep_names=environ.get("KEEP_NAMES") == "1",
            include_private=environ.get("INCLUDE_PRIVATE") == "1",
            taken=other_layers_ids(root, layer),
        )
        if not result.counts and imported_files(root, layer) and environ.get("ALLOW_EMPTY") != "1":
            files = ", ".join(p.relative_to(root).as_posix() for p in imported_files(root, layer))
            raise ImportFault(
                f"{shown}: no annotation of the file can be placed, and importing it would empty the layer "
                f"“{layer}” ({files}); to empty it, run again with ALLOW_EMPTY=1"
            )
        check_writable(result, root)
        done = apply(result, root, layer, overwrite_edits=environ.get("OVERWRITE_EDITS") == "1")
    except ImportFault as err:
        print(f"error: {printable(str(err))}", file=sys.stderr)
        return 2
    if result.missing:
        print(f"warning: {printable(result.missing)}", file=sys.stderr)
    for page, count in sorted(result.counts.items()):
        print(f"annotations/{layer}/{page}.yml: {count} record(s)")
    for notice in result.notices:
        print(f"changed: {printable(notice)}")
    for orphan in result.orphans:
        quote = f" “{orphan.incoming.exact}”" if orphan.incoming.exact else ""
        print(printable(f"orphan: {orphan.record_id}{quote}: {orphan.why}"))
    if result.orphans:
        print(f"{len(result.orphans)} orphan(s) written to annotations/{layer}/{ORPHANS} (not shown in the book)")
    if result.tally.get("private"):
        print(f"{result.tally['private']} private note(s) left out: INCLUDE_PRIVATE=1 imports them")
    for line in done.kept:
        print(f"kept: {line} (OVERWRITE_EDITS=1 replaces it)")
    for path in done.removed:
        print(f"removed: {path}")
    print(summary(result))
    changed = done.changed + done.removed
    print(f"{len(changed)} file(s) changed" if changed else "nothing changed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
