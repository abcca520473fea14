// POST /events as group commits: the requests that arrive while a write is under way share
// the next transaction. Each request is checked and written as before — all of its events
// or none, a 422 naming its unknown items, duplicates counted — but BEGIN and COMMIT, the
// largest part of writing one event, are paid once for the group. A group that fails for
// any other reason is written again request by request, so one request's failure is its
// own, never its neighbours'.
import type { Repositories, Store } from "../store/types.js";
import type { EventInput } from "../inputs.js";
import { unprocessable } from "../errors.js";
import { eventCode } from "../../models/event-types.js";
import { countEvent } from "../platform/metrics.js";

export interface EventsWritten {
  accepted: number;
  duplicates: number;
}

interface Waiting {
  events: EventInput[];
  /** When the request came: the timestamp of its events that name none. */
  now: number;
  resolve(written: EventsWritten): void;
  reject(err: unknown): void;
}

/** A request's outcome inside the group's transaction: written (with the types stored), or refused. */
type Outcome = { written: EventsWritten; stored: string[] } | { refused: Error };

/** A group takes waiting requests until it holds this many events (at least one request). */
const GROUP_EVENTS = 5_000;

export class EventBatches {
  private waiting: Waiting[] = [];
  private writing = false;
  /** Transactions committed (tests see requests grouped). */
  groups = 0;

  constructor(private readonly store: Store) {}

  /**
   * Items must exist and not be deleted (post them first); users are created on their
   * first event. An event whose event_id was stored before is counted as a duplicate.
   */
  record(events: EventInput[]): Promise<EventsWritten> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ events, now: Date.now(), resolve, reject });
      if (!this.writing) {
        this.writing = true;
        // Requests parsed in the same turn of the event loop join the first group.
        setImmediate(() => void this.drain());
      }
    });
  }

  private async drain(): Promise<void> {
    while (this.waiting.length > 0) {
      const group = this.take();
      try {
        this.settle(group, await this.write(group));
      } catch (err) {
        if (group.length === 1) group[0].reject(err);
        else for (const one of group) await this.write([one]).then((o) => this.settle([one], o), (e) => one.reject(e));
      }
    }
    this.writing = false;
  }

  private take(): Waiting[] {
    let events = 0;
    let count = 0;
    while (count < this.waiting.length && (count === 0 || events + this.waiting[count].events.length <= GROUP_EVENTS)) events += this.waiting[count++].events.length;
    return this.waiting.splice(0, count);
  }

  /** One transaction for the group; a request with unknown items is refused inside it and writes nothing. */
  private async write(group: Waiting[]): Promise<Outcome[]> {
    const outcomes = await this.store.transaction(async (tx) => {
      const out: Outcome[] = [];
      for (const request of group) out.push(await writeRequest(tx, request));
      return out;
    });
    this.groups++;
    return outcomes;
  }

  private settle(group: Waiting[], outcomes: Outcome[]): void {
    group.forEach((request, i) => {
      const o = outcomes[i];
      if ("refused" in o) return request.reject(o.refused);
      for (const type of o.stored) countEvent(type);
      request.resolve(o.written);
    });
  }
}

async function writeRequest(tx: Repositories, { events, now }: Waiting): Promise<Outcome> {
  const itemIds: (number | undefined)[] = [];
  for (const e of events) itemIds.push(await tx.items.liveIdOf(e.item_id));
  const unknown = events.flatMap((e, index) => (itemIds[index] === undefined ? [{ index, item_id: e.item_id }] : []));
  if (unknown.length) {
    return { refused: unprocessable("unknown_item", `${unknown.length} event(s) name items that do not exist or were deleted: post them to /items first`, unknown) };
  }
  const stored: string[] = [];
  for (const [i, e] of events.entries()) {
    const inserted = await tx.events.insert({
      userId: (await tx.users.ensure(e.user_id, now)).id,
      itemId: itemIds[i]!,
      type: eventCode(e.type),
      value: e.value ?? null,
      ts: e.timestamp ?? now,
      context: e.context ? JSON.stringify(e.context) : null,
      eventId: e.event_id ?? null,
      recId: e.recommendation_id ?? null,
    });
    if (inserted) stored.push(e.type);
  }
  return { written: { accepted: stored.length, duplicates: events.length - stored.length }, stored };
}
