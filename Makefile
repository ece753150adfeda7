# The annotated edition: two commands do everything on a fresh Debian machine.
#   make book   set up (virtual environment, Debian TeX), build the website, the PDF and the EPUB
#   make test   the same set-up and build, then the whole test suite
.DEFAULT_GOAL := book
SHELL := /bin/bash

VENV     ?= .venv
PYTHON   ?= python3
PY       := $(VENV)/bin/python
JB       := $(VENV)/bin/jupyter-book
JBFLAGS  := -W -n --keep-going
# The PDF's name has one home: latex_documents' targetname in _config.yml; the EPUB's follows it.
PDF_NAME := $(shell sed -n 's/^ *targetname: *\(.*\)\.tex *$$/\1.pdf/p' _config.yml)
EPUB_NAME := $(PDF_NAME:.pdf=.epub)
HTML     := _build/html
LATEX    := _build/latex
EPUB     := _build/epub

# A value given on the command line (FILE=…, LAYER=…, LAYERS=…), as one word for the
# shell: single-quoted, its own single quotes closed and escaped, read unexpanded by
# make ($(value …)), so that no shell or make function in it is ever run.
quoted = '$(subst ','\'',$(value $1))'
# Not passed to the recipes' environment either: make would expand them to do so.
unexport FILE LAYER LAYERS KEEP_NAMES INCLUDE_PRIVATE ALLOW_EMPTY OVERWRITE_EDITS

# Reproducible output: dates in the HTML and the PDF come from the last commit.
SOURCE_DATE_EPOCH ?= $(shell git log -1 --format=%ct 2>/dev/null || echo 1764115200)
export SOURCE_DATE_EPOCH

.PHONY: book html pdf epub test bench serve clean venv tex-deps browser-deps epub-deps ace-deps

# A quiet build: each stage prints one line with its time and keeps its whole
# output in _build/<stage>.log (tools/stage.py). `make book V=1` also shows the
# whole output as it runs, and the commands.
V     ?=
Q     := $(if $(V),,@)
STAGE := $(PY) tools/stage.py $(if $(V),--verbose)

book: html pdf epub
	$(Q)$(STAGE) copies _build/copies.log cp -v $(LATEX)/$(PDF_NAME) $(EPUB)/$(EPUB_NAME) $(HTML)/
	@echo "Website: $(HTML)/index.html   PDF: $(HTML)/$(PDF_NAME)   EPUB: $(HTML)/$(EPUB_NAME)"

venv: $(VENV)/.installed
$(VENV)/.installed: requirements.txt
	$(PYTHON) -m venv --clear $(VENV)
	$(VENV)/bin/pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

tex-deps:
	@tools/debian-deps tex

browser-deps:
	@tools/debian-deps browser

epub-deps: ace-deps
	@tools/debian-deps epub

# Ace by DAISY (npm, locked in tools/ace/) for the EPUB's accessibility check.
ace-deps:
	@tools/ace-deps

# A failed build ends with its faults, one line each (tools/build_summary.py).
html: venv
	@mkdir -p _build
	$(Q)$(STAGE) HTML _build/html.log $(JB) build . --builder html $(JBFLAGS) \
	  || $(PY) tools/build_summary.py _build/html.log

# The PDF then passes the gate of its TeX log (tools/tex_log.py): an overfull
# box, a missing character, an undefined reference or an unsettled rerun fails
# the build, one line each. TeX writes its log unwrapped (max_print_line).
export max_print_line := 10000
# The paper: `make pdf PAPER=letter` for US Letter (A4 by default).
PAPER ?= a4
export EDITION_PAPER := $(PAPER)
# One-sided by default (a handout is copied a page at a time); `make pdf SIDES=two`
# mirrors the pages for duplex printing: notes in the outer margin of both sides.
SIDES ?= one
export EDITION_SIDES := $(SIDES)
pdf: venv tex-deps
	@mkdir -p _build
	$(Q)rm -f $(LATEX)/$(PDF_NAME) $(HTML)/$(PDF_NAME)
	$(Q)$(STAGE) PDF _build/pdf.log $(JB) build . --builder pdflatex $(JBFLAGS) \
	  || { $(PY) tools/tex_log.py $(LATEX)/$(PDF_NAME:.pdf=.log); $(PY) tools/build_summary.py _build/pdf.log; }
	$(Q)$(PY) tools/tex_log.py $(LATEX)/$(PDF_NAME:.pdf=.log)

epub: venv
	@mkdir -p _build
	$(Q)$(STAGE) EPUB _build/epub.log $(JB) build . --builder custom --custom-builder epub $(JBFLAGS) \
	  || $(PY) tools/build_summary.py _build/epub.log

