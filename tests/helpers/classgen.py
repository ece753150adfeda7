"""A realistic class's annotations, made up but shaped like a real export.

A class of students annotating the website with Hypothesis leaves an export
that is nothing like a tidy fixture: many students highlight the same
sentences (the same words, words inside others' words, words crossing
others'), a quarter of the notes are replies (some replies to replies), notes
carry tags and @mentions of other students' user names, a few are hidden by a
moderator or private to their author, some are page notes with no selector,
and the dates are spread over days. This module makes such an export from the
edition's own source text, deterministically for a seed:

* :func:`hypothesis_export`: the Hypothesis API search shape ``{"total": n, "rows": [...]}``;
* :func:`w3c_export`: the same class as a W3C ``AnnotationCollection``.

Every quote is words of the source as read by :mod:`edition.text.source`, within
one line, on the page that holds its unit (from ``_toc.yml`` via
:mod:`edition.text.project`), so that each highlight can be placed; what the
importer and the build make of the rest (replies, overlaps, private notes,
page notes) is what the tests check.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

from edition.text.project import annotated_page, unit_pages
from edition.text.source import load_source

ROOT = Path(__file__).resolve().parents[2]
SOURCE_FILE = ROOT / "book" / "_source" / "essay-and-comments.txt"
SITE = "https://edition.example.org/"
GROUP = "Kq8vR2mw"
#: The first day of the class's annotating; notes spread over the following days.
START = datetime(2026, 10, 5, 8, 0, tzinfo=timezone.utc)

FIRST_NAMES = (
    "Alice", "Bruno", "Chioma", "Dmitri", "Elena", "Farah", "Gareth", "Hana", "Ivan", "Jamila",
    "Kofi", "Lena", "Mateo", "Nadia", "Oskar", "Priya", "Quentin", "Rosa", "Samir", "Tova",
    "Uma", "Viktor", "Wen", "Ximena", "Yusuf", "Zoe", "Aino", "Bilal", "Carmen", "Dara",
    "Emeka", "Freya", "Goran", "Hiro", "Ines", "Jonas",
)
LAST_NAMES = (
    "Walker", "Okafor", "Lindqvist", "Moreau", "Tanaka", "Haddad", "Novak", "Reyes", "Schmidt",
    "Osei", "Kowalski", "Brennan", "Duarte", "Ivanova", "Mensah", "Petrov", "Quinn", "Rahman",
    "Silva", "Takahashi", "Umar", "Varga", "Wójcik", "Xu", "Yilmaz", "Zhang", "Abara", "Bauer",
    "Castillo", "Dubois", "Eriksen", "Fischer", "Gupta", "Horvat", "Ito", "Jensen",
)
TAGS = (
    "humility", "arrogance", "dissociation", "grief", "therapy", "shame", "training",
    "power", "discussion", "week-2", "exam", "question", "counterpoint", "connection",
    "evidence", "context", "disagree", "important",
)
OPENINGS = (
    "This is the sentence the whole essay turns on.",
    "I am not sure the author is being fair here.",
    "Compare this with what the second comment says.",
    "Is this a claim about all therapists, or only some?",
    "The word choice matters: it is stronger than it needs to be.",
    "This reminded me of the discussion in week two.",
    "Here the essay moves from description to judgement.",
    "Why does the author put it this way?",
    "I think this is the most *honest* line in the passage.",
    "This is **exactly** the point we argued about in seminar.",
    "Studies show that this is how most clients feel, though the essay cites none.",
    "Does the author give any reason to believe this?",
    "The tone changes here; it reads almost as a confession.",
    "Good example of the essay's irony.",
)
MORE = (
    "It would help to know what the author means by healthy.",
    "See also https://en.wikipedia.org/wiki/Psychotherapy for a definition.",
    "I read it the other way the first time.",
    "Maybe the point is about training, not about people.",
    "This connects to the refusal at the end.",
    "I disagree, but I see why someone would say it.",
    "- one reading: humility\n- another: fear",
    "> what is humility?\n\nThat is the question.",
    "",
    "",
)
REPLIES = (
    "I agree.",
    "I don't think so: read the next sentence.",
    "Good point, but what about the clients who stay?",
    "Yes, and the comment thread says the same.",
    "Why?",
    "That is what I meant in my note above.",
    "Could you say more?",
    "I changed my mind after the seminar.",
    "Not sure that follows.",
    "Exactly.",
)


@dataclass(frozen=True)
class Student:
    """One student: the Hypothesis account, its user name and the name shown."""

    user: str
    username: str
    display_name: str


@dataclass(frozen=True)
class Span:
    """A highlight: where its words are in the source (unit, line, start, end) and the page."""

    page: str
    unit: str
    line: str
    start: int
    end: int

    @property
    def exact(self) -> str:
        """The quoted words."""
        return self.line[self.start : self.end]


def class_students(students: int = 30, seed: int = 1) -> list[Student]:
    """``students`` distinct students, their user names in the shapes Hypothesis allows
    (``alice_walker``, ``bruno.okafor``, ``chiomal``)."""
    rng = random.Random(f"students-{seed}")
    names: list[tuple[str, str]] = []
    firsts, lasts = list(FIRST_NAMES), list(LAST_NAMES)
    while len(names) < students:
        pair = (rng.choice(firsts), rng.choice(lasts))
        if pair not in names:
            names.append(pair)
    made: list[Student] = []
    for n, (first, last) in enumerate(names):
        plain = last.lower().replace("ó", "o").replace("ć", "c").replace("ö", "o")
        username = (f"{first.lower()}_{plain}", f"{first.lower()}.{plain}", f"{first.lower()}{plain[0]}{n}")[n % 3]
        made.append(Student(f"acct:{username}@hypothes.is", username, f"{first} {last}"))
    return made


def _lines_by_page(root: Path) -> list[tuple[str, str, str]]:
    """Every line of the source text with its page and unit: ``(page, unit id, line)``."""
    source = load_source(root / "book" / "_source" / "essay-and-comments.txt")
    lines: list[tuple[str, str, str]] = []
    for docname, units in unit_pages(root).items():
        page = annotated_page("book", docname) or docname
        for unit_id in units:
            for paragraph in source.unit(unit_id).paragraphs:
                lines += [(page, unit_id, line) for line in paragraph if len(line.split()) >= 3]
    return lines


def _word_bounds(line: str) -> list[tuple[int, int]]:
    """The (start, end) of each word of a line, leaving out a comment's number
    (``2.``) or a reply's bullet at its start, which are not words a reader highlights."""
    bounds, pos = [], 0
    for n, word in enumerate(line.split(" ")):
        if word and not (n == 0 and re.fullmatch(r"\d+\.|•", word)):
            bounds.append((pos, pos + len(word)))
        pos += len(word) + 1
    return bounds


