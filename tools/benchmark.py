"""Benchmark the edition against a plain Jupyter Book 1 build of the same text.

Run by ``make bench``. In one run it

1. builds this edition (from a snapshot of the sources, in a temporary
   folder) and a plain Jupyter Book 1 book of the same essay text, generated
   here: the source's essay paragraphs and comments as plain Markdown pages,
   escaped so that MyST keeps every character, default settings, no notes;
2. times a clean HTML build, an incremental rebuild after editing one
   annotation (the plain book: one page) and a PDF build; counts the PDF's
   pages and bytes; loads each chapter page in Chromium and counts bytes and
   requests;
3. builds a generated book of 40 chapters × 30 annotations and the same book
   without annotations (and both at 20 chapters) to show what the annotation
   machinery costs and that it grows linearly;
4. makes the class report (``make class-report``) for a generated class of
   30 students (600 notes, 150 replies), with and without its PDF;

then prints the tables and writes them to ``docs/benchmark.md``.
``tools/benchmark.py --class-report`` measures the class report alone and
rewrites only its section of ``docs/benchmark.md``.
"""

from __future__ import annotations

import compileall
import contextlib
import datetime
import io
import json
import os
import platform
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pymupdf
from playwright.sync_api import Browser, sync_playwright

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from edition.classroom import classreport, importer  # noqa: E402
from edition.text.project import unit_pages  # noqa: E402
from edition.text.source import Source, load_source  # noqa: E402
from tools import web_figures  # noqa: E402
from tests.helpers import classgen  # noqa: E402
from tools.chromium import launch_chromium, page_weight, serve_folder  # noqa: E402

JUPYTER_BOOK = Path(sys.executable).with_name("jupyter-book")
REPORT = ROOT / "docs" / "benchmark.md"
EPOCH = os.environ.get("SOURCE_DATE_EPOCH", "1764115200")
NOT_SOURCES = ("_build", ".venv", ".git", ".pytest_cache", "__pycache__", "conf.py")

#: The plain book's pages: (file name, title, units), as the edition splits the text.
PLAIN_PAGES = [
    ("humility", "Humble clients, arrogant therapists", ["p1", "p2", "p3"]),
    ("healing", "Dissociation, suffering, grieving", ["p4", "p5", "p6"]),
    ("refusal", "The client who will not go back", ["p7", "p8"]),
    ("responses", "The comment thread", None),  # every response
]

#: Scale benchmark: chapters × annotations, responses per chapter.
SCALE_CHAPTERS = (20, 40)
NOTES_PER_CHAPTER = 30
RESPONSES_PER_CHAPTER = 3
KINDS = ("context", "term", "evidence", "counterpoint", "connection", "question")
#: Each scale build runs this many times; the fastest counts (less noise).
SCALE_REPEATS = 5
#: Clean and incremental builds of the two books run this many times; the fastest counts.
REPEATS = 7
#: The code before the build was made faster (issue 9), measured beside the current code.
BEFORE = "8bf360a"
#: The class of the class report's benchmark (tests/helpers/classgen.py): 30 students,
#: 600 notes and 150 replies, no page, hidden or private notes; each report is made this many times, the fastest counts.
CLASS = {"students": 30, "rows": 750, "seed": 1, "reply_share": 0.2, "page_notes": 0, "hidden": 0, "private": 0}
CLASS_REPEATS = 3
CLASS_SECTION = "## The class report at scale"


class BuildFailed(RuntimeError):
    """A build that did not succeed; the message ends with the tail of its log."""


# --------------------------------------------------------------- building


def child_cpu() -> float:
    """CPU seconds (user + system) used so far by this process's finished children."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def build(project: Path, output: Path, builder: str) -> float:
    """Build ``project`` with ``builder`` into ``output``; return the CPU seconds it used.

    CPU time (user + system, the build and its children) rather than wall
    time: on a machine shared with other work, wall time measures the load.
    """
    command = [str(JUPYTER_BOOK), "build", ".", "--builder", builder, "--path-output", str(output)]
    start, cpu = time.perf_counter(), child_cpu()
    result = subprocess.run(
        command, cwd=project, env={**os.environ, "SOURCE_DATE_EPOCH": EPOCH},
        capture_output=True, text=True, timeout=1800,
    )
    seconds = child_cpu() - cpu
    print(f"    {project.name} {builder}: {seconds:.2f} s CPU, {time.perf_counter() - start:.2f} s wall", flush=True)
    log = result.stdout + result.stderr
    if result.returncode != 0 or "build succeeded" not in log:
        raise BuildFailed(f"{project.name}: {builder} build failed\n{log[-2500:]}")
    return seconds


def copy_sources(destination: Path) -> Path:
    """A snapshot of the project's sources (other people may be editing them)."""
    return copy_sources_from(ROOT, destination)


