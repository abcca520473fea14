// Requests per second, errors and latency percentiles, from /metrics read every few
// seconds: each point is what happened between two readings.
import { get } from "../api.js";
import { card, fmt, h } from "../dom.js";
import { lineChart } from "../charts.js";
import { buckets, parseMetrics, quantile, total } from "../prometheus.js";

const EVERY_MS = 2000;
const KEEP = 150;
const REQUESTS = "tuijian_http_requests_total";
const LATENCY = "tuijian_http_request_duration_seconds";

export async function render(main) {
  const rateChart = h("div", { id: "chart-rate" });
  const latencyChart = h("div", { id: "chart-latency" });
  const cards = h("div.cards");
  main.replaceChildren(cards, h("h2", {}, `Requests (every ${EVERY_MS / 1000} s)`), rateChart, h("h2", {}, "Latency percentiles (ms)"), latencyChart);
  const points = { t: [], rps: [], e4: [], e5: [], p50: [], p95: [], p99: [] };
  let last = reading(await get("/metrics", { asText: true }));

  const tick = async () => {
    const now = reading(await get("/metrics", { asText: true }));
    const dt = (now.t - last.t) || 1;
    const add = (k, v) => points[k].push(v);
    add("t", now.t);
    add("rps", (now.requests - last.requests) / dt);
    add("e4", (now.e4 - last.e4) / dt);
    add("e5", (now.e5 - last.e5) / dt);
    for (const [k, q] of [["p50", 0.5], ["p95", 0.95], ["p99", 0.99]]) {
      const v = quantile(q, last.buckets, now.buckets);
      add(k, v === null ? null : v * 1000);
    }
    for (const series of Object.values(points)) if (series.length > KEEP) series.shift();
    last = now;
    cards.replaceChildren(
      card("Requests served", fmt(now.requests), "requests"), card("Requests/s", fmt(points.rps.at(-1), 1), "rps"),
      card("4xx/s", fmt(points.e4.at(-1), 2), "e4"), card("5xx/s", fmt(points.e5.at(-1), 2), "e5"), card("p95 ms", fmt(points.p95.at(-1), 1), "p95"));
    lineChart(rateChart, { title: "Per second", x: points.t, series: [{ label: "requests", values: points.rps }, { label: "4xx", values: points.e4 }, { label: "5xx", values: points.e5 }] });
    lineChart(latencyChart, { title: "Milliseconds", x: points.t, series: [{ label: "p50", values: points.p50 }, { label: "p95", values: points.p95 }, { label: "p99", values: points.p99 }] });
  };
  // The first point comes one interval after the first reading: a rate over a few
  // milliseconds would be mostly this page's own request.
  cards.replaceChildren(h("p.muted", {}, "Reading /metrics…"));
  const timer = setInterval(() => tick().catch((err) => cards.replaceChildren(h("p.error", {}, err.message))), EVERY_MS);
  return () => clearInterval(timer);
}

function reading(text) {
  const s = parseMetrics(text);
  return {
    t: Date.now() / 1000,
    requests: total(s, REQUESTS),
    e4: total(s, REQUESTS, (l) => l.status?.startsWith("4")),
    e5: total(s, REQUESTS, (l) => l.status?.startsWith("5")),
    buckets: buckets(s, LATENCY),
  };
}
