// A bulk import into the PostgreSQL store, end to end: a generated shop's items, shoppers
// and events staged with COPY (ImportSession) and published in one transaction, into a
// new empty database each run. Rows are generated before the clock starts, so the figure
// is the store's, not the generator's. Reports per run the staging and publishing time and
// events/s over both; the median run decides.
//   node dist/bench/postgres-import.js --url postgres://tuijian@127.0.0.1:55432/tuijian \
//     [--users 50000] [--items 10000] [--events 1000000] [--runs 3] [--event-ids]
// By default events carry no event id, as in tuijian's import files; with --event-ids
// every one does (each is checked against the store and its unique index: the slower path).
import { randomBytes } from "node:crypto";
import { parseArgs } from "node:util";
import pg from "pg";
import { openStore } from "../server/store/open.js";
import type { ItemInput, StagedEvent, UserInput } from "../server/store/types.js";
import { eventCode } from "../models/event-types.js";
import { ShopGenerator, itemId, userId } from "./shop-generator.js";
import { printMachine } from "./machine.js";
import { codeVersion } from "./code-version.js";

const { values } = parseArgs({
  options: {
    url: { type: "string" }, users: { type: "string" }, items: { type: "string" }, events: { type: "string" },
    runs: { type: "string" }, "event-ids": { type: "boolean" },
  },
});
const server = values.url ?? process.env.TUIJIAN_TEST_POSTGRES;
if (!server) throw new Error("--url (or TUIJIAN_TEST_POSTGRES): a PostgreSQL server where this may create databases");
const size = { users: Number(values.users ?? 50_000), items: Number(values.items ?? 10_000), events: Number(values.events ?? 1_000_000), seed: 42 };
const runs = Number(values.runs ?? 3);
const eventIds = values["event-ids"] ?? false;
const log = (msg: string) => process.stderr.write(`${msg}\n`);
const seconds = (ms: number) => Math.round(ms) / 1000;

printMachine();
log(`generating ${size.events} events of ${size.users} shoppers on ${size.items} items…`);
const shop = new ShopGenerator(size);
const items: ItemInput[] = [...shop.items()].map((i) => ({ id: itemId(i.index), title: i.title, category: i.category, price: i.price, tags: i.tags }));
const users: UserInput[] = [];
const events: StagedEvent[] = [];
for (const { profile, events: own } of shop.shoppers()) {
  const user = userId(profile.index);
  users.push({ id: user, attributes: { region: profile.region, tier: profile.tier, age_band: profile.ageBand } });
  for (const e of own) {
    events.push({ userExtId: user, itemExtId: itemId(e.item), type: eventCode(e.type), value: e.value, ts: e.ts, context: null, eventId: eventIds ? `ev-${events.length}` : null });
  }
}

async function withAdmin<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: server });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

async function run(): Promise<{ stageS: number; publishS: number; eventsPerSecond: number }> {
  const name = `tuijian_bench_${randomBytes(6).toString("hex")}`;
  await withAdmin((c) => c.query(`CREATE DATABASE ${name}`));
  const url = new URL(server!);
  url.pathname = `/${name}`;
  const store = await openStore(url.toString());
  try {
    const start = performance.now();
    const session = await store.beginImport();
    for (const item of items) await session.item(item);
    for (const user of users) await session.user(user);
    for (const e of events) await session.event(e);
    const staged = performance.now();
    const totals = await session.publish();
    const end = performance.now();
    if ((await store.events.count()) !== events.length) throw new Error(`published ${JSON.stringify(totals)}: events missing`);
    const result = { stageS: seconds(staged - start), publishS: seconds(end - staged), eventsPerSecond: Math.round(events.length / ((end - start) / 1000)) };
    log(JSON.stringify(result));
    return result;
  } finally {
    await store.close();
    await withAdmin((c) => c.query(`DROP DATABASE ${name} WITH (FORCE)`));
  }
}

const results = [];
for (let i = 0; i < runs; i++) results.push(await run());
const median = [...results].sort((a, b) => a.eventsPerSecond - b.eventsPerSecond)[Math.floor(results.length / 2)];
const serverVersion = await withAdmin(async (c) => (await c.query("SHOW server_version")).rows[0].server_version as string);
process.stdout.write(JSON.stringify({ bench: "postgres-import", size, eventIds, postgres: serverVersion, code: codeVersion(), runs: results, median }) + "\n");
