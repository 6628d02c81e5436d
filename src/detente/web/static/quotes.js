// Quote search: full-text on the words, part of the speaker's name.

import { actorLink, api, articleLink, bindForm, el, FIRST_PAGE, href, loading, pageQuery, pager, showError } from "./common.js";

const results = document.getElementById("quotes");

/** The quote's text with the searched words marked, built from text nodes. */
function highlight(text, words) {
  const terms = (words || "").toLowerCase().split(/\s+/).filter((w) => w.length > 1);
  if (!terms.length) return text;
  const pieces = [];
  let last = 0;
  for (const match of text.matchAll(/[\p{L}\p{N}'’-]+/gu)) {
    if (!terms.includes(match[0].toLowerCase())) continue;
    pieces.push(text.slice(last, match.index), el("mark", {}, match[0]));
    last = match.index + match[0].length;
  }
  pieces.push(text.slice(last));
  return pieces;
}

async function search(values, at = FIRST_PAGE) {
  loading(results);
  try {
    const page = await api(href("/api/quotes", { q: values.q, speaker: values.speaker, limit: 50, ...pageQuery(at) }));
    results.replaceChildren(
      el("ol", { class: "records quote-results" }, page.items.map((quote) =>
        el("li", { class: "record" },
          el("blockquote", {}, highlight(quote.text, values.q)),
          el("div", { class: "small" },
            quote.speaker_id ? actorLink(quote.speaker_id, quote.speaker_name) : el("strong", {}, quote.speaker_name || "unknown speaker"),
            quote.speaker_country ? el("span", { class: "badge" }, quote.speaker_country) : null,
            el("span", { class: "muted" }, ` ${quote.published || ""} · ${quote.kind} · `),
            articleLink(quote.article_id, "in the article", `quote-${quote.quote_id}`))))),
      page.items.length ? pager(page, at, (next) => search(values, next)) : el("p", { class: "muted" }, "No quote matches."),
    );
  } catch (error) {
    showError(results, error);
  }
}

const form = document.getElementById("quote-form");
bindForm(form, (values) => search(values));
search({ q: form.elements.q.value, speaker: form.elements.speaker.value });
