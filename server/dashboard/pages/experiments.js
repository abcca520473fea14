// Experiments: the list with start and stop, a form to create one (its JSON, as the API
// takes it), and an experiment's report — per variant the lists, shoppers and each metric
// with its 95% interval and the test against the control, the sample-ratio check, the
// interleaving preference and the decision.
import { get, send } from "../api.js";
import { fmt, h, table } from "../dom.js";

const pct = (v) => (v === null || v === undefined ? "–" : `${fmt(100 * v, 2)} %`);
const p = (v) => (v === null || v === undefined ? "" : v < 0.0001 ? "p < 0.0001" : `p = ${fmt(v, 4)}`);
const RATES = ["ctr", "add_to_cart_rate", "conversion_rate"];
const EXAMPLE = { description: "a popularity-only control against the personal lists", variants: [{ name: "control", overrides: { popularity_only: true } }, { name: "personal" }], targeting: { placements: ["home"] } };

export async function render(main) {
  const id = new URLSearchParams(location.hash.split("?")[1] ?? "").get("id");
  if (id) return showReport(main, id);
  const all = (await get("/experiments")).experiments;
  const error = h("p.error", { id: "experiment-error" });
  const act = (path) => async () => {
    try {
      await send("POST", path);
      await render(main);
    } catch (err) {
      error.textContent = err.message;
    }
  };
  const listed = table([
    ["Experiment", (e) => h("a", { href: `#/experiments?id=${encodeURIComponent(e.id)}` }, e.id)],
    ["Status", (e) => e.status],
    ["Mode", (e) => e.experiment.mode],
    ["Variants", (e) => e.experiment.variants.map((v) => v.name).join(", ")],
    ["Started", (e) => (e.started_at ? new Date(e.started_at).toLocaleString() : "")],
    ["", (e) => h("button", { onclick: act(`/experiments/${encodeURIComponent(e.id)}/${e.status === "running" ? "stop" : "start"}`) }, e.status === "running" ? "Stop" : "Start")],
  ], all);
  listed.id = "experiments";
  const newId = h("input", { name: "id", placeholder: "experiment id", required: true });
  const body = h("textarea", { name: "experiment", rows: 10, cols: 90 }, JSON.stringify(EXAMPLE, null, 2));
  const form = h("form", { id: "new-experiment" }, h("h2", {}, "New experiment"), newId, h("br"), body, h("br"), h("button", { type: "submit" }, "Create"));
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    try {
      await send("POST", "/experiments", { id: newId.value.trim(), experiment: JSON.parse(body.value) });
      await render(main);
    } catch (err) {
      error.textContent = err.message;
    }
  });
  main.replaceChildren(h("h2", {}, "Experiments"), all.length ? listed : h("p.muted", {}, "None yet."), error, form);
}

async function showReport(main, id) {
  const r = await get(`/experiments/${encodeURIComponent(id)}/report`);
  const metric = (m, rate) => (v) => {
    const f = v.metrics[m];
    const show = rate ? pct : (x) => fmt(x, 2);
    const ci = f.ci ? ` [${show(f.ci[0])}, ${show(f.ci[1])}]` : "";
    const vs = f.vs_control?.p_value != null ? ` · ${f.vs_control.relative_lift === null ? "" : `${f.vs_control.relative_lift >= 0 ? "+" : ""}${fmt(100 * f.vs_control.relative_lift, 1)} %`} ${p(f.vs_control.p_value)}` : "";
    return `${show(f.value)}${ci}${vs}`;
  };
  const variants = table([
    ["Variant", (v) => v.name],
    ["Lists", (v) => fmt(v.lists), true],
    ["Shoppers", (v) => fmt(v.shoppers), true],
    ...RATES.map((m) => [m.replaceAll("_", " "), metric(m, true)]),
    ["revenue / 1000 lists", metric("revenue_per_mille", false)],
    ["order value", metric("average_order_value", false)],
  ], r.variants);
  variants.id = "report";
  const d = r.decision;
  main.replaceChildren(
    h("p", {}, h("a", { href: "#/experiments" }, "← experiments")),
    h("h2", {}, `${r.id} (${r.mode}, ${r.status})`),
    h("p.muted", {}, `${r.from ?? "not started"} → ${r.to ?? ""} · purchases within ${r.attribution_window_hours} h of a click count`),
    variants,
    r.sample_ratio ? h("p", { id: "sample-ratio" }, `Sample ratio: shoppers ${r.sample_ratio.shoppers.join(" / ")}, ${p(r.sample_ratio.p_value)}`, r.sample_ratio.mismatch ? h("strong.error", {}, " — mismatch: the split is broken, do not trust this report") : "") : "",
    r.interleaving ? h("p", { id: "interleaving" }, `Interleaved lists: ${fmt(r.interleaving.lists)}, decided by clicks ${fmt(r.interleaving.decided)} (${r.interleaving.wins.join(" vs ")}), preference for the second ${pct(r.interleaving.preference.value)} [${pct(r.interleaving.preference.ci[0])}, ${pct(r.interleaving.preference.ci[1])}] ${p(r.interleaving.p_value)}`) : "",
    h("p", { id: "decision" }, h("strong", {}, d.winner ? `${d.winner} is better on ${d.metric.replaceAll("_", " ")} (${p(d.p_value)})` : `No difference shown on ${d.metric.replaceAll("_", " ")} at p < 0.05${d.p_value === null ? "" : ` (${p(d.p_value)})`}`)),
  );
}