def _span(page: str, unit: str, line: str, first: int, last: int) -> Span:
    words = _word_bounds(line)
    first, last = max(0, min(first, len(words) - 1)), max(0, min(last, len(words) - 1))
    first, last = min(first, last), max(first, last)
    return Span(page, unit, line, words[first][0], words[last][1])


def _fresh_span(rng: random.Random, lines: list[tuple[str, str, str]]) -> Span:
    """New words to highlight: the essay's paragraphs twice as often as the comments,
    a unit at a time, whatever its number of lines."""
    units = sorted({unit for _, unit, _ in lines}, key=lambda u: (u[0], u))
    unit = rng.choice([u for u in units for _ in range(2 if u.startswith("p") else 1)])
    page, unit, line = rng.choice([entry for entry in lines if entry[1] == unit])
    words = _word_bounds(line)
    length = rng.choice((1, 2, 3, 3, 4, 5, 6, 8, 12, 20))
    first = rng.randrange(max(1, len(words) - length + 1))
    return _span(page, unit, line, first, first + length - 1)


def _overlapping(rng: random.Random, hot: Span) -> Span:
    """A span identical to ``hot``, inside it, around it, or crossing one of its ends."""
    words = _word_bounds(hot.line)
    first = next(i for i, (s, _) in enumerate(words) if s == hot.start)
    last = next(i for i, (_, e) in enumerate(words) if e == hot.end)
    shape = rng.choice(("identical", "identical", "inside", "around", "cross-left", "cross-right"))
    if shape == "inside" and last > first:
        a = rng.randint(first, last)
        return _span(hot.page, hot.unit, hot.line, a, rng.randint(a, last))
    if shape == "around":
        return _span(hot.page, hot.unit, hot.line, first - rng.randint(1, 4), last + rng.randint(1, 4))
    if shape == "cross-left":
        return _span(hot.page, hot.unit, hot.line, first - rng.randint(1, 5), rng.randint(first, last))
    if shape == "cross-right":
        return _span(hot.page, hot.unit, hot.line, rng.randint(first, last), last + rng.randint(1, 5))
    return hot


