"""The last screen of a failed build: its faults, one line each, not Python's traceback.

``make html`` and ``make pdf`` keep the build's log in ``_build/<builder>.log``
and, when the build fails, run ``python tools/build_summary.py LOG``: it
prints every warning and error line of the log (Jupyter Book ends a failed
build with its own traceback and banner, which say nothing about the input)
and exits with status 1.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

ANSI = re.compile(r"\x1b\[[0-9;]*m")
FAULT = re.compile(r"\b(WARNING|ERROR|CRITICAL|SEVERE):|^Edition error:|^! ")


def fault_lines(log: str) -> list[str]:
    """The log's warning and error lines, in order, each once.

    An ``Edition error:`` line is followed by its one-line message, kept with it.
    """
    lines = ANSI.sub("", log).splitlines()
    found: list[str] = []
    for index, line in enumerate(lines):
        if line.startswith("Edition error:") and index + 1 < len(lines):
            line = f"{line} {lines[index + 1].strip()}"
        if FAULT.search(line) and line not in found:
            found.append(line.strip())
    return found


def summary(log: str, name: str) -> str:
    """What the reader sees last."""
    faults = fault_lines(log)
    if not faults:
        tail = "\n".join(ANSI.sub("", log).rstrip().splitlines()[-15:])
        return f"{tail}\n\nThe build failed (full log: {name})."
    count = f"{len(faults)} fault" + ("s" if len(faults) != 1 else "")
    return "\n".join(["", f"The build failed, {count} (full log: {name}):", *faults])


def main(argv: list[str]) -> int:
    path = Path(argv[1])
    print(summary(path.read_text(encoding="utf-8", errors="replace"), str(path)), file=sys.stderr)
    return 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
