/* Sources page: /api/sources; a click lists that outlet's documents (/api/documents?source=). */
"use strict";

(async () => {
  const {el, get, append, clear} = PA;
  const table = document.getElementById("sources");
  const docs = document.getElementById("source-docs");
  let rows;
  try { rows = await get("/api/sources"); } catch (err) { PA.fail(table, err); return; }
  const pct = (a, b) => (b ? Math.round((100 * a) / b) + "%" : "–");
  append(table, [el("thead", {}, el("tr", {}, ["Source", "Documents", "Claims", "Corroborated", "Share corroborated"].map((h) => el("th", {}, h)))),
    el("tbody", {}, rows.map((s) => el("tr", {},
      el("td", {}, el("button", {type: "button", class: "link-button", on: {click: () => list(s.source)}}, s.source || "(no source)")),
      el("td", {class: "num"}, s.documents), el("td", {class: "num"}, s.claims), el("td", {class: "num"}, s.corroborated),
      el("td", {class: "num"}, el("span", {class: "bar"}, el("span", {class: "fill", dataset: {pct: pct(s.corroborated, s.claims)}})), " ", pct(s.corroborated, s.claims)))))]);
  for (const fill of table.querySelectorAll(".fill")) fill.style.width = fill.dataset.pct === "–" ? "0" : fill.dataset.pct;

  async function list(source) {
    clear(docs).appendChild(el("p", {class: "muted"}, "Loading…"));
    try {
      const data = await get("/api/documents?source=" + encodeURIComponent(source || ""), {limit: 500});
      clear(docs);
      append(docs, [el("h2", {}, `${source || "(no source)"}: ${PA.plural(data.total, "document")}`),
        el("ul", {class: "doc-list"}, data.documents.map((d) => el("li", {}, el("a", {href: PA.documentUrl(d.id)}, d.title || d.id.slice(0, 12)),
          el("span", {class: "muted small"}, ` · ${d.published || "undated"} · ${PA.plural(d.entities, "actor")}, ${PA.plural(d.relations, "relation")}`))))]);
      docs.scrollIntoView({behavior: "smooth"});
    } catch (err) { PA.fail(docs, err); }
  }
})();
