// The store contract on PostgreSQL, plus what only PostgreSQL has: the history read's
// plan, concurrent opening, and recovering from dropped connections. Each store gets a
// database of its own on the server TUIJIAN_TEST_POSTGRES names (dropped at the end).
import { afterAll, describe, expect, it } from "vitest";
import { randomBytes } from "node:crypto";
import pg from "pg";
import { storeContract } from "./store-contract.js";
import { openStore } from "../server/store/open.js";
import { HISTORY_SQL } from "../server/store/postgres/events.js";
import { AppError } from "../server/errors.js";
import type { Store } from "../server/store/types.js";

const SERVER = process.env.TUIJIAN_TEST_POSTGRES;

if (!SERVER) {
  describe.skip("PostgreSQL tests skipped: run `bash .ci/postgres.sh start` and set TUIJIAN_TEST_POSTGRES=<the URL it prints>", () => {
    it("store contract, history plan, concurrent open, failover", () => undefined);
  });
} else {
  const server = SERVER;
  const databases: string[] = [];
  const urls = new Map<Store, string>();

  /** fn on a connection of its own to the database at url. */
  const connected = async <T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      return await fn(client);
    } finally {
      await client.end();
    }
  };

  /** A new empty database's URL. */
  const createDatabase = async () => {
    const name = `tuijian_test_${randomBytes(6).toString("hex")}`;
    await connected(server, (c) => c.query(`CREATE DATABASE ${name}`));
    databases.push(name);
    const url = new URL(server);
    url.pathname = `/${name}`;
    return { name, url: url.toString() };
  };

  const open = async (sameStorageAs?: Store) => {
    const url = sameStorageAs ? urls.get(sameStorageAs)! : (await createDatabase()).url;
    const store = await openStore(url);
    urls.set(store, url);
    return store;
  };

  afterAll(async () => {
    await connected(server, async (c) => {
      for (const name of databases) await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    });
  });

  storeContract("postgres", open);

  describe("PostgreSQL store", () => {
    it("reads a shopper's history with one backward index-only scan", async () => {
      const { url } = await createDatabase();
      const store = await openStore(url);
      const session = await store.beginImport();
      for (let i = 0; i < 20_000; i++) {
        await session.event({ userExtId: `u${i % 500}`, itemExtId: `i${i % 300}`, type: 1, value: null, ts: i, context: null });
      }
      await session.publish();
      await store.close();
      const plan = await connected(url, async (c) => {
        await c.query("VACUUM ANALYZE events");
        const rows = (await c.query(`EXPLAIN ${HISTORY_SQL}`, [7, 20])).rows as { "QUERY PLAN": string }[];
        return rows.map((r) => r["QUERY PLAN"]).join("\n");
      });
      expect(plan).toMatch(/Index Only Scan Backward using events_user_history/);
      expect(plan).not.toMatch(/Sort/);
    });

    it("opens a new database from two processes at once: one schema, one store id", async () => {
      const { url } = await createDatabase();
      const [a, b] = await Promise.all([openStore(url), openStore(url)]);
      expect(a.id).toBe(b.id);
      expect(a.id).toMatch(/^[0-9a-f-]{36}$/);
      await Promise.all([a.close(), b.close()]);
    });

    it("fails with store_unavailable, naming no password, when the server cannot be reached", async () => {
      const err = await openStore("postgres://tuijian:s3cret@127.0.0.1:1/tuijian").catch((e: unknown) => e);
      expect(err).toBeInstanceOf(AppError);
      expect(err).toMatchObject({ status: 503, code: "store_unavailable", retryAfterSeconds: 1 });
      expect(JSON.stringify(err) + String((err as Error).message)).not.toMatch(/s3cret/);
      await expect(openStore("mysql://x:s3cret@h/db")).rejects.toThrow(/^unknown store URL scheme "mysql:"[^]*$/);
      await expect(openStore("mysql://x:s3cret@h/db")).rejects.not.toThrow(/s3cret/);
    });

    it("keeps answering after its connections are killed, without being reopened", async () => {
      const { name, url } = await createDatabase();
      const store = await openStore(url);
      try {
        const id = await store.items.upsert({ id: "a" });
        // Several idle connections in the pool, all of which are about to die.
        await Promise.all(Array.from({ length: 5 }, () => store.items.count()));
        const killed = await connected(server, async (c) =>
          (await c.query("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()", [name])).rowCount,
        );
        expect(killed).toBeGreaterThan(0);
        const failures: unknown[] = [];
        let answered: number | undefined;
        for (let attempt = 0; attempt < 20 && answered === undefined; attempt++) {
          try {
            answered = await store.items.idOf("a");
          } catch (err) {
            failures.push(err);
            await new Promise((r) => setTimeout(r, 50));
          }
        }
        expect(answered).toBe(id);
        for (const err of failures) expect(err).toMatchObject({ status: 503, code: "store_unavailable" });
        expect(failures.length).toBeLessThanOrEqual(1);
        // Every other path recovers too: a transaction and a cursor.
        await store.transaction((tx) => tx.items.upsert({ id: "b" }));
        for await (const page of store.events.byUser()) expect(page).toEqual([]);
        expect(await store.items.count()).toBe(2);
      } finally {
        await store.close();
      }
    });
  });
}