# The test layers in order (pytest markers, see pytest.ini): the fast layer
# needs no build and fails in seconds on a broken core; then the small
# projects, built in seconds each; then the whole book, built quietly as by
# `make book`, and what reads it; then the website in Chromium.
# The browser layer runs in two processes (pytest-xdist), a test file to each at
# a time: its tests wait on pages more than on the processor. BROWSER_WORKERS=
# runs it in one.
BROWSER_WORKERS ?= -n 2 --dist loadfile
test: venv
	$(PY) -m pytest -m fast
	@$(MAKE) --no-print-directory browser-deps epub-deps
	$(PY) -m pytest -m small
	@$(MAKE) --no-print-directory book
	$(PY) -m pytest -m book
	$(PY) -m pytest -m browser $(BROWSER_WORKERS)

# One layer alone: `make test-fast` (no build), `make test-small` (the small projects).
.PHONY: test-fast test-small
test-fast: venv
	$(PY) -m pytest -m fast
test-small: venv browser-deps epub-deps
	$(PY) -m pytest -m small

bench: venv tex-deps browser-deps
	$(PY) tools/benchmark.py

# Where the PDF's notes stand (before and after the print rework) and a class
# copy with 200 generated notes: its section of docs/benchmark.md.
.PHONY: bench-print
bench-print: venv tex-deps
	$(PY) tools/print_benchmark.py

# Live preview at http://127.0.0.1:8000: rebuilds when a page, an annotation
# file or the extension changes. (conf.py is generated from _config.yml.)
serve: venv
	$(JB) config sphinx .
	$(VENV)/bin/sphinx-autobuild . $(HTML) --host 127.0.0.1 --port 8000 \
	  --watch annotations --watch edition --ignore "*/_build/*" --ignore "*/.venv/*"

clean:
	rm -rf _build

# A class copy for a discussion: the PDF with the chosen layers of notes in its
# margin, e.g. `make class-copy LAYERS=editors,class` → _build/class-copy.pdf.
LAYERS     ?= editors
CLASS_COPY := _build/class-copy
.PHONY: class-copy
class-copy: venv tex-deps
	mkdir -p $(CLASS_COPY)
	rm -f _build/class-copy.pdf
	$(PY) -c 'import os, sys, yaml; c = yaml.safe_load(open("_config.yml", encoding="utf-8")); \
	  c["sphinx"]["local_extensions"] = {"edition": os.getcwd()}; \
	  c["sphinx"]["config"]["edition_layers"] = [n for n in sys.argv[1].split(",") if n]; \
	  yaml.safe_dump(c, sys.stdout, allow_unicode=True, sort_keys=False)' $(call quoted,LAYERS) > $(CLASS_COPY)/_config.yml
	rm -rf $(CLASS_COPY)/_build/latex
	$(Q)$(STAGE) PDF _build/class-copy.log $(JB) build . --builder pdflatex $(JBFLAGS) --config $(CLASS_COPY)/_config.yml \
	  --path-output $(CLASS_COPY) || $(PY) tools/build_summary.py _build/class-copy.log
	$(Q)$(PY) tools/tex_log.py $(CLASS_COPY)/_build/latex/$(PDF_NAME:.pdf=.log)
	$(Q)cp $(CLASS_COPY)/_build/latex/$(PDF_NAME) _build/class-copy.pdf
	@echo "Class copy: _build/class-copy.pdf"

# Import a class's web annotations (W3C JSON-LD or Hypothesis JSON) as the layer
# annotations/<LAYER>/; KEEP_NAMES=1 keeps the authors' names (see README).
.PHONY: import-annotations
import-annotations: venv
	@if [ -z $(call quoted,FILE) ] || [ -z $(call quoted,LAYER) ]; then echo "usage: make import-annotations FILE=<path> LAYER=<name> [KEEP_NAMES=1] [INCLUDE_PRIVATE=1] [ALLOW_EMPTY=1] [OVERWRITE_EDITS=1]" >&2; exit 2; fi
	@KEEP_NAMES=$(call quoted,KEEP_NAMES) INCLUDE_PRIVATE=$(call quoted,INCLUDE_PRIVATE) ALLOW_EMPTY=$(call quoted,ALLOW_EMPTY) \
	  OVERWRITE_EDITS=$(call quoted,OVERWRITE_EDITS) $(PY) -m edition.classroom.importer $(call quoted,FILE) $(call quoted,LAYER)

# A class report for the teacher, never part of the website: where the class read, where it
# got stuck, who took part, what did not anchor, and when. `make class-report LAYER=class`
# (several layers: LAYERS=class,teacher; US Letter: PAPER=letter) → _build/class-report/
# (index.html and class-report.pdf, printed by Debian's Chromium). It holds personal data.
# LAYERS counts only when given (its default above is the class copy's).
PAPER ?= a4
.PHONY: class-report
class-report: venv browser-deps
	@layers=$(call quoted,LAYER); \
	if [ -z "$$layers" ] && [ -n '$(filter command line environment,$(origin LAYERS))' ]; then layers=$(call quoted,LAYERS); fi; \
	if [ -z "$$layers" ]; then echo "usage: make class-report LAYER=<name> (or LAYERS=a,b) [PAPER=letter]" >&2; exit 2; fi; \
	$(PY) -m edition.classroom.reportpage "$$layers" --paper $(call quoted,PAPER)
