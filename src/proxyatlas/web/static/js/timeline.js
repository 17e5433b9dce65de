/* Timeline page: /api/timeline, optionally of one actor (chosen by any of its names); for a
 * signed-in analyst, an event's details carry the event controls of review-controls.js. */
"use strict";

(async () => {
  const $ = (id) => document.getElementById(id);
  const params = new URLSearchParams(window.location.search);
  let timeline = null;
  const report = (err) => { $("tl-status").textContent = String(err.message || err); };
  const controls = await PA.canWrite()
    ? (item, items) => item.kind === "event" ? PAReview.eventControls(item, items, {report}) : null
    : null;

  async function load(entity, name) {
    $("tl-status").textContent = "Loading…";
    try {
      const data = await PA.get("/api/timeline", {entity, limit: 3000});
      timeline = PATimeline.draw($("timeline"), $("timeline-detail"), data.items, {previous: timeline, controls});
      const shown = data.items.length;
      $("tl-status").textContent = `${name ? name + ": " : ""}${PA.plural(shown, "item")}` +
        (data.total > shown ? ` of ${data.total} (${data.undrawable} without any date)` : "") +
        " · scroll to zoom, drag to move, click an item for its sentence";
      const query = entity ? "?entity=" + encodeURIComponent(entity) : "";
      history.replaceState(null, "", "/timeline" + query);
    } catch (err) {
      PA.fail($("timeline"), err);
      $("tl-status").textContent = "";
    }
  }

  PA.suggest($("actor"), (item) => { $("actor").value = item.name; load(item.id, item.name); });
  $("all").addEventListener("click", () => { $("actor").value = ""; load(null, null); });
  load(params.get("entity"), params.get("entity"));
})();
