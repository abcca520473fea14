// Line charts with uPlot (loaded as the global `uPlot` from the npm package, served by
// tuijian). Each chart's element says how many points it drew (data-points), for tests.
/** 1234567 → "1.2M": y labels that fit the axis whatever the magnitude. */
const compact = (v) => (v === null ? "" : Math.abs(v) >= 1e6 ? `${+(v / 1e6).toFixed(1)}M` : Math.abs(v) >= 1e4 ? `${+(v / 1e3).toFixed(0)}k` : String(+v.toFixed(3)));

const COLOURS = ["#2f6fde", "#e8833a", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#17becf"];

/**
 * @param x the x values (seconds since the epoch for time axes, else indices)
 * @param series [{label, values}]
 */
export function lineChart(el, { title, x, series, time = true, xLabels, points = false }) {
  el.replaceChildren();
  el.classList.add("chart");
  const width = Math.max(320, el.clientWidth - 16 || 900);
  const opts = {
    title, width, height: 260,
    // Versions on x: half a step of room either side, so that one version is not squeezed to the edge.
    scales: { x: time ? { time } : { time, range: () => [-0.5, x.length - 0.5] } },
    series: [{}, ...series.map((s, i) => ({ label: s.label, stroke: COLOURS[i % COLOURS.length], width: 2, points: { show: points, size: 7 } }))],
    axes: [xLabels ? { values: (_, ticks) => ticks.map((t) => xLabels[t] ?? ""), space: 60 } : {}, { size: 60, values: (_, ticks) => ticks.map(compact) }],
  };
  const chart = new uPlot(opts, [x, ...series.map((s) => s.values)], el);
  el.dataset.points = String(x.length * series.length);
  return chart;
}
