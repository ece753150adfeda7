"""The source text and what the project's own files say (pure: no Sphinx, no docutils).

The source split into units, finding a quotation in it, lemmata, the
project's table of contents, the licence statement, URLs.
"""