def copy_sources_from(origin: Path, destination: Path) -> Path:
    """A copy of a project's sources, without builds, caches or the virtual environment,
    its extension compiled to bytecode (:func:`precompile`)."""
    shutil.copytree(origin, destination, ignore=shutil.ignore_patterns(*NOT_SOURCES))
    return precompile(destination)


def precompile(project: Path) -> Path:
    """Compile the project's extension package to bytecode, as pip does for the
    installed packages both books run on.

    Python writes the bytecode itself on the first import, except where
    ``PYTHONDONTWRITEBYTECODE`` is set; there every build would compile the
    edition's code anew while the plain book's arrives compiled.
    """
    if (project / "edition").is_dir():
        compileall.compile_dir(str(project / "edition"), quiet=1)
    return project


def append_to_first_body(annotation_file: Path) -> None:
    """Edit one annotation: add a sentence to the first line of its first body."""
    lines = annotation_file.read_text(encoding="utf-8").split("\n")
    at = next(i for i, line in enumerate(lines) if line.strip() == "body: |") + 1
    lines[at] += " Edited for the benchmark."
    annotation_file.write_text("\n".join(lines), encoding="utf-8")


def append_to_page(page: Path) -> None:
    """Edit one page: add a sentence at its end."""
    page.write_text(page.read_text(encoding="utf-8") + "\nEdited for the benchmark.\n", encoding="utf-8")


def pdf_facts(latex_dir: Path) -> tuple[int, int]:
    """Pages and bytes of the one PDF a LaTeX build made."""
    (pdf,) = latex_dir.glob("*.pdf")
    with pymupdf.open(pdf) as doc:
        return doc.page_count, pdf.stat().st_size


def chapter_weights(browser: Browser, html: Path, pages: list[str]) -> tuple[float, float]:
    """Mean bytes and mean requests of loading each chapter page in Chromium."""
    with serve_folder(html) as url:
        loads = [page_weight(browser, f"{url}/{page}") for page in pages]
    return statistics.mean(b for b, _ in loads), statistics.mean(r for _, r in loads)


# --------------------------------------------------------------- the plain book


#: Characters MyST would read as markup; a backslash keeps each one literal.
MARKUP = re.compile(r"([\\`*_{}\[\]<>#|~$&!^])")
#: A line start MyST would read as a list item or a block marker.
BLOCK_START = re.compile(r"^(\d+)([.)])|^([-+=:])")


def escape_markdown(line: str) -> str:
    """One line of the source as Markdown that renders to exactly that text."""
    line = MARKUP.sub(r"\\\1", line)
    return BLOCK_START.sub(lambda m: f"{m[1]}\\{m[2]}" if m[1] else f"\\{m[3]}", line)


def markdown_unit(source: Source, unit_id: str) -> str:
    """A unit as plain Markdown: paragraphs apart, the lines of each kept (hard breaks)."""
    paragraphs = source.unit(unit_id).paragraphs
    return "\n\n".join(" \\\n".join(escape_markdown(line) for line in para) for para in paragraphs)


def plain_book(destination: Path, source: Source) -> Path:
    """Write a default Jupyter Book 1 project holding the essay and comments as Markdown."""
    destination.mkdir(parents=True)
    (destination / "_config.yml").write_text(
        f'title: "{source.title}"\nauthor: Daniel Mackler\n', encoding="utf-8"
    )
    chapters = "".join(f"  - file: {name}\n" for name, _, _ in PLAIN_PAGES)
    (destination / "_toc.yml").write_text(f"format: jb-book\nroot: intro\nchapters:\n{chapters}", encoding="utf-8")
    (destination / "intro.md").write_text(f"# {source.title}\n\nThe essay and its comments.\n", encoding="utf-8")
    responses = [u for u in source.ids if u.startswith("r")]
    for name, title, units in PLAIN_PAGES:
        body = "\n\n".join(markdown_unit(source, u) for u in (units or responses))
        (destination / f"{name}.md").write_text(f"# {title}\n\n{body}\n", encoding="utf-8")
    return destination


