# The annotated edition: two commands do everything on a fresh Debian machine.
#   make book   set up (virtual environment, Debian TeX), build the website and the PDF
#   make test   the same set-up and build, then the whole test suite
.DEFAULT_GOAL := book
SHELL := /bin/bash

VENV     ?= .venv
PYTHON   ?= python3
PY       := $(VENV)/bin/python
JB       := $(VENV)/bin/jupyter-book
JBFLAGS  := -W -n --keep-going
# The PDF's name has one home: latex_documents' targetname in _config.yml.
PDF_NAME := $(shell sed -n 's/^ *targetname: *\(.*\)\.tex *$$/\1.pdf/p' _config.yml)
HTML     := _build/html
LATEX    := _build/latex

# Reproducible output: dates in the HTML and the PDF come from the last commit.
SOURCE_DATE_EPOCH ?= $(shell git log -1 --format=%ct 2>/dev/null || echo 1764115200)
export SOURCE_DATE_EPOCH

.PHONY: book html pdf test bench serve clean venv tex-deps browser-deps

book: html pdf
	cp $(LATEX)/$(PDF_NAME) $(HTML)/$(PDF_NAME)
	@echo "Website: $(HTML)/index.html   PDF: $(HTML)/$(PDF_NAME)"

venv: $(VENV)/.installed
$(VENV)/.installed: requirements.txt
	$(PYTHON) -m venv --clear $(VENV)
	$(VENV)/bin/pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

tex-deps:
	@tools/debian-deps tex

browser-deps:
	@tools/debian-deps browser

# A failed build ends with its faults, one line each (tools/build_summary.py).
html: venv
	@mkdir -p _build
	set -o pipefail; $(JB) build . --builder html $(JBFLAGS) 2>&1 | tee _build/html.log \
	  || $(PY) tools/build_summary.py _build/html.log

pdf: venv tex-deps
	@mkdir -p _build
	set -o pipefail; $(JB) build . --builder pdflatex $(JBFLAGS) 2>&1 | tee _build/pdf.log \
	  || $(PY) tools/build_summary.py _build/pdf.log

# The test layers in order (pytest markers, see pytest.ini): the fast layer
# needs no build and fails in seconds on a broken core; then what reads or
# makes builds; then the website in Chromium.
test: venv
	$(PY) -m pytest -m fast
	$(MAKE) book browser-deps
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
