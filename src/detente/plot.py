"""Charts of a dyad series: cooperation above zero, conflict below, and mean intensity.

``plot_series`` draws the rows of ``detente.series.series`` as a PNG or SVG file, and
``draw_series`` as a figure. The top panel stacks each period's events (both directions)
by PLOVER quad class, with cooperation above zero and conflict below it; the bottom
panel, on the same periods, shows the mean intensity of each direction, with gaps where a
direction has no events. Every period from the first to the last appears, so a quiet
month is visible as such.

The chart is drawn on a ``matplotlib.figure.Figure`` without pyplot, so it works headless
and in threads; the same rows give the same bytes (file dates and software versions are
left out of the metadata, and SVG element ids are hashed with a fixed salt).
"""

from __future__ import annotations

import datetime as dt
import math
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import matplotlib as mpl
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.patches import Patch
from matplotlib.ticker import FuncFormatter, MaxNLocator

from detente.errors import ChartError, InvalidArgument
from detente.palette import CONFLICT, COOPERATION, QUAD_COLOURS

FORMATS = ("png", "svg")

QUAD_STYLE: dict[str, tuple[str, str]] = {
    quad: (quad.replace("_", " ").capitalize(), colour) for quad, colour in QUAD_COLOURS.items()
}
"""Legend label and colour of each quad class, the colours the dashboard's."""

COUNTED = {"cluster": "reports of one event counted once", "report": "each report counted"}

_METADATA: dict[str, dict[str, Any]] = {"png": {"Software": None}, "svg": {"Date": None}}
"""File metadata left out so the bytes depend on the data only."""

_SVG_LOCK = threading.Lock()
_MAX_LABELS = 36
QUIET_RUN = 4
"""This many empty periods in a row or more are drawn as one narrow slot."""
INTENSITY_LIMIT = 10
"""PLOVER's intensities run from −10 to +10, and so does the intensity axis."""
_COUNT_TICKS = MaxNLocator(nbins=5, integer=True, steps=[1, 2, 2.5, 5, 10])
"""Whole-number ticks of the counts panel, whose outermost tick is its limit."""


def plot_series(
    rows: list[dict[str, Any]],
    first: str,
    second: str,
    out: Path,
    *,
    freq: str = "month",
    by: str = "cluster",
) -> Path:
    """Draw a dyad series into ``out`` (``.png`` or ``.svg``) and return its path."""
    fmt = out.suffix.lower().removeprefix(".")
    if fmt not in FORMATS:
        raise ChartError(
            path=out,
            problem=f"cannot draw a chart as {out.suffix or 'a file without a suffix'}; "
            "name the file .png or .svg",
        )
    figure = draw_series(rows, first, second, freq=freq, by=by)
    try:
        if fmt == "svg":
            _save_svg(figure, out)
        else:
            figure.savefig(out, format=fmt, dpi=120, bbox_inches="tight", metadata=_METADATA[fmt])
    except OSError as exc:
        raise ChartError(
            path=out, problem=f"cannot write the chart ({exc.strerror or exc})"
        ) from None
    return out


def draw_series(
    rows: list[dict[str, Any]],
    first: str,
    second: str,
    *,
    freq: str = "month",
    by: str = "cluster",
) -> Figure:
    """The chart of a dyad series as a matplotlib ``Figure``: the counts panel, then the
    intensity panel."""
    if freq not in ("week", "month"):
        raise InvalidArgument(name="freq", allowed="week or month", value=freq)
    if by not in COUNTED:
        raise InvalidArgument(name="by", allowed="cluster or report", value=by)
    cells = {(row["period"], row["direction"]): row for row in rows}
    periods = _periods({period for period, _ in cells}, freq)
    return _draw(cells, periods, first, second, freq, by)


