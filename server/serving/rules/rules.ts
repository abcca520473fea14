// The rules every list request applies: read from the store when any process changed
// them (its 'rules' counter, polled with the others: a change applies everywhere within
// a second), compiled per placement (rule-set.ts) and compiled again when the catalogue's
// facets are rebuilt or a rule's window opens or closes.
import type { Store } from "../../store/types.js";
import type { ChangeWatcher } from "../../store/change-watcher.js";
import type { ItemFilters } from "../item-filter.js";
import { RuleDefinition, type Placement } from "./definition.js";
import { applicable, compileRules, isEmpty, nextBoundary, type LiveRule, type RuleSet } from "./rule-set.js";

export class Rules {
  private counter = -1;
  private live: LiveRule[] = [];
  private bySegment = false;
  private loading?: Promise<void>;
  private generation = -1;
  private readonly compiled = new Map<string, Promise<RuleSet>>();

  constructor(private readonly store: Store, private readonly changes: ChangeWatcher, private readonly filters: ItemFilters) {}

  /**
   * The rules that shape a list at `placement` for a shopper of `segment` now, compiled;
   * undefined when none changes anything. `only`: of those, just the rules with these ids
   * (an experiment variant's own set).
   */
  async for(placement?: Placement, segment?: string, only?: readonly string[], now = Date.now()): Promise<RuleSet | undefined> {
    const { rules } = await this.changes.current();
    if (rules !== this.counter) await (this.loading ??= this.load(rules).finally(() => (this.loading = undefined)));
    if (this.live.length === 0) return undefined;
    await this.filters.refresh();
    if (this.filters.generation !== this.generation) {
      this.compiled.clear();
      this.generation = this.filters.generation;
    }
    // Only rules naming segments depend on the shopper's: without any, one set per placement.
    if (!this.bySegment) segment = undefined;
    const key = `${placement ?? ""}|${segment ?? ""}|${only?.join(",") ?? "*"}`;
    let set = this.compiled.get(key);
    if (!set || now >= (await set).until) {
      const live = applicable(this.live, placement, now, segment).filter((r) => !only || only.includes(r.id));
      set = compileRules(live, { filters: this.filters, idsOf: (ids) => this.store.items.idsOf(ids) }, nextBoundary(this.live, now));
      this.compiled.set(key, set);
      set.catch(() => this.compiled.delete(key));
    }
    const compiled = await set;
    return isEmpty(compiled) ? undefined : compiled;
  }

  /** When any rule's window next opens or closes: what a list made now is good until (as of the rules last read by for()). */
  nextChange(now = Date.now()): number {
    return nextBoundary(this.live, now);
  }

  private async load(counter: number): Promise<void> {
    const rows = await this.store.rules.live();
    const live: LiveRule[] = [];
    for (const row of rows) {
      // Every stored definition passed this schema when it was written.
      const parsed = RuleDefinition.safeParse(JSON.parse(row.definition!));
      if (parsed.success) live.push({ id: row.id, version: row.version, definition: parsed.data });
    }
    this.live = live;
    this.bySegment = live.some((r) => r.definition.segments !== undefined);
    this.compiled.clear();
    this.counter = counter;
  }
}
