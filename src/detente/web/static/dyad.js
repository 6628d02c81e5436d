// A dyad's cooperation and conflict over time, drawn in SVG from /api/series:
// cooperation stacks up from the zero line, conflict down from it. A bar opens the
// events of its period below the chart.

import { api, bindForm, clear, el, href, loading, showError, svg } from "./common.js";
import { eventTable } from "./eventtable.js";
import { QUAD_LABELS } from "./plover.js";

const chart = document.getElementById("chart");
const period = document.getElementById("period");
const form = document.getElementById("dyad-form");
const title = document.getElementById("dyad-title");

const WIDTH = 960;
const HEIGHT = 340;
const MARGIN = { top: 16, right: 16, bottom: 44, left: 44 };
const UP = ["verbal_cooperation", "material_cooperation"];
const DOWN = ["verbal_conflict", "material_conflict"];
const GAP = 4;
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** Every period from the first to the last, so that time runs evenly along the axis. */
function periods(first, last, freq) {
  const out = [];
  if (freq === "month") {
    let [year, month] = first.split("-").map(Number);
    const [endYear, endMonth] = last.split("-").map(Number);
    while (year < endYear || (year === endYear && month <= endMonth)) {
      out.push(`${year}-${String(month).padStart(2, "0")}`);
      month += 1;
      if (month > 12) [year, month] = [year + 1, 1];
    }
  } else {
    const day = new Date(`${first}T00:00:00Z`);
    const end = new Date(`${last}T00:00:00Z`);
    while (day <= end) {
      out.push(day.toISOString().slice(0, 10));
      day.setUTCDate(day.getUTCDate() + 7);
    }
  }
  return out;
}

/** The axis's slots: one per period, except that a run of at least GAP empty periods
 * becomes one slot marked as a break, so that a few old events do not squeeze the rest. */
function slots(all, rows) {
  const out = [];
  let empty = [];
  const flush = () => {
    if (empty.length >= GAP) out.push({ gap: empty });
    else out.push(...empty.map((period) => ({ period })));
    empty = [];
  };
  for (const period of all) {
    if (rows.has(period)) {
      flush();
      out.push({ period, row: rows.get(period) });
    } else {
      empty.push(period);
    }
  }
  flush();
  return out;
}

function label(value, freq, full) {
  if (freq === "week") return full ? value : value.slice(5);
  const [year, month] = value.split("-");
  const name = MONTHS[Number(month) - 1];
  return full || month === "01" ? `${name} ${year}` : name;
}

/** At most four whole-number ticks above zero, the last at or above max: the axis ends
 * at its outermost tick, so every bar is read against a labelled line. */
function ticks(max) {
  const step = Math.max(1, Math.ceil(max / 4));
  const out = [];
  for (let v = step; v < max + step; v += step) out.push(v);
  return out;
}

function describe(row) {
  const up = UP.map((q) => `${row[q]} ${QUAD_LABELS[q]}`).join(", ");
  const down = DOWN.map((q) => `${row[q]} ${QUAD_LABELS[q]}`).join(", ");
  const mean = row.intensity_mean === null ? "" : `; mean intensity ${row.intensity_mean}`;
  return `${row.period}: ${row.events} events — ${up}; ${down}${mean}`;
}

function bars(group, row, x, width, zero, unit) {
  let top = zero;
  for (const quad of UP) {
    const height = row[quad] * unit;
    if (!height) continue;
    top -= height;
    group.append(svg("rect", { class: `bar ${quad}`, x, y: top, width, height }));
  }
  let bottom = zero;
  for (const quad of DOWN) {
    const height = row[quad] * unit;
    if (!height) continue;
    group.append(svg("rect", { class: `bar ${quad}`, x, y: bottom, width, height }));
    bottom += height;
  }
}

