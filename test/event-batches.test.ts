// POST /events in group commits (catalogue/event-batches.ts): requests posted together share
// one transaction, yet each is still written whole or not at all, alone in its outcome.
import { afterEach, describe, expect, it } from "vitest";
import type { Runtime } from "../server/runtime.js";
import type { Store } from "../server/store/types.js";
import { AppError } from "../server/errors.js";
import { EventBatches } from "../server/catalogue/event-batches.js";
import { smallShop, testConfig } from "./helpers.js";

let rt: Runtime | undefined;
afterEach(async () => {
  await rt?.close();
  rt = undefined;
});

const view = (user: string, item: string, eventId?: string) => ({ user_id: user, item_id: item, type: "view" as const, ...(eventId && { event_id: eventId }) });

describe("event group commits", () => {
  it("writes requests posted together in one transaction, each whole or refused alone", async () => {
    rt = await smallShop(testConfig());
    const batches = new EventBatches(rt.store);
    const before = await rt.store.events.count();
    const posted = Array.from({ length: 30 }, (_, k) =>
      batches.record(k === 7 ? [view(`g${k}`, "a1"), view(`g${k}`, "no-such-item")] : [view(`g${k}`, "a1"), view(`g${k}`, "b2")]),
    );
    const outcomes = await Promise.allSettled(posted);
    expect(batches.groups).toBe(1);
    const refused = outcomes[7];
    expect(refused.status).toBe("rejected");
    expect(((refused as PromiseRejectedResult).reason as AppError).status).toBe(422);
    expect(((refused as PromiseRejectedResult).reason as AppError).details).toEqual([{ index: 1, item_id: "no-such-item" }]);
    expect(outcomes.filter((o) => o.status === "fulfilled").map((o) => (o as PromiseFulfilledResult<unknown>).value)).toEqual(
      Array(29).fill({ accepted: 2, duplicates: 0 }),
    );
    // 29 requests of 2 events; nothing of the refused one, not even its known item's event.
    expect((await rt.store.events.count()) - before).toBe(58);
    expect(await rt.store.users.idOf("g7")).toBeUndefined();
  });

  it("counts an event id stored by an earlier request of the same group as a duplicate", async () => {
    rt = await smallShop(testConfig());
    const batches = new EventBatches(rt.store);
    const [first, second] = await Promise.all([batches.record([view("d1", "a1", "e-1")]), batches.record([view("d2", "a2", "e-1"), view("d2", "a3", "e-2")])]);
    expect(batches.groups).toBe(1);
    expect(first).toEqual({ accepted: 1, duplicates: 0 });
    expect(second).toEqual({ accepted: 1, duplicates: 1 });
  });

  it("writes a failed group again request by request, so a failure is only the failing request's", async () => {
    rt = await smallShop(testConfig());
    const real = rt.store;
    let transactions = 0;
    // Any transaction that writes shopper d3 fails (as a store error would).
    const failing: Store = Object.create(real, {
      transaction: {
        value: (fn: Parameters<Store["transaction"]>[0]) =>
          real.transaction(async (tx) => {
            transactions++;
            const result = await fn(tx);
            if ((await tx.users.idOf("d3")) !== undefined) throw new Error("store error");
            return result;
          }),
      },
    });
    const batches = new EventBatches(failing);
    const before = await real.events.count();
    const outcomes = await Promise.allSettled(["d1", "d2", "d3"].map((u) => batches.record([view(u, "a1")])));
    expect(outcomes.map((o) => o.status)).toEqual(["fulfilled", "fulfilled", "rejected"]);
    expect(((outcomes[2] as PromiseRejectedResult).reason as Error).message).toBe("store error");
    // The group, then each request alone.
    expect(transactions).toBe(4);
    expect((await real.events.count()) - before).toBe(2);
    expect(await real.users.idOf("d3")).toBeUndefined();
  });
});
