"""When each of the edition's steps runs, by name (docutils and Sphinx: lower runs first).

The transforms and post-transforms take their ``default_priority`` from here,
and ``edition/extension.py`` connects its event handlers with these numbers,
so that the order of the whole build can be read in one place.
"""

from __future__ import annotations

# --- transforms, while a page is read (Sphinx's own run from 100 to 999)

#: Each note gets its layer and its label, and a reply moves under the note it answers.
LAYER_NOTES = 299
#: Each note moves beside its phrase (``build/placement.py``).
PLACE_NOTES = 300
#: Each phrase mark takes its note's layer (after placement has cut the phrases).
LAYER_MARKS = 301

# --- post-transforms, on the resolved doctree of one output

#: ``¶n``/``Rn`` links become unit links: after references are resolved (Sphinx: 10).
NAME_UNIT_LINKS = 20
#: A chapter's introduction is labelled as the editors'.
LABEL_INTRODUCTIONS = 21
#: Each unit's number becomes an entry of the search index.
UNIT_SEARCH_ENTRIES = 22
#: Spaced ellipses are kept whole.
MARK_ELLIPSES = 800
#: Print's tables may break across pages, and no paragraph ends on half a word.
PRINT_TYPESETTING = 800
#: Figures that identify something are set as lining figures.
MARK_FIGURES = 810
#: What print's margin cannot hold moves to the end of its chapter.
CROWDED_MARGINS = 810
#: Plain text sets each note apart, after its paragraph (``writers/plaintext.py``).
SET_NOTES_APART = 800

# --- event handlers (Sphinx's default is 500)

#: Before the theme's own handler (500): the sidebar's contents from ``_toc.yml``.
BEFORE_THEME = 400
#: The default: the order of the table in ``edition/extension.py``.
DEFAULT = 500
#: After the notes are loaded (``builder-inited``) or the pages written (``build-finished``).
AFTER_LOADING = 600
#: After every other extension's handler.
LAST = 900
