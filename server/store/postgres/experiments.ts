import type { Db } from "./db.js";
import type { ExperimentRecord, ExperimentRepository, ExperimentStatus } from "../types.js";
import { EXPERIMENT_COLUMNS, EXPERIMENT_UPDATE_SQL, experimentRecord, type ExperimentRow } from "../rows.js";
import { numbered } from "./named-params.js";

/** Experiments: a row each; every change moves the 'experiments' counter (a trigger). */
export class PgExperimentRepository implements ExperimentRepository {
  constructor(private readonly db: Db) {}

  async create(id: string, definition: string, now = Date.now()): Promise<ExperimentRecord | undefined> {
    const [row] = await this.db.rows<ExperimentRow>(
      `INSERT INTO experiments (id, definition, status, version, created_at, updated_at) VALUES ($1, $2, 'draft', 1, $3, $3) ON CONFLICT (id) DO NOTHING RETURNING ${EXPERIMENT_COLUMNS}`,
      [id, definition, now],
    );
    return row && experimentRecord(row);
  }

  async update(id: string, version: number, change: { definition?: string; status?: ExperimentStatus }, now = Date.now()): Promise<ExperimentRecord | undefined> {
    const params = { id, version, now, definition: change.definition ?? null, status: change.status ?? null };
    const { sql, values } = numbered(EXPERIMENT_UPDATE_SQL, params, (name) => (name === "version" || name === "now" ? "bigint" : "text"));
    const [row] = await this.db.rows<ExperimentRow>(sql, values);
    return row && experimentRecord(row);
  }

  async get(id: string): Promise<ExperimentRecord | undefined> {
    const [row] = await this.db.rows<ExperimentRow>(`SELECT ${EXPERIMENT_COLUMNS} FROM experiments WHERE id = $1`, [id]);
    return row && experimentRecord(row);
  }

  async list(): Promise<ExperimentRecord[]> {
    return (await this.db.rows<ExperimentRow>(`SELECT ${EXPERIMENT_COLUMNS} FROM experiments ORDER BY created_at, id`)).map(experimentRecord);
  }

  async delete(id: string): Promise<boolean> {
    return ((await this.db.query("DELETE FROM experiments WHERE id = $1", [id])).rowCount ?? 0) === 1;
  }
}