#: PDF routes for the plain book, the default first: (name, extra _config.yml).
PLAIN_PDF_ROUTES = [
    ("default (pdflatex with sphinx-jupyterbook-latex)", ""),
    ("pdflatex without sphinx-jupyterbook-latex", "latex:\n  use_jupyterbook_latex: false\n"),
    (
        "XeLaTeX without sphinx-jupyterbook-latex, DejaVu fonts (Sphinx's default FreeFont is not installed)",
        "latex:\n  latex_engine: xelatex\n  use_jupyterbook_latex: false\n"
        "sphinx:\n  config:\n    latex_elements:\n      fontpkg: "
        "'\\setmainfont{DejaVu Serif}\\setsansfont{DejaVu Sans}\\setmonofont{DejaVu Sans Mono}'\n",
    ),
]


#: Debian packages of LaTeX styles the plain book's routes ask for.
STYLE_PACKAGES = {"bbm.sty": "Debian's texlive-fonts-extra", "tgtermes.sty": "Debian's tex-gyre"}


def why_failed(error: BuildFailed) -> str:
    """A short reason for a failed LaTeX build, from its log."""
    log = str(error)
    missing = re.search(r"File `([^']+\.sty)' not found", log)
    if missing:
        package = STYLE_PACKAGES.get(missing.group(1), "a TeX package")
        return f"{missing.group(1)} not found (from {package}, not installed)"
    font = re.search(r'The font "([^"]+)" cannot be found', log)
    if font:
        return f"font {font.group(1)} not installed"
    unicode = re.search(r"Unicode character (\S+) \((U\+[0-9A-F]+)\)", log)
    if unicode:
        return f"pdflatex cannot set the character {unicode.group(2)} of the text"
    return "build failed"


def plain_pdf(project: Path, output: Path) -> tuple[float, str, list[str]]:
    """Build the plain book's PDF by the first route that works: seconds, route, notes on failed ones."""
    config = project / "_config.yml"
    base = config.read_text(encoding="utf-8")
    failed: list[str] = []
    for name, extra in PLAIN_PDF_ROUTES:
        config.write_text(base + extra, encoding="utf-8")
        shutil.rmtree(output, ignore_errors=True)
        try:
            return build(project, output, "pdflatex"), name, failed
        except BuildFailed as err:
            failed.append(f"{name}: {why_failed(err)}")
    raise BuildFailed("no PDF route worked for the plain book: " + "; ".join(failed))


# --------------------------------------------------------------- the generated book


def synthetic_sentence(comment: int, sentence: int) -> str:
    """One sentence of a generated comment, holding a phrase found nowhere else."""
    return f"Sentence {sentence} of comment {comment} turns on the phrase marker-{comment}-{sentence} as it goes."


def synthetic_quote(comment: int, sentence: int) -> str:
    """The phrase an annotation on that sentence quotes."""
    return f"phrase marker-{comment}-{sentence} as"


