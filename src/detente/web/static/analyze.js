// Paste text or HTML, see it analysed; store it when the server allows.

import { api, el, showError } from "./common.js";
import { articleHeader, renderArticle } from "./render.js";

const form = document.getElementById("analyze-form");
const result = document.getElementById("result");
const status = document.getElementById("status");
const storeButton = document.getElementById("store-button");

function input() {
  const data = new FormData(form);
  const body = { [data.get("kind")]: data.get("content") };
  for (const name of ["published", "title"]) {
    const value = String(data.get(name) || "").trim();
    if (value) body[name] = value;
  }
  return body;
}

form.addEventListener("submit", async (event) => {
  event.preventDefault();
  status.textContent = "Analysing…";
  storeButton.disabled = true;
  try {
    const record = await api("/api/analyze", { json: { ...input(), include_text: true } });
    result.replaceChildren(articleHeader(record), renderArticle(record));
    status.textContent = "";
    storeButton.disabled = false;
  } catch (error) {
    status.textContent = "";
    showError(result, error);
  }
});

storeButton.addEventListener("click", async () => {
  const token = String(new FormData(form).get("token") || "");
  const headers = token ? { Authorization: `Bearer ${token}` } : {};
  status.textContent = "Storing…";
  try {
    const stored = await api("/api/articles", { json: input(), headers });
    status.replaceChildren(
      stored.stored ? "Stored: " : "Already stored: ",
      el("a", { href: `/article?id=${encodeURIComponent(stored.id)}` }, stored.id),
    );
  } catch (error) {
    status.textContent = error.message;
  }
});
