"""Spaced ellipses of the text (``. . .``), kept whole on every line.

The source marks its cuts with three spaced full stops. Sphinx's smart quotes
are off, so the characters reach every output; what remains is that a line
may break inside them, leaving a lone full stop. :func:`split_ellipses` (pure)
finds them; :class:`MarkEllipses` wraps each in a :class:`spaced_ellipsis`
node, which the LaTeX writer sets with fixed, unbreakable gaps and the HTML
writer (website and EPUB) in a span that does not wrap. The characters stay
those of the source.
"""

from __future__ import annotations

import re

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform

from ..text.pieces import split_matches
from . import priorities
from . import nodes as ed

#: A spaced ellipsis of the text, with the space before it when there is one;
#: after a full stop (". . . ."), the last three of the four.
SPACED_ELLIPSIS = re.compile(r" ?\.(?: \.){2}(?! \.)")


def split_ellipses(text: str) -> list[tuple[bool, str]]:
    """``text`` cut into pieces, each ``(is_ellipsis, characters)``.

    An ellipsis piece is the three spaced full stops with the space before
    them, so that the ellipsis is never set at the start of a line; the
    pieces joined give back ``text`` exactly.

    >>> split_ellipses("so common . . . The first")
    [(False, 'so common'), (True, ' . . .'), (False, ' The first')]
    """
    return split_matches(text, SPACED_ELLIPSIS)


class MarkEllipses(SphinxPostTransform):
    """Wrap every spaced ellipsis of the text in a :class:`spaced_ellipsis` node."""

    default_priority = priorities.MARK_ELLIPSES

    def run(self, **kwargs: object) -> None:
        for text in list(self.document.findall(nodes.Text)):
            if ". . ." not in text or isinstance(text.parent, (nodes.FixedTextElement, nodes.literal)):
                continue
            if isinstance(text.parent, ed.spaced_ellipsis):
                continue
            pieces = split_ellipses(str(text))
            parent = text.parent
            position = parent.index(text)
            parent.remove(text)
            for offset, (is_ellipsis, chars) in enumerate(pieces):
                piece = ed.spaced_ellipsis(chars, chars) if is_ellipsis else nodes.Text(chars)
                parent.insert(position + offset, piece)
