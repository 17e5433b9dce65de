/* A map of places with Leaflet, drawn on the vendored world-atlas countries (no tile server:
 * it works offline). Countries among `places` are shaded; places with coordinates get a marker. */
"use strict";

const PAMap = (() => {
  let atlas = null;

  async function countries() {
    if (!atlas) {
      const topo = await PA.get("/static/vendor/world-atlas/countries-110m.json");
      atlas = topojson.feature(topo, topo.objects.countries);
    }
    return atlas;
  }

  const norm = (s) => (s || "").toLowerCase().replace(/[^a-z]/g, "");

  /** Draw `places` ([{id, name, names, type, coords, why}]) into `box`; returns the Leaflet map. */
  async function draw(box, places) {
    const map = L.map(box, {worldCopyJump: true, attributionControl: false, zoomSnap: 0.25});
    map.setView([30, 40], 2);
    const shaded = new Set(places.filter((p) => p.type === "country").flatMap((p) => p.names.map(norm)));
    const world = await countries();
    const layer = L.geoJSON(world, {
      style: (f) => shaded.has(norm(f.properties.name))
        ? {color: "#a04000", weight: 1, fillColor: "#e67e22", fillOpacity: 0.55}
        : {color: "#b0bac4", weight: 0.6, fillColor: "#eef1f4", fillOpacity: 1},
    }).addTo(map);
    const bounds = [];
    for (const place of places) {
      if (!place.coords) continue;
      const marker = L.circleMarker(place.coords, {radius: 7, color: "#1d2733", weight: 2, fillColor: "#c0392b", fillOpacity: 0.9});
      const label = PA.el("div", {}, PA.el("a", {href: PA.entityUrl(place.id)}, place.name),
        PA.el("div", {class: "muted"}, {self: "this place", operates_in: "operates here", event: "an event here"}[place.why] || ""));
      marker.bindTooltip(PA.el("span", {}, place.name)).bindPopup(label).addTo(map);
      bounds.push(place.coords);
    }
    layer.eachLayer((l) => { if (shaded.has(norm(l.feature.properties.name))) bounds.push(...cornersOf(l)); });
    if (bounds.length) map.fitBounds(bounds, {padding: [24, 24], maxZoom: 5});
    return map;
  }

  function cornersOf(layer) {
    const b = layer.getBounds();
    return [[b.getSouth(), b.getWest()], [b.getNorth(), b.getEast()]];
  }

  return {draw};
})();
