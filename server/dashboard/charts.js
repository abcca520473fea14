// Line charts with uPlot (loaded as the global `uPlot` from the npm package, served by
// tuijian). Each chart's element says how many points it drew (data-points), for tests.
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
    axes: [xLabels ? { values: (_, ticks) => ticks.map((t) => xLabels[t] ?? ""), space: 60 } : {}, {}],
  };
  const chart = new uPlot(opts, [x, ...series.map((s) => s.values)], el);
  el.dataset.points = String(x.length * series.length);
  return chart;
}
