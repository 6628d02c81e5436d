// Shared helpers of the dashboard pages. Every piece of data reaches the page through
// textContent or a DOM attribute set here: no HTML is ever parsed from data.

import { SECTOR_NAMES } from "/codes.js";

const SVG_NS = "http://www.w3.org/2000/svg";

function append(node, children) {
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

function setAttributes(node, attrs) {
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (key.startsWith("on")) throw new Error(`event handlers are added with listen(): ${key}`);
    if (key === "class") node.setAttribute("class", value);
    else if (key === "text") node.textContent = String(value);
    else if (key === "dataset") Object.assign(node.dataset, value);
    else node.setAttribute(key, value === true ? "" : String(value));
  }
  return node;
}

/** An HTML element: el("a", {href: "/x", class: "c"}, "text", otherNode). */
export function el(tag, attrs, ...children) {
  return append(setAttributes(document.createElement(tag), attrs), children);
}

/** An SVG element, as el(). */
export function svg(tag, attrs, ...children) {
  return append(setAttributes(document.createElementNS(SVG_NS, tag), attrs), children);
}

/** A link inside the dashboard: path plus query parameters, each encoded. */
export function href(path, query, hash) {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query || {})) {
    if (value !== null && value !== undefined && value !== "") params.set(key, value);
  }
  const search = params.toString();
  return path + (search ? `?${search}` : "") + (hash ? `#${encodeURIComponent(hash)}` : "");
}

/** An outside address only when it is http(s): an article's own url may be anything. */
export function safeUrl(value) {
  if (!value) return null;
  try {
    const url = new URL(value, location.origin);
    return url.protocol === "http:" || url.protocol === "https:" ? url.href : null;
  } catch {
    return null;
  }
}

class ApiError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

/** Call the API; the JSON body, or an ApiError with the service's message. */
export async function api(path, { json, headers, ...options } = {}) {
  const init = { ...options, headers: { Accept: "application/json", ...headers } };
  if (json !== undefined) {
    init.method = init.method || "POST";
    init.body = JSON.stringify(json);
    init.headers["Content-Type"] = "application/json";
  }
  const response = await fetch(path, init);
  let body = null;
  try {
    body = await response.json();
  } catch {
    throw new ApiError(response.status, `the server answered ${response.status} without JSON`);
  }
  if (!response.ok) {
    const message = body && body.error ? body.error.message : `HTTP ${response.status}`;
    throw new ApiError(response.status, message);
  }
  return body;
}

export function query() {
  return new URLSearchParams(location.search);
}

export function clear(node) {
  node.replaceChildren();
  return node;
}

export function showError(node, error) {
  clear(node).append(el("p", { class: "error", role: "alert" }, error.message || String(error)));
}

export function loading(node) {
  clear(node).append(el("p", { class: "muted" }, "Loading…"));
}

/** Where a list is: the cursors of the pages before it (the last one asks for it), the
 * number of items before it, and the list's total, which the API counts on the first page
 * only. Pages are read by cursor, never by offset: each costs what the first does. */
export const FIRST_PAGE = Object.freeze({ cursors: [], before: 0, total: null });

/** The query parameters that ask the API for the page at `at`. */
export function pageQuery(at) {
  return { cursor: at.cursors[at.cursors.length - 1] };
}

/** "1–50 of 312" with previous and next buttons for the page `at` of a list; `go` shows
 * the page it is given. */
export function pager(page, at, go) {
  const total = at.cursors.length ? at.total : page.total;
  const first = page.items.length ? at.before + 1 : 0;
  const last = at.before + page.items.length;
  const previous = el("button", { type: "button", disabled: at.cursors.length === 0 }, "← Previous");
  const next = el("button", { type: "button", disabled: !page.next }, "Next →");
  previous.addEventListener("click", () => go({ cursors: at.cursors.slice(0, -1), before: Math.max(0, at.before - page.limit), total }));
  next.addEventListener("click", () => go({ cursors: [...at.cursors, page.next], before: last, total }));
  const shown = total === null || total === undefined ? `${first}–${last}` : `${first}–${last} of ${total}`;
  return el("div", { class: "pager" }, previous, el("span", { class: "muted" }, shown), next);
}

/** A table: columns are [heading, row => cell content] pairs. */
export function table(rows, columns, attrs) {
  return el(
    "table",
    attrs || {},
    el("thead", {}, el("tr", {}, columns.map(([heading]) => el("th", {}, heading)))),
    el(
      "tbody",
      {},
      rows.map((row) => el("tr", {}, columns.map(([, cell]) => el("td", {}, cell(row))))),
    ),
  );
}

/** What an actor is, each code with its label: "person", "country: ISL", "sector: government". */
export function actorLabels(actor) {
  return [
    actor.type,
    actor.country && `country: ${actor.country}`,
    actor.sector && `sector: ${SECTOR_NAMES[actor.sector] || actor.sector}`,
  ].filter(Boolean);
}

/** actorLabels as tags. */
export function actorTags(actor) {
  return actorLabels(actor).map((text) => el("span", { class: "badge" }, text));
}

export function actorLink(id, name) {
  if (!id) return name || "—";
  return el("a", { href: href("/actor", { id }) }, name || id);
}

export function articleLink(id, text, hash) {
  return el("a", { href: href("/article", { id }, hash) }, text || id);
}

/** "USA → CHN" with the names when known. */
export function sides(row) {
  const side = (country, name, actor) => {
    const label = [name, country && name !== country ? `(${country})` : null]
      .filter(Boolean)
      .join(" ");
    return actorLink(actor, label || country || "—");
  };
  return el(
    "span",
    { class: "sides" },
    side(row.source_country, row.source_name, row.source_actor),
    " → ",
    side(row.target_country, row.target_name, row.target_actor),
  );
}

/** Fill a form's fields from the address and go to the address a submit gives. */
export function bindForm(form, onSubmit) {
  const current = query();
  for (const field of form.elements) {
    if (field.name && current.has(field.name)) field.value = current.get(field.name);
  }
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const values = {};
    for (const field of form.elements) {
      if (field.name && field.value.trim() !== "") values[field.name] = field.value.trim();
    }
    history.replaceState(null, "", href(location.pathname, values));
    onSubmit(values);
  });
}
