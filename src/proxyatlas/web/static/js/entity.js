/* Actor page: /api/entity/ID (relations in and out with their evidence, statements, events,
 * numbers, places), /api/numbers/ID (the charts) and /api/timeline?entity=ID; for a signed-in
 * analyst, the correction controls of review-controls.js on the actor, each relation and the
 * selected event. */
"use strict";

(async () => {
  const {el, get, append, clear} = PA;
  const $ = (id) => document.getElementById(id);
  const id = decodeURIComponent(window.location.pathname.replace(/^\/entity\//, ""));
  let data;
  try {
    data = await get(`/api/entity/${encodeURIComponent(id)}`, {evidence: 5});
  } catch (err) {
    PA.fail($("head"), err);
    return;
  }
  const e = data.entity;
  document.title = `${e.name} · proxyatlas`;

  append($("head"), [
    el("h1", {}, e.name, " ", PA.kindBadge(e)),
    e.aliases.length ? el("p", {class: "aliases"}, el("span", {class: "muted"}, "Also known as "), e.aliases.join(" · ")) : null,
    el("p", {class: "facts"}, PA.plural(e.documents, "document"),
      e.country ? ` · country ${e.country}` : "", e.wikidata ? ` · Wikidata ${e.wikidata}` : "", " · ",
      el("a", {href: "/network?entity=" + encodeURIComponent(e.id), class: "button small"}, "Show in network"), " ",
      el("a", {href: "/timeline?entity=" + encodeURIComponent(e.id), class: "button small secondary"}, "Full timeline"), " ",
      el("a", {href: PA.entityUrl(e.id) + "/profile", class: "button small secondary"}, "Profile")),
  ]);

  function relationBlock(rel, direction) {
    const other = direction === "out" ? PA.entityLink(rel.target, rel.target_name) : PA.entityLink(rel.source, rel.source_name);
    const phrase = direction === "out"
      ? [el("span", {class: "rel-type"}, rel.type.replace("_", " ")), " ", other]
      : [other, " ", el("span", {class: "rel-type"}, rel.type.replace("_", " ")), " ", el("span", {class: "muted"}, e.name)];
    const more = rel.evidence_total - rel.evidence.length;
    return el("li", {class: "relation", dataset: {relation: rel.id}},
      el("div", {class: "relation-head"}, el("span", {class: "dir"}, direction === "out" ? "→" : "←"), " ", phrase, " ",
        PA.hedgeBadge(rel.hedge), " ",
        el("span", {class: "muted"}, `${PA.plural(rel.sources, "source")} · ${PA.plural(rel.documents, "document")}`),
        rel.valid_from || rel.valid_to ? el("span", {class: "muted"}, ` · valid ${rel.valid_from || "…"} – ${rel.valid_to || "…"}`) : null,
        " ", PA.checkedMark(rel)),
      writable ? PAReview.relationControls(rel, config.ontology, report) : null,
      el("ul", {class: "evidence-list"}, rel.evidence.map((ev) => PA.evidenceItem(ev, [rel.source_name, rel.target_name, ...e.aliases]))),
      more > 0 ? el("p", {class: "muted small"}, `and ${more} more evidence sentences`) : null);
  }

  const config = await PA.config();
  const writable = await PA.canWrite();
  const problem = el("p", {class: "error", id: "action-error"});
  $("head").after(problem);
  const report = (err) => { problem.textContent = String(err.message || err); };
  if (writable) $("head").after(PAReview.entityControls(e, config.ontology, report));

  const rels = [...data.relations_out.map((r) => [r, "out"]), ...data.relations_in.map((r) => [r, "in"])]
    .sort((a, b) => b[0].confirmed - a[0].confirmed || b[0].sources - a[0].sources || b[0].documents - a[0].documents);
  $("relations").appendChild(rels.length
    ? el("ul", {class: "relations"}, rels.map(([r, d]) => relationBlock(r, d)))
    : el("p", {class: "muted"}, "No relations recorded."));

  const statements = $("statements");
  for (const s of data.statements) {
    const ev = s.evidence[0];
    statements.appendChild(el("li", {},
      el("blockquote", {class: s.direct ? "quote" : "paraphrase"}, s.direct ? `“${s.text}”` : s.text),
      el("div", {class: "muted small"}, s.date || "undated", s.source ? ` · ${s.source}` : "",
        s.via ? [" · via ", PA.entityLink(s.via)] : "",
        ev ? [" · ", el("a", {href: PA.documentUrl(s.document, ev.start, ev.end)}, "in context")] : "")));
  }
  if (!data.statements.length) statements.appendChild(el("li", {class: "muted"}, "No statements recorded."));

  const quantities = $("quantities");
  for (const q of data.quantities) {
    const ev = q.evidence[0];
    const value = q.value_max !== null ? `${q.value.toLocaleString()}–${q.value_max.toLocaleString()}` : q.value.toLocaleString();
    quantities.appendChild(el("li", {}, q.approximate ? "about " : "", el("strong", {}, value), ` ${q.unit}`,
      el("span", {class: "muted small"}, ` · ${q.date || "undated"}`, q.attributed_to ? [" · according to ", PA.entityLink(q.attributed_to)] : "",
        ev ? [" · ", el("a", {href: PA.documentUrl(q.document, ev.start, ev.end)}, "in context")] : "")));
  }
  if (!data.quantities.length) quantities.appendChild(el("li", {class: "muted"}, "No numbers recorded."));
  else get(`/api/numbers/${encodeURIComponent(e.id)}`).then((numbers) => PANumbers.draw($("numbers-charts"), numbers))
    .catch((err) => PA.fail($("numbers-charts"), err));

  const corrections = $("corrections");
  for (const c of data.corrections) {
    corrections.appendChild(el("li", {}, `${c.kind} by ${c.author || "unknown"} on ${c.created || "?"}`,
      c.alias ? ` (alias ${c.alias})` : "", c.other ? ` (${c.other})` : "", c.reason ? `: ${c.reason}` : ""));
  }
  if (!data.corrections.length) corrections.appendChild(el("li", {class: "muted"}, "None."));
  corrections.appendChild(el("li", {}, el("a", {href: "/corrections"}, "All corrections")));

  const places = $("places");
  for (const p of data.places) {
    places.appendChild(el("li", {}, PA.entityLink(p.id, p.name), el("span", {class: "muted"},
      ` · ${{self: "itself", operates_in: "operates in", event: "event place"}[p.why]}`, p.coords ? "" : " · no coordinates")));
  }
  if (data.places.length) PAMap.draw($("map"), data.places).catch((err) => PA.fail($("map"), err));
  else { $("map").classList.add("empty"); $("map").appendChild(el("p", {class: "muted"}, "No places recorded for this actor.")); }

  try {
    const tl = await get("/api/timeline", {entity: e.id, limit: 500});
    PATimeline.draw($("timeline"), $("timeline-detail"), tl.items, {controls: writable
      ? (item, items) => item.kind === "event" ? PAReview.eventControls(item, items, {report}) : null : null});
  } catch (err) {
    PA.fail($("timeline"), err);
  }
})();