function draw(data, direction, onPick) {
  const wanted = { both: "both", ab: `${data.a}->${data.b}`, ba: `${data.b}->${data.a}` }[direction];
  const rows = new Map(data.items.filter((r) => r.direction === wanted && r.events > 0).map((r) => [r.period, r]));
  if (!rows.size) {
    return el("p", { class: "muted" }, `No events that occurred between ${data.a} and ${data.b}${direction === "both" ? "" : " in this direction"}.`);
  }
  const keys = [...rows.keys()].sort();
  const all = periods(keys[0], keys[keys.length - 1], data.freq);
  const axis = slots(all, rows);
  const sum = (row, quads) => quads.reduce((total, q) => total + row[q], 0);
  const ticksUp = ticks(Math.max(1, ...[...rows.values()].map((r) => sum(r, UP))));
  const ticksDown = ticks(Math.max(1, ...[...rows.values()].map((r) => sum(r, DOWN))));
  const maxUp = ticksUp[ticksUp.length - 1];
  const maxDown = ticksDown[ticksDown.length - 1];
  const plotWidth = WIDTH - MARGIN.left - MARGIN.right;
  const plotHeight = HEIGHT - MARGIN.top - MARGIN.bottom;
  const unit = plotHeight / (maxUp + maxDown);
  const zero = MARGIN.top + maxUp * unit;
  const band = plotWidth / axis.length;
  const barWidth = Math.max(2, Math.min(40, band * 0.7));

  const root = svg("svg", { viewBox: `0 0 ${WIDTH} ${HEIGHT}`, class: "chart", role: "img", "aria-label": `${data.a}–${data.b} events per ${data.freq}` });
  const grid = svg("g", { class: "grid" });
  for (const [v, y] of [...ticksUp.map((v) => [v, zero - v * unit]), ...ticksDown.map((v) => [v, zero + v * unit])]) {
    grid.append(svg("line", { x1: MARGIN.left, x2: WIDTH - MARGIN.right, y1: y, y2: y }), svg("text", { x: MARGIN.left - 6, y: y + 4, class: "tick-y" }, String(v)));
  }
  grid.append(svg("text", { x: MARGIN.left - 6, y: zero + 4, class: "tick-y" }, "0"));
  root.append(grid);
  const middleUp = MARGIN.top + (zero - MARGIN.top) / 2;
  const middleDown = zero + (HEIGHT - MARGIN.bottom - zero) / 2;
  root.append(svg("text", { x: 12, y: middleUp, class: "axis-title", transform: `rotate(-90 12 ${middleUp})` }, "cooperation"));
  root.append(svg("text", { x: 12, y: middleDown, class: "axis-title", transform: `rotate(-90 12 ${middleDown})` }, "conflict"));
  root.append(svg("line", { class: "zero", x1: MARGIN.left, x2: WIDTH - MARGIN.right, y1: zero, y2: zero }));

  const every = Math.ceil(axis.length / 16);
  axis.forEach((slot, index) => {
    const left = MARGIN.left + index * band;
    const centre = left + band / 2;
    const afterGap = index === 0 || Boolean(axis[index - 1].gap);
    if (slot.gap) {
      const [first, last] = [slot.gap[0], slot.gap[slot.gap.length - 1]];
      const mark = svg("g", { class: "gap" }, svg("title", {}, `${first} to ${last}: no events`));
      mark.append(svg("rect", { class: "gap-band", x: centre - 7, y: zero - 9, width: 14, height: 18 }));
      for (const dx of [-4, 3]) mark.append(svg("line", { x1: centre + dx - 3, y1: zero + 8, x2: centre + dx + 3, y2: zero - 8 }));
      mark.append(svg("text", { x: centre, y: HEIGHT - MARGIN.bottom + 30, class: "tick-gap" }, `${slot.gap.length} ${data.freq}s`));
      root.append(mark);
      return;
    }
    if (afterGap || index % every === 0) {
      root.append(svg("text", { x: centre, y: HEIGHT - MARGIN.bottom + 16, class: "tick-x" }, label(slot.period, data.freq, afterGap)));
    }
    if (!slot.row) return;
    const row = slot.row;
    const group = svg("g", { class: "period", tabindex: "0", role: "button", "aria-label": describe(row), dataset: { period: row.period } });
    group.append(svg("title", {}, describe(row)));
    group.append(svg("rect", { class: "hit", x: left, y: MARGIN.top, width: band, height: plotHeight }));
    bars(group, row, centre - barWidth / 2, barWidth, zero, unit);
    const pick = () => {
      for (const other of root.querySelectorAll(".period.selected")) other.classList.remove("selected");
      group.classList.add("selected");
      onPick(row);
    };
    group.addEventListener("click", pick);
    group.addEventListener("keydown", (event) => {
      if (event.key === "Enter" || event.key === " ") {
        event.preventDefault();
        pick();
      }
    });
    root.append(group);
  });

  const legend = el("div", { class: "legend" }, [...UP, ...DOWN].map((q) => el("span", {}, el("span", { class: `swatch ${q}` }), QUAD_LABELS[q])));
  const total = (quads) => [...rows.values()].reduce((n, r) => n + sum(r, quads), 0);
  const shortened = axis.some((slot) => slot.gap) ? ` Stretches of ${GAP} or more ${data.freq}s without events are shortened to a break (//).` : "";
  const summary = el("p", { class: "muted" }, `${total(UP)} cooperative and ${total(DOWN)} conflictual events in ${rows.size} of ${all.length} ${data.freq}s.${shortened} Choose a bar to list its events.`);
  return el("figure", { class: "chart-box" }, legend, root, el("figcaption", {}, summary));
}

async function showPeriod(data, direction, row) {
  loading(period);
  const filters = { dyad: `${data.a}-${data.b}`, since: row.since, until: row.until, status: "occurred", by: data.by };
  try {
    const page = await api(href("/api/events", { ...filters, limit: 500 }));
    const sideOf = { ab: [data.a, data.b], ba: [data.b, data.a] }[direction];
    const rows = sideOf ? page.items.filter((e) => e.source_country === sideOf[0] && e.target_country === sideOf[1]) : page.items;
    period.replaceChildren(
      el("h2", {}, `${data.a} – ${data.b}, ${row.period}: ${rows.length} event${rows.length === 1 ? "" : "s"}`),
      el("p", {}, el("a", { href: href("/events", filters) }, "Open these on the events page")),
      eventTable(rows, data.by === "cluster"),
    );
  } catch (error) {
    showError(period, error);
  }
}

async function show(values) {
  const a = (values.a || "USA").toUpperCase();
  const b = (values.b || "CHN").toUpperCase();
  const direction = values.direction || "both";
  title.textContent = `${a} – ${b}: cooperation and conflict`;
  document.title = `${a}–${b} · detente`;
  clear(period);
  loading(chart);
  try {
    const data = await api(href("/api/series", { a, b, freq: values.freq, by: values.by, since: values.since, until: values.until }));
    chart.replaceChildren(draw(data, direction, (row) => showPeriod(data, direction, row)));
  } catch (error) {
    showError(chart, error);
  }
}

bindForm(form, show);
const start = {};
for (const field of form.elements) if (field.name) start[field.name] = field.value;
show(start);
