"""A class report for the teacher: what a class's layer of notes says about its reading. Pure logic.

``make class-report LAYER=class`` reads one or more layers of notes (the
records of ``annotations/<layer>/*.yml``, as the build reads them, with
:mod:`edition.notes.layers` and :mod:`edition.notes.records`) and the orphans an import
could not place (``annotations/<layer>/orphans.yml``), and works out:

1. where the class read: how many notes cover each character of the text
   (:func:`coverage`, :func:`heat_runs`), and the notes and replies of each
   unit (:class:`UnitSummary`);
2. where it got stuck: the phrases that drew the most notes
   (:func:`stuck_phrases`), and the questions nobody answered
   (:func:`open_questions`);
3. who took part: notes and replies per student, by part of the book
   (:func:`participation`);
4. what did not anchor: the orphans, and records that cannot be placed now;
5. over time: notes and replies per day (:func:`per_day`).

Nothing here renders: :mod:`edition.classroom.reportpage` writes the page, the charts
and the PDF. Nothing here writes a file.
"""

from __future__ import annotations

import datetime as _dt
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from ..notes import layers as layer_files
from ..notes.anchoring import AnchorError, locate_in_segments
from ..text.project import YAML_LOADER, annotated_page, toc_parts, unit_pages
from ..notes.records import Annotation, AnnotationError, load_file
from ..text.source import Source, Unit, label_for, load_source

#: Where the book's pages are, and the source text (the build's defaults).
PAGES_DIR = "book"
SOURCE_FILE = "book/_source/essay-and-comments.txt"
ANNOTATIONS = "annotations"
ORPHANS = "orphans.yml"
#: The name shown for a note that names no author.
NO_AUTHOR = "(no author)"
#: Shading steps of the heat map (1 = lightest).
HEAT_LEVELS = 5


class ReportError(ValueError):
    """A report that cannot be made (an unknown layer, an unreadable orphans file); one line."""


@dataclass(frozen=True)
class PlacedNote:
    """A note of the class found in the text: its record and where its phrase is in its unit's text."""

    record: Annotation
    page: str
    unit: str
    start: int
    end: int


@dataclass(frozen=True)
class Orphan:
    """A note an import could not place (a record of ``orphans.yml``), shown with its text."""

    id: str
    layer: str
    why: str
    quote: str = ""
    body: str = ""
    author: str = ""
    created: str = ""
    page: str = ""
    reply_to: str = ""


@dataclass(frozen=True)
class Refused:
    """A record of the layer that cannot be placed in the text now, and why (one line)."""

    layer: str
    where: str
    id: str
    why: str


@dataclass
class ClassLayers:
    """What the chosen layers hold, read and placed."""

    #: The layers read, in the order asked for: ``(name, title)``.
    layers: list[tuple[str, str]]
    #: Notes found in the text (not replies), in reading order.
    notes: list[PlacedNote] = field(default_factory=list)
    #: Replies to placed notes, with the note at the top of their thread: ``(reply, note)``.
    replies: list[tuple[Annotation, PlacedNote]] = field(default_factory=list)
    orphans: list[Orphan] = field(default_factory=list)
    refused: list[Refused] = field(default_factory=list)


# --- Reading ------------------------------------------------------------------------------


def unit_lines(unit: Unit) -> list[tuple[str, int]]:
    """Each line of a unit with its offset in :attr:`Unit.text` (lines joined by ``\\n``,
    paragraphs by a blank line)."""
    out: list[tuple[str, int]] = []
    at = 0
    for p, paragraph in enumerate(unit.paragraphs):
        if p:
            at += 2
        for n, line in enumerate(paragraph):
            if n:
                at += 1
            out.append((line, at))
            at += len(line)
    return out


def place(record: Annotation, unit: Unit) -> tuple[int, int]:
    """Where a note's phrase is in its unit's text, found as the build finds it (one line at a time,
    prefix and suffix picking one occurrence); raises :class:`AnchorError`."""
    lines = unit_lines(unit)
    index, start, end = locate_in_segments(
        [line for line, _ in lines], record.quote, record.prefix, record.suffix, where=label_for(unit.id)
    )
    offset = lines[index][1]
    return offset + start, offset + end


def page_units(root: Path) -> dict[str, list[str]]:
    """The pages that hold the text, as annotation files name them (``humility``), with their units."""
    pages: dict[str, list[str]] = {}
    for docname, units in unit_pages(root).items():
        page = annotated_page(PAGES_DIR, docname)
        if page is not None:
            pages[page] = units
    return pages


