import { z } from "zod";
import { defineCommand } from "./command.js";
import { wholeNumber } from "./flags.js";
import { LOGGING, STORE, settings } from "./settings.js";
import { openRuntime } from "../runtime.js";
import { importSources, ImportAborted, type ImportKind, type ImportReport, type NamedSource } from "../import/importer.js";
import { fileSource } from "../import/record-source.js";
import { progress } from "../platform/progress.js";
import { AppError } from "../errors.js";

export const importCommand = defineCommand({
  summary: "import events, items and users from CSV or JSON Lines files (.gz read as gzip); all or nothing",
  usage: "[--events F] [--items F] [--users F] [--max-errors N] [--json]",
  flags: {
    events: z.string().optional().describe("events file: user_id, item_id, type, timestamp, value"),
    items: z.string().optional().describe("items file: item_id, title and other attributes"),
    users: z.string().optional().describe("shoppers file: user_id and attributes"),
    maxErrors: wholeNumber(0).default(1000).describe("rejected rows tolerated; past them nothing is imported"),
    json: z.boolean().default(false).describe("print the report as JSON"),
  },
  settings: settings(STORE, LOGGING, ["eventFutureToleranceHours"]),
  async run(config, flags) {
    const sources: Partial<Record<ImportKind, NamedSource>> = {};
    for (const kind of ["items", "users", "events"] as const) {
      const path = flags[kind];
      if (typeof path === "string") sources[kind] = fileSource(path);
    }
    if (Object.keys(sources).length === 0) throw new AppError(400, "bad_flag", "name at least one file: --events F, --items F or --users F");

    // This connection waits up to 10 s for the lock: its short publish transactions queue
    // behind serving writes, not the other way round.
    const rt = await openRuntime(config);
    try {
      await rt.store.resumeImports();
      const futureToleranceMs = config.eventFutureToleranceHours * 3_600_000;
      const report = await importSources(rt.store, sources, { maxErrors: flags.maxErrors, progress, futureToleranceMs });
      printReport(report, flags.json);
      return 0;
    } catch (err) {
      if (!(err instanceof ImportAborted)) throw err;
      printReport(err.report, flags.json);
      process.stderr.write(`tuijian: ${err.message}\n`);
      return 1;
    } finally {
      await rt.close();
    }
  },
});

function printReport(report: ImportReport, json: boolean): void {
  if (json) {
    process.stdout.write(JSON.stringify(report, null, 2) + "\n");
    return;
  }
  for (const s of report.sources) {
    const duplicates = s.kind === "events" ? `, ${s.duplicates} duplicates` : "";
    process.stdout.write(`${s.kind} (${s.source}): ${s.rows} rows, ${s.imported} imported, ${s.rejected} rejected${duplicates}\n`);
    for (const e of s.errors) process.stderr.write(`  ${s.source}:${e.line}: ${e.reason}\n`);
    if (s.rejected > s.errors.length) process.stderr.write(`  … and ${s.rejected - s.errors.length} more\n`);
  }
  if (report.createdItems) process.stdout.write(`${report.createdItems} items were new and created without a title (import an items file to describe them)\n`);
  if (report.createdUsers) process.stdout.write(`${report.createdUsers} users were new\n`);
}
