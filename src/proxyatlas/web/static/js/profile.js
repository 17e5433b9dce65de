/* Actor profile: /api/profile/ID (sections of sentences, each with numbered references that open
 * the evidence sentence in its document page; the notes name each document), the interactive map
 * of its areas, and download buttons
 * for /api/profile/ID/download?format=md|html|pdf with the same as-of and min-sources. */
"use strict";

(async () => {
  const {el, get, append, clear} = PA;
  const $ = (id) => document.getElementById(id);
  const id = decodeURIComponent(window.location.pathname.replace(/^\/entity\//, "").replace(/\/profile$/, ""));
  const query = new URLSearchParams(window.location.search);
  const params = {as_of: query.get("as_of") || "", min_sources: query.get("min_sources") || ""};
  $("as-of").value = params.as_of;
  $("min-sources").value = params.min_sources;

  let data;
  try {
    data = await get(`/api/profile/${encodeURIComponent(id)}`, params);
  } catch (err) {
    PA.fail($("head"), err);
    return;
  }
  const e = data.entity;
  document.title = `${e.name} · profile · proxyatlas`;
  append($("head"), [
    el("h1", {}, e.name, " ", PA.kindBadge(e)),
    el("p", {class: "facts"}, data.subtitle, " ",
      el("a", {href: PA.entityUrl(e.id), class: "button small secondary"}, "Actor page")),
  ]);

  for (const fmt of ["md", "html", "pdf"]) {
    const url = new URL(`/api/profile/${encodeURIComponent(e.id)}/download`, window.location.origin);
    url.searchParams.set("format", fmt);
    for (const [key, value] of Object.entries(params)) if (value) url.searchParams.set(key, value);
    $("downloads").appendChild(el("a", {href: url.pathname + url.search, class: "button small", download: "",
      dataset: {format: fmt}}, "Download " + {md: "Markdown", html: "HTML", pdf: "PDF"}[fmt]));
  }

  append($("contents"), [el("h2", {}, data.labels.contents), el("ol", {},
    data.sections.map((s) => el("li", {}, el("a", {href: "#" + s.id}, s.title))),
    el("li", {}, el("a", {href: "#notes"}, data.labels.notes)))]);

  const noteRefs = (refs) => refs.length ? el("sup", {}, "[", refs.flatMap((r, i) => [i ? ", " : "",
    el("a", {href: r.href, class: "note-ref", title: r.quote || null, dataset: {note: r.n}}, String(r.n))]), "]") : null;
  let mapBox = null;
  for (const section of data.sections) {
    const box = el("section", {id: section.id, class: "profile-section"}, el("h2", {}, section.title));
    if (section.id === "areas" && data.places.length) {
      mapBox = el("div", {id: "map", class: "map"});
      append(box, [mapBox, el("p", {class: "muted small"}, data.labels.map_caption + ".")]);
    }
    box.appendChild(el("ul", {class: "profile-facts"}, section.sentences.map((s) =>
      el("li", {class: s.hedge ? "hedge-text-" + s.hedge : null}, s.text, noteRefs(s.refs)))));
    $("sections").appendChild(box);
  }

  append($("notes"), [el("h2", {}, data.labels.notes), el("ol", {class: "notes"}, data.footnotes.map((note) =>
    el("li", {id: "fn-" + note.n, value: note.n},
      el("a", {href: note.href, class: "doc-link"}, note.text))))]);

  if (mapBox) {
    try { await PAMap.draw(mapBox, data.places); } catch (err) { PA.fail(mapBox, err); }
  }
  document.body.dataset.rendered = "1";
})();
