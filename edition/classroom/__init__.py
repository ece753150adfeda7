"""Teaching use: notes in layers with replies (Sphinx glue), the notes as W3C Web
Annotations (model and export), a class's annotations imported as a layer, and
the class report.

May use every layer but :mod:`edition.extension`.
"""
