// An article record drawn as its text with the spans highlighted, beside the lists of
// its actors, quotes and events. Used by the article page (a stored record) and the
// analyse page (a fresh one). The text is split at every span boundary and each piece
// becomes a text node or one link element: data never becomes markup.

import { actorLabels, actorLink, actorTags, el, safeUrl } from "./common.js";
import { quadClass } from "./plover.js";

const SPEAKER_COLOURS = 8;

function speakerColours(record) {
  const colours = new Map();
  for (const quote of record.quotes) {
    const key = quote.speaker || `?${quote.speaker_text || ""}`;
    if (!colours.has(key)) colours.set(key, colours.size % SPEAKER_COLOURS);
  }
  return (quote) => colours.get(quote.speaker || `?${quote.speaker_text || ""}`);
}

function describeActor(actor) {
  const codes = actorLabels(actor).join(", ");
  const role = actor.role ? ` — ${actor.role}` : "";
  return `${actor.name} (${codes})${role}`;
}

function eventSides(event, actors) {
  const name = (id, country) => {
    const actor = actors.get(id);
    return actor ? actor.name : country || "?";
  };
  return `${name(event.source, event.source_country)} → ${name(event.target, event.target_country)}`;
}

function describeEvent(event, actors) {
  const when = event.date ? `, ${event.date}` : "";
  return `${event.type}${event.mode ? `/${event.mode}` : ""} (${event.status}): ${eventSides(event, actors)}${when}`;
}

/** Every highlighted stretch of the text: actor mentions, quote parts, event triggers. */
function marks(record) {
  const out = [];
  for (const actor of record.actors) {
    for (const m of actor.mentions) out.push({ start: m.start, end: m.end, kind: "actor", item: actor });
  }
  for (const quote of record.quotes) {
    const parts = quote.parts && quote.parts.length ? quote.parts : [quote];
    for (const p of parts) out.push({ start: p.start, end: p.end, kind: "quote", item: quote });
  }
  for (const event of record.events) {
    if (event.trigger) {
      out.push({ start: event.trigger.start, end: event.trigger.end, kind: "event", item: event });
    }
  }
  return out;
}

function highlightedText(record, colourOf, actors) {
  const text = record.article.text || "";
  const all = marks(record).filter((m) => m.start < m.end && m.start >= 0 && m.end <= text.length);
  const cuts = [...new Set([0, text.length, ...all.flatMap((m) => [m.start, m.end])])].sort(
    (a, b) => a - b,
  );
  const body = el("div", { class: "article-text", id: "text" });
  for (let i = 0; i + 1 < cuts.length; i += 1) {
    const [start, end] = [cuts[i], cuts[i + 1]];
    const piece = text.slice(start, end);
    const covering = all.filter((m) => m.start <= start && m.end >= end);
    if (!covering.length) {
      body.append(document.createTextNode(piece));
      continue;
    }
    const of = (kind) => covering.find((m) => m.kind === kind);
    const [actor, quote, event] = [of("actor"), of("quote"), of("event")];
    const classes = ["mark"];
    const titles = [];
    const refs = [];
    if (quote) {
      classes.push("quote", `spk-${colourOf(quote.item)}`);
      titles.push(`Quote ${quote.item.id} (${quote.item.kind}) by ${quote.item.speaker_text || "unknown"}`);
      refs.push(`quote-${quote.item.id}`);
    }
    if (actor) {
      classes.push("actor");
      titles.push(`Actor ${actor.item.id}: ${describeActor(actor.item)}`);
      refs.push(`actor-${actor.item.id}`);
    }
    if (event) {
      classes.push("event", quadClass(event.item.type), `status-${event.item.status}`);
      titles.push(`Event ${event.item.id}: ${describeEvent(event.item, actors)}`);
      refs.push(`event-${event.item.id}`);
    }
    const target = event || actor || quote;
    body.append(
      el(
        "a",
        {
          class: classes.join(" "),
          href: `#${target.kind}-${target.item.id}`,
          title: titles.join("\n"),
          dataset: { refs: refs.join(" ") },
        },
        piece,
      ),
    );
  }
  return body;
}

function showInText(ref) {
  const button = el("button", { type: "button", class: "link", title: "show in the text" }, "↖");
  button.addEventListener("click", () => {
    const spans = document.querySelectorAll(`[data-refs~="${CSS.escape(ref)}"]`);
    for (const span of spans) {
      span.classList.remove("flash");
      void span.offsetWidth;
      span.classList.add("flash");
    }
    if (spans.length) spans[0].scrollIntoView({ block: "center", behavior: "smooth" });
  });
  return button;
}

function linkHover(node, ref) {
  const lit = (on) => {
    for (const span of document.querySelectorAll(`[data-refs~="${CSS.escape(ref)}"]`)) {
      span.classList.toggle("lit", on);
    }
  };
  node.addEventListener("mouseenter", () => lit(true));
  node.addEventListener("mouseleave", () => lit(false));
  return node;
}

