// Streams records from CSV or JSON Lines files (gzip when the name ends in .gz), one at a
// time, each with its line number; a line that cannot be read becomes an error record.
import { createReadStream, existsSync, statSync, type ReadStream } from "node:fs";
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

/** A source of records with the name reports give it. */
export interface NamedSource {
  name: string;
  records: RecordSource;
  /** The share of the input read so far (0–1), where its size is known (a file). */
  share?: () => number;
}

type Format = "csv" | "jsonl";

export function formatOf(path: string): Format {
  const name = path.toLowerCase().replace(/\.gz$/, "");
  if (name.endsWith(".csv")) return "csv";
  if (name.endsWith(".jsonl") || name.endsWith(".ndjson") || name.endsWith(".json")) return "jsonl";
  throw new AppError(400, "unknown_format", `${path}: expected a .csv, .jsonl or .ndjson file (optionally .gz)`);
}

function open(path: string): { raw: ReadStream; stream: Readable } {
  if (!existsSync(path)) throw new AppError(400, "file_not_found", `${path}: no such file`);
  const raw = createReadStream(path);
  return { raw, stream: path.toLowerCase().endsWith(".gz") ? raw.pipe(createGunzip()) : raw };
}

/** Records held in memory, as a source. */
export async function* fromArray(records: SourceRecord[]): RecordSource {
  yield* records;
}

export function readRecords(path: string): RecordSource {
  return fileSource(path).records;
}

/** A CSV or JSON Lines file as a source; its share read is the share of its bytes (compressed, for .gz). */
export function fileSource(path: string): NamedSource {
  const format = formatOf(path);
  const { raw, stream } = open(path);
  const size = statSync(path).size;
  return {
    name: path,
    records: format === "csv" ? csvRecords(stream) : jsonLinesRecords(stream),
    share: () => (size > 0 ? Math.min(1, raw.bytesRead / size) : 1),
  };
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
