"""Direct labels that never collide: placed in rows above the data, each tied to its point by a leader line.

The placement is deterministic (no random start, no iteration to
convergence, no renderer): label widths come from the font's own metrics,
and the labels keep the order of their points, moved as little as they must
so that none overlaps another (:func:`place`). The rows sit in a band at the
top of the axes, and the value axis is extended so that no data point lies
under the band.
"""

from __future__ import annotations

import dataclasses
import itertools
import math
from collections.abc import Sequence
from typing import TYPE_CHECKING

from aidstats._draw.style import figure_of, text_width_pt

if TYPE_CHECKING:
    from matplotlib.axes import Axes

__all__ = ["Label", "label_rows", "place"]

_GAP = 0.015  # axes fraction between two labels of a row
_LINE = 1.25  # line height, in font sizes
_HEIGHT_SHARE = 0.6  # at most this share of the figure's height is taken to be the axes' height


@dataclasses.dataclass(frozen=True)
class Label:
    """A label for the point (x, y) in data coordinates."""

    x: float
    y: float
    text: str


def place(centres: Sequence[float], widths: Sequence[float]) -> list[tuple[int, float]]:
    """(row, centre) of each label, given its point's x and its width in axes fractions.

    Labels keep the left-to-right order of their points and move as little
    as they must (least squares) so that none overlaps another and all stay
    inside [0, 1]. Row 0 is the top row; labels go into more rows only when
    one row is too narrow for all of them, taking turns in the order of
    their points, so that each leader line runs between two labels of the
    row below.

    Examples
    --------
    >>> place([0.5, 0.52, 0.9], [0.1, 0.1, 0.1])
    [(0, 0.4525), (0, 0.5675), (0, 0.9)]
    >>> place([0.96, 0.98], [0.1, 0.1])
    [(0, 0.835), (0, 0.95)]
    """
    by_x = sorted(range(len(centres)), key=lambda i: (float(centres[i]), i))
    need = sum(min(float(w), 1.0) + _GAP for w in widths)
    n_rows = max(1, math.ceil(need / (1.0 - _GAP)))
    result: list[tuple[int, float]] = [(0, 0.0)] * len(centres)
    for row in range(n_rows):
        members = by_x[row::n_rows]
        spots = _spread(
            [float(centres[i]) for i in members], [min(float(widths[i]), 1.0) for i in members]
        )
        for i, spot in zip(members, spots, strict=True):
            result[i] = (row, round(spot, 6))
    return result


def _spread(want: list[float], widths: list[float]) -> list[float]:
    """Centres nearest ``want`` (sorted) with no two labels closer than their half widths and a gap."""
    if not want:
        return []
    # Offsets turn "each label right of the previous one" into "q is non-decreasing" (q = centre - offset),
    # which pooling adjacent violators solves exactly in least squares.
    offsets = [0.0]
    for left, right in itertools.pairwise(widths):
        offsets.append(offsets[-1] + (left + right) / 2 + _GAP)
    blocks: list[list[float]] = []  # [mean, count]
    for w, off in zip(want, offsets, strict=True):
        blocks.append([w - off, 1.0])
        while len(blocks) > 1 and blocks[-2][0] > blocks[-1][0]:
            mean, count = blocks.pop()
            blocks[-1] = [
                (blocks[-1][0] * blocks[-1][1] + mean * count) / (blocks[-1][1] + count),
                blocks[-1][1] + count,
            ]
    fitted = [mean for mean, count in blocks for _ in range(int(count))]
    spots = [q + off for q, off in zip(fitted, offsets, strict=True)]
    # Inside [0, 1]: push the chain in from the edges, keeping the spacing.
    spots[0] = max(spots[0], widths[0] / 2)
    for k in range(1, len(spots)):
        spots[k] = max(spots[k], spots[k - 1] + offsets[k] - offsets[k - 1])
    spots[-1] = min(spots[-1], 1.0 - widths[-1] / 2)
    for k in range(len(spots) - 2, -1, -1):
        spots[k] = min(spots[k], spots[k + 1] - (offsets[k + 1] - offsets[k]))
    return spots


def label_rows(
    ax: Axes,
    labels: Sequence[Label],
    *,
    size: float,
    marker_pt: Sequence[float] | None = None,
    top: float,
) -> None:
    """Label points of ``ax`` in rows above the data; ``top`` is the largest value on the axis.

    Call after the x-limits are set. The y-axis is set to start at 0 and to
    end where the label band begins above ``top``. ``marker_pt`` (radius of
    each point's marker, in points) keeps leader lines off the markers.
    """
    if not labels:
        ax.set_ylim(0.0, top * 1.08)
        return
    from matplotlib.ticker import FixedLocator, MaxNLocator
    from matplotlib.transforms import ScaledTranslation

    fig = figure_of(ax)
    position = ax.get_position()
    # Before the layout runs the axes have the default subplot size; the label widths are
    # measured against that (smaller) width, and the band against a height no larger than
    # the layout will leave, so that the estimate errs on the side of room.
    width_pt = fig.get_figwidth() * 72 * position.width
    height_pt = fig.get_figheight() * 72 * min(position.height, _HEIGHT_SHARE)
    x0, x1 = ax.get_xlim()
    centres = [(label.x - x0) / (x1 - x0) for label in labels]
    widths = [(text_width_pt(label.text, size) + 4) / width_pt for label in labels]
    lines = max(label.text.count("\n") + 1 for label in labels)
    row_pt = lines * size * _LINE + 4
    spots = place(centres, widths)
    n_rows = max(row for row, _ in spots) + 1
    band = (n_rows * row_pt + 8) / height_pt
    ax.set_ylim(0.0, top / max(0.3, 1.0 - band))
    # Ticks and gridlines end below the band: the space above the data belongs to the labels.
    ticks = MaxNLocator(nbins=6, steps=[1, 2, 2.5, 5, 10]).tick_values(0.0, top)
    ax.yaxis.set_major_locator(FixedLocator([t for t in ticks if 0 <= t <= top * 1.08]))
    for k, (label, (row, centre)) in enumerate(zip(labels, spots, strict=True)):
        shrink = float(marker_pt[k]) if marker_pt is not None else 2.0
        down = ScaledTranslation(0.0, -(3 + row * row_pt) / 72, fig.dpi_scale_trans)
        ax.annotate(
            label.text,
            (label.x, label.y),
            xytext=(centre, 1.0),
            textcoords=ax.transAxes + down,
            ha="center",
            va="top",
            fontsize=size,
            linespacing=1.1,
            arrowprops={
                "arrowstyle": "-",
                "color": "#777777",
                "linewidth": 0.5,
                "shrinkA": 1.0,
                "shrinkB": shrink,
            },
            bbox={
                "boxstyle": "round,pad=0.15",
                "facecolor": "white",
                "edgecolor": "none",
                "alpha": 0.85,
            },
            annotation_clip=False,
        )