def read_orphans(path: Path, root: Path, layer: str) -> list[Orphan]:
    """The records of a layer's ``orphans.yml`` (none when there is no such file).

    Raises :class:`ReportError` naming the file for one that is not a YAML list of records.
    """
    if not path.is_file():
        return []
    name = path.relative_to(root).as_posix()
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=YAML_LOADER)
    except (yaml.YAMLError, UnicodeDecodeError) as err:
        raise ReportError(f"{name}: not a readable YAML file ({err.__class__.__name__})") from None
    if data is None:
        return []
    if not isinstance(data, list) or not all(isinstance(r, dict) for r in data):
        raise ReportError(f"{name}: must be a YAML list of records, as an import writes it")

    def text(record: dict, key: str) -> str:
        value = record.get(key, "")
        return value.isoformat() if isinstance(value, (_dt.date, _dt.datetime)) else str(value or "")

    return [
        Orphan(
            id=text(r, "id"), layer=layer, why=text(r, "why"), quote=text(r, "quote"), body=text(r, "body"),
            author=text(r, "author"), created=text(r, "created"), page=text(r, "page"),
            reply_to=text(r, "reply_to"),
        )
        for r in data
    ]


def load_class(root: Path, wanted: Sequence[str], source: Source | None = None) -> ClassLayers:
    """Read the layers ``wanted`` of the project at ``root``: their notes placed in the text,
    their replies, their orphans, and every record that cannot be placed, with why.

    Raises :class:`ReportError` for no layer named, an unknown layer, or a faulty ``layer.yml``
    of a layer named (another layer's faults do not stop the report).
    """
    names = [w.strip() for w in wanted if w.strip()]
    if not names:
        raise ReportError("no layer named: make class-report LAYER=<name> (or LAYERS=a,b)")
    folder_faults: list[AnnotationError] = []
    found, files = layer_files.discover(root / ANNOTATIONS, root, folder_faults)
    for fault in folder_faults:  # another layer's faulty folder is the build's business, not the report's
        if Path(fault.path).parts[1:2] and Path(fault.path).parts[1] in names:
            raise ReportError(str(fault))
    try:
        layer_files.select(found, names)
    except AnnotationError as err:
        raise ReportError(str(err)) from None
    source = source or load_source(root / SOURCE_FILE)
    pages = page_units(root)
    result = ClassLayers([(n, found[n].title) for n in dict.fromkeys(names)])
    by_id: dict[str, tuple[Annotation, str]] = {}
    replies: list[Annotation] = []
    order = {uid: n for n, uid in enumerate(source.ids)}
    for layer, page, path in files:
        if layer not in names:
            continue
        faults: list[AnnotationError] = []
        try:
            records = load_file(path, root, faults, layer)
        except AnnotationError as err:
            faults.append(err)
            records = []
        for fault in faults:
            result.refused.append(Refused(layer, fault.location, fault.annotation_id, fault.fault))
        for record in records:
            if record.id in by_id:
                first = by_id[record.id][0]
                result.refused.append(_refuse(record, f"duplicate id; first used at {first.path}:{first.line}"))
                continue
            by_id[record.id] = (record, page)
            if record.reply_to:
                replies.append(record)
                continue
            if record.paragraph not in pages.get(page, []):
                here = ", ".join(label_for(u) for u in pages.get(page, [])) or "no text"
                result.refused.append(_refuse(record, f"paragraph “{record.paragraph}” is not on page “{page}” ({here})"))
                continue
            try:
                start, end = place(record, source.unit(record.paragraph))
            except AnchorError as err:
                result.refused.append(_refuse(record, str(err)))
                continue
            result.notes.append(PlacedNote(record, page, record.paragraph, start, end))
    for name in result.layers:
        result.orphans += read_orphans(root / ANNOTATIONS / name[0] / ORPHANS, root, name[0])
    placed = {n.record.id: n for n in result.notes}
    for reply in replies:
        top = thread_root(reply, by_id)
        if top is None or top.id not in placed:
            why = "it answers no note of its page" if top is None else f"the note it answers ({top.id}) is not placed"
            result.refused.append(_refuse(reply, why))
            continue
        if by_id[top.id][1] != by_id[reply.id][1]:
            result.refused.append(_refuse(reply, f"the note it answers ({top.id}) is on another page"))
            continue
        result.replies.append((reply, placed[top.id]))
    result.notes.sort(key=lambda n: (order[n.unit], n.start, n.end))
    return result


