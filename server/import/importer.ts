// Bulk import: items, then users, then events, staged and then published. Each bad row is
// reported with its line number and reason and skipped; past maxErrors bad rows the import
// is abandoned before anything reaches the store. Staging writes a file of its own, so a
// long import never holds the store's write lock; publishing then moves the rows in short
// transactions (SQLite) or one (PostgreSQL), and once it has started it is completed even
// across a crash: the store ends up with all the good rows or none of them.
import { AppError } from "../errors.js";
import type { ImportSession, ImportTuning, Store } from "../store/types.js";
import type { NamedSource } from "./record-source.js";
import { DUPLICATE, RowStager } from "./row-stager.js";
import { silentProgress, type Progress } from "../platform/progress.js";

export type ImportKind = "items" | "users" | "events";
const ORDER: ImportKind[] = ["items", "users", "events"];

export interface RowError {
  line: number;
  reason: string;
}

export interface SourceReport {
  kind: ImportKind;
  source: string;
  rows: number;
  imported: number;
  rejected: number;
  /** Events not stored because their event_id was imported or stored before (not errors). */
  duplicates: number;
  /** The first errors in full; `rejected` counts them all. */
  errors: RowError[];
}

export interface ImportReport {
  sources: SourceReport[];
  createdItems: number;
  createdUsers: number;
}

export type { NamedSource };

export interface ImportOptions {
  /** More bad rows than this (over all sources) abandons the whole import. */
  maxErrors?: number;
  progress?: (label: string) => Progress;
  /** Errors kept in full per source. */
  keepErrors?: number;
  /** Events dated more than this ahead of the clock are bad rows (default: inputs.ts's). */
  futureToleranceMs?: number;
  /** Batch size and a test hook for the publish. */
  publish?: ImportTuning;
}

export class ImportAborted extends AppError {
  constructor(readonly report: ImportReport, maxErrors: number) {
    const rejected = report.sources.reduce((s, r) => s + r.rejected, 0);
    super(422, "import_aborted", `${rejected} bad rows (more than the ${maxErrors} allowed): nothing was imported`, report);
  }
}

export async function importSources(
  store: Store,
  sources: Partial<Record<ImportKind, NamedSource>>,
  options: ImportOptions = {},
): Promise<ImportReport> {
  const makeProgress = options.progress ?? silentProgress;
  const session = await store.beginImport(options.publish);
  let report: ImportReport;
  try {
    report = await stage(store, session, sources, options);
  } catch (err) {
    await session.abort();
    throw err;
  }
  const bar = makeProgress("publishing");
  const totals = await session.publish((rows, total) => bar.tick(rows, total));
  bar.done(totals.rows);
  report.createdItems = totals.createdItems;
  report.createdUsers = totals.createdUsers;
  const events = report.sources.find((s) => s.kind === "events");
  if (events && totals.duplicates) {
    events.imported -= totals.duplicates;
    events.duplicates += totals.duplicates;
  }
  return report;
}

async function stage(
  store: Store,
  session: ImportSession,
  sources: Partial<Record<ImportKind, NamedSource>>,
  options: ImportOptions,
): Promise<ImportReport> {
  const maxErrors = options.maxErrors ?? 1000;
  const keepErrors = options.keepErrors ?? 100;
  const makeProgress = options.progress ?? silentProgress;
  const stager = new RowStager(session, new Set(await store.items.deletedExtIds()), options.futureToleranceMs);
  const report: ImportReport = { sources: [], createdItems: 0, createdUsers: 0 };
  let rejected = 0;
  for (const kind of ORDER) {
    const source = sources[kind];
    if (!source) continue;
    const r: SourceReport = { kind, source: source.name, rows: 0, imported: 0, rejected: 0, duplicates: 0, errors: [] };
    report.sources.push(r);
    const bar = makeProgress(`${kind} from ${source.name}`);
    for await (const rec of source.records) {
      r.rows++;
      const outcome = rec.error ?? (await stager.stage(kind, rec.fields!));
      if (outcome === undefined) {
        r.imported++;
      } else if (outcome === DUPLICATE) {
        r.duplicates++;
      } else {
        r.rejected++;
        if (r.errors.length < keepErrors) r.errors.push({ line: rec.line, reason: outcome });
        if (++rejected > maxErrors) {
          bar.done(r.rows, "aborted");
          throw new ImportAborted(report, maxErrors);
        }
      }
      if ((r.rows & 4095) === 0) bar.tick(r.rows, expectedRows(source, r.rows), true);
    }
    bar.done(r.rows, `${r.imported} staged, ${r.duplicates} duplicates, ${r.rejected} rejected`);
  }
  return report;
}

/** The rows a file will have in all, extrapolated from the share of its bytes read so far (for the progress line). */
function expectedRows(source: NamedSource, rows: number): number | undefined {
  const share = source.share?.() ?? 0;
  return share > 0.001 ? Math.max(rows, Math.round(rows / share)) : undefined;
}
