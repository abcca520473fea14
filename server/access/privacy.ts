// Shoppers' rights (GDPR Art. 15, 17, 20; PIPL Art. 45, 47): a copy of everything stored
// about a shopper, and erasure. tuijian keeps no per-shopper model state — a shopper's
// taste is folded in from their events on each request — so erasing their events and
// attributes takes them out of every list at once, and out of every model trained after.
import type { Store } from "../store/types.js";
import { notFound } from "../errors.js";
import { EVENT_TYPES } from "../../models/event-types.js";
import { contextKeys } from "../segments.js";

const PAGE = 1000;

/** Who asked and why: the audit log keeps the actor and an optional reference (e.g. a ticket). */
export interface RequestBy {
  actor: string;
  reference?: string;
}

/**
 * The shopper's data as JSON text, in pieces, so a long history is never held whole: their
 * attributes, every event with its context, and what tuijian derives from them.
 */
export async function* exportUser(store: Store, extId: string, by: RequestBy): AsyncGenerator<string> {
  const user = await store.users.get(extId);
  const userId = await store.users.idOf(extId);
  if (!user || userId === undefined) throw notFound("unknown_user", `no user with id "${extId}"`);
  const derived = {
    segments: contextKeys({ attributes: user.attributes }),
    model_state: "none: lists are computed from the events above on each request",
  };
  // Audited before anything is sent: a store too busy to record it refuses the export.
  const total = await store.events.countOfUser(userId);
  await store.transaction((tx) => tx.audit.append(by.actor, "privacy.export", null, { events: total, ...(by.reference ? { reference: by.reference } : {}) }));
  yield `{"exported_at":${JSON.stringify(new Date().toISOString())},"user":${JSON.stringify(user)},"derived":${JSON.stringify(derived)},"events":[`;
  let after: { ts: number; id: number } | undefined;
  let count = 0;
  for (;;) {
    const page = await store.events.exportPage(userId, PAGE, after);
    if (page.length === 0) break;
    const rows = page.map((e) =>
      JSON.stringify({
        event_id: e.event_id ?? undefined,
        item_id: e.item_id,
        type: EVENT_TYPES[e.type - 1],
        value: e.value ?? undefined,
        timestamp: new Date(e.ts).toISOString(),
        context: e.context === null ? undefined : JSON.parse(e.context),
      }),
    );
    yield (count > 0 ? "," : "") + rows.join(",");
    count += page.length;
    after = { ts: page.at(-1)!.ts, id: page.at(-1)!.id };
  }
  yield `],"event_count":${count}}`;
}

/** Erases a shopper's attributes and events in one transaction; audited with counts only. */
export function eraseUser(store: Store, extId: string, by: RequestBy): Promise<{ events_deleted: number }> {
  return store.transaction(async (tx) => {
    const userId = await tx.users.idOf(extId);
    if (userId === undefined) throw notFound("unknown_user", `no user with id "${extId}"`);
    const events = await tx.events.deleteOfUser(userId);
    const served = await tx.served.deleteOfUser(userId);
    await tx.users.delete(userId);
    await tx.audit.append(by.actor, "privacy.erase", null, { events, served_lists: served, ...(by.reference ? { reference: by.reference } : {}) });
    return { events_deleted: events };
  });
}
