import { describe, expect, it } from "vitest";
import { csvRows, type CsvRow } from "../server/import/csv.js";

async function rows(text: string): Promise<CsvRow[]> {
  async function* lines() {
    yield* text.split("\n");
  }
  const out: CsvRow[] = [];
  for await (const r of csvRows(lines())) out.push(r);
  return out;
}

describe("csvRows", () => {
  it("splits plain and quoted fields, with doubled quotes and empty fields", async () => {
    expect(await rows('a,b,,c\n"x, y","say ""hi""",z,\n')).toEqual([
      { line: 1, fields: ["a", "b", "", "c"] },
      { line: 2, fields: ["x, y", 'say "hi"', "z", ""] },
    ]);
  });

  it("joins a quoted field across lines and numbers the record by its first line", async () => {
    expect(await rows('h1,h2\n"two\nlines",x\nnext,y')).toEqual([
      { line: 1, fields: ["h1", "h2"] },
      { line: 2, fields: ["two\nlines", "x"] },
      { line: 4, fields: ["next", "y"] },
    ]);
  });

  it("skips empty lines but keeps counting them", async () => {
    expect(await rows("a\n\nb")).toEqual([{ line: 1, fields: ["a"] }, { line: 3, fields: ["b"] }]);
  });

  it("reports malformed quoting with the line", async () => {
    const got = await rows('ok,1\n"closed"x,2\nab"c,3\n"never closed,4');
    expect(got[0]).toEqual({ line: 1, fields: ["ok", "1"] });
    expect(got[1]).toEqual({ line: 2, error: "unexpected character after a closing quote at column 9" });
    expect(got[2]).toEqual({ line: 3, error: "a quote inside an unquoted field at column 1" });
    expect(got[3]).toEqual({ line: 4, error: "a quoted field is not closed before the end of the file" });
  });
});
