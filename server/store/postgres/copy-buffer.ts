// Rows for COPY … FROM STDIN in PostgreSQL's text format, buffered and sent in chunks of
// a few MB: one COPY per chunk keeps round trips rare without holding a whole import.
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type pg from "pg";
import { from as copyFrom } from "pg-copy-streams";

const SPECIAL = /[\\\t\n\r]/g;
const HAS_SPECIAL = /[\\\t\n\r]/;
const ESCAPES: Record<string, string> = { "\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r" };

/** One value in COPY's text format: \N is NULL; backslash, tab and line breaks escaped. */
export function copyField(v: string | number | null | undefined): string {
  if (v === null || v === undefined) return "\\N";
  if (typeof v === "number") return String(v);
  return HAS_SPECIAL.test(v) ? v.replace(SPECIAL, (c) => ESCAPES[c]) : v;
}

/** About 4 MB of text a chunk (~50k events). */
const CHUNK_CHARS = 4 << 20;

export class CopyBuffer {
  private parts: string[] = [];
  private chars = 0;
  /** Rows buffered and sent so far. */
  rows = 0;

  constructor(private readonly sql: string) {}

  /** Adds one row: its fields encoded (copyField) and joined by tabs, no line break. */
  add(row: string): boolean {
    this.parts.push(row);
    this.chars += row.length + 1;
    this.rows++;
    return this.chars >= CHUNK_CHARS;
  }

  /** Sends what is buffered as one COPY on client (nothing when empty). */
  async send(client: pg.ClientBase): Promise<void> {
    if (this.parts.length === 0) return;
    const text = this.parts.join("\n") + "\n";
    this.parts = [];
    this.chars = 0;
    await pipeline(Readable.from([Buffer.from(text)]), client.query(copyFrom(this.sql)));
  }
}
