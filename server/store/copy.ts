// `tuijian store copy`: every table of one store into another, empty one, ids kept, so
// that a shop moves from SQLite to PostgreSQL (or back) without retraining: the copy takes
// the source's store id, and the models trained on the source serve on it.
import { COPY_TABLES, type CopyTable, type Store } from "./types.js";
import { badRequest } from "../errors.js";

const PAGE = 5_000;

export async function copyStore(from: Store, to: Store, onTable: (table: CopyTable, rows: number) => void = () => {}): Promise<Record<CopyTable, number>> {
  if (!(await to.isEmpty()) || (await to.users.allIds()).length > 0) {
    throw badRequest("the target store is not empty: copy into a new database (or schema, or file)");
  }
  const counts = {} as Record<CopyTable, number>;
  for (const table of Object.keys(COPY_TABLES) as CopyTable[]) {
    counts[table] = 0;
    for await (const rows of from.tables.rows(table, PAGE)) {
      await to.tables.append(table, rows);
      counts[table] += rows.length;
      onTable(table, counts[table]);
    }
  }
  await to.tables.finish(from.id);
  return counts;
}
