// Streams records from CSV or JSON Lines files (gzip when the name ends in .gz), one at a
// time, each with its line number; a line that cannot be read becomes an error record.
import { createReadStream, existsSync } from "node:fs";
import { createGunzip } from "node:zlib";
import { createInterface } from "node:readline";
import type { Readable } from "node:stream";
import { parse } from "csv-parse";
import { AppError } from "../errors.js";

export interface SourceRecord {
  line: number;
  fields?: Record<string, unknown>;
  error?: string;
}

export type RecordSource = AsyncIterable<SourceRecord>;

type Format = "csv" | "jsonl";

export function formatOf(path: string): Format {
  const name = path.toLowerCase().replace(/\.gz$/, "");
  if (name.endsWith(".csv")) return "csv";
  if (name.endsWith(".jsonl") || name.endsWith(".ndjson") || name.endsWith(".json")) return "jsonl";
  throw new AppError(400, "unknown_format", `${path}: expected a .csv, .jsonl or .ndjson file (optionally .gz)`);
}

function open(path: string): Readable {
  if (!existsSync(path)) throw new AppError(400, "file_not_found", `${path}: no such file`);
  const raw = createReadStream(path);
  return path.toLowerCase().endsWith(".gz") ? raw.pipe(createGunzip()) : raw;
}

export function readRecords(path: string): RecordSource {
  const format = formatOf(path);
  const stream = open(path);
  return format === "csv" ? csvRecords(stream) : jsonLinesRecords(stream);
}

async function* csvRecords(stream: Readable): RecordSource {
  const skipped: SourceRecord[] = [];
  let header: string[] | undefined;
  const parser = stream.pipe(
    parse({
      bom: true,
      info: true,
      skip_empty_lines: true,
      relax_column_count: true,
      skip_records_with_error: true,
      on_skip: (err) => {
        skipped.push({ line: Number(err?.lines ?? 0), error: err ? `unreadable CSV: ${err.message}` : "unreadable CSV" });
      },
    }),
  );
  for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
    while (skipped.length) yield skipped.shift()!;
    if (!header) {
      header = record.map((h) => h.trim().toLowerCase());
      continue;
    }
    if (record.length !== header.length) {
      yield { line: info.lines, error: `expected ${header.length} columns (${header.join(",")}), found ${record.length}` };
      continue;
    }
    const fields: Record<string, unknown> = {};
    header.forEach((name, i) => (fields[name] = record[i]));
    yield { line: info.lines, fields };
  }
  while (skipped.length) yield skipped.shift()!;
}

async function* jsonLinesRecords(stream: Readable): RecordSource {
  let line = 0;
  for await (const text of createInterface({ input: stream, crlfDelay: Infinity })) {
    line++;
    if (text.trim() === "") continue;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (err) {
      yield { line, error: `invalid JSON: ${(err as Error).message}` };
      continue;
    }
    if (value === null || typeof value !== "object" || Array.isArray(value)) {
      yield { line, error: "expected a JSON object" };
      continue;
    }
    yield { line, fields: value as Record<string, unknown> };
  }
}
