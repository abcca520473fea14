// `tuijian store copy`: every table of one store into another, empty one, ids kept, so
// that a shop moves from SQLite to PostgreSQL (or back) without retraining: the copy takes
// the source's store id, and the models trained on the source serve on it.
import { COPY_TABLES, type CopyTable, type Store } from "./types.js";
import { badRequest } from "../errors.js";

const PAGE = 5_000;

/** Called after each page: the rows of `table` copied so far, of `total` when the copy began. */
export type CopyProgress = (table: CopyTable, rows: number, total: number) => void;

export async function copyStore(from: Store, to: Store, onTable: CopyProgress = () => {}): Promise<Record<CopyTable, number>> {
  if (!(await to.isEmpty()) || (await to.users.allIds()).length > 0) {
    throw badRequest("the target store is not empty: copy into a new database (or schema, or file)");
  }
  const counts = {} as Record<CopyTable, number>;
  for (const table of Object.keys(COPY_TABLES) as CopyTable[]) {
    counts[table] = 0;
    const total = await from.tables.count(table);
    for await (const rows of from.tables.rows(table, PAGE)) {
      await to.tables.append(table, rows);
      counts[table] += rows.length;
      onTable(table, counts[table], total);
    }
  }
  await to.tables.finish(from.id);
  return counts;
}
