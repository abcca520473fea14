// Bulk import: items, then users, then events, all in one transaction. Each bad row is
// reported with its line number and reason and skipped; past maxErrors bad rows the whole
// import is rolled back, so the store holds either all the good rows or none of them.
import { AppError } from "../errors.js";
import { describeIssues, EventInput, ItemInput, UserInput } from "../inputs.js";
import { eventCode } from "../../models/event-types.js";
import type { Store } from "../store/store.js";
import type { RecordSource } from "./record-source.js";
import { silentProgress, type Progress } from "../progress.js";

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
  /** The first errors in full; `rejected` counts them all. */
  errors: RowError[];
}

export interface ImportReport {
  sources: SourceReport[];
  createdItems: number;
  createdUsers: number;
}

export interface NamedSource {
  name: string;
  records: RecordSource;
}

export interface ImportOptions {
  /** More bad rows than this (over all sources) rolls the whole import back. */
  maxErrors?: number;
  progress?: (label: string) => Progress;
  /** Errors kept in full per source. */
  keepErrors?: number;
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
  const maxErrors = options.maxErrors ?? 1000;
  const keepErrors = options.keepErrors ?? 100;
  const makeProgress = options.progress ?? silentProgress;
  const writer = new RowWriter(store, Date.now());
  const report: ImportReport = { sources: [], createdItems: 0, createdUsers: 0 };
  let rejected = 0;

  await store.transactionAsync(async () => {
    for (const kind of ORDER) {
      const source = sources[kind];
      if (!source) continue;
      const r: SourceReport = { kind, source: source.name, rows: 0, imported: 0, rejected: 0, errors: [] };
      report.sources.push(r);
      const bar = makeProgress(`${kind} from ${source.name}`);
      for await (const rec of source.records) {
        r.rows++;
        const error = rec.error ?? writer.write(kind, rec.fields!);
        if (error === undefined) {
          r.imported++;
        } else {
          r.rejected++;
          if (r.errors.length < keepErrors) r.errors.push({ line: rec.line, reason: error });
          if (++rejected > maxErrors) {
            bar.done(r.rows, "aborted");
            throw new ImportAborted(report, maxErrors);
          }
        }
        if ((r.rows & 4095) === 0) bar.tick(r.rows);
      }
      bar.done(r.rows, `${r.imported} imported, ${r.rejected} rejected`);
    }
    report.createdItems = writer.createdItems;
    report.createdUsers = writer.createdUsers;
  });
  return report;
}

/** Validates one row and writes it; returns the reason when the row is rejected. */
class RowWriter {
  createdItems = 0;
  createdUsers = 0;
  private readonly itemIds = new Map<string, number>();
  private readonly userIds = new Map<string, number>();

  constructor(private readonly store: Store, private readonly now: number) {}

  write(kind: ImportKind, fields: Record<string, unknown>): string | undefined {
    switch (kind) {
      case "items": return this.item(fields);
      case "users": return this.user(fields);
      case "events": return this.event(fields);
    }
  }

  private item(fields: Record<string, unknown>): string | undefined {
    const { item_id, id, title, description, category, price, stock, tags, attributes, ...rest } = fields;
    const parsed = ItemInput.safeParse({
      id: item_id ?? id, title, description, category, price, stock, tags,
      attributes: withExtraColumns(attributes, rest),
    });
    if (!parsed.success) return describeIssues(parsed.error);
    this.itemIds.set(parsed.data.id, this.store.items.upsert(parsed.data, this.now));
  }

  private user(fields: Record<string, unknown>): string | undefined {
    const { user_id, id, attributes, ...rest } = fields;
    const parsed = UserInput.safeParse({ id: user_id ?? id, attributes: withExtraColumns(attributes, rest) });
    if (!parsed.success) return describeIssues(parsed.error);
    this.userIds.set(parsed.data.id, this.store.users.upsert(parsed.data, this.now));
  }

  private event(fields: Record<string, unknown>): string | undefined {
    let context = fields.context;
    if (typeof context === "string" && context.trim() !== "") {
      try {
        context = JSON.parse(context);
      } catch {
        return "context: must be a JSON object";
      }
    }
    const parsed = EventInput.safeParse({ ...fields, context });
    if (!parsed.success) return describeIssues(parsed.error);
    const e = parsed.data;
    if (e.timestamp === undefined) return "timestamp: required in import files";
    this.store.events.insert({
      userId: this.resolve(e.user_id, this.userIds, () => this.store.users.ensure(e.user_id, this.now), "user"),
      itemId: this.resolve(e.item_id, this.itemIds, () => this.store.items.ensure(e.item_id, this.now), "item"),
      type: eventCode(e.type),
      value: e.value ?? null,
      ts: e.timestamp,
      context: e.context ? JSON.stringify(e.context) : null,
    });
  }

  private resolve(extId: string, cache: Map<string, number>, ensure: () => { id: number; created: boolean }, kind: "user" | "item"): number {
    let id = cache.get(extId);
    if (id === undefined) {
      const got = ensure();
      id = got.id;
      if (got.created) kind === "user" ? this.createdUsers++ : this.createdItems++;
      cache.set(extId, id);
    }
    return id;
  }
}

/** Columns beyond the known ones become attributes; blank cells are left out. */
function withExtraColumns(attributes: unknown, rest: Record<string, unknown>): unknown {
  const extra = Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== "" && v !== undefined && v !== null));
  if (attributes === undefined || attributes === "") return Object.keys(extra).length ? extra : undefined;
  if (typeof attributes === "string") {
    try {
      attributes = JSON.parse(attributes);
    } catch {
      return attributes; // fails validation with a clear message
    }
  }
  return typeof attributes === "object" && attributes !== null ? { ...extra, ...attributes } : attributes;
}
