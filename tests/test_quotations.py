"""Every quotation of the text in the editors' writing is a checked ``{q}`` quotation.

Over all editorial text (the pages of ``book/`` outside the ``{passage}`` and
``{response}`` directives, and the bodies of the annotation files), every span
in curly double quotation marks that remains once the ``{q}`` roles are taken
out must be either a quotation of a cited work, with a citation in the same
sentence, or an entry of ``tests/quotation_allowlist.yml`` (labels, titles,
sentence frames), each with its reason. The build checks the ``{q}`` roles
themselves against the source.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml

from edition.notes.records import load_file

from .conftest import ROOT

pytestmark = pytest.mark.fast

ALLOWLIST = ROOT / "tests" / "quotation_allowlist.yml"
QUOTED = re.compile(r"“([^“”]*)”")
ROLE_Q = re.compile(r"\{q\}`[^`]*`")
ROLE = re.compile(r"\{([\w:]+)\}`[^`]*`")
CODE = re.compile(r"`[^`]*`")
CITATION = re.compile(r"\{cite(?::\w+)?\}")
SENTENCE_END = re.compile(r"(?<=[.?!])[”’)]?\s+(?=[A-Z*{(“‘¶])")
SOURCE_DIRECTIVE = re.compile(r"^```\{(passage|response)\}")


def allowlist() -> dict[str, str]:
    entries = yaml.safe_load(ALLOWLIST.read_text(encoding="utf-8"))
    return {entry["text"]: entry["reason"] for entry in entries}


def editorial_paragraphs() -> Iterator[tuple[str, int, str]]:
    """(file, first line, text) of each paragraph of the editors' writing."""
    for path in sorted((ROOT / "book").glob("*.md")):
        name = path.relative_to(ROOT).as_posix()
        inside = False
        block: list[str] = []
        start = 0
        for number, line in enumerate(path.read_text(encoding="utf-8").split("\n"), 1):
            if SOURCE_DIRECTIVE.match(line):
                inside = True
            elif inside and line.startswith("```"):
                inside = False
                continue
            if inside and not line.startswith(":byline:"):
                continue
            if line.strip():
                if not block:
                    start = number
                block.append(line)
            elif block:
                yield name, start, " ".join(block)
                block = []
        if block:
            yield name, start, " ".join(block)
    for path in sorted((ROOT / "annotations").rglob("*.yml")):
        for record in load_file(path, ROOT):
            yield record.path, record.body_line, " ".join(record.body.split())


def sentences(text: str) -> list[str]:
    """The text's sentences; a sentence never ends inside a quotation."""
    out, start = [], 0
    for match in SENTENCE_END.finditer(text):
        before = text[start:match.start()]
        if before.count("“") > before.count("”"):
            continue
        out.append(text[start:match.start()])
        start = match.end()
    out.append(text[start:])
    return out


def unchecked_quotations() -> Iterator[tuple[str, int, str, str]]:
    """(file, line, quoted words, sentence) of every curly-quoted span that is not a {q} role."""
    for name, line, text in editorial_paragraphs():
        # {q} roles out; other roles kept as their name ({cite:p}, {unit}); inline code out
        text = CODE.sub("", ROLE.sub(lambda m: "{" + m.group(1) + "}", ROLE_Q.sub("", text)))
        for sentence in sentences(text):
            for match in QUOTED.finditer(sentence):
                yield name, line, match.group(1), sentence


def test_the_allowlist_gives_a_reason_for_each_entry() -> None:
    for text, reason in allowlist().items():
        assert text.strip() and isinstance(reason, str) and len(reason.split()) >= 3, text


def test_every_quotation_of_the_text_is_a_checked_quotation() -> None:
    allowed = allowlist()
    faults = []
    for name, line, words, sentence in unchecked_quotations():
        if words in allowed:
            continue
        if CITATION.search(sentence):
            continue
        faults.append(f"{name}:{line}: “{words}” is neither a {{q}} quotation, nor a cited work's words "
                      "with its citation in the sentence, nor on the allow-list")
    assert not faults, "\n".join(faults)


def test_every_allowlist_entry_is_still_needed() -> None:
    used = {words for _, _, words, _ in unchecked_quotations()}
    stale = sorted(set(allowlist()) - used)
    assert not stale, f"allow-list entries no longer used: {stale}"


def test_the_editorial_text_quotes_the_text_through_the_role() -> None:
    roles = sum(len(ROLE_Q.findall(text)) for _, _, text in editorial_paragraphs())
    assert roles >= 100, f"only {roles} {{q}} quotations"


def test_the_check_finds_a_hand_typed_quotation(tmp_path: Path) -> None:
    """The test can fail: a hand-typed quotation of the essay is not accepted."""
    text = "The essay says the therapist will “go to war with the client”."
    found = [m.group(1) for s in sentences(text) for m in QUOTED.finditer(s)]
    assert found == ["go to war with the client"]
    assert found[0] not in allowlist() and not CITATION.search(text)
