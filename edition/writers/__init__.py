"""The output formats: each format's visitors for the edition's nodes (HTML,
LaTeX, EPUB, and the plain ones for text, man and Texinfo), and the steps that
belong to one format (the website's extras and weight, print's crowded margins).

May use :mod:`edition.text`, :mod:`edition.notes` and :mod:`edition.build`.
"""
