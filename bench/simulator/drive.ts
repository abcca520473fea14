// Drives a running tuijian through its HTTP API as simulated shoppers would: an experiment
// is created and started, shoppers drawn at random ask for lists, click and buy from them
// by their hidden taste (world.ts) and send those events naming the list; at checkpoints
// the experiment's own report is read, as a shop would read it.
import type { Runtime } from "../../server/runtime.js";
import { trainModels } from "../../server/train.js";
import { seededRandom } from "../../models/random.js";
import type { World } from "./world.js";

/** Page views of one visit, on average: a shopper's lists share their engagement, which an A/B test must see through. */
const SESSION_PAGES = 5;

/** One HTTP request to the service (fetch against a server, or a Hono app's request). */
export type Api = (path: string, init?: RequestInit) => Promise<Response>;

export interface Traffic {
  api: Api;
  /** Waits until the lists served so far are recorded (the recorder writes in batches). */
  flush(): Promise<void>;
}

export interface RunOptions {
  id: string;
  experiment: Record<string, unknown>;
  /** Read the report after this many lists (ascending): the decision a shop reading it then would make. */
  checkpoints: number[];
  n: number;
  seed: number;
}

export interface Checkpoint {
  lists: number;
  /** The report's decision then: the better variant at p < 0.05, or null. */
  winner: string | null;
  p: number | null;
  srmMismatch: boolean;
}

/** The world's catalogue and history in the runtime's store, and a model trained on them. */
export async function buildShop(rt: Runtime, world: World, now = Date.now()): Promise<void> {
  await rt.catalogue.upsertItems(world.items.map((it) => ({ id: it.id, title: `Item ${it.id}`, category: `c${it.category}`, price: it.price })));
  let batch = [];
  for (const e of world.history(now)) {
    batch.push(e);
    if (batch.length === 1000) await rt.catalogue.recordEvents(batch.splice(0));
  }
  if (batch.length) await rt.catalogue.recordEvents(batch);
  await trainModels(rt.store, rt.registry, rt.config);
}

async function call(api: Api, path: string, body?: unknown): Promise<any> {
  const res = await api(path, body === undefined ? {} : { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
  const json = await res.json();
  if (!res.ok) throw new Error(`${path}: ${res.status} ${JSON.stringify(json)}`);
  return json;
}

export async function runExperiment(t: Traffic, world: World, o: RunOptions): Promise<Checkpoint[]> {
  await call(t.api, "/experiments", { id: o.id, experiment: o.experiment });
  await call(t.api, `/experiments/${o.id}/start`, {});
  const random = seededRandom(o.seed);
  const events: Record<string, unknown>[] = [];
  const send = async () => events.length && (await call(t.api, "/events", events.splice(0)));
  const out: Checkpoint[] = [];
  let served = 0;
  let u = 0;
  for (const checkpoint of o.checkpoints) {
    for (let visit = 0; served < checkpoint; served++, visit--) {
      // A visit: a shopper views several pages in a row (geometric, mean SESSION_PAGES).
      if (visit === 0) {
        u = Math.floor(random() * world.shoppers.length);
        visit = 1 + Math.floor(-Math.log(1 - random()) * (SESSION_PAGES - 1));
      }
      const user = world.shoppers[u];
      const list = await call(t.api, `/recommend?user=${user}&n=${o.n}`);
      const shown: string[] = list.items.map((i: { id: string }) => i.id);
      const { clicked, bought } = world.respond(u, shown, random);
      for (const p of clicked) events.push({ user_id: user, item_id: shown[p], type: "click", recommendation_id: list.recommendation_id });
      // A purchase on the checkout page names no list: it counts through the attribution window.
      for (const p of bought) events.push({ user_id: user, item_id: shown[p], type: "purchase", value: 1 });
      if (events.length >= 500) await send();
    }
    await send();
    await t.flush();
    const report = await call(t.api, `/experiments/${o.id}/report`);
    out.push({ lists: served, winner: report.decision.winner, p: report.decision.p_value, srmMismatch: report.sample_ratio?.mismatch ?? false });
  }
  await call(t.api, `/experiments/${o.id}/stop`, {});
  return out;
}
