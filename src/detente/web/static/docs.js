// The API's endpoints, listed from /openapi.json (no outside assets).

import { api, el, showError } from "./common.js";

const root = document.getElementById("endpoints");

function schemaText(schema) {
  if (!schema) return "";
  if (schema.$ref) return schema.$ref.split("/").pop();
  if (schema.anyOf) return schema.anyOf.map((s) => schemaText(s)).filter((t) => t !== "null").join(" | ");
  if (schema.enum) return schema.enum.join(" | ");
  if (schema.type === "array") return `${schemaText(schema.items)}[]`;
  const limits = [
    schema.pattern ? `pattern ${schema.pattern}` : null,
    schema.minimum !== undefined ? `≥ ${schema.minimum}` : null,
    schema.maximum !== undefined ? `≤ ${schema.maximum}` : null,
    schema.maxLength !== undefined ? `≤ ${schema.maxLength} characters` : null,
  ].filter(Boolean);
  return [schema.type || "", ...limits].join(", ");
}

function operation(path, method, op) {
  const params = op.parameters || [];
  const body = op.requestBody && op.requestBody.content["application/json"];
  const codes = Object.keys(op.responses || {}).sort();
  return el(
    "section",
    { class: "endpoint", id: `${method}-${path}` },
    el("h2", {}, el("span", { class: `method ${method}` }, method.toUpperCase()), " ", el("code", {}, path)),
    el("p", {}, op.summary || ""),
    op.security ? el("p", { class: "small" }, "Needs Authorization: Bearer <DETENTE_TOKEN> unless the server listens on loopback only and has no token.") : null,
    params.length
      ? el(
          "table",
          { class: "list compact" },
          el("thead", {}, el("tr", {}, ["Parameter", "In", "Type", "Default", "About"].map((h) => el("th", {}, h)))),
          el(
            "tbody",
            {},
            params.map((p) =>
              el(
                "tr",
                {},
                el("td", {}, el("code", {}, p.name), p.required ? " *" : ""),
                el("td", {}, p.in),
                el("td", { class: "small" }, schemaText(p.schema)),
                el("td", {}, p.schema && p.schema.default !== undefined ? String(p.schema.default) : ""),
                el("td", { class: "small" }, p.description || (p.schema && p.schema.description) || ""),
              ),
            ),
          ),
        )
      : null,
    body ? el("p", { class: "small" }, "Body: ", el("code", {}, schemaText(body.schema))) : null,
    el("p", { class: "small muted" }, `Answers: ${codes.join(", ")}`),
  );
}

async function show() {
  try {
    const spec = await api("/openapi.json");
    const sections = [];
    for (const [path, methods] of Object.entries(spec.paths)) {
      for (const [method, op] of Object.entries(methods)) sections.push(operation(path, method, op));
    }
    root.replaceChildren(el("p", { class: "muted" }, `${spec.info.title} ${spec.info.version}`), ...sections);
  } catch (error) {
    showError(root, error);
  }
}

show();