def _refuse(record: Annotation, why: str) -> Refused:
    return Refused(record.layer, f"{record.path}:{record.line}" if record.line else record.path, record.id, why)


def thread_root(reply: Annotation, by_id: dict[str, tuple[Annotation, str]]) -> Annotation | None:
    """The note at the top of a reply's thread, or None when the thread is broken or goes round."""
    seen = {reply.id}
    current = reply
    while current.reply_to:
        parent = by_id.get(current.reply_to)
        if parent is None or parent[0].id in seen:
            return None
        current = parent[0]
        seen.add(current.id)
    return current


# --- 1. Where the class read ------------------------------------------------------------


def coverage(length: int, spans: Iterable[tuple[int, int]]) -> list[int]:
    """How many of ``spans`` (``start``, ``end``) cover each of ``length`` characters."""
    steps = [0] * (length + 1)
    for start, end in spans:
        steps[max(0, start)] += 1
        steps[min(length, end)] -= 1
    counts, running = [], 0
    for step in steps[:length]:
        running += step
        counts.append(running)
    return counts


def heat_level(count: int, most: int) -> int:
    """The shade of a stretch covered by ``count`` notes, 0 (none) to :data:`HEAT_LEVELS`,
    relative to the ``most`` any stretch has."""
    if count <= 0 or most <= 0:
        return 0
    return max(1, min(HEAT_LEVELS, -(-count * HEAT_LEVELS // most)))


def heat_legend(most: int) -> list[tuple[int, int, int]]:
    """The counts each shade stands for: ``(level, fewest, most)`` for the levels in use."""
    spans: dict[int, list[int]] = {}
    for count in range(1, most + 1):
        spans.setdefault(heat_level(count, most), []).append(count)
    return [(level, counts[0], counts[-1]) for level, counts in sorted(spans.items())]


@dataclass(frozen=True)
class Run:
    """A stretch of a unit's text covered by the same number of notes."""

    text: str
    count: int
    level: int


def heat_runs(text: str, counts: Sequence[int], most: int) -> list[Run]:
    """A unit's text cut where the number of notes over it changes, each piece with its shade."""
    runs: list[Run] = []
    start = 0
    for at in range(1, len(text) + 1):
        if at == len(text) or counts[at] != counts[start]:
            runs.append(Run(text[start:at], counts[start], heat_level(counts[start], most)))
            start = at
    return runs


@dataclass(frozen=True)
class UnitSummary:
    """One unit of the text with its notes: counts, shaded text and its most-covered words."""

    id: str
    label: str
    page: str
    notes: int
    replies: int
    runs: list[Run]
    #: The most notes over any character of the unit.
    peak: int
    #: The unit's most-noted phrases, most first (at most three): ``(words, notes)``,
    #: the shading put in words (:func:`stuck_phrases` within the unit).
    hot: list[tuple[str, int]]


def word_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """``start``/``end`` widened to whole words (a phrase cut inside a word shows the word)."""
    while 0 < start < len(text) and text[start - 1].isalnum() and text[start].isalnum():
        start -= 1
    while 0 < end < len(text) and text[end].isalnum() and text[end - 1].isalnum():
        end += 1
    return start, end


def core_phrase(text: str, counts: Sequence[int], at: int) -> str:
    """The words around ``at`` that at least half as many notes cover as cover ``at``:
    what most of the notes over a place share, widened to whole words, spaces folded."""
    floor = max(1, -(-counts[at] // 2))
    start = end = at
    while start > 0 and counts[start - 1] >= floor:
        start -= 1
    while end < len(counts) and counts[end] >= floor:
        end += 1
    start, end = word_bounds(text, start, end)
    return " ".join(text[start:end].split())


def unit_summaries(source: Source, data: ClassLayers, pages: dict[str, list[str]]) -> list[UnitSummary]:
    """Every unit of the text in reading order, with its notes, replies and shaded text.

    The shades are relative to the most notes over any character of the whole text, so
    that units can be compared.
    """
    page_of = {unit: page for page, units in pages.items() for unit in units}
    counts = {
        unit.id: coverage(len(unit.text), [(n.start, n.end) for n in data.notes if n.unit == unit.id])
        for unit in source.units
    }
    most = max((max(c, default=0) for c in counts.values()), default=0)
    replies = Counter(note.unit for _, note in data.replies)
    notes = Counter(note.unit for note in data.notes)
    out = []
    for unit in source.units:
        unit_counts = counts[unit.id]
        unit_notes = [n for n in data.notes if n.unit == unit.id]
        hot = [(s.text, s.count) for s in stuck_phrases(source, unit_notes, limit=3, fewest=1)]
        out.append(
            UnitSummary(unit.id, unit.label, page_of.get(unit.id, ""), notes[unit.id], replies[unit.id],
                        heat_runs(unit.text, unit_counts, most), max(unit_counts, default=0), hot)
        )
    return out


# --- 2. Where it got stuck -------------------------------------------------------------


@dataclass(frozen=True)
class StuckPhrase:
    """Words many notes hang on: the words most of them cover, and those notes in reading order."""

    unit: str
    text: str
    notes: list[PlacedNote]

    @property
    def count(self) -> int:
        """How many notes hang on the phrase."""
        return len(self.notes)


def stuck_phrases(source: Source, notes: Sequence[PlacedNote], limit: int = 10, fewest: int = 2) -> list[StuckPhrase]:
    """The phrases that drew the most notes, most first (at most ``limit``, each with at least ``fewest``).

    Students mark the same passage with slightly different words, so a phrase is found where
    the most notes overlap: the place covered by the most notes, shown as the words around it
    that at least half of those notes cover (:func:`core_phrase`). Its notes are then set aside
    and the next place is sought, so that no note is counted twice. Ties go to the earlier
    place in the text.
    """
    order = {uid: n for n, uid in enumerate(source.ids)}
    remaining = list(notes)
    found: list[StuckPhrase] = []
    while remaining and len(found) < limit:
        best: tuple[int, int, str, int] | None = None  # (-count, order, unit, position)
        for uid in sorted({n.unit for n in remaining}, key=order.__getitem__):
            counts = coverage(len(source.unit(uid).text), [(n.start, n.end) for n in remaining if n.unit == uid])
            peak = max(counts, default=0)
            candidate = (-peak, order[uid], uid, counts.index(peak))
            if peak and (best is None or candidate < best):
                best = candidate
        if best is None or -best[0] < fewest:
            break
        _, _, uid, at = best
        over = [n for n in remaining if n.unit == uid and n.start <= at < n.end]
        text = source.unit(uid).text
        phrase = core_phrase(text, coverage(len(text), [(n.start, n.end) for n in over]), at)
        found.append(StuckPhrase(uid, phrase, over))
        remaining = [n for n in remaining if n not in over]
    return found


_MARKUP_END = "*_`”’\"')]"
_ESCAPED = re.compile(r"\\([!-/:-@\[-`{-~])")


def plain_body(body: str) -> str:
    """A note's body as the student typed it: the importer's backslash escapes taken out.

    The result is shown as plain text (escaped for HTML), never read as markup.
    """
    return _ESCAPED.sub(r"\1", body).strip()


def is_question(record: Annotation) -> bool:
    """A note that asks: of the ``question`` kind, tagged ``question``, or ending with “?”."""
    if record.kind == "question" or any(t.lower() == "question" for t in record.tags):
        return True
    return plain_body(record.body).rstrip().rstrip(_MARKUP_END).rstrip().endswith("?")


def open_questions(data: ClassLayers) -> list[Annotation]:
    """The notes and replies that ask a question and have no reply, in reading order
    (a reply's place is its thread's)."""
    answered = {reply.reply_to for reply, _ in data.replies}
    asked = [n.record for n in data.notes] + [reply for reply, _ in data.replies]
    return [record for record in asked if is_question(record) and record.id not in answered]


# --- 3. Who took part ---------------------------------------------------------------------


@dataclass(frozen=True)
class Participant:
    """One author's share: notes placed in the text, replies, notes not placed, and notes by page."""

    name: str
    notes: int
    replies: int
    orphans: int
    by_page: dict[str, int]


def natural_key(name: str) -> tuple:
    """Sort “Student 2” before “Student 10”."""
    return tuple(int(part) if part.isdigit() else part.lower() for part in re.split(r"(\d+)", name))


def participation(data: ClassLayers) -> list[Participant]:
    """Each author of the layers with their notes, replies, orphans and notes by page,
    in natural order of their names (pseudonyms as the import wrote them, or names if it kept them)."""
    notes: Counter[str] = Counter()
    replies: Counter[str] = Counter()
    orphans: Counter[str] = Counter()
    pages: dict[str, Counter[str]] = {}
    for note in data.notes:
        who = note.record.author or NO_AUTHOR
        notes[who] += 1
        pages.setdefault(who, Counter())[note.page] += 1
    for reply, _ in data.replies:
        replies[reply.author or NO_AUTHOR] += 1
    for orphan in data.orphans:
        orphans[orphan.author or NO_AUTHOR] += 1
    names = sorted(set(notes) | set(replies) | set(orphans), key=natural_key)
    return [Participant(n, notes[n], replies[n], orphans[n], dict(pages.get(n, {}))) for n in names]


# --- 5. Over time -------------------------------------------------------------------------


def day_of(created: str) -> _dt.date | None:
    """The day of a ``created`` stamp (``2026-10-05T09:12:44+00:00`` → 2026-10-05), or None."""
    try:
        return _dt.date.fromisoformat(created.strip()[:10])
    except ValueError:
        return None


@dataclass(frozen=True)
class Day:
    """Notes and replies written on one day."""

    day: _dt.date
    notes: int
    replies: int


def per_day(data: ClassLayers) -> tuple[list[Day], int]:
    """Notes (placed or not) and replies per day, every day from the first to the last
    (days without any included), and how many carry no date."""
    written: list[tuple[str, bool]] = [(n.record.created, False) for n in data.notes]
    written += [(r.created, True) for r, _ in data.replies]
    written += [(o.created, bool(o.reply_to)) for o in data.orphans]
    notes: Counter[_dt.date] = Counter()
    replies: Counter[_dt.date] = Counter()
    undated = 0
    for created, is_reply in written:
        day = day_of(created)
        if day is None:
            undated += 1
        elif is_reply:
            replies[day] += 1
        else:
            notes[day] += 1
    days = sorted(set(notes) | set(replies))
    if not days:
        return [], undated
    span = (days[-1] - days[0]).days + 1
    every = [days[0] + _dt.timedelta(days=n) for n in range(span)]
    return [Day(d, notes[d], replies[d]) for d in every], undated


# --- The whole report ---------------------------------------------------------------------


@dataclass(frozen=True)
class Part:
    """A page that holds the text: its name in annotation files, and its title in the contents."""

    page: str
    title: str
    short: str


def text_parts(root: Path) -> list[Part]:
    """The pages that hold the text, in reading order, with the captions of their parts
    (“Part I · Humble clients…”, short “Part I”)."""
    captions: dict[str, str] = {}
    for part in toc_parts(root) or []:
        for docname, _ in part.chapters:
            captions[docname] = part.caption or ""
    out = []
    for docname in unit_pages(root):
        page = annotated_page(PAGES_DIR, docname) or docname
        caption = captions.get(docname) or page.replace("-", " ").capitalize()
        out.append(Part(page, caption, caption.split(" · ")[0]))
    return out


@dataclass
class Report:
    """Everything the report page shows."""

    title: str
    data: ClassLayers
    parts: list[Part]
    units: list[UnitSummary]
    stuck: list[StuckPhrase]
    questions: list[Annotation]
    people: list[Participant]
    days: list[Day]
    undated: int

    @property
    def written(self) -> int:
        """Every note and reply of the layers, placed or not."""
        return len(self.data.notes) + len(self.data.replies) + len(self.data.orphans) + len(self.data.refused)

    @property
    def legend(self) -> list[tuple[int, int, int]]:
        """The heat map's shades and the counts they stand for."""
        return heat_legend(max((u.peak for u in self.units), default=0))


def build_report(root: Path, wanted: Sequence[str]) -> Report:
    """Read the layers ``wanted`` of the project at ``root`` and work out every section of the report."""
    source = load_source(root / SOURCE_FILE)
    data = load_class(root, wanted, source)
    pages = page_units(root)
    days, undated = per_day(data)
    return Report(
        title=source.title,
        data=data,
        parts=text_parts(root),
        units=unit_summaries(source, data, pages),
        stuck=stuck_phrases(source, data.notes),
        questions=open_questions(data),
        people=participation(data),
        days=days,
        undated=undated,
    )
