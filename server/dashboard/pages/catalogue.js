// Browse and search the items; coverage and the most recommended items (lists of a sample
// of shoppers); items waiting for their text to be embedded.
import { get } from "../api.js";
import { card, fmt, h, table } from "../dom.js";

export async function render(main) {
  const results = h("div", { id: "items" });
  const q = h("input", { name: "q", placeholder: "id or title contains…" });
  const category = h("input", { name: "category", placeholder: "category" });
  const deleted = h("input", { type: "checkbox", name: "deleted" });
  const health = h("div", { id: "catalogue-health" }, h("p.muted", {}, "Computing the lists of a sample of shoppers…"));
  const form = h("form.inline", { id: "item-search" }, q, category, h("label", {}, deleted, " deleted"), h("button", { type: "submit" }, "Search"));
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    browse(results, { q: q.value.trim(), category: category.value.trim(), deleted: deleted.checked });
  });
  main.replaceChildren(health, h("h2", {}, "Items"), form, results);
  await browse(results, {});
  get("/stats/catalogue?sample=200")
    .then((c) => health.replaceChildren(...healthView(c)))
    .catch((err) => health.replaceChildren(h("p.error", {}, err.message)));
}

function healthView(c) {
  const waiting = c.waiting_for_embedding;
  return [
    h("div.cards", {},
      card("Coverage", `${fmt(c.coverage * 100, 1)} %`, "coverage"), card("Live items", fmt(c.live_items), "live-items"),
      card("Waiting for embedding", waiting ? fmt(waiting.count) : "no text model", "waiting")),
    h("p.muted", {}, `In the top ${c.list_length} of ${c.sampled_shoppers} shoppers' lists, computed now.`),
    h("h2", {}, "Most recommended"),
    table([["Item", (t) => t.id], ["Title", (t) => t.title ?? ""], ["Lists", (t) => fmt(t.lists), true]], c.top),
    ...(waiting && waiting.count > 0
      ? [h("h2", {}, "Cold items waiting for embedding"), table([["Item", (t) => t.id], ["Title", (t) => t.title ?? ""]], waiting.items)]
      : []),
  ];
}

async function browse(el, filter, after) {
  const params = new URLSearchParams({ limit: "25" });
  if (filter.q) params.set("q", filter.q);
  if (filter.category) params.set("category", filter.category);
  if (filter.deleted) params.set("deleted", "true");
  if (after) params.set("after", after);
  const page = await get(`/items?${params}`);
  const more = page.next ? h("button", { onclick: () => browse(el, filter, page.next) }, "Next page") : null;
  el.replaceChildren(
    page.items.length === 0 ? h("p.muted", {}, "No items.") : table([
      ["Item", (i) => i.id], ["Title", (i) => i.title ?? ""], ["Category", (i) => i.category ?? ""],
      ["Price", (i) => fmt(i.price, 2), true], ["Stock", (i) => (i.stock === null ? "" : fmt(i.stock)), true],
      ["Available", (i) => (i.available ? "yes" : "no")], ["Updated", (i) => i.updated_at.slice(0, 10)],
    ], page.items),
    h("p", {}, after ? h("button", { onclick: () => browse(el, filter) }, "First page") : null, " ", more),
  );
}
