// One stored article: its text with the spans highlighted, and its records.

import { api, el, loading, query, showError } from "./common.js";
import { articleHeader, articleName, renderArticle, revealHash } from "./render.js";

const root = document.getElementById("article");

async function show() {
  const id = query().get("id");
  if (!id) {
    root.replaceChildren(el("p", { class: "error" }, "No article named: open one from the list of articles."));
    return;
  }
  loading(root);
  try {
    const record = await api(`/api/articles/${encodeURIComponent(id)}`);
    document.title = `${articleName(record.article)} · detente`;
    root.replaceChildren(articleHeader(record), renderArticle(record));
    revealHash();
  } catch (error) {
    showError(root, error);
  }
}

window.addEventListener("hashchange", revealHash);
show();
