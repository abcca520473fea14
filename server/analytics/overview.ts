// What the dashboard's overview shows: the store's counts, events per type per day, the
// model in use and the training history of the versions kept (each manifest's validation
// fit and hybrid weights). Days are UTC and end at the newest event's day: an imported
// history (the demo's is from 2011) shows its own last weeks, not empty ones. Scheduled
// trains (serve --train-every / --train-after-events) come from the audit log, failed ones
// with the tail of their output.
import { EVENT_TYPES } from "../../models/event-types.js";
import type { ModelManifest } from "../../models/artefact.js";
import type { Store } from "../store/types.js";

/** The audit action the scheduler (training/scheduler.ts) records each run under; test/scheduled-training.test.ts reads it back here. */
const SCHEDULED_TRAIN = "train.scheduled";
/** Scheduled trains listed, newest first. */
const SCHEDULED_SHOWN = 10;

const DAY_MS = 86_400_000;

export interface TrainedVersion {
  version: string;
  created_at: string;
  events: number;
  shoppers: number;
  items: number;
  train_seconds: number | null;
  /**
   * The fit on the validation split, when there was one: recall@n and NDCG@n of the chosen
   * weights (NDCG null for models trained before it was measured), the best recall of any
   * weights tried, coverage.
   */
  fit: { recall: number; ndcg: number | null; best_recall: number; coverage: number; cases: number } | null;
  /** The hybrid's weight of each source. */
  weights: Record<string, number>;
}

export interface Overview {
  items: number;
  shoppers: number;
  events: number;
  /** Per UTC day (YYYY-MM-DD) and event type: counts[type][i] is the count on days[i]. */
  events_per_day: { days: string[]; counts: Record<string, number[]> };
  model: { version: string; created_at: string; age_seconds: number } | null;
  history: TrainedVersion[];
  scheduled_trains: ScheduledTrain[];
}

export interface ScheduledTrain {
  time: string;
  outcome: "succeeded" | "failed";
  why: string;
  seconds: number | null;
  /** The model it published; null when it failed. */
  version: string | null;
  exit_code: number | null;
  signal: string | null;
  /** The tail of the train's output, when it failed. */
  output: string | null;
}

export async function overview(store: Store, manifests: ModelManifest[], current: string | undefined, days: number, now = Date.now()): Promise<Overview> {
  const [items, shoppers, events, profile, scheduled] = await Promise.all([
    store.items.count(), store.users.count(), store.events.count(), store.events.timeProfile(1),
    store.audit.list({ limit: SCHEDULED_SHOWN, action: SCHEDULED_TRAIN }),
  ]);
  const lastDay = Math.floor((profile.latest ?? now) / DAY_MS) * DAY_MS;
  const firstDay = lastDay - (days - 1) * DAY_MS;
  const dayKeys = Array.from({ length: days }, (_, i) => new Date(firstDay + i * DAY_MS).toISOString().slice(0, 10));
  const counts: Record<string, number[]> = {};
  for (const row of await store.events.perDay(firstDay)) {
    const name = EVENT_TYPES[row.type - 1] ?? `type ${row.type}`;
    (counts[name] ??= new Array<number>(days).fill(0))[(row.day - firstDay) / DAY_MS] = row.count;
  }
  const inUse = manifests.find((m) => m.version === current);
  return {
    items, shoppers, events,
    events_per_day: { days: dayKeys, counts },
    model: inUse ? { version: inUse.version, created_at: inUse.createdAt, age_seconds: Math.max(0, Math.round((now - Date.parse(inUse.createdAt)) / 1000)) } : null,
    history: manifests.map(trainedVersion),
    scheduled_trains: scheduled.map(({ time, target, details: d }) => ({
      time, version: target,
      outcome: d.outcome === "succeeded" ? "succeeded" : "failed", why: String(d.why),
      seconds: typeof d.seconds === "number" ? d.seconds : null,
      exit_code: typeof d.exit_code === "number" ? d.exit_code : null,
      signal: typeof d.signal === "string" ? d.signal : null,
      output: typeof d.output === "string" ? d.output : null,
    })),
  };
}

function trainedVersion(m: ModelManifest): TrainedVersion {
  const fit = m.params.fit;
  return {
    version: m.version,
    created_at: m.createdAt,
    events: m.stats.events,
    shoppers: m.stats.users,
    items: m.stats.items,
    train_seconds: m.stats.trainMs / 1000,
    fit: fit ? { recall: fit.recall, ndcg: fit.ndcg ?? null, best_recall: fit.bestRecall, coverage: fit.coverage, cases: fit.cases } : null,
    weights: { ...m.params.hybrid },
  };
}
