// PLOVER event types by quad class, as detente.series.QUAD_CLASSES counts them
// (tests/test_web_api.py checks the two agree).
export const QUAD_OF = {
  AGREE: "verbal_cooperation",
  CONSULT: "verbal_cooperation",
  SUPPORT: "verbal_cooperation",
  CONCEDE: "verbal_cooperation",
  COOPERATE: "material_cooperation",
  AID: "material_cooperation",
  RETREAT: "material_cooperation",
  REQUEST: "verbal_conflict",
  ACCUSE: "verbal_conflict",
  REJECT: "verbal_conflict",
  THREATEN: "verbal_conflict",
  PROTEST: "material_conflict",
  SANCTION: "material_conflict",
  MOBILIZE: "material_conflict",
  COERCE: "material_conflict",
  ASSAULT: "material_conflict",
};

export const QUAD_LABELS = {
  verbal_cooperation: "verbal cooperation",
  material_cooperation: "material cooperation",
  verbal_conflict: "verbal conflict",
  material_conflict: "material conflict",
};

export const TYPES = Object.keys(QUAD_OF);
export const STATUSES = ["occurred", "planned", "hypothetical", "negated"];

/** A CSS class for an event type: its quad class. */
export function quadClass(type) {
  return `quad-${(QUAD_OF[type] || "unknown").replace("_", "-")}`;
}
