// Creating, changing, starting and stopping experiments: each change is one store write
// and an audit entry, in one transaction, under the version the caller read. A draft's
// definition may change; a started experiment's may not (its lists would mix two
// designs), and two running experiments never cover the same lists.
import type { ExperimentRecord, ExperimentStatus, Repositories, Store } from "../../store/types.js";
import type { ChangeWatcher } from "../../store/change-watcher.js";
import { AppError, notFound } from "../../errors.js";
import { definitionOf, versionsOf } from "./experiments.js";
import { ExperimentDefinition } from "./definition.js";
import { experimentReport, type ExperimentReport } from "./report.js";

/** An experiment as the API shows it. */
export interface ShownExperiment {
  id: string;
  status: ExperimentStatus;
  version: number;
  created_at: string;
  updated_at: string;
  started_at: string | null;
  stopped_at: string | null;
  experiment: ExperimentDefinition;
}

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
export const shownExperiment = (r: ExperimentRecord): ShownExperiment => ({
  id: r.id, status: r.status, version: r.version, created_at: iso(r.createdAt)!, updated_at: iso(r.updatedAt)!,
  started_at: iso(r.startedAt), stopped_at: iso(r.stoppedAt), experiment: definitionOf(r),
});

/** Whether two experiments could both claim one list: their placements and segments meet (none named: all). */
function overlap(a: ExperimentDefinition, b: ExperimentDefinition): boolean {
  const meet = <T>(x?: T[], y?: T[]) => !x || !y || x.some((v) => y.includes(v));
  return meet(a.targeting.placements, b.targeting.placements) && meet(a.targeting.segments, b.targeting.segments);
}

export class ExperimentAdmin {
  /** @param versions the model versions kept (a variant may pin only one of them). */
  constructor(private readonly store: Store, private readonly changes: ChangeWatcher, private readonly versions: () => string[]) {}

  /** Refuses a design whose variants pin a model version that is not kept. */
  private checkVersions(d: ExperimentDefinition, status: 400 | 409): void {
    const kept = this.versions();
    const missing = versionsOf(d).filter((v) => !kept.includes(v));
    if (missing.length > 0) throw new AppError(status, "unknown_model_version", `model version ${missing.join(", ")} is not kept (kept: ${kept.join(", ") || "none"})`);
  }

  async list(): Promise<ShownExperiment[]> {
    return (await this.store.experiments.list()).map(shownExperiment);
  }

  async get(id: string): Promise<ShownExperiment> {
    return shownExperiment(await this.record(id));
  }

  async record(id: string): Promise<ExperimentRecord> {
    const r = await this.store.experiments.get(id);
    if (!r) throw notFound("unknown_experiment", `no experiment with id "${id}"`);
    return r;
  }

  /** The report of an experiment's lists so far (attribution window `windowMs`). */
  async report(id: string, windowMs: number): Promise<ExperimentReport> {
    return experimentReport(this.store, await this.record(id), windowMs);
  }

  async create(id: string, definition: ExperimentDefinition, actor: string): Promise<ShownExperiment> {
    this.checkVersions(definition, 400);
    const r = await this.store.transaction(async (tx) => {
      const created = await tx.experiments.create(id, JSON.stringify(definition));
      if (!created) throw new AppError(409, "experiment_exists", `an experiment with id "${id}" exists`);
      await tx.audit.append(actor, "experiment.create", id, { mode: definition.mode, variants: definition.variants.map((v) => v.name) });
      return created;
    });
    this.changes.invalidate();
    return shownExperiment(r);
  }

  /** A draft's new definition. */
  async update(id: string, definition: ExperimentDefinition, actor: string, expectedVersion?: number): Promise<ShownExperiment> {
    this.checkVersions(definition, 400);
    return this.change(id, actor, "experiment.update", expectedVersion, async (current) => {
      if (current.status !== "draft") throw new AppError(409, "experiment_started", `experiment "${id}" has started: its design is fixed; create a new one`);
      return { definition: JSON.stringify(definition) };
    });
  }

  async start(id: string, actor: string, expectedVersion?: number): Promise<ShownExperiment> {
    return this.change(id, actor, "experiment.start", expectedVersion, async (current, tx) => {
      if (current.status === "running") throw new AppError(409, "experiment_running", `experiment "${id}" is running`);
      this.checkVersions(definitionOf(current), 409);
      const others = (await tx.experiments.list()).filter((r) => r.status === "running" && r.id !== id);
      const clash = others.find((o) => overlap(definitionOf(o), definitionOf(current)));
      if (clash) throw new AppError(409, "experiment_overlap", `experiment "${clash.id}" is running on the same placements and segments: stop it first`);
      return { status: "running" };
    });
  }

  async stop(id: string, actor: string, expectedVersion?: number): Promise<ShownExperiment> {
    return this.change(id, actor, "experiment.stop", expectedVersion, async (current) => {
      if (current.status !== "running") throw new AppError(409, "experiment_not_running", `experiment "${id}" is not running`);
      return { status: "stopped" };
    });
  }

  async delete(id: string, actor: string): Promise<void> {
    await this.store.transaction(async (tx) => {
      const current = await tx.experiments.get(id);
      if (!current) throw notFound("unknown_experiment", `no experiment with id "${id}"`);
      if (current.status === "running") throw new AppError(409, "experiment_running", `experiment "${id}" is running: stop it first`);
      await tx.experiments.delete(id);
      await tx.audit.append(actor, "experiment.delete", id, { status: current.status });
    });
    this.changes.invalidate();
  }

  private async change(
    id: string, actor: string, action: string, expectedVersion: number | undefined,
    next: (current: ExperimentRecord, tx: Repositories) => Promise<{ definition?: string; status?: ExperimentStatus }>,
  ): Promise<ShownExperiment> {
    const r = await this.store.transaction(async (tx) => {
      const current = await tx.experiments.get(id);
      if (!current) throw notFound("unknown_experiment", `no experiment with id "${id}"`);
      const version = expectedVersion ?? current.version;
      if (version !== current.version) throw new AppError(409, "experiment_version_conflict", `experiment "${id}" is at version ${current.version}, not ${version}: read it again`);
      const updated = await tx.experiments.update(id, version, await next(current, tx));
      if (!updated) throw new AppError(409, "experiment_version_conflict", `experiment "${id}" changed meanwhile: read it again`);
      await tx.audit.append(actor, action, id, { version: updated.version, status: updated.status });
      return updated;
    });
    this.changes.invalidate();
    return shownExperiment(r);
  }
}
