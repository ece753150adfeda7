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

# Reproducible output: dates in the HTML and the PDF come from the last commit.
SOURCE_DATE_EPOCH ?= $(shell git log -1 --format=%ct 2>/dev/null || echo 1764115200)
export SOURCE_DATE_EPOCH

.PHONY: book html pdf epub test bench serve clean venv tex-deps browser-deps epub-deps ace-deps

book: html pdf epub
	cp $(LATEX)/$(PDF_NAME) $(HTML)/$(PDF_NAME)
	cp $(EPUB)/$(EPUB_NAME) $(HTML)/$(EPUB_NAME)
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

# Ace by DAISY (npm, pinned in the script) for the EPUB's accessibility check.
ace-deps:
	@tools/ace-deps

# A failed build ends with its faults, one line each (tools/build_summary.py).
html: venv
	@mkdir -p _build
	set -o pipefail; $(JB) build . --builder html $(JBFLAGS) 2>&1 | tee _build/html.log \
	  || $(PY) tools/build_summary.py _build/html.log

pdf: venv tex-deps
	@mkdir -p _build
	set -o pipefail; $(JB) build . --builder pdflatex $(JBFLAGS) 2>&1 | tee _build/pdf.log \
	  || $(PY) tools/build_summary.py _build/pdf.log

epub: venv
	@mkdir -p _build
	set -o pipefail; $(JB) build . --builder custom --custom-builder epub $(JBFLAGS) 2>&1 | tee _build/epub.log \
	  || $(PY) tools/build_summary.py _build/epub.log

# The test layers in order (pytest markers, see pytest.ini): the fast layer
# needs no build and fails in seconds on a broken core; then what reads or
# makes builds; then the website in Chromium.
test: venv
	$(PY) -m pytest -m fast
	$(MAKE) book browser-deps epub-deps
	$(PY) -m pytest -m build
	$(PY) -m pytest -m browser

bench: venv tex-deps browser-deps
	$(PY) tools/benchmark.py

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
	$(PY) -c 'import os, sys, yaml; c = yaml.safe_load(open("_config.yml", encoding="utf-8")); \
	  c["sphinx"]["local_extensions"] = {"edition": os.getcwd()}; \
	  c["sphinx"]["config"]["edition_layers"] = [n for n in sys.argv[1].split(",") if n]; \
	  yaml.safe_dump(c, sys.stdout, allow_unicode=True, sort_keys=False)' '$(LAYERS)' > $(CLASS_COPY)/_config.yml
	rm -rf $(CLASS_COPY)/_build/latex
	$(JB) build . --builder pdflatex $(JBFLAGS) --config $(CLASS_COPY)/_config.yml --path-output $(CLASS_COPY)
	cp $(CLASS_COPY)/_build/latex/$(PDF_NAME) _build/class-copy.pdf
	@echo "Class copy ($(LAYERS)): _build/class-copy.pdf"

# Import a class's web annotations (W3C JSON-LD or Hypothesis JSON) as the layer
# annotations/<LAYER>/; KEEP_NAMES=1 keeps the authors' names (see README).
.PHONY: import-annotations
import-annotations: venv
	@if [ -z "$(FILE)" ] || [ -z "$(LAYER)" ]; then echo "usage: make import-annotations FILE=<path> LAYER=<name> [KEEP_NAMES=1]" >&2; exit 2; fi
	@KEEP_NAMES="$(KEEP_NAMES)" $(PY) -m edition.importer "$(FILE)" "$(LAYER)"
