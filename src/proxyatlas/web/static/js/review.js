/* Review queue: /api/review (undecided relations, the most consequential first, each with its
 * evidence and the reasons it ranks where it does). Keyboard like an annotation tool: j/k move,
 * c confirms, r opens the reject reason (Enter rejects), u undoes this page's last decision. */
"use strict";

(async () => {
  const {el, get, append, clear} = PA;
  const $ = (id) => document.getElementById(id);
  const queue = $("queue");
  const status = $("review-status");
  const config = await PA.config();
  const writable = await PA.canWrite();
  const undoStack = []; // ids of the corrections made on this page, newest last
  let items = [];
  let active = 0;

  function say(text, cls) {
    status.className = "status " + (cls || "");
    status.textContent = text;
  }

  const report = (err) => say(String(err.message || err), "error");

  async function decided(record, text) {
    undoStack.push(record.id);
    await load();
    say(`${text} Press u to undo.`, "done");
  }

  function itemNode(rel, i) {
    const more = rel.evidence_total - rel.evidence.length;
    return el("li", {class: "review-item", dataset: {relation: rel.id}, on: {click: () => select(i)}},
      el("div", {class: "relation-head"}, PA.entityLink(rel.source, rel.source_name), " ",
        el("span", {class: "rel-type"}, rel.type.replace("_", " ")), " ", PA.entityLink(rel.target, rel.target_name), " ",
        PA.hedgeBadge(rel.hedge), " ",
        el("span", {class: "muted"}, `${PA.plural(rel.sources, "source")} · ${PA.plural(rel.documents, "document")}`)),
      el("div", {class: "reasons"}, rel.reasons.map((r) => PA.badge(r.text, "reason reason-" + r.code))),
      el("ul", {class: "evidence-list"}, rel.evidence.map((ev) => PA.evidenceItem(ev, [rel.source_name, rel.target_name]))),
      more > 0 ? el("p", {class: "muted small"}, `and ${more} more evidence sentences`) : null,
      writable ? PAReview.relationControls(rel, config.ontology, {report, done: decided}) : null);
  }

  function select(i) {
    const nodes = queue.children;
    if (!nodes.length) return;
    active = Math.max(0, Math.min(i, nodes.length - 1));
    for (const [n, node] of [...nodes].entries()) node.classList.toggle("active", n === active);
    nodes[active].scrollIntoView({block: "nearest"});
  }

  async function load() {
    try {
      const data = await get("/api/review", {limit: 100});
      items = data.items;
      clear(queue);
      append(queue, items.map(itemNode));
      if (!items.length) queue.appendChild(el("li", {class: "muted"}, "Nothing waits for a decision."));
      say(`${PA.plural(data.total, "relation")} waiting` + (writable ? "" : " · sign in with the server's token to decide"));
      select(active);
    } catch (err) { report(err); }
  }

  async function undoLast() {
    const id = undoStack.pop();
    if (!id) { say("Nothing to undo on this page.", "error"); return; }
    try {
      await PA.correct({action: "undo", correction: id});
      await load();
      say("Undone.", "done");
    } catch (err) { report(err); }
  }

  document.addEventListener("keydown", (e) => {
    const typing = e.target.closest && e.target.closest("input, select, textarea");
    if (typing) {
      if (e.key === "Escape" && e.target.classList.contains("reject-reason")) {
        e.target.form.hidden = true;
        e.target.blur();
      }
      return;
    }
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    const rel = items[active];
    const node = queue.children[active];
    if (e.key === "j") select(active + 1);
    else if (e.key === "k") select(active - 1);
    else if (!["c", "r", "u"].includes(e.key)) return;
    else if (!writable) say("Sign in with the server's token to decide.", "error");
    else if (e.key === "u") undoLast();
    else if (!rel) return;
    else if (e.key === "c") PAReview.act({action: "confirm", relation: rel.id}, `Confirmed: ${PAReview.describe(rel)}.`, {report, done: decided});
    else if (e.key === "r") {
      const form = node.querySelector(".reject-form");
      form.hidden = false;
      form.querySelector(".reject-reason").focus();
    }
    e.preventDefault();
  });

  load();
})();
