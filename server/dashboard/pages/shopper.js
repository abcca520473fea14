// One shopper: attributes, recent events, and their current list with the reason for each item.
import { get } from "../api.js";
import { h, table } from "../dom.js";

export async function render(main) {
  const id = h("input", { name: "shopper", placeholder: "shopper id", required: true });
  const out = h("div", { id: "shopper" });
  const form = h("form.inline", { id: "shopper-lookup" }, id, h("button", { type: "submit" }, "Look up"));
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    const user = id.value.trim();
    history.replaceState(null, "", `#/shopper?id=${encodeURIComponent(user)}`);
    lookUp(out, user).catch((err) => out.replaceChildren(h("p.error", {}, err.message)));
  });
  main.replaceChildren(h("h2", {}, "Shopper lookup"), form, out);
  const given = new URLSearchParams(location.hash.split("?")[1] ?? "").get("id");
  if (given) {
    id.value = given;
    await lookUp(out, given).catch((err) => out.replaceChildren(h("p.error", {}, err.message)));
  }
}

async function lookUp(out, user) {
  out.replaceChildren(h("p.muted", {}, "Loading…"));
  const u = encodeURIComponent(user);
  const [shopper, events, list, value] = await Promise.all([
    get(`/users/${u}`), get(`/users/${u}/events?limit=20`), get(`/recommend?user=${u}&n=10`), get(`/users/${u}/profile`).catch(() => undefined),
  ]);
  const attributes = Object.entries(shopper.attributes);
  const listed = table([["Item", (r) => r.id], ["Title", (r) => r.title ?? ""], ["Score", (r) => r.score.toFixed(3), true], ["Why", (r) => reason(r.reason)]], list.items);
  listed.id = "shopper-list";
  out.replaceChildren(
    h("h2", {}, `Attributes of ${shopper.id}`),
    attributes.length === 0 ? h("p.muted", {}, "None.") : table([["Attribute", ([k]) => k], ["Value", ([, v]) => JSON.stringify(v)]], attributes),
    h("h2", {}, "Value"),
    h("p", { id: "shopper-value" }, profileText(value)),
    h("h2", {}, `Current list (model ${list.model_version}${list.personalized ? ", personalised" : ", not personalised"})`),
    listed,
    h("h2", {}, "Recent events"),
    events.events.length === 0 ? h("p.muted", {}, "None.") : table([
      ["When", (e) => e.timestamp.replace("T", " ").slice(0, 19)], ["Type", (e) => e.type], ["Item", (e) => e.item_id], ["Value", (e) => e.value ?? "", true],
    ], events.events),
  );
}

function profileText(v) {
  const p = v?.profile;
  if (!p) return v ? `No purchase as of ${v.as_of.slice(0, 10)}.` : "No segments in the model in use.";
  const risk = p.churn_risk === null ? "" : `, churn risk ${Math.round(100 * p.churn_risk)} %`;
  const value = p.lifetime_value === null ? "" : `, expected spend ${p.lifetime_value.toFixed(2)}`;
  return `${p.segment.replace("_", " ")} (R ${p.scores.recency} F ${p.scores.frequency} M ${p.scores.monetary}): ${p.purchase_days} purchase days, spent ${p.total_spend.toFixed(2)}, last ${p.last_purchase}${risk}${value} — as of ${v.as_of.slice(0, 10)}`;
}

function reason(r) {
  switch (r.type) {
    case "item_to_item": return `goes with ${r.title ?? r.item} (${r.item})`;
    case "your_history": return "viewed or carted recently";
    case "similar_shoppers": return "shoppers with similar taste";
    case "new_item": return "new, like what this shopper likes";
    case "popular": return "popular";
    case "popular_in": return `popular in ${r.segments.join(", ")}`;
    default: return r.type;
  }
}
