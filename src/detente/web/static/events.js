// Events with filters: a dyad, a type, a status, a period; one row per event or report.

import { api, bindForm, el, FIRST_PAGE, href, loading, pageQuery, pager, showError } from "./common.js";
import { eventTable } from "./eventtable.js";
import { STATUSES, TYPES } from "./plover.js";

const results = document.getElementById("events");
const form = document.getElementById("event-form");

for (const type of TYPES) document.getElementById("type-select").append(el("option", { value: type }, type));
for (const status of STATUSES) document.getElementById("status-select").append(el("option", { value: status }, status));

async function show(values, at = FIRST_PAGE) {
  loading(results);
  try {
    const page = await api(href("/api/events", { ...values, limit: 50, ...pageQuery(at) }));
    results.replaceChildren(
      page.items.length ? eventTable(page.items, (values.by || "cluster") === "cluster") : el("p", { class: "muted" }, "No events match."),
      pager(page, at, (next) => show(values, next)),
    );
  } catch (error) {
    showError(results, error);
  }
}

bindForm(form, (values) => show(values));
const start = {};
for (const field of form.elements) if (field.name && field.value) start[field.name] = field.value;
show(start);
