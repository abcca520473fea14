// The shop's KPIs per day or week (GET /kpis): revenue and orders, the funnel's conversion
// and the repeat-purchase rate, the share of revenue from recommendations, retention by
// first-purchase cohort; and the shopper segments as of the model's training (GET /segments).
import { get } from "../api.js";
import { card, fmt, h, table } from "../dom.js";
import { lineChart } from "../charts.js";

const pct = (v) => (v === null || v === undefined ? "–" : `${fmt(100 * v, 1)} %`);

export async function render(main) {
  const interval = new URLSearchParams(location.hash.split("?")[1] ?? "").get("interval") === "day" ? "day" : "week";
  const [k, segments] = await Promise.all([get(`/kpis?interval=${interval}`), get("/segments").catch((err) => err)]);
  const money = h("div", { id: "chart-revenue" });
  const rates = h("div", { id: "chart-rates" });
  const other = interval === "day" ? "week" : "day";
  const switcher = h("p", {}, `Per ${interval}, ${k.from.slice(0, 10)} to ${k.to.slice(0, 10)} · `, h("a", { href: `#/kpis?interval=${other}` }, `per ${other}`));
  const t = k.total;
  main.replaceChildren(
    h("h2", {}, "Shop KPIs"), switcher,
    h("div.cards", {},
      card("Revenue", fmt(t.revenue, 2), "revenue"), card("Orders", fmt(t.orders), "orders"), card("Average order", fmt(t.average_order_value, 2), "aov"),
      card("Conversion", pct(t.funnel.conversion), "conversion"), card("Repeat buyers", pct(t.repeat_purchase_rate), "repeat"),
      card("From recommendations", pct(t.attributed_share), "attributed")),
    money, rates,
    h("h2", {}, `Retention by first-purchase ${interval}`), cohortTable(k.cohorts),
    h("h2", {}, "Shopper segments"), segments instanceof Error ? h("p.muted", {}, segments.message) : segmentTable(segments),
  );
  const x = k.periods.map((p) => Date.parse(p.start) / 1000);
  lineChart(money, { title: `Revenue per ${interval}`, x, points: true, series: [
    { label: "revenue", values: k.periods.map((p) => p.revenue) },
    { label: "from recommendations", values: k.periods.map((p) => p.attributed_revenue) },
  ] });
  lineChart(rates, { title: "Conversion, repeat buyers, revenue share from recommendations", x, points: true, series: [
    { label: "conversion", values: k.periods.map((p) => p.funnel.conversion) },
    { label: "repeat buyers", values: k.periods.map((p) => p.repeat_purchase_rate) },
    { label: "from recommendations", values: k.periods.map((p) => p.attributed_share) },
  ] });
}

function cohortTable(cohorts) {
  const width = Math.max(0, ...cohorts.map((c) => c.retention.length));
  const t = table([
    ["First purchase", (c) => c.start.slice(0, 10)],
    ["Shoppers", (c) => fmt(c.shoppers), true],
    ...Array.from({ length: Math.min(width, 12) }, (_, i) => [`+${i + 1}`, (c) => (i < c.retention.length ? pct(c.retention[i]) : ""), true]),
  ], cohorts);
  t.id = "cohorts";
  return t;
}

function segmentTable(s) {
  const t = table([
    ["Segment", (r) => r.name.replace("_", " ")],
    ["Shoppers", (r) => fmt(r.shoppers), true],
    ["Share", (r) => pct(r.share), true],
    ["Spend", (r) => fmt(r.spend, 2), true],
    ["Spend share", (r) => pct(r.spend_share), true],
    ["At the training before", (r) => (r.previous ? fmt(r.previous.shoppers) : "–"), true],
  ], s.segments);
  t.id = "segments";
  return h("div", {}, h("p.muted", {}, `${fmt(s.shoppers)} shoppers who bought, as of ${s.as_of.slice(0, 10)} (model ${s.model_version})`), t);
}
