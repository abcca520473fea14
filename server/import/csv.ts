// A streaming CSV reader (RFC 4180: comma-separated, fields optionally in double quotes,
// "" for a quote inside quotes, quoted fields may span lines). Line-based, so each
// record knows the line it starts on at no cost; lines without quotes take a fast path.

export type CsvRow = { line: number; fields: string[] } | { line: number; error: string };

export async function* csvRows(lines: AsyncIterable<string>): AsyncGenerator<CsvRow> {
  let lineNo = 0;
  let pending: string | undefined;
  let start = 0;
  for await (const raw of lines) {
    lineNo++;
    const text = pending === undefined ? raw : pending + "\n" + raw;
    if (pending === undefined) start = lineNo;
    if (text.indexOf('"') < 0) {
      pending = undefined;
      if (text !== "") yield { line: start, fields: text.split(",") };
      continue;
    }
    const parsed = parseQuoted(text);
    if (parsed === "open") {
      pending = text; // a quoted field continues on the next line
      continue;
    }
    pending = undefined;
    yield typeof parsed === "string" ? { line: start, error: parsed } : { line: start, fields: parsed };
  }
  if (pending !== undefined) yield { line: start, error: "a quoted field is not closed before the end of the file" };
}

/** Fields of one record, "open" if a quoted field runs past the end, or an error message. */
function parseQuoted(text: string): string[] | "open" | string {
  const fields: string[] = [];
  let i = 0;
  for (;;) {
    if (text[i] === '"') {
      let value = "";
      let j = i + 1;
      for (;;) {
        const q = text.indexOf('"', j);
        if (q < 0) return "open";
        value += text.slice(j, q);
        if (text[q + 1] === '"') {
          value += '"';
          j = q + 2;
          continue;
        }
        i = q + 1;
        break;
      }
      fields.push(value);
      if (i === text.length) return fields;
      if (text[i] !== ",") return `unexpected character after a closing quote at column ${i + 1}`;
      i++;
    } else {
      const comma = text.indexOf(",", i);
      const field = comma < 0 ? text.slice(i) : text.slice(i, comma);
      if (field.includes('"')) return `a quote inside an unquoted field at column ${i + 1}`;
      fields.push(field);
      if (comma < 0) return fields;
      i = comma + 1;
    }
  }
}