def _save_svg(figure: Figure, out: Path) -> None:
    """Save as SVG with fixed element ids. matplotlib hashes them with a random salt
    unless rcParams' ``svg.hashsalt`` is set, and reads it from there only: that one
    setting is changed for the save and put back, under a lock so that saves in other
    threads neither see it changing nor restore it out of order."""
    with _SVG_LOCK:
        previous = mpl.rcParams["svg.hashsalt"]
        mpl.rcParams["svg.hashsalt"] = "detente"
        try:
            figure.savefig(
                out, format="svg", dpi=120, bbox_inches="tight", metadata=_METADATA["svg"]
            )
        finally:
            mpl.rcParams["svg.hashsalt"] = previous


def _periods(present: set[str], freq: str) -> list[str]:
    """Every period from the first present to the last, empty ones included, except
    that ``QUIET_RUN`` or more empty periods in a row are one slot ("… 56 months …")."""
    return _shorten_quiet_runs(_every_period(present, freq), present, freq)


def _shorten_quiet_runs(periods: list[str], present: set[str], freq: str) -> list[str]:
    out: list[str] = []
    quiet: list[str] = []
    for period in [*periods, None]:
        if period is not None and period not in present:
            quiet.append(period)
            continue
        if len(quiet) >= QUIET_RUN:
            out.append(f"… {len(quiet)} {freq}s …")
        else:
            out += quiet
        quiet = []
        if period is not None:
            out.append(period)
    return out


def _every_period(present: set[str], freq: str) -> list[str]:
    if not present:
        return []
    start, end = min(present), max(present)
    periods = set(present)
    if freq == "week":
        day, last = dt.date.fromisoformat(start), dt.date.fromisoformat(end)
        while day <= last:
            periods.add(day.isoformat())
            day += dt.timedelta(days=7)
    else:
        year, month = (int(part) for part in start.split("-"))
        while (period := f"{year:04d}-{month:02d}") <= end:
            periods.add(period)
            year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return sorted(periods)


def _draw(
    cells: dict[tuple[str, str], dict[str, Any]],
    periods: list[str],
    first: str,
    second: str,
    freq: str,
    by: str,
) -> Figure:
    width = min(16.0, max(8.0, 3.0 + 0.32 * len(periods)))
    figure = Figure(figsize=(width, 6.8), layout="constrained")
    top, bottom = figure.subplots(2, 1, sharex=True, height_ratios=[3, 2])
    figure.suptitle(
        f"{first}–{second}: cooperation and conflict by {freq} ({COUNTED[by]})",
        fontsize="large",
    )
    _counts(top, [cells.get((p, "both"), {}) for p in periods])
    _intensity(bottom, cells, periods, first, second)
    # At least four periods' room, so a single period is a bar, not a wall.
    margin = 0.5 + max(0, 4 - len(periods)) / 2
    bottom.set_xlim(-margin, len(periods) - 1 + margin)
    step = max(1, math.ceil(len(periods) / _MAX_LABELS))
    shown = list(range(0, len(periods), step))
    labels = [periods[i] for i in shown]
    bottom.set_xticks(shown, labels=labels)
    room = (width - 2.5) / max(len(shown), 1)
    if labels and room < 0.085 * max(len(label) for label in labels):
        bottom.tick_params(axis="x", labelrotation=45)
        for label in bottom.get_xticklabels():
            label.set_horizontalalignment("right")
            label.set_rotation_mode("anchor")
    bottom.set_xlabel("Week (starting Monday)" if freq == "week" else "Month")
    if not periods:
        top.text(
            0.5,
            0.5,
            f"no events between {first} and {second}",
            transform=top.transAxes,
            ha="center",
            va="center",
            color="#555555",
            fontsize="large",
            bbox={"facecolor": "white", "edgecolor": "none"},
            zorder=4,
        )
    return figure


