// Counts, events per type per day, the model in use, the training history and the trains
// the schedule ran (a failed one with the end of its output).
import { get } from "../api.js";
import { age, card, fmt, h, table } from "../dom.js";
import { lineChart } from "../charts.js";

export async function render(main) {
  const s = await get("/stats?days=60");
  const eventsChart = h("div", { id: "chart-events" });
  const fitChart = h("div", { id: "chart-fit" });
  const weightsChart = h("div", { id: "chart-weights" });
  main.replaceChildren(
    h("div.cards", {},
      card("Items", fmt(s.items), "items"), card("Shoppers", fmt(s.shoppers), "shoppers"), card("Events", fmt(s.events), "events"),
      card("Model", s.model?.version ?? "none", "model"), card("Model age", s.model ? age(s.model.age_seconds) : "–", "model-age")),
    h("h2", {}, `Events per day (UTC, the ${s.events_per_day.days.length} days up to the newest event)`), eventsChart,
    h("h2", {}, "Training history"),
    s.history.length === 0 ? h("p.muted", {}, "No model trained yet.") : historyTable(s.history),
    fitChart, weightsChart,
    h("h2", {}, "Scheduled training"),
    s.scheduled_trains.length === 0
      ? h("p.muted", {}, "None run: serve --train-every 6h or --train-after-events N retrains while serving.")
      : scheduledTable(s.scheduled_trains),
  );
  const days = s.events_per_day.days.map((d) => Date.parse(d) / 1000);
  lineChart(eventsChart, { title: "Events per type", x: days, series: Object.entries(s.events_per_day.counts).map(([label, values]) => ({ label, values })) });
  if (s.history.length > 0) {
    const x = s.history.map((_, i) => i);
    const labels = s.history.map((v) => v.version);
    const fit = (k) => s.history.map((v) => v.fit?.[k] ?? null);
    lineChart(fitChart, {
      title: "Validation (recall@n, NDCG@n, coverage)", x, time: false, xLabels: labels, points: true,
      series: [{ label: "recall", values: fit("recall") }, { label: "NDCG", values: fit("ndcg") }, { label: "coverage", values: fit("coverage") }],
    });
    const sources = [...new Set(s.history.flatMap((v) => Object.keys(v.weights)))];
    lineChart(weightsChart, {
      title: "Fitted weights of the hybrid", x, time: false, xLabels: labels, points: true,
      series: sources.map((k) => ({ label: k, values: s.history.map((v) => v.weights[k] ?? null) })),
    });
  }
}

function historyTable(history) {
  const t = table([
    ["Version", (v) => v.version],
    ["Trained", (v) => new Date(v.created_at).toLocaleString()],
    ["Events", (v) => fmt(v.events), true],
    ["Shoppers", (v) => fmt(v.shoppers), true],
    ["Seconds", (v) => fmt(v.train_seconds, 1), true],
    ["Recall", (v) => fmt(v.fit?.recall, 4), true],
    ["NDCG", (v) => fmt(v.fit?.ndcg, 4), true],
    ["Coverage", (v) => fmt(v.fit?.coverage, 3), true],
    ["Weights", (v) => Object.entries(v.weights).map(([k, w]) => `${k} ${fmt(w, 2)}`).join(", ")],
  ], [...history].reverse());
  t.id = "history";
  return t;
}

function scheduledTable(runs) {
  const t = table([
    ["Ended", (r) => new Date(r.time).toLocaleString()],
    ["Outcome", (r) => (r.outcome === "failed" ? h("span.error", {}, r.signal ? `failed (${r.signal})` : `failed (exit ${r.exit_code})`) : r.outcome)],
    ["Why", (r) => r.why],
    ["Seconds", (r) => fmt(r.seconds), true],
    ["Model", (r) => r.version ?? "–"],
    ["Output", (r) => (r.output ? h("details", {}, h("summary", {}, "end of the output"), h("pre", {}, r.output)) : "")],
  ], runs);
  t.id = "scheduled-trains";
  return t;
}
