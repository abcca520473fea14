// The options tuijian reads itself from a PostgreSQL store URL (no server needed).
import { createServer, type Socket } from "node:net";
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

  it("waits connect_timeout for a server that accepts and never answers, then store_unavailable", async () => {
    const held: Socket[] = [];
    const silent = createServer((socket) => void held.push(socket));
    await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
    const port = (silent.address() as { port: number }).port;
    try {
      const started = Date.now();
      const err = await openStore(`postgres://tuijian@127.0.0.1:${port}/tuijian?connect_timeout=1`).catch((e: unknown) => e);
      const waited = Date.now() - started;
      expect(err).toMatchObject({ status: 503, code: "store_unavailable" });
      // One second, not the default five.
      expect(waited).toBeGreaterThanOrEqual(900);
      expect(waited).toBeLessThan(4000);
    } finally {
      for (const socket of held) socket.destroy();
      await new Promise((resolve) => silent.close(resolve));
    }
  });
});
