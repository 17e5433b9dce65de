/* Correction controls, drawn only for a signed-in analyst (PA.canWrite): on a relation confirm,
 * reject with a reason, change type or hedge; on an actor merge another into it, split an alias
 * off, change type or category, add an alias; on an event (a timeline item) reject it with a
 * reason, merge another event into it, split one document's report off. Each control posts one correction
 * (/api/corrections, the same record as the CLI's) and hands the stored record to `done`
 * (by default: reload the page with an Undo button). */
"use strict";

const PAReview = (() => {
  const {el} = PA;

  function describe(rel) {
    return `${rel.source_name} ${rel.type.replace("_", " ")} ${rel.target_name}`;
  }

  function options(values, chosen, labels) {
    return values.map((v) => el("option", {value: v, selected: v === chosen}, labels ? labels[v] || v : v.replace("_", " ")));
  }

  /** Post `body`; then `done(record, text)`, or `report(error)` when the server refuses. */
  async function act(body, text, {report, done}) {
    try {
      const record = await PA.correct(body);
      (done || ((r, t) => PA.doneAndReload(t, r.id)))(record, text);
    } catch (err) { report(err); }
  }

  function relationControls(rel, ontology, handlers) {
    const what = describe(rel);
    const reason = el("input", {type: "text", class: "reject-reason", placeholder: "why is it wrong?", required: true,
      "aria-label": "reason for rejecting"});
    const rejectForm = el("form", {class: "reject-form", hidden: true, on: {submit: (e) => {
      e.preventDefault();
      act({action: "reject", relation: rel.id, reason: reason.value.trim()}, `Rejected: ${what}.`, handlers);
    }}}, reason, " ", el("button", {type: "submit", class: "button small danger"}, "Reject relation"));
    const type = el("select", {class: "retype", "aria-label": "relation type", on: {change: () =>
      act({action: "retype", relation: rel.id, type: type.value}, `${what} is now ${type.value.replace("_", " ")}.`, handlers)}},
    options(ontology.relation_types, rel.type));
    const hedge = el("select", {class: "rehedge", "aria-label": "hedge", on: {change: () =>
      act({action: "rehedge", relation: rel.id, hedge: hedge.value}, `${what} is now ${hedge.value}.`, handlers)}},
    options(ontology.hedges, rel.hedge));
    return el("div", {class: "review-actions"},
      rel.confirmed ? null : el("button", {type: "button", class: "button small confirm", on: {click: () =>
        act({action: "confirm", relation: rel.id}, `Confirmed: ${what}.`, handlers)}}, "Confirm"), " ",
      el("button", {type: "button", class: "button small secondary reject", on: {click: () => {
        rejectForm.hidden = false;
        reason.focus();
      }}}, "Reject…"), " ",
      el("label", {class: "inline small"}, "type ", type), " ", el("label", {class: "inline small"}, "hedge ", hedge),
      rejectForm);
  }

  function entityControls(entity, ontology, report) {
    const handlers = {report};
    let chosen = null;
    const mergeInput = el("input", {type: "search", id: "merge-input", placeholder: "another actor…", "aria-label": "actor to merge"});
    const mergeButton = el("button", {type: "button", id: "merge-button", class: "button small", disabled: true, on: {click: () =>
      act({action: "merge", entity: entity.id, other: chosen.id}, `Merged ${chosen.name} into ${entity.name}.`, handlers)}},
    "Merge into this actor");
    const splitAlias = el("select", {id: "split-alias", "aria-label": "alias to split off"}, options(entity.aliases, null, {}));
    const type = el("select", {id: "kind-type", "aria-label": "type"}, options(ontology.entity_types, entity.type));
    const category = el("select", {id: "kind-category", "aria-label": "category"},
      el("option", {value: ""}, "(no category)"), options(ontology.categories, entity.category, PA.CATEGORY_LABELS));
    const alias = el("input", {type: "text", id: "alias-input", placeholder: "another name", "aria-label": "new alias"});
    const box = el("section", {class: "entity-edit", id: "entity-edit"},
      el("h2", {}, "Correct this actor"),
      el("div", {class: "edit-row"}, el("span", {class: "edit-label"}, "Same actor as"),
        el("div", {class: "search-box"}, mergeInput), mergeButton),
      entity.aliases.length ? el("div", {class: "edit-row"}, el("span", {class: "edit-label"}, "Another actor is"), splitAlias,
        el("button", {type: "button", id: "split-button", class: "button small", on: {click: () =>
          act({action: "split", entity: entity.id, alias: splitAlias.value}, `Split ${splitAlias.value} off ${entity.name}.`, handlers)}},
        "Split off")) : null,
      el("div", {class: "edit-row"}, el("span", {class: "edit-label"}, "Kind"), type, category,
        el("button", {type: "button", id: "kind-save", class: "button small", on: {click: () =>
          act({action: "recategorise", entity: entity.id, type: type.value,
            category: type.value === "organization" ? category.value || null : null},
          `${entity.name} is now ${type.value === "organization" ? category.value || type.value : type.value}.`, handlers)}}, "Save")),
      el("div", {class: "edit-row"}, el("span", {class: "edit-label"}, "Also called"), alias,
        el("button", {type: "button", id: "alias-add", class: "button small", on: {click: () =>
          act({action: "alias", entity: entity.id, alias: alias.value.trim()}, `${entity.name} is also called ${alias.value.trim()}.`, handlers)}},
        "Add alias")));
    PA.suggest(mergeInput, (item) => {
      chosen = item;
      mergeInput.value = item.name;
      mergeButton.disabled = item.id === entity.id;
    });
    return box;
  }

  /** The merge candidates for `event`: the other events of `items`, nearest in time first. */
  function nearestEvents(event, items) {
    const day = Date.parse(event.start);
    return items.filter((i) => i.kind === "event" && i.id !== event.id)
      .sort((a, b) => Math.abs(Date.parse(a.start) - day) - Math.abs(Date.parse(b.start) - day));
  }

  function eventControls(event, items, handlers) {
    const what = `${event.type}${event.date ? " of " + event.date : ""}`;
    const reason = el("input", {type: "text", class: "reject-reason", placeholder: "why is it no happening?", required: true,
      "aria-label": "reason for rejecting"});
    const rejectForm = el("form", {class: "reject-form", hidden: true, on: {submit: (e) => {
      e.preventDefault();
      act({action: "reject_event", event: event.id, reason: reason.value.trim()}, `Rejected the ${what}.`, handlers);
    }}}, reason, " ", el("button", {type: "submit", class: "button small danger"}, "Reject event"));

    const candidates = nearestEvents(event, items).map((o) => [o, `${o.date || "undated"} ${PATimeline.label(o)}`]);
    const filter = el("input", {type: "search", class: "merge-filter", placeholder: "filter events…",
      "aria-label": "filter the events to merge"});
    const other = el("select", {class: "merge-event", "aria-label": "event to merge into this one"});
    const mergeButton = el("button", {type: "button", class: "button small merge-event-button", disabled: true, on: {click: () =>
      act({action: "merge_events", event: event.id, other: other.value},
        `Merged ${other.selectedOptions[0].textContent} into the ${what}.`, handlers)}}, "Merge into this event");
    function fill() {
      const words = filter.value.trim().toLowerCase();
      const shown = candidates.filter(([, text]) => !words || text.toLowerCase().includes(words)).slice(0, 50);
      PA.clear(other);
      PA.append(other, [el("option", {value: ""}, shown.length ? "(choose an event)" : "(no event matches)"),
        shown.map(([o, text]) => el("option", {value: o.id}, text))]);
      mergeButton.disabled = true;
    }
    filter.addEventListener("input", fill);
    other.addEventListener("change", () => { mergeButton.disabled = !other.value; });
    fill();

    const documents = [...new Map(event.evidence.map((ev) => [ev.document, ev])).values()];
    const splitDocument = el("select", {class: "split-document", "aria-label": "document to split off"},
      documents.map((ev) => el("option", {value: ev.document},
        `${ev.outlet || "unknown outlet"}${ev.date ? " · " + ev.date : ""} · ${ev.document.slice(0, 10)}`)));
    return el("div", {class: "review-actions event-actions", dataset: {event: event.id}},
      el("button", {type: "button", class: "button small secondary reject", on: {click: () => {
        rejectForm.hidden = false;
        reason.focus();
      }}}, "Reject…"),
      rejectForm,
      el("div", {class: "edit-row"}, el("span", {class: "edit-label"}, "Same happening as"), filter, other, mergeButton),
      documents.length > 1 ? el("div", {class: "edit-row"}, el("span", {class: "edit-label"}, "Another happening in"),
        splitDocument, el("button", {type: "button", class: "button small split-event-button", on: {click: () =>
          act({action: "split_event", event: event.id, document: splitDocument.value},
            `Split ${splitDocument.selectedOptions[0].textContent} off the ${what}.`, handlers)}}, "Split off")) : null);
  }

  return {describe, act, relationControls, entityControls, eventControls};
})();
