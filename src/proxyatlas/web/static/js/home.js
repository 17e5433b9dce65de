/* Home page: /api/home (counts, most central actors, latest documents) and, when the server
 * has a token, an upload form that sends files to /api/ingest with that token (asked for unless
 * the tab signed in with it). */
"use strict";

(async () => {
  const {el, get, append, clear} = PA;
  const $ = (id) => document.getElementById(id);
  PA.suggest($("home-search"), (item) => { window.location.href = PA.entityUrl(item.id); });

  try {
    const data = await get("/api/home");
    for (const [key, label] of [["documents", "documents"], ["sources", "sources"], ["entities", "actors"], ["relations", "relations"]]) {
      $("counts").appendChild(el("div", {class: "count"}, el("strong", {}, data.counts[key].toLocaleString()), el("span", {}, label)));
    }
    for (const c of data.central) {
      $("central").appendChild(el("li", {}, PA.entityLink(c.id, c.name), " ",
        el("span", {class: "muted small"}, `${PA.plural(c.degree, "link")} · betweenness ${c.betweenness}`), " ",
        el("a", {href: "/network?entity=" + encodeURIComponent(c.id), class: "small"}, "network")));
    }
    if (!data.central.length) $("central").appendChild(el("li", {class: "muted"}, "No relations yet."));
    for (const d of data.latest) {
      $("latest").appendChild(el("li", {}, el("a", {href: PA.documentUrl(d.id)}, d.title || d.id.slice(0, 12)),
        el("div", {class: "muted small"}, `${d.source || "unknown source"} · ${d.published || "undated"} · ` +
          `${PA.plural(d.entities, "actor")}, ${PA.plural(d.relations, "relation")}`)));
    }
    if (!data.latest.length) $("latest").appendChild(el("li", {class: "muted"}, "No documents yet: ingest some with `proxyatlas ingest FILES`."));
  } catch (err) {
    PA.fail($("counts"), err);
  }

  const box = $("upload");
  const config = await get("/api/config").catch(() => ({uploads: false}));
  if (!config.uploads) {
    box.appendChild(el("p", {class: "muted small"}, "Read-only server: start it with --token to upload documents from the browser."));
    return;
  }
  const result = el("div", {class: "upload-result"});
  const signedIn = PA.session(); // signed in for corrections: the same token uploads
  const token = signedIn ? null : el("input", {type: "password", id: "token", placeholder: "server token", autocomplete: "off", required: true});
  const files = el("input", {type: "file", id: "files", multiple: true, accept: ".txt,.md,.html,.htm,.pdf", required: true});
  const source = el("input", {type: "text", id: "up-source", placeholder: "outlet (optional)"});
  const published = el("input", {type: "text", id: "up-published", placeholder: "published, e.g. 2024-01-30 (optional)"});
  const form = el("form", {class: "upload-form", on: {submit: async (e) => {
    e.preventDefault();
    const body = new FormData();
    for (const f of files.files) body.append("files", f, f.name);
    if (source.value.trim()) body.append("source", source.value.trim());
    if (published.value.trim()) body.append("published", published.value.trim());
    clear(result).appendChild(el("p", {class: "muted"}, "Ingesting…"));
    try {
      const response = await fetch("/api/ingest", {method: "POST", body, headers: {Authorization: "Bearer " + (signedIn ? signedIn.token : token.value)}});
      const report = await response.json();
      clear(result);
      if (!response.ok) throw new Error(report.detail || response.statusText);
      append(result, [el("p", {}, `added ${report.added}, unchanged ${report.unchanged}, failed ${report.failed.length}; ` +
        `new actors ${report.new_entities}, new relations ${report.new_relations}`),
        el("ul", {class: "plain small"}, report.failed.map(([name, reason]) => el("li", {class: "error"}, `${name}: ${reason}`)),
          report.documents.map((d) => el("li", {}, el("a", {href: PA.documentUrl(d)}, d.slice(0, 12)))))]);
    } catch (err) { PA.fail(result, err); }
  }}},
  el("h2", {}, "Add documents"),
  el("div", {class: "upload-row"}, files, source, published, token, el("button", {type: "submit", class: "button"}, "Upload and ingest")));
  append(box, [form, result]);
})();
