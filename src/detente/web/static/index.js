// The start page: what the store holds, its articles, its busiest dyads, its actors.

import { actorLink, api, articleLink, bindForm, el, FIRST_PAGE, href, loading, pageQuery, pager, showError, table } from "./common.js";
import { articleName } from "./render.js";

const stats = document.getElementById("stats");
const articles = document.getElementById("articles");
const dyads = document.getElementById("dyads");
const actors = document.getElementById("actors");

async function showStats() {
  try {
    const counts = await api("/api/stats");
    const card = (number, label) => el("div", { class: "stat" }, el("strong", {}, number.toLocaleString()), el("span", {}, label));
    stats.replaceChildren(
      card(counts.articles, "articles"),
      card(counts.canonical_actors, "actors"),
      card(counts.quotes, "quotes"),
      card(counts.event_clusters, "events"),
      card(counts.events, "event reports"),
    );
  } catch (error) {
    showError(stats, error);
  }
}

async function showArticles(at = FIRST_PAGE) {
  loading(articles);
  try {
    const page = await api(href("/api/articles", { limit: 25, ...pageQuery(at) }));
    articles.replaceChildren(
      table(page.items, [
        ["Date", (a) => a.published || "—"],
        ["Title", (a) => articleLink(a.id, articleName(a))],
        ["Outlet", (a) => a.outlet || ""],
        ["Events", (a) => String(a.events)],
        ["Quotes", (a) => String(a.quotes)],
      ], { class: "list", id: "article-list" }),
      pager(page, at, showArticles),
    );
    if (!page.items.length && !at.cursors.length) {
      articles.append(el("p", { class: "muted" }, "The store is empty: run detente ingest, or store an article from the Analyse page."));
    }
  } catch (error) {
    showError(articles, error);
  }
}

async function showDyads() {
  try {
    const page = await api(href("/api/dyads", { limit: 12 }));
    dyads.replaceChildren(
      el("ul", { class: "dyads" }, page.items.map((d) =>
        el("li", {}, el("a", { href: href("/dyad", { a: d.a, b: d.b }) }, `${d.a} – ${d.b}`), el("span", { class: "muted" }, ` ${d.occurred} occurred of ${d.events}`)),
      )),
    );
  } catch (error) {
    showError(dyads, error);
  }
}

async function showActors(filters = {}, at = FIRST_PAGE) {
  loading(actors);
  try {
    const page = await api(href("/api/actors", { ...filters, limit: 15, ...pageQuery(at) }));
    actors.replaceChildren(
      table(page.items, [
        ["Actor", (a) => actorLink(a.id, a.name)],
        ["Type", (a) => a.type],
        ["Country", (a) => a.country || ""],
        ["Articles", (a) => String(a.articles)],
      ], { class: "list compact" }),
      pager(page, at, (next) => showActors(filters, next)),
    );
  } catch (error) {
    showError(actors, error);
  }
}

bindForm(document.getElementById("actor-search"), (values) => showActors(values));
showStats();
showArticles();
showDyads();
const initial = new URLSearchParams(location.search);
showActors({ name: initial.get("name") || "", country: initial.get("country") || "" });
