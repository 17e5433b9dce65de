/* Corrections: /api/corrections (every correction, newest first) with, for a signed-in analyst,
 * an undo button on each one still in force. */
"use strict";

(async () => {
  const {el, get} = PA;
  const body = document.querySelector("#corrections tbody");
  const problem = document.getElementById("action-error");
  const writable = await PA.canWrite();
  const EVENT_KINDS = new Set(["merge_events", "split_event", "reject_event"]);

  /** An event correction names events by id (an event has no page; its reports are on the timeline). */
  function eventTarget(c) {
    const parts = [`event ${c.entity.slice(0, 10)}`];
    if (c.kind === "merge_events") parts.push(` ← event ${c.other.slice(0, 10)}`);
    if (c.kind === "split_event") parts.push(" − ", el("a", {href: PA.documentUrl(c.other)}, `document ${c.other.slice(0, 10)}`));
    return parts;
  }

  function target(c) {
    if (EVENT_KINDS.has(c.kind)) return eventTarget(c);
    if (c.relation) {
      const change = c.to_type ? ` → ${c.to_type}` : c.hedge ? ` → ${c.hedge}` : "";
      return [PA.entityLink(c.source), ` ${(c.type || "").replace("_", " ")} `, PA.entityLink(c.target), change];
    }
    if (c.kind === "undo") return `correction ${c.correction.slice(0, 10)}`;
    const parts = [c.entity ? PA.entityLink(c.entity) : null];
    if (c.other) parts.push(" ← ", c.other);
    if (c.alias) parts.push(` “${c.alias}”`);
    if (c.new_id) parts.push(" → ", PA.entityLink(c.new_id));
    if (c.to_type) parts.push(` → ${c.to_category || c.to_type}`);
    return parts;
  }

  function undoCell(c) {
    if (c.undone_by) return el("span", {class: "muted"}, "undone");
    if (c.kind === "undo" || !writable) return null;
    return el("button", {type: "button", class: "button small secondary undo", on: {click: async () => {
      try {
        await PA.correct({action: "undo", correction: c.id});
        PA.doneAndReload(`Undid the ${c.kind} of ${c.created}.`);
      } catch (err) { problem.textContent = err.message; }
    }}}, "Undo");
  }

  try {
    const items = await get("/api/corrections");
    for (const c of items) {
      body.appendChild(el("tr", {class: c.undone_by ? "undone" : "", dataset: {correction: c.id, kind: c.kind}},
        el("td", {class: "small"}, c.created), el("td", {}, c.author || "unknown"), el("td", {}, c.kind),
        el("td", {}, target(c)), el("td", {}, c.reason || ""), el("td", {}, undoCell(c))));
    }
    if (!items.length) body.appendChild(el("tr", {}, el("td", {colspan: 6, class: "muted"}, "No corrections yet.")));
  } catch (err) { PA.fail(problem, err); }
})();
