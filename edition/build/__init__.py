"""Sphinx glue that makes the doctree: the nodes, the directives and roles, the
transforms that place notes and mark the text, the build's state and its faults.

May use :mod:`edition.text` and :mod:`edition.notes`.
"""
