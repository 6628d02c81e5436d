"""Charts of a dyad series. The series rows are made by hand, as ``series`` returns them."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import matplotlib
import pytest
from matplotlib.axes import Axes
from matplotlib.colors import to_hex

from detente.errors import DetenteError
from detente.palette import QUAD_COLOURS
from detente.plot import draw_series, plot_series

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
LEGEND = ("Verbal cooperation", "Material cooperation", "Verbal conflict", "Material conflict")


def cell(
    period: str, direction: str, counts: tuple[int, int, int, int], mean: float | None
) -> dict[str, Any]:
    verbal_coop, material_coop, verbal_conf, material_conf = counts
    events = sum(counts)
    return {
        "period": period,
        "direction": direction,
        "verbal_cooperation": verbal_coop,
        "material_cooperation": material_coop,
        "verbal_conflict": verbal_conf,
        "material_conflict": material_conf,
        "events": events,
        "intensity_total": round((mean or 0.0) * events, 2),
        "intensity_mean": mean if events else None,
    }


def months() -> list[dict[str, Any]]:
    """USA-CHN over five months, with April quiet and CHN silent in May."""
    data = {
        "2023-01": ((0, 0, 3, 1), -3.5, (0, 0, 2, 0), -3.0),
        "2023-02": ((0, 0, 4, 2), -5.2, (1, 0, 3, 1), -2.8),
        "2023-03": ((2, 1, 1, 0), 2.4, (1, 0, 0, 0), 2.5),
        "2023-05": ((4, 2, 1, 0), 4.1, (0, 0, 0, 0), None),
        "2023-06": ((3, 0, 0, 1), 1.2, (2, 1, 1, 0), 2.9),
    }
    rows = []
    for period, (ab, ab_mean, ba, ba_mean) in data.items():
        both = tuple(a + b for a, b in zip(ab, ba, strict=True))
        means = [m for m in (ab_mean, ba_mean) if m is not None]
        rows.append(cell(period, "USA->CHN", ab, ab_mean))
        rows.append(cell(period, "CHN->USA", ba, ba_mean))
        rows.append(cell(period, "both", both, round(sum(means) / len(means), 2)))
    return rows


def test_png_is_written(tmp_path: Path) -> None:
    out = plot_series(months(), "USA", "CHN", tmp_path / "usa-chn.png")
    assert out == tmp_path / "usa-chn.png"
    data = out.read_bytes()
    assert data.startswith(PNG_SIGNATURE) and len(data) > 10_000


def test_svg_has_the_title_and_legend(tmp_path: Path) -> None:
    out = plot_series(months(), "USA", "CHN", tmp_path / "usa-chn.svg")
    text = out.read_text(encoding="utf-8")
    assert ET.fromstring(text).tag.endswith("svg")
    title = "USA–CHN: cooperation and conflict by month (reports of one event counted once)"
    assert title in text
    for label in LEGEND:
        assert label in text
    assert "USA → CHN" in text and "CHN → USA" in text


def test_title_follows_freq_and_by(tmp_path: Path) -> None:
    rows = [cell("2023-06-05", d, (1, 0, 0, 0), 2.5) for d in ("USA->CHN", "both")]
    out = plot_series(rows, "USA", "CHN", tmp_path / "w.svg", freq="week", by="report")
    text = out.read_text(encoding="utf-8")
    assert "USA–CHN: cooperation and conflict by week (each report counted)" in text
    assert "Week (starting Monday)" in text


def test_one_period(tmp_path: Path) -> None:
    rows = [r for r in months() if r["period"] == "2023-03"]
    out = plot_series(rows, "USA", "CHN", tmp_path / "one.svg")
    assert "2023-03" in out.read_text(encoding="utf-8")


def test_quiet_periods_between_events_are_shown(tmp_path: Path) -> None:
    out = plot_series(months(), "USA", "CHN", tmp_path / "gaps.svg")
    assert "2023-04" in out.read_text(encoding="utf-8")


def test_long_quiet_stretches_are_one_slot(tmp_path: Path) -> None:
    early = [cell("2018-01", direction, (1, 0, 0, 1), -1.0) for direction in ("USA->CHN", "both")]
    out = plot_series([*early, *months()], "USA", "CHN", tmp_path / "long.svg")
    text = out.read_text(encoding="utf-8")
    assert "… 59 months …" in text and "2022-06" not in text
    assert "2018-01" in text and "2023-04" in text


def test_no_events_draws_an_empty_chart(tmp_path: Path) -> None:
    svg = plot_series([], "USA", "CHN", tmp_path / "empty.svg")
    assert "no events between USA and CHN" in svg.read_text(encoding="utf-8")
    png = plot_series([], "USA", "CHN", tmp_path / "empty.png")
    assert png.read_bytes().startswith(PNG_SIGNATURE)


@pytest.mark.parametrize("name", ["chart.pdf", "chart.jpg", "chart"])
def test_other_formats_are_refused(tmp_path: Path, name: str) -> None:
    with pytest.raises(DetenteError, match=r"\.png or \.svg"):
        plot_series(months(), "USA", "CHN", tmp_path / name)
    assert not (tmp_path / name).exists()


def test_suffix_case_does_not_matter(tmp_path: Path) -> None:
    out = plot_series(months(), "USA", "CHN", tmp_path / "CHART.PNG")
    assert out.read_bytes().startswith(PNG_SIGNATURE)


def test_an_unwritable_path_is_a_detente_error(tmp_path: Path) -> None:
    with pytest.raises(DetenteError, match="cannot write the chart"):
        plot_series(months(), "USA", "CHN", tmp_path / "missing" / "chart.png")


@pytest.mark.parametrize("suffix", ["png", "svg"])
def test_same_data_same_bytes(tmp_path: Path, suffix: str) -> None:
    one = plot_series(months(), "USA", "CHN", tmp_path / f"one.{suffix}")
    two = plot_series(months(), "USA", "CHN", tmp_path / f"two.{suffix}")
    assert one.read_bytes() == two.read_bytes()


def test_threads_draw_the_same_bytes_and_leave_settings_alone(tmp_path: Path) -> None:
    salt = matplotlib.rcParams["svg.hashsalt"]

    def draw(number: int) -> bytes:
        suffix = "svg" if number % 2 else "png"
        return plot_series(months(), "USA", "CHN", tmp_path / f"{number}.{suffix}").read_bytes()

    with ThreadPoolExecutor(4) as pool:
        charts = list(pool.map(draw, range(8)))
    assert len(set(charts[0::2])) == 1 and len(set(charts[1::2])) == 1
    assert matplotlib.rcParams["svg.hashsalt"] == salt


def scaled(factor: int, intensity: float) -> list[dict[str, Any]]:
    """``months()`` with every count times ``factor`` and every mean intensity times
    ``intensity``."""
    quads = ("verbal_cooperation", "material_cooperation", "verbal_conflict", "material_conflict")
    rows = []
    for row in months():
        counts = tuple(row[quad] * factor for quad in quads)
        mean = row["intensity_mean"]
        rows.append(cell(row["period"], row["direction"], counts, mean and mean * intensity))
    return rows


def labelled_span(axes: Axes) -> tuple[float, float]:
    """The lowest and highest of the y ticks that are drawn (inside the limits)."""
    low, high = axes.get_ylim()
    shown = [tick for tick in axes.get_yticks() if low <= tick <= high]
    return shown[0], shown[-1]


@pytest.mark.parametrize("factor", [1, 3, 7, 40])
def test_the_counts_axis_ends_at_its_outermost_labels(factor: int) -> None:
    counts, _ = draw_series(scaled(factor, 1.0), "USA", "CHN").axes
    assert counts.get_ylim() == labelled_span(counts)


@pytest.mark.parametrize("intensity", [0.3, 1.0, 1.6, 1.9])
def test_the_intensity_axis_is_plovers_scale_as_labelled(intensity: float) -> None:
    _, means = draw_series(scaled(1, intensity), "USA", "CHN").axes
    assert "−10 to +10" in means.get_ylabel()
    assert means.get_ylim() == labelled_span(means) == (-10, 10)


def test_bars_legend_and_tints_are_the_palette() -> None:
    counts, means = draw_series(months(), "USA", "CHN").axes
    legend = counts.get_legend()
    assert [to_hex(h.get_facecolor()) for h in legend.legend_handles] == list(QUAD_COLOURS.values())
    assert [text.get_text() for text in legend.get_texts()] == list(LEGEND)
    drawn = [{to_hex(bar.get_facecolor()) for bar in bars} for bars in counts.containers]
    assert drawn == [{colour} for colour in QUAD_COLOURS.values()]
    tints = [to_hex(span.get_facecolor(), keep_alpha=False) for span in means.patches]
    assert tints == [QUAD_COLOURS["material_cooperation"], QUAD_COLOURS["material_conflict"]]
