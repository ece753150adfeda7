"""The PDF build's gate reads the TeX log and answers each fault with one line."""

from __future__ import annotations

from pathlib import Path

import pytest

from tools.tex_log import faults, main, unwrap

pytestmark = pytest.mark.fast

TEX = r"""\begin{document}
\phantomsection\label{\detokenize{book/index::doc}}
Some text.
\phantomsection\label{\detokenize{book/teaching-guide::doc}}
\begin{longtable}
a & b \\
\end{longtable}
\phantomsection\label{\detokenize{book/glossary::doc}}
Terms.
"""

#: A log with one of each fault, between the pages TeX ships out.
LOG = r"""This is XeTeX, Version 3.141592653-2.6-0.999994 (TeX Live 2022/Debian)
(./when-psychotherapists-are-less-healthy.tex
[1] [2{/var/lib/texmf/fonts/map/pdftex/updmap/pdftex.map}] [3]
Overfull \hbox (1195.56pt too wide) in alignment at lines 5--7
[]\TU/EBGaramond(0)/m/n/10 Read it for []
Overfull \hbox (0.5pt too wide) in paragraph at lines 3--3
[]\TU/EBGaramond(0)/m/n/10 Some text.
[4]
Missing character: There is no ↩ (U+21A9) in font EBGaramond12-Regular/OT:script=latn;language=dflt;!
LaTeX Warning: Reference `book/glossary:term' on page 5 undefined on input line 9.
LaTeX Warning: Citation `rogers1957' on page 5 undefined on input line 3.
Overfull \vbox (12.0pt too high) has occurred while \output is active
[5]
LaTeX Warning: There were undefined references.
LaTeX Warning: Label(s) may have changed. Rerun to get cross-references right.
)
"""


def lines(log: str = LOG, tex: str = TEX) -> list[str]:
    return [str(fault) for fault in faults(log, tex)]


def test_each_fault_is_one_line_naming_its_page_and_source() -> None:
    assert lines() == [
        r"PDF page 4, book/teaching-guide.md: overfull \hbox: 1195.56 pt too wide in alignment at lines 5--7",
        "PDF page 5: missing character: no ↩ (U+21A9) in font EBGaramond12-Regular/OT:script=latn;language=dflt;",
        "PDF page 5, book/glossary.md: undefined reference: book/glossary:term",
        "PDF page 5, book/index.md: undefined citation: rogers1957",
        r"PDF page 5: overfull \vbox: 12.0 pt too high has occurred while \output is active",
        "PDF page 5: rerun: cross-references had not settled when the build stopped",
    ]


def test_a_box_overfull_by_at_most_one_point_passes() -> None:
    log = "Overfull \\hbox (1.0pt too wide) in paragraph at lines 3--3\n[1]\n"
    assert lines(log) == []
    assert len(lines(log.replace("1.0pt", "1.01pt"))) == 1


def test_a_clean_log_passes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    clean = "This is XeTeX\n[1] [2] [3]\nOutput written on book.pdf (3 pages).\n"
    log = tmp_path / "book.log"
    log.write_text(clean, encoding="utf-8")
    assert main(["tex_log.py", str(log)]) == 0
    log.write_text(LOG, encoding="utf-8")
    (tmp_path / "book.tex").write_text(TEX, encoding="utf-8")
    assert main(["tex_log.py", str(log)]) == 1
    err = capsys.readouterr().err.splitlines()
    assert err[1] == f"The PDF has 6 faults (TeX log: {log}):"
    assert err[2].startswith("PDF page 4, book/teaching-guide.md: overfull")


def test_a_missing_log_is_a_fault(tmp_path: Path) -> None:
    assert main(["tex_log.py", str(tmp_path / "none.log")]) == 1


def test_lines_wrapped_by_tex_are_read_whole() -> None:
    message = "Missing character: There is no ☃ (U+2603) in font EBGaramond12-Italic/OT:script=latn;language=dflt;mapping=tex-text;!"
    wrapped = "\n".join(message[i:i + 79] for i in range(0, len(message), 79))
    assert unwrap(wrapped) == [message]
    assert lines(wrapped + "\n") == [
        "PDF page 1: missing character: no ☃ (U+2603) in font EBGaramond12-Italic/OT:script=latn;language=dflt;mapping=tex-text;"
    ]


def test_a_tex_error_is_named() -> None:
    log = "[1]\n! LaTeX Error: Too many unprocessed floats.\n\nSee the LaTeX manual.\n"
    assert lines(log) == ["PDF page 2: TeX error: LaTeX Error: Too many unprocessed floats."]