def synthetic_book(destination: Path, chapters: int, annotated: bool, origin: Path = ROOT) -> Path:
    """A copy of the project ``origin`` whose text is a generated comment thread.

    Each chapter holds three generated responses of ten sentences; with
    ``annotated`` each sentence gets one note (30 a chapter), else there are none.
    """
    shutil.copytree(origin / "edition", destination / "edition", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(origin / "_config.yml", destination / "_config.yml")
    (destination / "book" / "_source").mkdir(parents=True)
    (destination / "annotations").mkdir()
    shutil.copy(origin / "book" / "references.bib", destination / "book" / "references.bib")
    real = (origin / "book" / "_source" / "essay-and-comments.txt").read_text(encoding="utf-8")
    essay = real[: real.index("Back to\u00a0Around the Web")]
    sentences_per = NOTES_PER_CHAPTER // RESPONSES_PER_CHAPTER
    thread, names = [], []
    for chapter in range(1, chapters + 1):
        name = f"chapter-{chapter:02d}"
        names.append(name)
        page, notes = [f"# Chapter {chapter}\n"], []
        for j in range(RESPONSES_PER_CHAPTER):
            comment = (chapter - 1) * RESPONSES_PER_CHAPTER + j + 1
            text = f"{comment}. " + " ".join(synthetic_sentence(comment, s) for s in range(1, sentences_per + 1))
            thread.append(f"  {text}\n")
            page.append(f"```{{response}} r{comment}\n:byline: Comment {comment}\n\n{text}\n```\n")
            notes += [
                f"- id: n-{comment}-{s}\n  paragraph: r{comment}\n  quote: {synthetic_quote(comment, s)}\n"
                f"  kind: {KINDS[s % len(KINDS)]}\n  body: |\n"
                f"    A generated note on sentence {s} of comment {comment}, about as long as a short real one.\n"
                for s in range(1, sentences_per + 1)
            ]
        (destination / "book" / f"{name}.md").write_text("\n".join(page), encoding="utf-8")
        if annotated:
            (destination / "annotations" / f"{name}.yml").write_text("\n".join(notes), encoding="utf-8")
    source = essay + "Back to\u00a0Around the Web\n\n\n" + "\n".join(thread)
    (destination / "book" / "_source" / "essay-and-comments.txt").write_text(source, encoding="utf-8")
    shutil.copy(origin / "book" / "_source" / "essay-and-comments.yml", destination / "book" / "_source")
    (destination / "book" / "index.md").write_text("# A generated thread\n\nFor the benchmark.\n", encoding="utf-8")
    toc = "format: jb-book\nroot: book/index\nchapters:\n" + "".join(f"  - file: book/{n}\n" for n in names)
    (destination / "_toc.yml").write_text(toc, encoding="utf-8")
    return precompile(destination)


# --------------------------------------------------------------- measuring


@dataclass
class BookFigures:
    """What one book measured."""

    clean_html: float
    incremental: float
    pdf: float
    pdf_route: str
    pdf_pages: int
    pdf_bytes: int
    page_bytes: float
    page_requests: float


#: A book to time: its project folder, a folder for its builds, and the edit before its rebuild.
Book = tuple[Path, Path, Callable[[Path], None]]


def clean_and_incremental(books: dict[str, Book]) -> dict[str, tuple[float, float, Path]]:
    """For each book: best of :data:`REPEATS` clean HTML builds, each followed by a rebuild
    after its edit, and the last output folder.

    The books take turns in each round, so that a change in the machine's load
    weighs on all of them alike.
    """
    cleans: dict[str, list[float]] = {name: [] for name in books}
    rebuilds: dict[str, list[float]] = {name: [] for name in books}
    outputs: dict[str, Path] = {}
    for run in range(REPEATS):
        for name, (project, work, edit) in books.items():
            outputs[name] = work / f"html-out-{run}"
            cleans[name].append(build(project, outputs[name], "html"))
            edit(project)
            rebuilds[name].append(build(project, outputs[name], "html"))
    return {name: (min(cleans[name]), min(rebuilds[name]), outputs[name]) for name in books}


def measure_book(
    browser: Browser, project: Path, work: Path, html: tuple[float, float, Path], pages: list[str],
    pdf_builder: Callable[[Path, Path], tuple[float, str]],
) -> BookFigures:
    """The HTML build times (from :func:`clean_and_incremental`), a PDF build, and Chromium
    page loads of ``pages``."""
    pdf_out = work / "pdf-out"
    clean, incremental, html_out = html
    pdf_seconds, route = pdf_builder(project, pdf_out)
    pdf_pages, pdf_bytes = pdf_facts(pdf_out / "_build" / "latex")
    page_bytes, page_requests = chapter_weights(browser, html_out / "_build" / "html", pages)
    return BookFigures(clean, incremental, pdf_seconds, route, pdf_pages, pdf_bytes, page_bytes, page_requests)


def edition_pdf(project: Path, output: Path) -> tuple[float, str]:
    """The edition's PDF route (XeLaTeX, its own LaTeX style)."""
    return build(project, output, "pdflatex"), "XeLaTeX, the edition's own style"


def scale_times(work: Path, origin: Path) -> dict[tuple[int, bool], float]:
    """Clean HTML build time of the generated book at each size, with and without notes.

    Each build runs :data:`SCALE_REPEATS` times into a fresh folder, the four
    books taking turns in each round (so that a change in the machine's load
    weighs on all of them alike); the fastest run counts.
    """
    projects = {
        (chapters, annotated): synthetic_book(
            work / f"scale-{chapters}-{'notes' if annotated else 'plain'}", chapters, annotated, origin
        )
        for chapters in SCALE_CHAPTERS
        for annotated in (False, True)
    }
    runs: dict[tuple[int, bool], list[float]] = {size: [] for size in projects}
    for run in range(SCALE_REPEATS):
        for size, project in projects.items():
            runs[size].append(build(project, work / f"{project.name}-out-{run}", "html"))
    for size, project in projects.items():
        print(f"  {project.name}: {', '.join(f'{t:.2f}' for t in runs[size])} s", flush=True)
    return {size: min(times) for size, times in runs.items()}


# --------------------------------------------------------------- reporting


@dataclass
class ReportFigures:
    """The class report of a generated class: what the class holds and what the report costs."""

    students: int
    notes: int
    replies: int
    #: (wall-clock, CPU) seconds, fastest of :data:`CLASS_REPEATS`: the page and charts; with the PDF too.
    page_only: tuple[float, float]
    with_pdf: tuple[float, float]
    pdf_pages: int
    #: The machine's load (1-minute average) before and after the runs: wall-clock time grows with it.
    load: tuple[float, float] = (0.0, 0.0)


def class_report_times(work: Path, origin: Path) -> ReportFigures:
    """Import the generated class into a copy of the project and time ``python -m edition.classroom.reportpage``
    (what ``make class-report`` runs) without and with its PDF."""
    project = copy_sources_from(origin, work / "class-report")
    (project / "class.json").write_text(json.dumps(classgen.hypothesis_export(**CLASS)), encoding="utf-8")
    with contextlib.redirect_stdout(io.StringIO()):
        if importer.main([str(project / "class.json"), "class"], {}, project) != 0:
            raise BuildFailed("the generated class could not be imported")
    data = classreport.load_class(project, ["class"])

    def best(extra: list[str]) -> tuple[float, float]:
        runs = []
        for _ in range(CLASS_REPEATS):
            start, cpu = time.perf_counter(), child_cpu()
            subprocess.run([sys.executable, "-m", "edition.classroom.reportpage", "class", *extra],
                           cwd=project, check=True, capture_output=True, timeout=600)
            runs.append((time.perf_counter() - start, child_cpu() - cpu))
        print(f"    class report {' '.join(extra) or 'with its PDF'}: {min(runs)[0]:.2f} s wall", flush=True)
        return min(runs)

    load_before = os.getloadavg()[0]
    page_only = best(["--no-pdf"])
    with_pdf = best([])
    load = (load_before, os.getloadavg()[0])
    with pymupdf.open(project / "_build" / "class-report" / "class-report.pdf") as pdf:
        pages = pdf.page_count
    authors = {n.record.author for n in data.notes} | {r.author for r, _ in data.replies}
    return ReportFigures(len(authors), len(data.notes), len(data.replies), page_only, with_pdf, pages, load)


def class_report_section(figures: ReportFigures) -> str:
    """The section on the class report, from its heading to its last line."""
    return f"""{CLASS_SECTION}

`make class-report LAYER=class` for a generated class (`tests/helpers/classgen.py`,
seed {CLASS["seed"]}) imported from the Hypothesis format: {figures.students} students,
{figures.notes} notes placed in the text and {figures.replies} replies. The command is
`python -m edition.classroom.reportpage class`; wall-clock seconds (what the teacher waits) and CPU
seconds of it and its children (Python, matplotlib, Chromium), fastest of {CLASS_REPEATS}.
Target: under 10 s. The machine's load average was {figures.load[0]:.1f} before the runs and
{figures.load[1]:.1f} after them, on {os.cpu_count()} cores: wall-clock time grows with the load.

| Class report | Wall clock | CPU |
|---|---:|---:|
| The page and its charts (`--no-pdf`) | {figures.page_only[0]:.1f} s | {figures.page_only[1]:.1f} s |
| The page, its charts and its PDF (A4, {figures.pdf_pages} pages) | {figures.with_pdf[0]:.1f} s | {figures.with_pdf[1]:.1f} s |
"""


def replace_class_section(text: str, section: str) -> str:
    """``docs/benchmark.md`` with its class report section replaced (or added at the end)."""
    at = text.find(CLASS_SECTION)
    if at == -1:
        return text.rstrip("\n") + "\n\n" + section
    end = text.find("\n## ", at + len(CLASS_SECTION))
    return text[:at] + section + (text[end:] if end != -1 else "")


#: The generated classes imported (rows of a Hypothesis export, 30 students) and the one built.
CLASS_ROWS = (800, 2000)
CLASS_BUILT = 800


def import_class(project: Path, rows: int) -> tuple[float, str]:
    """Import a generated class of ``rows`` rows into ``project`` as the layer ``class``
    (``tests/helpers/classgen.py``); the CPU seconds and the import's last line but one."""
    from tests.helpers.classgen import hypothesis_export

    export = project.parent / f"class-{rows}.json"
    export.write_text(__import__("json").dumps(hypothesis_export(students=30, rows=rows, seed=1)), encoding="utf-8")
    shutil.rmtree(project / "annotations" / "class", ignore_errors=True)
    start = child_cpu()
    done = subprocess.run([sys.executable, "-m", "edition.classroom.importer", str(export), "class"], cwd=project,
                          capture_output=True, text=True, timeout=600, check=True)
    return child_cpu() - start, done.stdout.strip().splitlines()[-2]


def class_figures(work: Path, origin: Path) -> dict[str, float | str]:
    """Import times of the generated classes, and the builds of the book with the
    800-row class (:data:`CLASS_BUILT`) and without it."""
    figures: dict[str, float | str] = {}
    for rows in CLASS_ROWS:
        project = copy_sources_from(origin, work / f"class-{rows}" / "book")
        figures[f"import {rows}"], figures[f"summary {rows}"] = import_class(project, rows)
    bare = copy_sources_from(origin, work / "class-none" / "book")
    project = work / f"class-{CLASS_BUILT}" / "book"
    for name, book in (("without", bare), ("with", project)):
        for builder in ("html", "pdflatex"):
            figures[f"{builder} {name}"] = build(book, work / f"class-{name}-{builder}", builder)
    return figures


def class_table(figures: dict[str, float | str]) -> str:
    """The class section's tables."""
    imports = "\n".join(
        f"| {rows:,} | {figures[f'import {rows}']:.1f} s | {figures[f'summary {rows}']} |" for rows in CLASS_ROWS
    )
    builds = "\n".join(
        f"| {label} | {figures[f'{builder} without']:.1f} s | {figures[f'{builder} with']:.1f} s "
        f"| {ratio(float(figures[f'{builder} with']), float(figures[f'{builder} without']))} |"
        for label, builder in (("Clean HTML build", "html"), ("PDF build", "pdflatex"))
    )
    return (
        "| Rows | Import (CPU) | What became of them |\n|---:|---:|---|\n" + imports + "\n\n"
        f"| Build, CPU seconds | The book alone | With a class of {CLASS_BUILT:,} rows | With ÷ alone |\n"
        "|---|---:|---:|---:|\n" + builds
    )


def ratio(a: float, b: float) -> str:
    """``a`` as a multiple of ``b``."""
    return f"{a / b:.2f}×" if b else "–"


def kib(n: float) -> str:
    """Bytes as KiB with one decimal."""
    return f"{n / 1024:,.1f} KiB"


def edition_before(snapshot: Path, destination: Path) -> Path:
    """The snapshot with the extension, ``_config.yml`` and ``requirements.txt`` as they
    were at :data:`BEFORE` (the configuration chooses the extensions a build loads)."""
    project = copy_sources_from(snapshot, destination)
    shutil.rmtree(project / "edition")
    archive = subprocess.run(
        ["git", "archive", BEFORE, "edition", "_config.yml", "requirements.txt"], cwd=ROOT, capture_output=True, check=True
    )
    subprocess.run(["tar", "-x", "-C", str(project)], input=archive.stdout, check=True)
    return precompile(project)


def before_after_table(before: tuple[float, float], edition: BookFigures, plain: BookFigures) -> str:
    """The edition's build times before and after, each as a multiple of the plain book's."""
    rows = [
        ("Clean HTML build", before[0], edition.clean_html, plain.clean_html, "≤ 1.3×"),
        ("Rebuild after one annotation edit (plain: one page)", before[1], edition.incremental, plain.incremental,
         "≤ 1.0×"),
    ]
    lines = [
        f"| CPU seconds, best of {REPEATS} | Edition before ({BEFORE}) | Edition now | Plain Jupyter Book 1 "
        "| Before ÷ plain | Now ÷ plain | Target |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    lines += [
        f"| {name} | {b:.2f} s | {n:.2f} s | {p:.2f} s | {ratio(b, p)} | {ratio(n, p)} | {target} |"
        for name, b, n, p, target in rows
    ]
    return "\n".join(lines)


def comparison_table(edition: BookFigures, plain: BookFigures) -> str:
    """The edition against the plain book, one row per figure."""
    rows = [
        (f"Clean HTML build (best of {REPEATS})", f"{edition.clean_html:.1f} s", f"{plain.clean_html:.1f} s",
         ratio(edition.clean_html, plain.clean_html)),
        (f"Incremental rebuild (best of {REPEATS}; edition: one annotation edited; plain: one page edited)",
         f"{edition.incremental:.1f} s", f"{plain.incremental:.1f} s", ratio(edition.incremental, plain.incremental)),
        ("PDF build", f"{edition.pdf:.1f} s", f"{plain.pdf:.1f} s", ratio(edition.pdf, plain.pdf)),
        ("PDF pages", str(edition.pdf_pages), str(plain.pdf_pages), ratio(edition.pdf_pages, plain.pdf_pages)),
        ("PDF size", kib(edition.pdf_bytes), kib(plain.pdf_bytes), ratio(edition.pdf_bytes, plain.pdf_bytes)),
        ("Chapter page, bytes transferred (mean of 4)", kib(edition.page_bytes), kib(plain.page_bytes),
         ratio(edition.page_bytes, plain.page_bytes)),
        ("Chapter page, requests (mean of 4)", f"{edition.page_requests:.1f}", f"{plain.page_requests:.1f}",
         ratio(edition.page_requests, plain.page_requests)),
    ]
    lines = ["| | This edition | Plain Jupyter Book 1 | Edition ÷ plain |", "|---|---:|---:|---:|"]
    lines += [f"| {a} | {b} | {c} | {d} |" for a, b, c, d in rows]
    lines.append("")
    lines.append(f"PDF route, edition: {edition.pdf_route}. PDF route, plain book: {plain.pdf_route}.")
    return "\n".join(lines)


def scale_table(times: dict[tuple[int, bool], float]) -> str:
    """Build times of the generated book, and the annotations' cost per chapter and per note."""
    lines = [
        "| Chapters | Notes | Without notes | With notes | With ÷ without | Notes' cost per chapter | per note |",
        "|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for chapters in SCALE_CHAPTERS:
        plain, noted = times[chapters, False], times[chapters, True]
        extra = noted - plain
        lines.append(
            f"| {chapters} | {chapters * NOTES_PER_CHAPTER} | {plain:.1f} s | {noted:.1f} s | {ratio(noted, plain)} | "
            f"{extra / chapters * 1000:.0f} ms | {extra / (chapters * NOTES_PER_CHAPTER) * 1000:.1f} ms |"
        )
    return "\n".join(lines)


def linearity(times: dict[tuple[int, bool], float]) -> str:
    """One sentence comparing the notes' per-chapter cost at the two sizes."""
    small, large = SCALE_CHAPTERS
    per = {n: (times[n, True] - times[n, False]) / n for n in SCALE_CHAPTERS}
    verdict = "linear: the per-chapter cost does not grow with the book" if per[large] <= per[small] * 1.25 else (
        "NOT linear: the per-chapter cost grows with the book"
    )
    return (
        f"Per-chapter cost of the notes: {per[small] * 1000:.0f} ms at {small} chapters, "
        f"{per[large] * 1000:.0f} ms at {large} chapters ({ratio(per[large], per[small])}) — {verdict}."
    )


def machine_line() -> str:
    """What the figures were measured on."""
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor() or "unknown CPU")
    memory = next((int(line.split()[1]) // 1024 // 1024 for line in Path("/proc/meminfo").read_text().splitlines()
                   if line.startswith("MemTotal")), 0)
    chromium = subprocess.run(["/usr/bin/chromium", "--version"], capture_output=True, text=True).stdout.strip()
    return (
        f"{cpu}, {os.cpu_count()} cores, {memory} GiB; {platform.system()} {platform.release()}; "
        f"Python {platform.python_version()}; {chromium or 'Chromium'}; "
        f"jupyter-book {version_of('jupyter-book')}, Sphinx {version_of('sphinx')}"
    )


def version_of(package: str) -> str:
    """An installed package's version."""
    from importlib.metadata import version

    return version(package)


def class_section(figures: dict[str, float | str]) -> str:
    """The report's section on a class's annotations."""
    return f"""## A class's annotations

A generated class of 30 students (`tests/helpers/classgen.py`, seed 1: a
quarter of the rows replies, many highlights the same words as another's or
crossing them, tags, @mentions, hidden, private and page notes) imported with
`python -m edition.classroom.importer` into the book, then the book built with it and
without it, once each.

{class_table(figures)}
"""


def report(
    edition: BookFigures, plain: BookFigures, plain_notes: list[str], times: dict, before: tuple[float, float],
    classes: dict[str, float | str],
    report_figures: ReportFigures,
) -> str:
    """The whole Markdown report."""
    today = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    failed = "".join(f"\n- The plain book's PDF, {note}; the next route was used." for note in plain_notes)
    return f"""# Benchmark

Generated by `make bench` (`tools/benchmark.py`); do not edit by hand.

Measured {today} on: {machine_line()}.

Times are CPU seconds (user + system) of one `jupyter-book build` and its
children, Python start-up included: the machine is shared, and wall-clock
time there measures the load as much as the build. Both books run on code
compiled to bytecode beforehand: the installed packages as pip compiled them,
the edition's extension by the benchmark (`precompile`), as Python itself
does on a first import where `PYTHONDONTWRITEBYTECODE` is not set. Page
weight is the sum of response body sizes of all requests of one page load
in Chromium from a local server, with an empty cache.

## This edition and a plain Jupyter Book 1 build of the same text

The plain book holds the same essay paragraphs and comments as plain
Markdown pages (escaped so that MyST keeps every character), with Jupyter
Book's default settings and no notes. (Those defaults include Sphinx's
smart quotes, which print the source's spaced dots “. . .” as “…”; every
other character comes through.)

### Build time before and after making the clean build faster

"Before" is this edition's pages built with the extension, `_config.yml` and
`requirements.txt` as they were at {BEFORE}, in the same run. Both editions
run on the packages installed now (PyStemmer among them), so the stemmer's
share of the gain shows in neither column.

{before_after_table(before, edition, plain)}

### Everything measured

{comparison_table(edition, plain)}
{failed}

## The annotation machinery at scale

A generated book, each chapter holding three comments of ten sentences and
{NOTES_PER_CHAPTER} notes (one per sentence), built with its notes and
without them (the same pages and directives, an empty annotations folder).
Each clean HTML build ran {SCALE_REPEATS} times, the four books taking turns; the fastest counts.

{scale_table(times)}

{linearity(times)}

{class_section(classes)}

{class_report_section(report_figures)}"""


def main() -> int:
    """Run every measurement, print the report and write docs/benchmark.md
    (``--class-report``: the class report alone, its section only)."""
    if sys.argv[1:] == ["--class-report"]:
        with tempfile.TemporaryDirectory(prefix="edition-bench-") as tmp:
            section = class_report_section(class_report_times(Path(tmp), copy_sources(Path(tmp) / "snapshot")))
        print(section)
        REPORT.write_text(replace_class_section(REPORT.read_text(encoding="utf-8"), section), encoding="utf-8")
        return 0
    with tempfile.TemporaryDirectory(prefix="edition-bench-") as tmp, sync_playwright() as playwright:
        work = Path(tmp)
        browser = launch_chromium(playwright)
        snapshot = copy_sources(work / "snapshot")  # every book below is made from it
        edition_project = copy_sources_from(snapshot, work / "edition")
        source = load_source(snapshot / "book" / "_source" / "essay-and-comments.txt")
        plain_project = plain_book(work / "plain", source)
        old = edition_before(snapshot, work / "before")
        edit_annotation = lambda p: append_to_first_body(p / "annotations" / "healing.yml")  # noqa: E731
        print(f"HTML builds: this edition, as it was at {BEFORE}, and the plain Jupyter Book…", flush=True)
        html = clean_and_incremental({
            "edition": (edition_project, work / "edition-build", edit_annotation),
            "before": (old, work / "before-build", edit_annotation),
            "plain": (plain_project, work / "plain-build", lambda p: append_to_page(p / "healing.md")),
        })
        old_clean, old_incremental, _ = html["before"]
        print("This edition: PDF and pages…", flush=True)
        edition = measure_book(
            browser, edition_project, work / "edition-build", html["edition"],
            [f"{page}.html" for page in unit_pages(snapshot)], edition_pdf,
        )
        print("The plain Jupyter Book: PDF and pages…", flush=True)
        plain_notes: list[str] = []

        def plain_pdf_route(project: Path, output: Path) -> tuple[float, str]:
            seconds, route, failed = plain_pdf(project, output)
            plain_notes.extend(failed)
            return seconds, route

        plain = measure_book(
            browser, plain_project, work / "plain-build", html["plain"],
            [f"{name}.html" for name, _, _ in PLAIN_PAGES], plain_pdf_route,
        )
        browser.close()
        print("The generated book at scale…", flush=True)
        times = scale_times(work, snapshot)
        print("A generated class imported and built…", flush=True)
        classes = class_figures(work, snapshot)
        print("The class report of a generated class…", flush=True)
        report_figures = class_report_times(work, snapshot)
    text = report(edition, plain, plain_notes, times, (old_clean, old_incremental), classes, report_figures)
    # The website's reading figures are measured by tools/web_figures.py: kept as they are.
    text = web_figures.with_section(text, web_figures.kept_section(REPORT.read_text(encoding="utf-8")))
    print(text)
    # the print section (tools/print_benchmark.py, make bench-print) is kept as it stands
    from tools.print_benchmark import kept_section

    kept = kept_section(REPORT.read_text(encoding="utf-8")) if REPORT.exists() else ""
    REPORT.write_text(text + ("\n" + kept if kept else ""), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
