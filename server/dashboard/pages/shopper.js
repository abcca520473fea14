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
  const [shopper, events, list] = await Promise.all([get(`/users/${u}`), get(`/users/${u}/events?limit=20`), get(`/recommend?user=${u}&n=10`)]);
  const attributes = Object.entries(shopper.attributes);
  const listed = table([["Item", (r) => r.id], ["Title", (r) => r.title ?? ""], ["Score", (r) => r.score.toFixed(3), true], ["Why", (r) => reason(r.reason)]], list.items);
  listed.id = "shopper-list";
  out.replaceChildren(
    h("h2", {}, `Attributes of ${shopper.id}`),
    attributes.length === 0 ? h("p.muted", {}, "None.") : table([["Attribute", ([k]) => k], ["Value", ([, v]) => JSON.stringify(v)]], attributes),
    h("h2", {}, `Current list (model ${list.model_version}${list.personalized ? ", personalised" : ", not personalised"})`),
    listed,
    h("h2", {}, "Recent events"),
    events.events.length === 0 ? h("p.muted", {}, "None.") : table([
      ["When", (e) => e.timestamp.replace("T", " ").slice(0, 19)], ["Type", (e) => e.type], ["Item", (e) => e.item_id], ["Value", (e) => e.value ?? "", true],
    ], events.events),
  );
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
