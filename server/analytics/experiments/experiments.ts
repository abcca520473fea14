// Which variant of a running experiment a list is made by. The running experiments are
// read from the store when any process changed them (its 'experiments' counter, polled
// with the others: a start or stop applies everywhere within a second). Assignment is a
// hash of the shopper's id and the experiment's (analytics/assignment.ts): the same
// shopper gets the same variant in every process and on every request, with no state.
import type { ExperimentRecord, Store } from "../../store/types.js";
import type { ChangeWatcher } from "../../store/change-watcher.js";
import type { Placement } from "../../serving/placements/placement.js";
import { assignmentBucket, assignVariant } from "../assignment.js";
import { ExperimentDefinition, variantKey, type Variant } from "./definition.js";

export interface RunningExperiment {
  id: string;
  definition: ExperimentDefinition;
}

/** The variant(s) a list is made by: one (A/B), or the two an interleaved list mixes. */
export interface Assignment {
  experiment: string;
  mode: ExperimentDefinition["mode"];
  /** A/B: the shopper's variant; interleaving: both, the control first. */
  variants: Variant[];
  /** What the served list records: "<experiment>:<variant>", or "<experiment>:interleaved". */
  key: string;
}

export const INTERLEAVED = "interleaved";

/** The experiment's definition as stored (every stored definition passed the schema). */
export const definitionOf = (r: ExperimentRecord): ExperimentDefinition => ExperimentDefinition.parse(JSON.parse(r.definition));

/** The model versions a definition's variants pin. */
export const versionsOf = (d: ExperimentDefinition): string[] => d.variants.flatMap((v) => (v.overrides.model_version ? [v.overrides.model_version] : []));

/** The model versions running experiments pin: training keeps them on disk. */
export async function pinnedVersions(store: Store): Promise<string[]> {
  return (await store.experiments.list()).filter((r) => r.status === "running").flatMap((r) => versionsOf(definitionOf(r)));
}

export class Experiments {
  private counter = -1;
  private running: RunningExperiment[] = [];
  private loading?: Promise<void>;

  constructor(private readonly store: Store, private readonly changes: ChangeWatcher) {}

  /**
   * The assignment of a shopper's list at `placement`, or undefined when no running
   * experiment covers it. Shoppers without an id take part in none (nothing to keep them
   * sticky by). `segmentOf` is asked only when an experiment targets segments.
   */
  async assign(placement: Placement, shopper: string | undefined, segmentOf: () => Promise<string | undefined>): Promise<Assignment | undefined> {
    const { experiments } = await this.changes.current();
    if (experiments !== this.counter) await (this.loading ??= this.load(experiments).finally(() => (this.loading = undefined)));
    if (shopper === undefined) return undefined;
    for (const e of this.running) {
      const t = e.definition.targeting;
      if (t.placements && !t.placements.includes(placement)) continue;
      if (t.segments) {
        const segment = await segmentOf();
        if (segment === undefined || !t.segments.includes(segment as never)) continue;
      }
      const { mode, variants } = e.definition;
      if (mode === "interleaving") return { experiment: e.id, mode, variants, key: variantKey(e.id, INTERLEAVED) };
      const v = variants[assignVariant(assignmentBucket(shopper, e.id), variants.map((x) => x.weight))];
      return { experiment: e.id, mode, variants: [v], key: variantKey(e.id, v.name) };
    }
    return undefined;
  }

  private async load(counter: number): Promise<void> {
    const rows = await this.store.experiments.list();
    this.running = rows.filter((r) => r.status === "running").map((r) => ({ id: r.id, definition: definitionOf(r) }));
    this.counter = counter;
  }
}
