// The options tuijian reads itself from a PostgreSQL store URL (no server needed).
import { describe, expect, it } from "vitest";
import { urlOptions } from "../server/store/postgres/store.js";
import { openStore } from "../server/store/open.js";

describe("a PostgreSQL store URL's own options", () => {
  it("takes schema and connect_timeout out of the URL it connects with, and leaves the rest", () => {
    expect(urlOptions("postgres://u:p@h:5432/db")).toEqual({ connectionString: "postgres://u:p@h:5432/db", connectTimeoutMs: 5000 });
    expect(urlOptions("postgres://u:p@h:5432/db?schema=shop_1&connect_timeout=30&sslmode=require")).toEqual({
      connectionString: "postgres://u:p@h:5432/db?sslmode=require", schema: "shop_1", connectTimeoutMs: 30_000,
    });
    expect(urlOptions("postgres://h/db?connect_timeout=2")).toEqual({ connectionString: "postgres://h/db", connectTimeoutMs: 2000 });
  });

  it("refuses a bad schema or timeout with a 400 naming it, before connecting", async () => {
    for (const [url, named] of [["postgres://h/db?connect_timeout=0", "connect_timeout"], ["postgres://h/db?connect_timeout=5s", "connect_timeout"], ["postgres://h/db?schema=Shop", "schema"]]) {
      await expect(openStore(url)).rejects.toMatchObject({ status: 400, message: expect.stringContaining(named) });
    }
  });
});
