// Event retention: events (and the lists served) older than the configured number of days
// are removed, in bounded transactions so that serving writes get the lock in between.
import type { Store } from "../store/types.js";
import type { Config } from "../config.js";
import { errorFields, log } from "../platform/logger.js";

const CHUNK = 5000;
const DAY_MS = 86_400_000;
/** While serving, retention runs this often (and at start). */
const RETENTION_EVERY_MS = 3_600_000;

/** Removes events older than `days` (0: keeps all); returns how many. */
export async function applyRetention(store: Store, days: number, actor: string, now = Date.now()): Promise<number> {
  if (days <= 0) return 0;
  const before = now - days * DAY_MS;
  const ids = await store.events.idsOlderThan(before);
  let deleted = 0;
  for (let i = 0; i < ids.length; i += CHUNK) {
    deleted += await store.transaction((tx) => tx.events.deleteIds(ids.slice(i, i + CHUNK)));
  }
  // The lists served then go too: what they could be credited with is gone.
  let served = 0;
  for (let step = CHUNK; step === CHUNK; served += step) step = await store.served.deleteOlderThan(before, CHUNK);
  if (deleted > 0 || served > 0) {
    await store.transaction((tx) => tx.audit.append(actor, "events.retention", null, { deleted, served_lists: served, before: new Date(before).toISOString() }));
  }
  return deleted;
}

/** Removes events past the retention period, logging how many; never stops the service. */
export async function retain(store: Store, config: Config): Promise<void> {
  try {
    const deleted = await applyRetention(store, config.eventRetentionDays, "retention");
    if (deleted > 0) log("info", "events past the retention period removed", { deleted, days: config.eventRetentionDays });
  } catch (err) {
    log("error", "retention failed; it runs again within the hour", errorFields(err));
  }
}

/** Runs retention every hour in the process that calls it; stop with clearInterval. */
export function scheduleRetention(config: Config, store: Store): NodeJS.Timeout | undefined {
  if (config.eventRetentionDays <= 0) return undefined;
  const timer = setInterval(() => void retain(store, config), RETENTION_EVERY_MS);
  timer.unref();
  return timer;
}
