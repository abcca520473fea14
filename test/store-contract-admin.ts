// The store contract's keys, audit log and rules: the administrative tables.
import { describe, expect, it } from "vitest";
import type { Store } from "../server/store/types.js";

export function adminContract(store: () => Store): void {
  describe("keys and audit", () => {
    const key = (name: string, hash: string) => ({ name, scope: "read" as const, hash, ratePerSecond: null, expiresAt: null });

    it("inserts, lists, revokes and touches keys; a live name is unique, a revoked one reusable", async () => {
      const k = await store().keys.insert({ ...key("shop", "h1"), ratePerSecond: 5, expiresAt: 9_000 }, 1_000);
      expect(k).toEqual({ id: k.id, name: "shop", scope: "read", ratePerSecond: 5, createdAt: 1_000, expiresAt: 9_000, revokedAt: null, lastUsedAt: null });
      await expect(store().keys.insert(key("shop", "h2"))).rejects.toThrow();
      expect(await store().keys.live()).toEqual([{ ...k, hash: "h1" }]);
      await store().keys.touch(k.id, 2_000);
      expect((await store().keys.list())[0].lastUsedAt).toBe(2_000);
      expect(await store().keys.revoke("shop", 3_000)).toMatchObject({ id: k.id, revokedAt: 3_000 });
      expect(await store().keys.revoke("shop")).toBeUndefined();
      expect(await store().keys.revoke("never")).toBeUndefined();
      expect(await store().keys.live()).toEqual([]);
      const again = await store().keys.insert(key("shop", "h3"));
      expect((await store().keys.list()).map((r) => [r.id, r.revokedAt === null])).toEqual([[k.id, false], [again.id, true]]);
    });

    it("appends audit entries and lists them newest first, paged and filtered", async () => {
      for (let i = 0; i < 5; i++) await store().audit.append("cli", i % 2 ? "key.create" : "user.delete", `t${i}`, { i }, 1_000 + i);
      await store().audit.append("local", "key.revoke", null);
      const all = await store().audit.list({ limit: 10 });
      expect(all.map((e) => e.target)).toEqual([null, "t4", "t3", "t2", "t1", "t0"]);
      expect(all[1]).toEqual({ id: all[1].id, time: new Date(1_004).toISOString(), actor: "cli", action: "user.delete", target: "t4", details: { i: 4 } });
      expect(all[0].details).toEqual({});
      const page = await store().audit.list({ limit: 2, before: all[1].id });
      expect(page.map((e) => e.target)).toEqual(["t3", "t2"]);
      expect((await store().audit.list({ limit: 10, action: "key.create" })).map((e) => e.target)).toEqual(["t3", "t1"]);
      expect((await store().audit.list({ limit: 10, action: "key.create", before: all[2].id })).map((e) => e.target)).toEqual(["t1"]);
    });
  });

  describe("rules", () => {
    it("appends versions, lists the newest live one of each, and keeps a deleted rule's history", async () => {
      const v1 = await store().rules.append("sale", '{"a":1}', "cli", 1_000);
      expect(v1).toEqual({ id: "sale", version: 1, definition: '{"a":1}', createdAt: 1_000, actor: "cli" });
      await store().rules.append("sale", '{"a":2}', "shop-admin", 2_000);
      await store().rules.append("hide", '{"b":1}', "cli", 3_000);
      expect((await store().rules.live()).map((r) => [r.id, r.version, r.definition])).toEqual([["hide", 1, '{"b":1}'], ["sale", 2, '{"a":2}']]);
      expect(await store().rules.append("hide", null, "cli", 4_000)).toMatchObject({ version: 2, definition: null });
      expect((await store().rules.live()).map((r) => r.id)).toEqual(["sale"]);
      expect((await store().rules.history("hide")).map((r) => [r.version, r.definition])).toEqual([[1, '{"b":1}'], [2, null]]);
      expect(await store().rules.history("never")).toEqual([]);
      // Recreated after its deletion: the history goes on.
      expect((await store().rules.append("hide", '{"b":2}', "cli")).version).toBe(3);
    });

    it("moves the rules counter on every version, and a rolled-back one leaves nothing", async () => {
      const before = await store().counters();
      await store().rules.append("r", "{}", "cli");
      const after = await store().counters();
      expect(after.rules).toBeGreaterThan(before.rules);
      await expect(store().transaction(async (tx) => {
        await tx.rules.append("r", '{"x":1}', "cli");
        throw new Error("stop");
      })).rejects.toThrow("stop");
      expect((await store().rules.history("r")).length).toBe(1);
      expect(await store().counters()).toEqual(after);
    });
  });

  describe("served lists", () => {
    const list = (id: string, ts: number, userId: number | null, items = [3, 1, 2]) => ({ id, ts, userId, placement: "home", variant: null, modelVersion: "v000001", items, teams: null });

    it("are appended in batches (a repeated id once), read back by id, counted", async () => {
      await store().served.append([list("r1", 1_000, 7), list("r2", 2_000, null, [])]);
      await store().served.append([list("r1", 9_000, 8), { ...list("r3", 3_000, 7), variant: "b", placement: "cart" }]);
      expect(await store().served.count()).toBe(3);
      expect(await store().served.get("r1")).toEqual(list("r1", 1_000, 7));
      expect(await store().served.get("r2")).toEqual(list("r2", 2_000, null, []));
      expect(await store().served.get("r3")).toMatchObject({ variant: "b", placement: "cart" });
      expect(await store().served.get("nope")).toBeUndefined();
      await store().served.append([]);
    });

    it("go with a shopper's erasure and with retention, a bounded step at a time", async () => {
      await store().served.append([list("a", 1_000, 7), list("b", 2_000, 7), list("c", 3_000, 8), list("d", 4_000, null)]);
      expect(await store().served.deleteOfUser(7)).toBe(2);
      expect(await store().served.get("a")).toBeUndefined();
      expect(await store().served.deleteOlderThan(5_000, 1)).toBe(1);
      expect(await store().served.deleteOlderThan(5_000, 10)).toBe(1);
      expect(await store().served.count()).toBe(0);
    });
  });
}