function actorList(record) {
  return el(
    "ol",
    { class: "records" },
    record.actors.map((actor) =>
      linkHover(
        el(
          "li",
          { id: `actor-${actor.id}`, class: "record" },
          el("span", { class: "rid" }, actor.id),
          " ",
          actor.canonical_id ? actorLink(actor.canonical_id, actor.name) : el("strong", {}, actor.name),
          " ",
          actorTags(actor),
          " ",
          el("span", { class: "muted" }, `${actor.mentions.length}×`),
          " ",
          showInText(`actor-${actor.id}`),
          actor.role || actor.affiliation
            ? el("div", { class: "muted small" }, [actor.role, actor.affiliation].filter(Boolean).join(" · "))
            : null,
        ),
        `actor-${actor.id}`,
      ),
    ),
  );
}

function quoteList(record, colourOf, actors) {
  return el(
    "ol",
    { class: "records" },
    record.quotes.map((quote) => {
      const speaker = actors.get(quote.speaker);
      const who =
        speaker && speaker.canonical_id
          ? actorLink(speaker.canonical_id, quote.speaker_text || speaker.name)
          : el("strong", {}, quote.speaker_text || "unknown speaker");
      return linkHover(
        el(
          "li",
          { id: `quote-${quote.id}`, class: "record" },
          el("span", { class: `swatch spk-${colourOf(quote)}` }),
          el("span", { class: "rid" }, quote.id),
          " ",
          who,
          " ",
          el("span", { class: "badge" }, quote.kind),
          quote.cue ? el("span", { class: "muted small" }, ` ${quote.cue}`) : null,
          " ",
          showInText(`quote-${quote.id}`),
          el("blockquote", {}, quote.text),
        ),
        `quote-${quote.id}`,
      );
    }),
  );
}

function eventList(record, actors) {
  return el(
    "ol",
    { class: "records" },
    record.events.map((event) =>
      linkHover(
        el(
          "li",
          { id: `event-${event.id}`, class: "record" },
          el("span", { class: "rid" }, event.id),
          " ",
          el("span", { class: `type ${quadClass(event.type)}` }, event.type),
          " ",
          el("span", { class: `badge status-${event.status}` }, event.status),
          " ",
          eventSides(event, actors),
          event.date ? el("span", { class: "muted" }, ` · ${event.date}`) : null,
          event.location ? el("span", { class: "muted" }, ` · ${event.location}`) : null,
          " ",
          event.trigger ? showInText(`event-${event.id}`) : null,
          el("div", { class: "muted small" }, event.evidence.text),
        ),
        `event-${event.id}`,
      ),
    ),
  );
}

function legend(record, colourOf) {
  const speakers = new Map();
  for (const quote of record.quotes) {
    const name = quote.speaker_text || "unknown speaker";
    if (!speakers.has(name)) speakers.set(name, colourOf(quote));
  }
  return el(
    "div",
    { class: "legend" },
    el("span", {}, el("span", { class: "mark actor" }, "Actor")),
    el("span", {}, el("span", { class: "mark event quad-verbal-cooperation" }, "cooperation"), " / ",
      el("span", { class: "mark event quad-verbal-conflict" }, "conflict"), " event"),
    el("span", {}, el("span", { class: "mark event quad-verbal-cooperation status-planned" }, "planned"),
      " ", el("span", { class: "mark event quad-verbal-cooperation status-negated" }, "negated")),
    [...speakers].map(([name, colour]) => el("span", {}, el("span", { class: `mark quote spk-${colour}` }, name))),
  );
}

/** A title, else the file it came from, else its id. */
export function articleName(meta) {
  if (meta.title) return meta.title;
  if (meta.path) return meta.path.split(/[\\/]/).pop();
  return `Article ${meta.id}`;
}

/** The article's heading: title, date, outlet, authors, address, id. */
export function articleHeader(record) {
  const meta = record.article;
  const url = safeUrl(meta.url);
  return el(
    "header",
    { class: "article-head" },
    el("h1", {}, articleName(meta)),
    el(
      "p",
      { class: "muted" },
      [
        meta.published,
        meta.outlet,
        meta.authors && meta.authors.length ? `by ${meta.authors.join(", ")}` : null,
        `id ${meta.id}`,
      ]
        .filter(Boolean)
        .join(" · "),
      url ? [" · ", el("a", { href: url, rel: "noopener noreferrer nofollow" }, "source")] : null,
    ),
    el(
      "p",
      { class: "counts" },
      `${record.actors.length} actors · ${record.quotes.length} quotes · ${record.events.length} events`,
    ),
  );
}

/** The record as highlighted text and its lists, side by side. */
export function renderArticle(record) {
  const colourOf = speakerColours(record);
  const actors = new Map(record.actors.map((a) => [a.id, a]));
  return el(
    "div",
    { class: "article" },
    legend(record, colourOf),
    el(
      "div",
      { class: "article-grid" },
      el("section", { class: "text-column" }, highlightedText(record, colourOf, actors)),
      el(
        "aside",
        { class: "records-column" },
        el("h2", {}, `Events (${record.events.length})`),
        eventList(record, actors),
        el("h2", {}, `Quotes (${record.quotes.length})`),
        quoteList(record, colourOf, actors),
        el("h2", {}, `Actors (${record.actors.length})`),
        actorList(record),
      ),
    ),
  );
}

/** After drawing, go to the record the address names (#quote-q3 from the quote search). */
export function revealHash() {
  const id = decodeURIComponent(location.hash.slice(1));
  const target = id && document.getElementById(id);
  if (target) {
    target.classList.add("target");
    target.scrollIntoView({ block: "center" });
  }
}
