/* Events and statements on a zoomable vis-timeline. Item content is built as DOM elements
 * (never HTML strings); selecting an item shows its details, with a link to its sentence, and
 * whatever `controls(item, items)` draws for it (the correction controls of a signed-in analyst). */
"use strict";

const PATimeline = (() => {
  const {el, clear, append} = PA;

  function label(item) {
    if (item.kind === "statement") return `${item.speaker_name}: ${item.direct ? "“" + item.text + "”" : item.text}`;
    const names = (ids) => ids.map((i) => item.names[i] || i).join(", ");
    const who = [names(item.agents), names(item.targets)].filter(Boolean).join(" → ");
    return `${item.type}: ${who}${item.place ? " @ " + (item.names[item.place] || item.place) : ""}`;
  }

  function short(text, n) {
    return text.length > n ? text.slice(0, n - 1) + "…" : text;
  }

  /** The sentences behind an item, in the shape PA.evidenceItem draws. */
  function evidence(item) {
    if (item.kind === "statement") {
      return item.evidence.slice(0, 1).map((ev) => ({...ev, document: item.document, source: item.source,
        published: item.published, hedge: "asserted", attributed_to: null}));
    }
    return item.evidence.map((ev) => ({text: ev.sentence, start: ev.start, end: ev.end, document: ev.document,
      source: ev.outlet, published: ev.date, hedge: ev.hedge, attributed_to: ev.attributed_to}));
  }

  /** What the reports of an event disagree on: each value with the outlets that give it. */
  function disagreements(item) {
    const show = (name, v) => Array.isArray(v) ? v.map((i) => item.names[i] || i).join(", ")
      : (name === "place" ? item.names[v] || v : String(v));
    return Object.entries(item.details || {}).filter(([, variants]) => variants.length > 1).map(([name, variants]) =>
      el("li", {class: "disagreement", dataset: {detail: name}}, el("strong", {}, name), ": ",
        variants.map((v) => `${show(name, v.value)} (${v.outlets.join(", ") || "unknown outlet"})`).join(" · ")));
  }

  function detail(box, item, extra) {
    clear(box);
    const names = item.kind === "statement" ? [item.speaker_name] : Object.values(item.names || {});
    const facts = item.kind === "event"
      ? ` · ${PA.plural(item.documents, "document")} · ${PA.plural(item.sources, "independent source")}` +
        (item.fatalities !== null ? ` · ${item.fatalities} dead` : "")
      : (item.source ? ` · ${item.source}` : "");
    const differ = item.kind === "event" ? disagreements(item) : [];
    append(box, [
      el("h3", {}, item.kind === "statement" ? "Statement" : `Event (${item.type})`, " ",
        item.hedge ? PA.hedgeBadge(item.hedge) : null),
      el("p", {}, label(item)),
      el("p", {class: "muted"}, item.date ? `date ${item.date}` : `undated; published ${item.published || "?"}`, facts),
      differ.length ? el("ul", {class: "plain small disagreements"}, differ) : null,
      extra,
      el("ul", {class: "evidence-list"}, evidence(item).map((ev) => PA.evidenceItem(ev, names))),
    ]);
  }

  /** Draw `items` (from /api/timeline) into `box`; details of the selected one go to `detailBox`,
   * with `controls(item, items)` (an element or null) when given. */
  function draw(box, detailBox, items, {previous, controls} = {}) {
    if (previous) previous.destroy();
    clear(box);
    if (!items.length) {
      box.appendChild(el("p", {class: "muted"}, "Nothing dated to show."));
      return null;
    }
    const byId = new Map(items.map((item) => [item.id, item]));
    const data = new vis.DataSet(items.map((item) => ({
      id: item.id,
      group: item.kind,
      start: item.start,
      end: item.end && item.end !== item.start ? item.end : undefined,
      type: item.end && item.end !== item.start ? "range" : "point",
      className: `tl-${item.kind} tl-${item.type || "statement"}${item.undated ? " tl-undated" : ""}`,
      content: el("span", {dataset: {item: item.id}}, short(label(item), 42)),
    })));
    const days = items.flatMap((item) => [item.start, item.end || item.start]).map((d) => Date.parse(d)).sort((a, b) => a - b);
    // open on where most items are (10th to 90th percentile); zoom out for the rest
    const lo = days[Math.floor(days.length * 0.1)];
    const hi = days[Math.min(days.length - 1, Math.ceil(days.length * 0.9))];
    const pad = Math.max(5 * 86400000, (hi - lo) * 0.08);
    const groups = new vis.DataSet([{id: "event", content: "Events"}, {id: "statement", content: "Statements"}]);
    const timeline = new vis.Timeline(box, data, groups, {
      stack: true, zoomMin: 1000 * 60 * 60 * 24, margin: {item: 4},
      start: new Date(lo - pad), end: new Date(hi + pad), showCurrentTime: false, orientation: {axis: "top"},
      tooltip: {followMouse: false}, xss: {disabled: false},
    });
    timeline.on("select", (props) => {
      const item = byId.get(props.items[0]);
      if (item) detail(detailBox, item, controls ? controls(item, items) : null);
    });
    return timeline;
  }

  return {draw, label};
})();
