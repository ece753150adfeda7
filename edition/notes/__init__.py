"""The notes as data (pure: no Sphinx, no docutils): annotation records, what a body
may hold, layers and replies, and finding a note's phrase in its paragraph.

May use :mod:`edition.text`.
"""