def _counts(axes: Axes, both: Sequence[dict[str, Any]]) -> None:
    """Stacked bars: cooperation up from zero, conflict down from it."""
    positions = range(len(both))
    values = {quad: [row.get(quad, 0) for row in both] for quad in QUAD_STYLE}
    verbal_coop, material_coop = values["verbal_cooperation"], values["material_cooperation"]
    verbal_conf = [-v for v in values["verbal_conflict"]]
    material_conf = [-v for v in values["material_conflict"]]
    for quad, heights, base in (
        ("verbal_cooperation", verbal_coop, None),
        ("material_cooperation", material_coop, verbal_coop),
        ("verbal_conflict", verbal_conf, None),
        ("material_conflict", material_conf, verbal_conf),
    ):
        colour = QUAD_STYLE[quad][1]
        axes.bar(positions, heights, 0.7, bottom=base, color=colour, zorder=2)
    axes.axhline(0, color="#333333", linewidth=0.9, zorder=3)
    tallest = max(
        [
            1,
            *(a + b for a, b in zip(verbal_coop, material_coop, strict=True)),
            *(-(a + b) for a, b in zip(verbal_conf, material_conf, strict=True)),
        ]
    )
    above = [tick for tick in _COUNT_TICKS.tick_values(0, tallest) if tick > 0]
    axes.set_yticks([*(-tick for tick in reversed(above)), 0, *above])
    axes.set_ylim(-above[-1], above[-1])
    axes.yaxis.set_major_formatter(FuncFormatter(lambda value, _: f"{abs(value):g}"))
    axes.grid(axis="y", color="#e5e5e5", linewidth=0.8, zorder=0)
    axes.set_ylabel("Events\n(cooperation up, conflict down)")
    axes.legend(
        handles=[Patch(color=colour, label=label) for label, colour in QUAD_STYLE.values()],
        loc="lower left",
        bbox_to_anchor=(0, 1.01),
        ncols=4,
        frameon=False,
        fontsize="small",
        borderaxespad=0,
    )
    for side in ("top", "right"):
        axes.spines[side].set_visible(False)


def _intensity(
    axes: Axes,
    cells: dict[tuple[str, str], dict[str, Any]],
    periods: list[str],
    first: str,
    second: str,
) -> None:
    """Mean intensity of each direction, as lines broken where it has no events."""
    for source, target, colour, marker, style, shift in (
        (first, second, "#252525", "o", "-", -0.08),
        (second, first, "#8c6bb1", "s", "--", 0.08),
    ):
        means = [cells.get((p, f"{source}->{target}"), {}).get("intensity_mean") for p in periods]
        values = [math.nan if mean is None else mean for mean in means]
        axes.plot(
            [i + shift for i in range(len(periods))],
            values,
            color=colour,
            marker=marker,
            markersize=5,
            linestyle=style,
            linewidth=1.5,
            label=f"{source} → {target}",
            zorder=3,
            clip_on=False,
        )
    axes.set_yticks(range(-INTENSITY_LIMIT, INTENSITY_LIMIT + 1, 5))
    axes.set_ylim(-INTENSITY_LIMIT, INTENSITY_LIMIT)
    axes.axhspan(0, INTENSITY_LIMIT, color=COOPERATION, alpha=0.05, linewidth=0, zorder=0)
    axes.axhspan(-INTENSITY_LIMIT, 0, color=CONFLICT, alpha=0.05, linewidth=0, zorder=0)
    axes.axhline(0, color="#333333", linewidth=0.9, zorder=2)
    for y, va, word, colour in (
        (0.97, "top", "cooperation", COOPERATION),
        (0.03, "bottom", "conflict", CONFLICT),
    ):
        axes.text(0.005, y, word, transform=axes.transAxes, va=va, color=colour, fontsize="small")
    axes.set_ylabel(f"Mean intensity\n(PLOVER, −{INTENSITY_LIMIT} to +{INTENSITY_LIMIT})")
    axes.legend(
        loc="lower right",
        bbox_to_anchor=(1, 1.01),
        ncols=2,
        frameon=False,
        fontsize="small",
        borderaxespad=0,
    )
    for side in ("top", "right"):
        axes.spines[side].set_visible(False)
