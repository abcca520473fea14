import { describe, expect, it } from "vitest";
import { createApp } from "../server/http/app.js";
import { openRuntime } from "../server/runtime.js";
import { eraseUser } from "../server/access/privacy.js";
import { applyRetention } from "../server/access/retention.js";
import { smallShop, testConfig } from "./helpers.js";

describe("served lists", () => {
  it("are kept off the request path, each with its shopper, placement, model and items in their places", async () => {
    const shop = await smallShop();
    const rt = await openRuntime(shop.config, { serving: true });
    try {
      await rt.recommender.refresh();
      const app = createApp(rt);
      const a = await (await app.request("/recommend?user=u1&n=3")).json();
      const b = await (await app.request("/recommend?placement=cart&items=b1&n=2")).json();
      // Nothing is written while the request is answered: the batch goes within a second.
      expect(await rt.store.served.count()).toBe(0);
      await rt.served!.flush();
      const kept = (await rt.store.served.get(a.recommendation_id))!;
      const ids = await Promise.all(a.items.map((i: { id: string }) => rt.store.items.idOf(i.id)));
      expect(kept).toMatchObject({ userId: await rt.store.users.idOf("u1"), placement: "home", variant: null, modelVersion: a.model_version, items: ids });
      expect(await rt.store.served.get(b.recommendation_id)).toMatchObject({ userId: null, placement: "cart" });
      // A shopper's erasure takes their lists; retention the old ones.
      await eraseUser(rt.store, "u1", { actor: "test" });
      expect(await rt.store.served.get(a.recommendation_id)).toBeUndefined();
      expect((await rt.store.audit.list({ limit: 1, action: "privacy.erase" }))[0].details).toMatchObject({ served_lists: 1 });
      await applyRetention(rt.store, 1, "test", Date.now() + 2 * 86_400_000);
      expect(await rt.store.served.count()).toBe(0);
    } finally {
      await rt.close();
      await shop.close();
    }
  });

  it("are not kept with recordServedLists off, nor by the command line's runtime", async () => {
    const shop = await smallShop(testConfig({ recordServedLists: false }));
    const rt = await openRuntime(shop.config, { serving: true });
    try {
      expect(rt.served).toBeUndefined();
      expect(shop.served).toBeUndefined();
      await rt.recommender.refresh();
      await rt.recommender.recommend("u1", 3, false);
      expect(await rt.store.served.count()).toBe(0);
    } finally {
      await rt.close();
      await shop.close();
    }
  });
});
