"""The class report's charts: static SVG drawn by matplotlib (no script, no pyplot state).

Each chart is a string of SVG, written by :mod:`edition.classroom.reportpage` beside the page.
Text stays text in the SVG (``svg.fonttype: none``), so the PDF can be searched, and
the output is the same for the same counts (fixed ids, no date).
"""

from __future__ import annotations

import io
from collections.abc import Sequence

import matplotlib
from matplotlib.backends.backend_svg import FigureCanvasSVG
from matplotlib.figure import Figure

from .classreport import Day

#: Colours of the notes and of the replies (the page's legend uses the same).
NOTE_COLOUR = "#9a3412"
REPLY_COLOUR = "#1d4ed8"
RC = {
    "svg.fonttype": "none",
    "font.family": "DejaVu Sans",
    "font.size": 9,
    "axes.spines.top": False,
    "axes.spines.right": False,
}


def _svg(figure: Figure, salt: str) -> str:
    """The figure as SVG text, its ids made from ``salt`` so that they are stable and distinct."""
    with matplotlib.rc_context({**RC, "svg.hashsalt": salt}):
        out = io.StringIO()
        FigureCanvasSVG(figure).print_svg(out, metadata={"Date": None})
    return out.getvalue()


def unit_bar(salt: str, notes: int, replies: int, most: int) -> str:
    """A small chart of one unit: a bar for its notes and one for its replies, each with its count,
    on the same scale (``most``) for every unit."""
    with matplotlib.rc_context(RC):
        figure = Figure(figsize=(2.2, 0.62))
        axes = figure.add_axes((0.27, 0.08, 0.6, 0.84))
        values = [notes, replies]
        axes.barh([1, 0], values, color=[NOTE_COLOUR, REPLY_COLOUR], height=0.72)
        axes.set_xlim(0, max(most, 1))
        axes.set_ylim(-0.6, 1.6)
        axes.set_yticks([1, 0], ["notes", "replies"])
        axes.set_xticks([])
        axes.spines["bottom"].set_visible(False)
        axes.tick_params(axis="y", length=0)
        for y, value in zip([1, 0], values):
            axes.text(value + max(most, 1) * 0.03, y, str(value), va="center", ha="left")
        return _svg(figure, salt)


def per_day_chart(days: Sequence[Day]) -> str:
    """Notes and replies written each day, stacked, one bar a day (days without any included)."""
    with matplotlib.rc_context(RC):
        width = min(7.0, max(3.0, 0.32 * len(days) + 1.2))
        figure = Figure(figsize=(width, 2.4), layout="constrained")
        axes = figure.add_subplot()
        x = list(range(len(days)))
        notes = [d.notes for d in days]
        replies = [d.replies for d in days]
        axes.bar(x, notes, color=NOTE_COLOUR, label="notes", width=0.75)
        axes.bar(x, replies, bottom=notes, color=REPLY_COLOUR, label="replies", width=0.75)
        axes.set_xlim(-0.6, max(len(days), 7) - 0.4)  # a few days keep the width of a day
        step = max(1, len(days) // 14)
        axes.set_xticks(x[::step], [f"{d.day:%a} {d.day.day} {d.day:%b}" for d in days][::step],
                        rotation=45 if len(days) > 6 else 0, ha="right" if len(days) > 6 else "center")
        axes.set_ylabel("written that day")
        axes.yaxis.get_major_locator().set_params(integer=True)
        axes.legend(frameon=False, ncols=2, loc="lower left", bbox_to_anchor=(0, 1))
        return _svg(figure, "per-day")
