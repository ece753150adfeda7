"""The PDF build's gate: read the TeX log, fail on what a reader of the print would see.

``make pdf`` and ``make class-copy`` run ``python tools/tex_log.py LOG TEX`` after
XeLaTeX. A build whose log reports any of these faults fails, with one line each:

- an overfull box wider than :data:`TOLERANCE_PT` (text past the margin or page);
- a missing character (XeTeX prints nothing in its place);
- an undefined reference or citation;
- a rerun that never settled (latexmk stopped with cross-references still moving);
- a TeX error (the build stopped; ``make pdf`` then shows it before Sphinx's summary).

Each line names the PDF page (the count of pages shipped out before it, plus
one) and, where the log gives a line of the ``.tex`` file, the source page of
the book that line comes from (Sphinx opens each document with a
``\\label{\\detokenize{<docname>::doc}}``).
"""

from __future__ import annotations

import bisect
import re
import sys
from dataclasses import dataclass
from pathlib import Path

#: An overfull box up to this width is invisible in print (TeX's own \hfuzz is 0.1 pt).
TOLERANCE_PT = 1.0

#: TeX wraps its log at this many characters (texmf.cnf ``max_print_line``).
LOG_WIDTH = 79

OVERFULL = re.compile(
    r"^Overfull \\([hv])box \((?P<size>[\d.]+)pt too (?:wide|high)\) ?(?P<where>.*)$"
)
MISSING = re.compile(r"^Missing character: There is no (?P<char>.+?) in font (?P<font>[^!]+)!")
UNDEFINED = re.compile(
    r"(?:LaTeX|Package natbib) Warning: (?P<what>Reference|Citation|Hyper reference) [`'](?P<name>.+?)' on page "
    r"\S+ undefined(?: on input line (?P<line>\d+))?"
)
RERUN = re.compile(
    r"Rerun to get (?:cross-references|outlines|citations)|Label\(s\) may have changed|"
    r"Table widths have changed\. Rerun|File `[^']+' has changed\. Rerun"
)
#: A page shipped out: "[12" at the start of a line or after a space or "]", then a space, "]" or "{".
#: A TeX error ("! LaTeX Error: …", "! Undefined control sequence."), which stops the build.
ERROR = re.compile(r"^! (?P<message>.+)$")
SHIPOUT = re.compile(r"(?:^|(?<=[\s\]]))\[(\d+)(?=[\s\]{]|$)")
TEX_LINE = re.compile(r"\blines? (\d+)")
DOC_LABEL = re.compile(r"\\label\{\\detokenize\{(?P<doc>[^}]+)::doc\}\}")


@dataclass(frozen=True)
class Fault:
    """One fault of the print: what, on which PDF page, from which source page."""

    kind: str
    message: str
    page: int
    source: str | None

    def __str__(self) -> str:
        where = f"PDF page {self.page}" + (f", {self.source}" if self.source else "")
        return f"{where}: {self.kind}: {self.message}"


def unwrap(log: str, width: int = LOG_WIDTH) -> list[str]:
    """The log's lines with TeX's hard wrapping at ``width`` characters undone.

    A log with a longer line was written unwrapped (the Makefile raises
    ``max_print_line``) and is taken as it is.
    """
    if any(len(line) > width for line in log.splitlines()):
        return log.splitlines()
    lines: list[str] = []
    pending = ""
    for line in log.splitlines():
        pending += line
        if len(line) < width:
            lines.append(pending)
            pending = ""
    if pending:
        lines.append(pending)
    return lines


def source_index(tex: str) -> tuple[list[int], list[str]]:
    """For the ``.tex`` file: the line where each document starts, and its source file."""
    starts: list[int] = []
    names: list[str] = []
    for number, line in enumerate(tex.splitlines(), start=1):
        match = DOC_LABEL.search(line)
        if match:
            starts.append(number)
            names.append(f"{match['doc']}.md")
    return starts, names


def source_of(line: int | None, index: tuple[list[int], list[str]]) -> str | None:
    """The source file (``book/teaching-guide.md``) that wrote ``line`` of the ``.tex``."""
    starts, names = index
    if line is None:
        return None
    at = bisect.bisect_right(starts, line) - 1
    return names[at] if at >= 0 else None


def faults(log: str, tex: str = "", tolerance: float = TOLERANCE_PT) -> list[Fault]:
    """Every fault of the final log, in order, each once."""
    index = source_index(tex)
    found: list[Fault] = []
    pages = 0
    unsettled = False
    for line in unwrap(log):
        if (match := OVERFULL.match(line)) and float(match["size"]) > tolerance:
            box = "overfull \\hbox" if match[1] == "h" else "overfull \\vbox"
            detail = "too wide" if match[1] == "h" else "too high"
            at = TEX_LINE.search(match["where"])
            found.append(Fault(box, f"{match['size']} pt {detail} {match['where']}".strip(),
                               pages + 1, source_of(int(at[1]) if at else None, index)))
        elif match := MISSING.match(line):
            found.append(Fault("missing character", f"no {match['char']} in font {match['font'].strip()}",
                               pages + 1, None))
        elif match := UNDEFINED.search(line):
            line_no = int(match["line"]) if match["line"] else None
            found.append(Fault(f"undefined {match['what'].lower()}", match["name"], pages + 1,
                               source_of(line_no, index)))
        elif match := ERROR.match(line):
            found.append(Fault("TeX error", match["message"].strip(), pages + 1, None))
        elif RERUN.search(line):
            unsettled = True
        pages += len(SHIPOUT.findall(line)) if not line.startswith(("Overfull", "Underfull")) else 0
    unique = list(dict.fromkeys(found))
    if unsettled:
        unique.append(Fault("rerun", "cross-references had not settled when the build stopped", pages, None))
    return unique


def main(argv: list[str]) -> int:
    """``tex_log.py LOG [TEX]``: print each fault on one line; status 1 if there is any."""
    if len(argv) < 2:
        print("usage: tools/tex_log.py LOG [TEX]", file=sys.stderr)
        return 2
    log_path = Path(argv[1])
    if not log_path.exists():
        print(f"{log_path}: no TeX log (did XeLaTeX run?)", file=sys.stderr)
        return 1
    tex_path = Path(argv[2]) if len(argv) > 2 else log_path.with_suffix(".tex")
    tex = tex_path.read_text(encoding="utf-8", errors="replace") if tex_path.exists() else ""
    found = faults(log_path.read_text(encoding="utf-8", errors="replace"), tex)
    if not found:
        return 0
    count = f"{len(found)} fault" + ("s" if len(found) != 1 else "")
    print(f"\nThe PDF has {count} (TeX log: {log_path}):", file=sys.stderr)
    for fault in found:
        print(fault, file=sys.stderr)
    return 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
