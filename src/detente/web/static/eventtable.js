// The table of event rows that the events page and the dyad page share.

import { articleLink, el, sides, table } from "./common.js";
import { quadClass } from "./plover.js";

export function eventTable(rows, byCluster) {
  const columns = [
    ["Date", (e) => e.date || "—"],
    ["Type", (e) => el("span", { class: `type ${quadClass(e.type)}` }, e.type)],
    ["Status", (e) => el("span", { class: `badge status-${e.status}` }, e.status)],
    ["Sides", (e) => sides(e)],
    ["Place", (e) => e.location || ""],
    ["Intensity", (e) => String(e.intensity)],
  ];
  if (byCluster) columns.push(["Reports", (e) => `${e.reports} in ${e.articles} article${e.articles === 1 ? "" : "s"}`]);
  columns.push(["Sentence", (e) => el("span", { class: "small" }, e.evidence, " ", articleLink(e.article_id, "↗", `event-${e.event_id}`))]);
  return table(rows, columns, { class: "list events-table" });
}