def _quote_selector(span: Span) -> dict[str, str]:
    """A ``TextQuoteSelector`` as the Hypothesis client makes it: 32 characters each side
    (here from the quote's own line of the source)."""
    return {
        "type": "TextQuoteSelector",
        "exact": span.exact,
        "prefix": span.line[max(0, span.start - 32) : span.start],
        "suffix": span.line[span.end : span.end + 32],
    }


def _id(rng: random.Random) -> str:
    alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
    return "".join(rng.choice(alphabet) for _ in range(22))


def _stamp(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%S.%f+00:00")


def _body(rng: random.Random, author: Student, others: list[Student], reply: bool) -> str:
    text = rng.choice(REPLIES) if reply else rng.choice(OPENINGS)
    extra = rng.choice(MORE)
    if extra and not reply:
        text += ("\n\n" if extra.startswith(("-", ">")) else " ") + extra
    if rng.random() < 0.15:
        text = f"@{rng.choice(others).username} " + text
    return text


def _tags(rng: random.Random, others: list[Student]) -> list[str]:
    tags = rng.sample(TAGS, rng.choice((0, 0, 0, 1, 1, 2, 3)))
    if rng.random() < 0.05:
        tags.append(rng.choice(others).username)
    return tags


def hypothesis_export(
    students: int = 30,
    rows: int = 800,
    seed: int = 1,
    *,
    reply_share: float = 0.25,
    hidden: int = 5,
    private: int = 6,
    page_notes: int = 8,
    days: int = 12,
    root: Path = ROOT,
) -> dict[str, Any]:
    """A class's notes as the Hypothesis API's search endpoint returns them:
    ``{"total": rows, "rows": [...]}``, newest first as the API sorts them.

    ``students`` students write ``rows`` rows: about ``reply_share`` of them replies
    (to notes and to replies, so some chains), the rest highlights of the book's text,
    many of them the same words as another student's, inside them, around them or
    crossing them; ``hidden`` notes hidden by a moderator (``"hidden": true``),
    ``private`` notes only their author may read, ``page_notes`` notes on a whole page
    (no selector). Notes carry tags and @mentions of other students' user names; the
    dates spread over ``days`` days. The same arguments give the same export.
    """
    rng = random.Random(f"class-{seed}")
    people = class_students(students, seed)
    lines = _lines_by_page(root)
    n_replies = round(rows * reply_share)
    n_top = rows - n_replies
    special = rng.sample(range(min(n_top, 10), n_top), hidden + private + page_notes)
    hidden_at = set(special[:hidden])
    private_at = set(special[hidden : hidden + private])
    page_note_at = set(special[hidden + private :])
    moment = START
    step = timedelta(days=days) / max(rows, 1)
    made: list[dict[str, Any]] = []
    hot: list[Span] = []
    repliable: list[dict[str, Any]] = []
    reply_at = set(rng.sample(range(min(10, rows), rows), min(n_replies, max(0, rows - 10))))
    top_done = 0
    for n in range(rows):
        moment += step * rng.uniform(0.2, 1.8)
        author = rng.choice(people)
        others = [p for p in people if p is not author]
        is_reply = n in reply_at and bool(repliable)
        row: dict[str, Any] = {
            "id": _id(rng),
            "created": _stamp(moment),
            "updated": _stamp(moment + timedelta(minutes=rng.choice((0, 0, 0, 3, 40)))),
            "user": author.user,
            "group": GROUP,
            "permissions": {
                "read": [f"group:{GROUP}"],
                "admin": [author.user],
                "update": [author.user],
                "delete": [author.user],
            },
            "user_info": {"display_name": author.display_name},
            "flagged": False,
            "hidden": False,
            "moderation_status": "APPROVED",
            "actions": [],
        }
        if is_reply:
            chained = [r for r in repliable if r.get("references")]
            parent = rng.choice(chained) if chained and rng.random() < 0.35 else rng.choice(repliable)
            page_uri = parent["uri"]
            row.update(
                uri=page_uri,
                text=_body(rng, author, others, reply=True),
                tags=[],
                target=[{"source": page_uri}],
                references=[*parent.get("references", []), parent["id"]],
                document=parent["document"],
            )
        else:
            special_index = top_done
            top_done += 1
            fresh = not hot or rng.random() < 0.4
            span = _fresh_span(rng, lines) if fresh else _overlapping(rng, rng.choice(hot))
            page_uri = f"{SITE}book/{span.page}.html"
            target: dict[str, Any] = {"source": page_uri}
            if fresh:
                hot.append(span)
            if special_index not in page_note_at:
                target["selector"] = [
                    {"type": "RangeSelector", "startContainer": "/main[1]/p[1]", "startOffset": span.start,
                     "endContainer": "/main[1]/p[1]", "endOffset": span.end},
                    {"type": "TextPositionSelector", "start": span.start, "end": span.end},
                    _quote_selector(span),
                ]
            row.update(
                uri=page_uri,
                text=_body(rng, author, others, reply=False),
                tags=_tags(rng, others),
                target=[target],
                document={"title": [span.page.capitalize()]},
            )
            if special_index in hidden_at:
                row.update(hidden=True, moderation_status="HIDDEN")
            if special_index in private_at:
                row["permissions"]["read"] = [author.user]
        row["links"] = {"html": f"https://hypothes.is/a/{row['id']}"}
        made.append(row)
        if not row["hidden"] and row["permissions"]["read"] != [author.user]:
            repliable.append(row)
    made.sort(key=lambda r: r["updated"], reverse=True)
    return {"total": len(made), "rows": made}


def _w3c_item(row: dict[str, Any], by_id: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """One Hypothesis row as a W3C ``Annotation`` (as Hypothesis's own JSON-LD renders it)."""
    item: dict[str, Any] = {
        "@context": "http://www.w3.org/ns/anno.jsonld",
        "id": f"https://hypothes.is/a/{row['id']}",
        "type": "Annotation",
        "created": row["created"],
        "modified": row["updated"],
        "creator": {"id": row["user"], "name": row["user_info"]["display_name"],
                    "nickname": row["user"][len("acct:"):].split("@")[0]},
        "body": [{"type": "TextualBody", "value": row["text"], "format": "text/markdown", "purpose": "commenting"}]
        + [{"type": "TextualBody", "value": tag, "purpose": "tagging"} for tag in row["tags"]],
    }
    if row.get("references"):
        item["motivation"] = "replying"
        item["target"] = f"https://hypothes.is/a/{row['references'][-1]}"
        return item
    item["motivation"] = "questioning" if row["text"].rstrip().endswith("?") else "commenting"
    target = row["target"][0]
    quote = next((s for s in target.get("selector", []) if s["type"] == "TextQuoteSelector"), None)
    item["target"] = {"source": target["source"]}
    if quote is not None:
        item["target"]["selector"] = dict(quote)
    return item


def w3c_export(
    students: int = 30,
    rows: int = 800,
    seed: int = 1,
    *,
    include_withheld: bool = False,
    **options: Any,
) -> dict[str, Any]:
    """The class of :func:`hypothesis_export` (same arguments, same notes) as a W3C
    ``AnnotationCollection`` with its one page embedded. A W3C collection carries no
    permissions or moderation, so hidden and private notes are left out, as a public
    collection would leave them, unless ``include_withheld``; replies target the id of
    the annotation they answer."""
    export = hypothesis_export(students, rows, seed, **options)
    withheld = {
        r["id"] for r in export["rows"]
        if r["hidden"] or r["permissions"]["read"] == [r["user"]]
    }
    by_id = {r["id"]: r for r in export["rows"]}
    kept = [
        r for r in export["rows"]
        if include_withheld or not ({r["id"], *r.get("references", [])} & withheld)
    ]
    items = [_w3c_item(r, by_id) for r in reversed(kept)]  # oldest first, as a collection lists them
    return {
        "@context": "http://www.w3.org/ns/anno.jsonld",
        "id": f"{SITE}class/annotations.jsonld",
        "type": "AnnotationCollection",
        "label": "A class's annotations",
        "total": len(items),
        "first": {"id": f"{SITE}class/annotations.jsonld?page=0", "type": "AnnotationPage", "startIndex": 0, "items": items},
    }
