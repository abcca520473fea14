// Streams records from CSV or JSON Lines files (gzip when the name ends in .gz), one at a
// time, each with its line number; a line that cannot be read becomes an error record.
import { createReadStream, existsSync } from "node:fs";
import { createGunzip } from "node:zlib";
import { createInterface } from "node:readline";
import type { Readable } from "node:stream";
import { csvRows } from "./csv.js";
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

/** Records held in memory, as a source. */
export async function* fromArray(records: SourceRecord[]): RecordSource {
  yield* records;
}

export function readRecords(path: string): RecordSource {
  const format = formatOf(path);
  const stream = open(path);
  return format === "csv" ? csvRecords(stream) : jsonLinesRecords(stream);
}

async function* csvRecords(stream: Readable): RecordSource {
  let header: string[] | undefined;
  for await (const row of csvRows(lines(stream))) {
    if ("error" in row) {
      yield { line: row.line, error: `unreadable CSV: ${row.error}` };
      continue;
    }
    if (!header) {
      header = row.fields.map((h, i) => (i === 0 ? h.replace(/^\uFEFF/, "") : h).trim().toLowerCase());
      continue;
    }
    if (row.fields.length !== header.length) {
      yield { line: row.line, error: `expected ${header.length} columns (${header.join(",")}), found ${row.fields.length}` };
      continue;
    }
    const fields: Record<string, unknown> = {};
    for (let i = 0; i < header.length; i++) fields[header[i]] = row.fields[i];
    yield { line: row.line, fields };
  }
}

function lines(stream: Readable): AsyncIterable<string> {
  return createInterface({ input: stream, crlfDelay: Infinity });
}

async function* jsonLinesRecords(stream: Readable): RecordSource {
  let line = 0;
  for await (const text of lines(stream)) {
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
