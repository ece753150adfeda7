"""One stage of ``make book`` on one line: its name, its time, where its log is.

``python tools/stage.py NAME LOG COMMAND...`` runs COMMAND with its standard
output and error written to LOG (the whole log, kept in ``_build/``), then
prints one line::

    HTML   done in 41.2 s   (log: _build/html.log)

and exits with COMMAND's status. A failed stage prints ``failed`` on its line;
the Makefile then prints the faults, one line each (``tools/build_summary.py``,
``tools/tex_log.py``). With ``--verbose`` (``make book V=1``) COMMAND's output
is also shown as it runs, as it was before the stages were quiet.
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path
from typing import TextIO


def stage_line(name: str, seconds: float, status: int, log: str) -> str:
    """The stage's one line: ``HTML   done in 41.2 s   (log: _build/html.log)``."""
    outcome = "done in" if status == 0 else f"failed (status {status}) after"
    return f"{name:<6} {outcome} {seconds:.1f} s   (log: {log})"


def run(command: list[str], log: Path, echo: TextIO | None = None) -> int:
    """Run ``command`` with its output written to ``log`` (and to ``echo`` when given); its status."""
    log.parent.mkdir(parents=True, exist_ok=True)
    with log.open("wb") as out:
        try:
            process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        except OSError as err:
            message = f"{command[0]}: {err.strerror or err}\n"
            out.write(message.encode())
            if echo is not None:
                echo.write(message)
            return 127
        assert process.stdout is not None
        for line in process.stdout:
            out.write(line)
            if echo is not None:
                echo.write(line.decode("utf-8", errors="replace"))
                echo.flush()
        return process.wait()


def main(argv: list[str]) -> int:
    """``stage.py [--verbose] NAME LOG COMMAND...``."""
    args = argv[1:]
    verbose = bool(args) and args[0] == "--verbose"
    if verbose:
        args = args[1:]
    if len(args) < 3:
        print("usage: tools/stage.py [--verbose] NAME LOG COMMAND...", file=sys.stderr)
        return 2
    name, log, command = args[0], args[1], args[2:]
    start = time.monotonic()
    status = run(command, Path(log), sys.stdout if verbose else None)
    print(stage_line(name, time.monotonic() - start, status, log), flush=True)
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv))
