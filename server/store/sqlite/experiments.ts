import type { Db } from "./database.js";
import type { Gate } from "./gate.js";
import type { ExperimentRecord, ExperimentRepository, ExperimentStatus } from "../types.js";
import { EXPERIMENT_COLUMNS, EXPERIMENT_UPDATE_SQL, experimentRecord, type ExperimentRow } from "../rows.js";

/** Experiments (migration 11): a row each; every change moves the 'experiments' counter (triggers). */
export class SqliteExperiments implements ExperimentRepository {
  constructor(private readonly db: Db, private readonly gate: Gate) {}

  create(id: string, definition: string, now = Date.now()): Promise<ExperimentRecord | undefined> {
    return this.gate.write(() => {
      const row = this.db
        .prepare(`INSERT INTO experiments (id, definition, status, version, created_at, updated_at) VALUES (?, ?, 'draft', 1, ?, ?) ON CONFLICT (id) DO NOTHING RETURNING ${EXPERIMENT_COLUMNS}`)
        .get(id, definition, now, now) as ExperimentRow | undefined;
      return row && experimentRecord(row);
    });
  }

  update(id: string, version: number, change: { definition?: string; status?: ExperimentStatus }, now = Date.now()): Promise<ExperimentRecord | undefined> {
    return this.gate.write(() => {
      const params = { id, version, now, definition: change.definition ?? null, status: change.status ?? null };
      const row = this.db.prepare(EXPERIMENT_UPDATE_SQL).get(params) as ExperimentRow | undefined;
      return row && experimentRecord(row);
    });
  }

  async get(id: string): Promise<ExperimentRecord | undefined> {
    const row = this.db.prepare(`SELECT ${EXPERIMENT_COLUMNS} FROM experiments WHERE id = ?`).get(id) as ExperimentRow | undefined;
    return row && experimentRecord(row);
  }

  async list(): Promise<ExperimentRecord[]> {
    return (this.db.prepare(`SELECT ${EXPERIMENT_COLUMNS} FROM experiments ORDER BY created_at, id`).all() as ExperimentRow[]).map(experimentRecord);
  }

  delete(id: string): Promise<boolean> {
    return this.gate.write(() => this.db.prepare("DELETE FROM experiments WHERE id = ?").run(id).changes === 1);
  }
}
