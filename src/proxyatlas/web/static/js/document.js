/* Document page: /api/document/ID. The text is rebuilt from text nodes, each mention a link to
 * its actor; `?hl=START-END` marks a span (an evidence sentence) and scrolls to it. */
"use strict";

(async () => {
  const {el, get, append, clear} = PA;
  const $ = (id) => document.getElementById(id);
  const id = decodeURIComponent(window.location.pathname.replace(/^\/document\//, ""));
  const hlParam = /^(\d+)-(\d+)$/.exec(new URLSearchParams(window.location.search).get("hl") || "");
  let doc;
  try {
    doc = await get(`/api/document/${encodeURIComponent(id)}`);
  } catch (err) {
    PA.fail($("head"), err);
    return;
  }
  document.title = `${doc.title || "Untitled document"} · proxyatlas`;
  const kinds = Object.fromEntries(doc.entities.map((e) => [e.id, e]));

  append($("head"), [
    el("h1", {}, doc.title || "Untitled document"),
    el("p", {class: "facts"}, doc.source || "unknown source", doc.author ? ` · ${doc.author}` : "",
      ` · ${doc.published || "undated"}`, ` · ${PA.plural(doc.entities.length, "actor")}, ${PA.plural(doc.relations.length, "relation")}`,
      doc.duplicate_of ? [" · near-duplicate of ", el("a", {href: PA.documentUrl(doc.duplicate_of)}, doc.duplicate_of.slice(0, 12))] : "",
      doc.current ? "" : " · superseded by a newer version"),
    el("p", {class: "muted small mono"}, `id ${doc.id}`, doc.path ? ` · ${doc.path}` : ""),
  ]);

  /** The text as nodes: mentions become links, the span [hl0, hl1) is wrapped in <mark>. */
  function render(box, hl) {
    clear(box);
    const text = doc.text;
    const mentions = [];
    let last = 0;
    for (const m of doc.mentions) if (m.start >= last && m.end > m.start) { mentions.push(m); last = m.end; }
    const cuts = new Set([0, text.length]);
    for (const m of mentions) { cuts.add(m.start); cuts.add(m.end); }
    if (hl) { cuts.add(Math.min(hl[0], text.length)); cuts.add(Math.min(hl[1], text.length)); }
    const points = [...cuts].sort((a, b) => a - b);
    let mi = 0;
    let anchor = null;
    let anchorOf = null;
    let firstMark = null;
    for (let i = 0; i + 1 < points.length; i++) {
      const [a, b] = [points[i], points[i + 1]];
      while (mi < mentions.length && mentions[mi].end <= a) mi++;
      const m = mi < mentions.length && mentions[mi].start <= a && b <= mentions[mi].end ? mentions[mi] : null;
      let piece = document.createTextNode(text.slice(a, b));
      if (hl && a >= hl[0] && b <= hl[1]) {
        piece = el("mark", {class: "hl"}, piece);
        firstMark = firstMark || piece;
      }
      if (m) {
        if (anchorOf !== m) {
          const ent = kinds[m.entity] || {type: "other"};
          anchor = el("a", {href: PA.entityUrl(m.entity), class: "mention", title: ent.name || m.entity});
          anchor.style.borderBottomColor = PA.colorOf(ent);
          anchor.style.backgroundColor = PA.colorOf(ent) + "22";
          anchorOf = m;
          box.appendChild(anchor);
        }
        anchor.appendChild(piece);
      } else {
        anchorOf = null;
        box.appendChild(piece);
      }
    }
    if (firstMark) firstMark.scrollIntoView({block: "center"});
  }
  const textBox = $("text");
  render(textBox, hlParam ? [parseInt(hlParam[1], 10), parseInt(hlParam[2], 10)] : null);

  const show = (ev) => el("a", {href: PA.documentUrl(doc.id, ev.start, ev.end), class: "small", on: {click: (e) => {
    e.preventDefault();
    history.replaceState(null, "", PA.documentUrl(doc.id, ev.start, ev.end));
    render(textBox, [ev.start, ev.end]);
  }}}, "show in text");
  const names = (ids, item) => ids.map((i) => (item.names && item.names[i]) || (kinds[i] && kinds[i].name) || i).join(", ");
  const out = $("extracted");
  append(out, [
    el("h3", {}, `Actors (${doc.entities.length})`),
    el("ul", {class: "chips"}, doc.entities.map((e) => el("li", {}, PA.entityLink(e.id, e.name, e), " ", PA.kindBadge(e)))),
    el("h3", {}, `Relations (${doc.relations.length})`),
    el("ul", {class: "extracted-list"}, doc.relations.map((r) => el("li", {},
      PA.entityLink(r.source, r.source_name), ` ${r.type.replace("_", " ")} `, PA.entityLink(r.target, r.target_name), " ",
      PA.hedgeBadge(r.hedge), " ", PA.checkedMark(r), " ", r.evidence[0] ? show(r.evidence[0]) : null))),
    el("h3", {}, `Events (${doc.events.length})`),
    el("ul", {class: "extracted-list"}, doc.events.map((v) => el("li", {}, el("strong", {}, v.type), ` ${v.date || "undated"}: `,
      names(v.agents, v), v.agents.length ? " → " : "", names(v.targets, v), v.place ? ` @ ${names([v.place], v)}` : "", " ",
      PA.hedgeBadge(v.hedge), " ", v.evidence[0] ? show(v.evidence[0]) : null))),
    el("h3", {}, `Statements (${doc.statements.length})`),
    el("ul", {class: "extracted-list"}, doc.statements.map((s) => el("li", {}, PA.entityLink(s.speaker, s.speaker_name), ": ",
      s.direct ? `“${s.text}”` : s.text, " ", s.evidence[0] ? show(s.evidence[0]) : null))),
    el("h3", {}, `Numbers (${doc.quantities.length})`),
    el("ul", {class: "extracted-list"}, doc.quantities.map((q) => el("li", {}, PA.entityLink(q.subject, (kinds[q.subject] || {}).name),
      `: ${q.approximate ? "about " : ""}${q.value}${q.value_max !== null ? "–" + q.value_max : ""} ${q.unit} `,
      q.evidence[0] ? show(q.evidence[0]) : null))),
  ]);
})();
