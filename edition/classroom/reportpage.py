"""The class report as a page, its charts and its PDF: ``python -m edition.classroom.reportpage LAYERS``.

``make class-report LAYER=class`` (or ``LAYERS=a,b``) runs it. It writes only
into ``_build/class-report/``: ``index.html`` (one page, no script, its style
inside it), ``charts/*.svg`` (matplotlib, :mod:`edition.classroom.reportcharts`) and
``class-report.pdf`` (the page printed by Debian's Chromium, A4 or Letter).
The report holds personal data and is never part of the website.

Everything a student wrote reaches the page as plain text through Jinja's
HTML escaping: no note body is read as Markdown or HTML here.
"""

from __future__ import annotations

import argparse
import datetime
import os
import shutil
import sys
import time
from collections.abc import Sequence
from pathlib import Path

import jinja2
from markupsafe import Markup

from . import classreport
from . import reportcharts
from .classreport import NO_AUTHOR, Report, ReportError, plain_body
from ..notes.records import Annotation
from ..text.source import label_for

TEMPLATES = Path(__file__).parent.parent / "report"
OUT = Path("_build") / "class-report"
PAGE = "index.html"
PDF = "class-report.pdf"
CHROMIUM = "/usr/bin/chromium"
PAPERS = {"a4": "A4", "letter": "Letter"}


def count(n: int, one: str, many: str = "") -> str:
    """``1 note``, ``3 notes``, ``0 replies``."""
    return f"{n} {one if n == 1 else (many or one + 's')}"


def day_name(day: datetime.date) -> str:
    """``Mon 5 Oct 2026``."""
    return f"{day:%a} {day.day} {day:%b %Y}"


def byline(record: Annotation) -> str:
    """Who wrote a note, its kind and its day: ``Student 3 · Question · 2026-10-05``."""
    parts = [record.author or NO_AUTHOR, record.kind_label]
    if record.created:
        parts.append(record.created[:10])
    return " · ".join(parts)


def summary(report: Report) -> str:
    """The report's first sentence: what the layers hold, or that they hold nothing."""
    data = report.data
    people = [p for p in report.people if p.name != NO_AUTHOR]
    if not report.written:
        return "The layer holds no notes yet: there is nothing to report."
    text = (
        f"{count(len(data.notes), 'note')} placed in the text and {count(len(data.replies), 'reply', 'replies')}"
        f" by {count(len(people), 'author')}"
    )
    unplaced = len(data.orphans) + len(data.refused)
    if unplaced:
        text += f"; {count(unplaced, 'note or reply', 'notes or replies')} not placed (section 4)"
    if not data.notes:
        text += ". None of the layer's notes could be placed in the text"
    return text + "."


def render_page(report: Report) -> str:
    """The report page's HTML (Jinja with HTML escaping on: every value is text)."""
    environment = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES), autoescape=True, undefined=jinja2.StrictUndefined,
        trim_blocks=True, lstrip_blocks=True,
    )
    units_by_page: dict[str, list] = {part.page: [] for part in report.parts}
    for unit in report.units:
        units_by_page.setdefault(unit.page, []).append(unit)
    thread_unit = {reply.id: note.unit for reply, note in report.data.replies}
    titles = [title for _, title in report.data.layers]
    return environment.get_template("class-report.html").render(
        report=report,
        css=Markup((TEMPLATES / "class-report.css").read_text(encoding="utf-8")),  # ours, not a student's
        layer_titles=", ".join(titles),
        layer_list=", ".join(f"annotations/{name}/" for name, _ in report.data.layers),
        summary=summary(report),
        units_by_page=units_by_page,
        thread_unit=thread_unit,
        count=count,
        byline=byline,
        plain=plain_body,
        label=label_for,
        day_name=day_name,
        no_author=NO_AUTHOR,
    )


def write_charts(report: Report, folder: Path) -> None:
    """One small bar chart per unit (notes and replies, one scale for all) and the chart per day."""
    folder.mkdir(parents=True, exist_ok=True)
    most = max((max(u.notes, u.replies) for u in report.units), default=0)
    for unit in report.units:
        (folder / f"{unit.id}.svg").write_text(
            reportcharts.unit_bar(unit.id, unit.notes, unit.replies, most), encoding="utf-8"
        )
    if report.days:
        (folder / "per-day.svg").write_text(reportcharts.per_day_chart(report.days), encoding="utf-8")


def write_pdf(page: Path, pdf: Path, paper: str = "a4") -> None:
    """Print the page to PDF with Debian's Chromium (driven by Playwright, never a downloaded browser)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"]
        )
        try:
            tab = browser.new_page()
            tab.goto(page.resolve().as_uri(), wait_until="load")
            tab.pdf(path=str(pdf), format=PAPERS[paper], print_background=True, prefer_css_page_size=False,
                    margin={"top": "14mm", "bottom": "14mm", "left": "13mm", "right": "13mm"})
        finally:
            browser.close()


def write_report(root: Path, layers: Sequence[str], out: Path, paper: str = "a4", pdf: bool = True) -> Report:
    """Make the report of ``layers`` into ``out``: the page, its charts and (unless ``pdf`` is false) the PDF.

    Only files of the report are replaced (``index.html``, ``charts/``, the PDF); nothing
    is written outside ``out``.
    """
    report = classreport.build_report(root, layers)
    out.mkdir(parents=True, exist_ok=True)
    shutil.rmtree(out / "charts", ignore_errors=True)
    write_charts(report, out / "charts")
    (out / PAGE).write_text(render_page(report), encoding="utf-8")
    if pdf:
        write_pdf(out / PAGE, out / PDF, paper)
    else:
        (out / PDF).unlink(missing_ok=True)
    return report


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m edition.classroom.reportpage class[,teacher] [--out DIR] [--paper a4|letter] [--no-pdf]``."""
    parser = argparse.ArgumentParser(prog="python -m edition.classroom.reportpage", description=__doc__.splitlines()[0])
    parser.add_argument("layers", help="the layer, or layers separated by commas")
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--paper", choices=sorted(PAPERS), default=os.environ.get("PAPER", "a4").lower() or "a4")
    parser.add_argument("--no-pdf", action="store_true", help="write the page and its charts only")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    try:
        report = write_report(Path.cwd(), args.layers.split(","), args.out, args.paper, pdf=not args.no_pdf)
    except ReportError as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    seconds = time.perf_counter() - started
    made = f"{args.out / PAGE}" + ("" if args.no_pdf else f" and {args.out / PDF} ({PAPERS[args.paper]})")
    print(f"Class report of {args.layers}: {made}, in {seconds:.1f} s")
    print(summary(report))
    print("It holds personal data: keep it to yourself; it is not part of the website.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
