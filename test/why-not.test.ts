import { beforeEach, describe, expect, it } from "vitest";
import { createApp } from "../server/http/app.js";
import type { Runtime } from "../server/runtime.js";
import { smallShop } from "./helpers.js";

let rt: Runtime;
let app: ReturnType<typeof createApp>;

const whyNot = async (query: string) => {
  const res = await app.request(`/recommend/why-not?${query}`);
  return { status: res.status, body: await res.json() };
};
const verdict = async (query: string) => (await whyNot(query)).body.verdict;

beforeEach(async () => {
  rt = await smallShop();
  app = createApp(rt);
  return () => rt.close();
});

describe("GET /recommend/why-not", () => {
  it("says where a shown item is, and why others are not there", async () => {
    expect((await whyNot("user=u1&item=a2&n=3")).body).toMatchObject({ verdict: "shown", position: 1 });
    expect(await verdict("user=u1&item=a1&n=3")).toBe("already_bought");
    expect(await verdict("user=u1&item=a1&n=3&include_purchased=true")).toMatch(/shown|ranked_below/);
    expect(await verdict("user=u1&item=a2&n=3&exclude=a2")).toBe("excluded_by_request");
    expect(await verdict("user=u1&item=a2&n=3&price_min=11")).toBe("filtered");
    await rt.catalogue.upsertItems([{ id: "b1", title: "Item B1", price: 10, stock: 0 }]);
    await rt.catalogue.deleteItem("b2", "test");
    expect(await verdict("user=u1&item=b1&n=3")).toBe("out_of_stock");
    expect(await verdict("user=u1&item=b2&n=3")).toBe("deleted");
    expect((await whyNot("user=u1&item=nope")).status).toBe(404);
    await rt.rules.put("hide-a2", { action: "exclude", match: { items: ["a2"] }, enabled: true }, "test", "create");
    expect((await whyNot("user=u1&item=a2&n=3")).body).toMatchObject({ verdict: "excluded_by_rule", rules: ["hide-a2"] });
  });

  it("gives a ranked-out item's rank and score against the last one shown, with contributions adding up to it", async () => {
    const list = (await (await app.request("/recommend?user=u1&n=5")).json()).items as { id: string; score: number }[];
    const [shown, missing] = [list.slice(0, 2), list[3]];
    const { body } = await whyNot(`user=u1&item=${missing.id}&n=2`);
    expect(body).toMatchObject({ verdict: "ranked_below", rank: 4, score: missing.score, last_shown_score: shown[1].score });
    const sum = Object.values(body.contributions as Record<string, number>).reduce((s, x) => s + x, 0);
    expect(Math.abs(sum - body.score)).toBeLessThan(1e-4 * Math.max(1, body.score));
    // A pin moves the second item out: the model still ranks it 2.
    await rt.rules.put("pin", { action: "pin", item: list[4].id, position: 2, enabled: true }, "test", "create");
    expect((await whyNot(`user=u1&item=${list[1].id}&n=2`)).body).toMatchObject({ verdict: "moved_by_rules", rank: 2 });
  });
});
