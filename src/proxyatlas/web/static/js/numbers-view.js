/* Numbers over time: one small vis Graph2d chart per group of what is counted (personnel,
 * fatalities, a currency, ...), a point per claim, coloured by claimant (whoever the text
 * attributes the number to, else the outlet). Data: /api/numbers/ID. */
"use strict";

const PANumbers = (() => {
  const {el, clear, append} = PA;
  const COLORS = ["#c0392b", "#2980b9", "#27ae60", "#8e44ad", "#e67e22", "#16a085", "#2c3e50", "#d35400", "#7f8c8d"];

  const claimant = (n) => n.claimant_name || n.outlet || "unknown source";

  function chart(box, group, rows) {
    const names = [...new Set(rows.map(claimant))];
    const groups = new vis.DataSet(names.map((name, i) => {
      const color = COLORS[i % COLORS.length];
      return {id: name, content: name, className: `pa-claimant-${i}`,
        options: {drawPoints: {style: "circle", size: 7, styles: `fill: ${color}; stroke: ${color};`}},
        style: `stroke: ${color};`};
    }));
    const items = new vis.DataSet(rows.map((n, i) => ({id: i, x: n.date, y: n.value, group: claimant(n),
      label: {content: n.value_max !== null ? `${n.value.toLocaleString()}–${n.value_max.toLocaleString()}`
        : (n.approximate ? "~" : "") + n.value.toLocaleString(), className: "pa-number-label"}})));
    const days = rows.map((n) => Date.parse(n.date)).sort((a, b) => a - b);
    const pad = Math.max(20 * 86400000, (days[days.length - 1] - days[0]) * 0.25);  // room for the legend
    const graphBox = el("div", {class: "numbers-chart", dataset: {group}});
    append(box, [el("h3", {}, group), graphBox]);
    return new vis.Graph2d(graphBox, items, groups, {
      style: "points", height: "170px", legend: {enabled: true, left: {position: "top-right"}},
      start: new Date(days[0] - pad), end: new Date(days[days.length - 1] + pad), showCurrentTime: false,
      dataAxis: {left: {range: {min: 0}}}, zoomMin: 86400000,
    });
  }

  /** Draw one chart per group of `numbers` (from /api/numbers/ID) into `box`. */
  function draw(box, numbers) {
    clear(box);
    const dated = numbers.filter((n) => n.date && !Number.isNaN(Date.parse(n.date)));
    if (!dated.length) {
      box.appendChild(el("p", {class: "muted"}, "No dated numbers to plot."));
      return [];
    }
    const byGroup = new Map();
    for (const n of dated) byGroup.set(n.group, [...(byGroup.get(n.group) || []), n]);
    return [...byGroup].map(([group, rows]) => chart(box, group, rows));
  }

  return {draw};
})();
