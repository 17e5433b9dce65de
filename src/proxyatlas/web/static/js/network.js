/* Network page: one actor's neighbourhood from /api/neighbourhood, drawn with vis-network.
 * Node colour = category, edge dashes = hedge, edge width = number of independent sources.
 * The as-of slider steps through the days on which this neighbourhood can change. */
"use strict";

(() => {
  const {el, get, clear, append} = PA;
  const params = new URLSearchParams(window.location.search);
  const $ = (id) => document.getElementById(id);
  const graphBox = $("graph");
  const panel = $("panel");
  const status = $("status");
  const slider = $("asof");
  const sliderLabel = $("asof-label");
  const DASHES = {asserted: false, reported: [10, 4], alleged: [5, 5], speculative: [2, 5], denied: [2, 3]};
  const SHAPES = {organization: "dot", person: "diamond", country: "square", place: "triangleDown"};
  const state = {center: params.get("entity"), dates: [], loading: 0};
  const nodes = new vis.DataSet();
  const edges = new vis.DataSet();
  let network = null;
  let current = null;

  function fillSelect(select, values, labels, chosen) {
    for (const value of values) select.appendChild(el("option", {value}, labels ? labels[value] : value.replace("_", " ")));
    if (chosen) select.value = chosen;
  }
  fillSelect($("f-type"), PA.RELATION_TYPES, null, params.get("type"));
  fillSelect($("f-hedge"), PA.HEDGES, null, params.get("hedge"));
  fillSelect($("f-category"), Object.keys(PA.CATEGORY_LABELS), PA.CATEGORY_LABELS, params.get("category"));
  if (params.get("min_sources")) $("f-min").value = params.get("min_sources");
  if (params.get("hops")) $("f-hops").value = params.get("hops");

  function legend() {
    const box = $("legend");
    append(box, [el("h3", {}, "Actors")]);
    for (const [key, label] of Object.entries(PA.CATEGORY_LABELS)) {
      const dot = el("span", {class: "swatch"});
      dot.style.backgroundColor = PA.CATEGORY_COLORS[key];
      box.appendChild(el("div", {class: "legend-row"}, dot, label));
    }
    append(box, [el("h3", {}, "Lines")]);
    for (const hedge of PA.HEDGES) box.appendChild(el("div", {class: "legend-row"}, el("span", {class: "line line-" + hedge}), hedge));
    box.appendChild(el("p", {class: "muted small"}, "Thicker lines: more independent sources."));
  }

  function filters() {
    const min = parseInt($("f-min").value, 10);
    return {entity: state.center, type: $("f-type").value, hedge: $("f-hedge").value,
      category: $("f-category").value, min_sources: min > 1 ? min : "", hops: $("f-hops").value};
  }

  function asOf() {
    const i = parseInt(slider.value, 10);
    return i < state.dates.length ? state.dates[i] : "";
  }

  function remember() {
    const query = new URLSearchParams();
    for (const [key, value] of Object.entries({...filters(), as_of: asOf()})) if (value) query.set(key, value);
    history.replaceState(null, "", "/network?" + query.toString());
  }

  function nodeItem(n, center) {
    const size = n.id === center ? 26 : 14;
    return {id: n.id, label: n.name, shape: SHAPES[n.type] || "dot", size,
      color: {background: PA.colorOf(n), border: n.id === center ? "#111" : "#fff",
        highlight: {background: PA.colorOf(n), border: "#111"}},
      borderWidth: n.id === center ? 3 : 1.5,
      font: {size: n.id === center ? 17 : 13, color: "#1d2733", strokeWidth: 3, strokeColor: "#fff",
        bold: n.id === center}};
  }

  function edgeItem(r, names, labels) {
    const tip = el("div", {class: "tip"}, `${names[r.source]} — ${r.type.replace("_", " ")} → ${names[r.target]}`,
      el("br"), `${r.hedge} · ${PA.plural(r.sources, "source")} · ${PA.plural(r.documents, "document")}`,
      r.confirmed ? [el("br"), PA.checkedMark(r)] : null);
    return {id: r.id, from: r.source, to: r.target, title: tip,
      label: labels ? r.type.replace("_", " ") : undefined,
      arrows: PA.SYMMETRIC.has(r.type) ? "" : {to: {enabled: true, scaleFactor: 0.6}},
      dashes: DASHES[r.hedge], width: Math.min(9, 1 + 1.8 * Math.log2(Math.max(1, r.sources))),
      color: {color: r.hedge === "denied" ? "#c0392b" : "#8a99a8", highlight: "#1d2733"},
      font: {size: 10, color: "#5b6b7b", strokeWidth: 3, strokeColor: "#fff", align: "middle"},
      smooth: {type: "continuous"}};
  }

  function sync(set, items) {
    const keep = new Set(items.map((i) => i.id));
    set.remove(set.getIds().filter((id) => !keep.has(id)));
    set.update(items);
  }

  function draw(data) {
    current = data;
    const names = Object.fromEntries(data.nodes.map((n) => [n.id, n.name]));
    const drawn = data.nodes.filter((n) => n.id === data.center || data.edges.some((r) => r.source === n.id || r.target === n.id));
    sync(nodes, drawn.map((n) => nodeItem(n, data.center)));
    sync(edges, data.edges.map((r) => edgeItem(r, names, data.edges.length <= 60)));
    graphBox.dataset.nodes = String(drawn.length);
    graphBox.dataset.edges = String(data.edges.length);
    graphBox.dataset.center = data.center;
    clear(status);
    append(status, [el("strong", {}, names[data.center]), ` — ${PA.plural(drawn.length, "actor")}, ${PA.plural(data.edges.length, "relation")}`,
      asOf() ? ` as of ${asOf()}` : "", data.truncated ? el("span", {class: "warn"}, " (the best-corroborated shown; narrow the filters for the rest)") : ""]);
    if (!network) {
      network = new vis.Network(graphBox, {nodes, edges}, {
        physics: {solver: "barnesHut", barnesHut: {gravitationalConstant: -6000, springLength: 140, avoidOverlap: 0.2},
          stabilization: {iterations: 250, updateInterval: 25}},
        interaction: {hover: true, tooltipDelay: 150, navigationButtons: false},
        layout: {improvedLayout: drawn.length < 100, randomSeed: 7},
      });
      window.PA_NETWORK = network; // for the browser tests and the console
      network.on("click", (e) => {
        if (e.nodes.length) showEntity(e.nodes[0]);
        else if (e.edges.length) showRelation(e.edges[0]);
      });
      network.on("doubleClick", (e) => { if (e.nodes.length) recenter(e.nodes[0]); });
      network.on("stabilizationIterationsDone", () => network.setOptions({physics: {enabled: false}}));
      network.once("afterDrawing", () => { document.body.dataset.rendered = "1"; performance.mark("graph-drawn"); });
    } else {
      network.setOptions({physics: {enabled: true}});
      network.stabilize(150);
    }
  }

  async function load(resetDates) {
    const mine = ++state.loading;
    graphBox.classList.add("busy");
    try {
      if (resetDates) {
        const all = await get("/api/neighbourhood", filters());
        if (mine !== state.loading) return;
        state.dates = all.dates;
        slider.max = String(state.dates.length);
        slider.value = String(state.dates.length);
        const wanted = params.get("as_of");
        if (wanted) {
          const i = state.dates.findIndex((d) => d >= wanted);
          slider.value = String(i < 0 ? state.dates.length : i);
          params.delete("as_of");
        }
        slider.disabled = state.dates.length === 0;
        if (!asOf()) { labelSlider(); draw(all); remember(); return; }
      }
      labelSlider();
      const data = await get("/api/neighbourhood", {...filters(), as_of: asOf()});
      if (mine !== state.loading) return;
      draw(data);
      remember();
    } catch (err) {
      PA.fail(status, err);
    } finally {
      if (mine === state.loading) graphBox.classList.remove("busy");
    }
  }

  function labelSlider() {
    sliderLabel.textContent = asOf() || "all dates";
  }

  function recenter(id) {
    state.center = id;
    $("center").value = "";
    load(true);
  }

  async function showEntity(id) {
    clear(panel);
    panel.appendChild(el("p", {class: "muted"}, "Loading…"));
    try {
      const data = await get(`/api/entity/${encodeURIComponent(id)}`, {evidence: 1});
      const e = data.entity;
      clear(panel);
      append(panel, [
        el("h2", {}, e.name), PA.kindBadge(e),
        e.aliases.length ? el("p", {class: "aliases"}, "Also: " + e.aliases.slice(0, 10).join(", ") + (e.aliases.length > 10 ? "…" : "")) : null,
        el("ul", {class: "plain"},
          el("li", {}, PA.plural(e.documents, "document")),
          el("li", {}, `${PA.plural(data.relations_out.length, "relation")} out, ${data.relations_in.length} in`),
          el("li", {}, `${PA.plural(data.statements.length, "statement")}, ${PA.plural(data.events.length, "event")}`)),
        el("p", {}, el("a", {href: PA.entityUrl(e.id), class: "button"}, "Open actor page"), " ",
          e.id !== state.center ? el("button", {type: "button", class: "button secondary", on: {click: () => recenter(e.id)}}, "Centre here") : null),
      ]);
    } catch (err) { PA.fail(panel, err); }
  }

  async function showRelation(id) {
    const rel = current && current.edges.find((r) => r.id === id);
    if (!rel) return;
    clear(panel);
    panel.appendChild(el("p", {class: "muted"}, "Loading evidence…"));
    try {
      const found = await get("/api/relations", {source: rel.source, target: rel.target, type: rel.type});
      const full = found.find((r) => r.id === id) || found[0];
      clear(panel);
      append(panel, [
        el("h2", {class: "relation-title"}, PA.entityLink(full.source, full.source_name), ` ${full.type.replace("_", " ")} `,
          PA.entityLink(full.target, full.target_name)),
        el("p", {}, PA.hedgeBadge(full.hedge), ` ${PA.plural(full.sources, "source")} · ${PA.plural(full.documents, "document")} `,
          PA.checkedMark(full)),
        full.valid_from || full.valid_to ? el("p", {class: "muted"}, `valid ${full.valid_from || "…"} to ${full.valid_to || "…"}`) : null,
        el("p", {class: "muted"}, `first reported ${full.first_seen || "undated"}, last ${full.last_seen || "undated"}`),
        el("h3", {}, "Evidence"),
        el("ul", {class: "evidence-list"}, full.evidence.map((ev) => PA.evidenceItem(ev, [full.source_name, full.target_name]))),
      ]);
    } catch (err) { PA.fail(panel, err); }
  }

  PA.suggest($("center"), (item) => recenter(item.id));
  for (const id of ["f-type", "f-hedge", "f-category", "f-hops"]) $(id).addEventListener("change", () => load(true));
  $("f-min").addEventListener("change", () => load(true));
  slider.addEventListener("input", () => { labelSlider(); });
  slider.addEventListener("input", PA.debounce(() => load(false), 120));
  legend();

  (async () => {
    if (!state.center) {
      try {
        const top = await get("/api/entities", {limit: 1});
        if (!top.length) { status.textContent = "The store is empty: ingest documents first (proxyatlas ingest FILES)."; return; }
        state.center = top[0].id;
      } catch (err) { PA.fail(status, err); return; }
    }
    load(true);
  })();
})();
