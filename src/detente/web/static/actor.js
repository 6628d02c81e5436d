// One canonical actor: who it is, what it said, what it did and to whom.

import { actorLink, actorTags, api, articleLink, el, href, loading, query, showError, sides, table } from "./common.js";
import { quadClass } from "./plover.js";
import { articleName } from "./render.js";

const root = document.getElementById("actor");

function section(title, total, shown, ...content) {
  const more = total > shown ? ` — the first ${shown} of ${total}` : "";
  return el("section", { class: "block" }, el("h2", {}, `${title} (${total})`, el("span", { class: "muted small" }, more)), ...content);
}

function counterparts(actor) {
  if (!actor.counterparts.length) return el("p", { class: "muted" }, "No events with another actor.");
  const most = Math.max(...actor.counterparts.map((c) => c.events));
  return el("ul", { class: "bars" }, actor.counterparts.map((c) => {
    const bar = el("span", { class: "bar" });
    bar.style.width = `${Math.max(4, (100 * c.events) / most)}%`;
    return el("li", {}, el("span", { class: "bar-label" }, actorLink(c.id, c.name), c.country ? el("span", { class: "muted" }, ` ${c.country}`) : null),
      el("span", { class: "bar-track" }, bar), el("span", { class: "bar-value" }, String(c.events)));
  }));
}

function render(actor) {
  document.title = `${actor.name} · detente`;
  return el("div", { class: "actor" },
    el("header", { class: "article-head" },
      el("h1", {}, actor.name),
      el("p", {}, actorTags(actor), el("span", { class: "muted small" }, ` ${actor.id}`)),
      actor.variants.length > 1 ? el("p", { class: "muted" }, `Also named: ${actor.variants.filter((v) => v !== actor.name).join(" · ")}`) : null,
      actor.roles.length ? el("p", {}, el("strong", {}, "Roles: "), actor.roles.join(" · ")) : null,
      actor.affiliations.length ? el("p", {}, el("strong", {}, "Affiliations: "), actor.affiliations.join(" · ")) : null,
    ),
    el("div", { class: "columns" },
      el("div", {},
        section("Quotes", actor.quotes_total, actor.quotes.length,
          actor.quotes.length ? el("ol", { class: "records" }, actor.quotes.map((q) =>
            el("li", { class: "record" }, el("blockquote", {}, q.text),
              el("div", { class: "muted small" }, `${q.published || ""} · ${q.kind} · `, articleLink(q.article_id, "in the article", `quote-${q.quote_id}`))))) : el("p", { class: "muted" }, "No quotes.")),
        section("Events", actor.events_total, actor.events.length,
          actor.events.length ? table(actor.events, [
            ["Date", (e) => e.date || "—"],
            ["Type", (e) => el("span", { class: `type ${quadClass(e.type)}` }, e.type)],
            ["Status", (e) => el("span", { class: `badge status-${e.status}` }, e.status)],
            ["Sides", (e) => sides(e)],
            ["Sentence", (e) => el("span", { class: "small" }, e.evidence, " ", articleLink(e.article_id, "↗", `event-${e.event_id}`))],
          ], { class: "list" }) : el("p", { class: "muted" }, "No events.")),
      ),
      el("div", {},
        section("Counterparts", actor.counterparts.length, actor.counterparts.length, counterparts(actor)),
        section("Articles", actor.articles_total, actor.articles.length,
          el("ul", { class: "plain" }, actor.articles.map((a) =>
            el("li", {}, el("span", { class: "muted" }, `${a.published || "—"} `), articleLink(a.id, articleName(a), `actor-${a.actor_id}`),
              el("span", { class: "muted small" }, ` ${a.mentions}×${a.role ? ` · ${a.role}` : ""}`))))),
      ),
    ),
  );
}

async function show() {
  const id = query().get("id");
  if (!id) {
    root.replaceChildren(el("p", { class: "error" }, "No actor named."), el("a", { href: href("/") }, "All actors"));
    return;
  }
  loading(root);
  try {
    root.replaceChildren(render(await api(href(`/api/actors/${encodeURIComponent(id)}`, { limit: 100 }))));
  } catch (error) {
    showError(root, error);
  }
}

show();
