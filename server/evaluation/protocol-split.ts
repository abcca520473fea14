// `tuijian eval --events F --protocol time|random-user`: a shop's one events file split
// into train and test, so it can measure its own data either way.
// - time: the newest fifth of the events (by time) is the test; train is everything
//   before the first of them. What serving faces: the future.
// - random-user: for each shopper with at least 5 distinct items, a seeded random fifth
//   of those items (every event of them) is the test; the rest is train. What random
//   splits of public data sets (and exports without timestamps) measure.
// A test item is one the shopper liked: a rating under the middle of their own scale is
// held out of train all the same, but is not a hit to find (as training's validation).
import type { NamedSource } from "../import/importer.js";
import { fromArray, readRecords, type SourceRecord } from "../import/record-source.js";
import type { TestSet } from "../evaluate.js";
import { timestamp } from "../inputs.js";
import { hashUnit } from "../../models/random.js";
import { RATING, isLiked, ratingScale } from "../../models/event-types.js";
import { AppError } from "../errors.js";

export type EvalProtocol = "time" | "random-user";

const TEST_SHARE = 0.2;
const MIN_ITEMS = 5;

export interface ProtocolSplit {
  train: NamedSource;
  test: TestSet;
}

export async function protocolSplit(file: string, protocol: EvalProtocol, seed: number): Promise<ProtocolSplit> {
  const records: SourceRecord[] = [];
  for await (const rec of readRecords(file)) records.push(rec);
  const key = (rec: SourceRecord) => [String(rec.fields?.user_id ?? "").trim(), String(rec.fields?.item_id ?? "").trim()] as const;
  const inTest = protocol === "time" ? timeTest(records) : randomUserTest(records, key, seed);
  const liked = likedBy(records, key);
  const train: SourceRecord[] = [];
  const byUser = new Map<string, Set<string>>();
  for (const rec of records) {
    if (!inTest(rec)) {
      train.push(rec);
      continue;
    }
    const [user, item] = key(rec);
    if (!liked(rec)) continue;
    let set = byUser.get(user);
    if (!set) byUser.set(user, (set = new Set()));
    set.add(item);
  }
  const name = `${file} (${protocol} split)`;
  return { train: { name: `${name}: train`, records: fromArray(train) }, test: { name: `${name}: test`, byUser } };
}

/** The newest fifth of the events by time; rows without a valid time stay in train (the import reports them). */
function timeTest(records: SourceRecord[]): (rec: SourceRecord) => boolean {
  const timeOf = (rec: SourceRecord) => {
    const t = timestamp.safeParse(rec.fields?.timestamp);
    return t.success ? t.data : undefined;
  };
  const times = records.map(timeOf).filter((t): t is number => t !== undefined).sort((a, b) => a - b);
  const cut = times[Math.floor(times.length * (1 - TEST_SHARE))];
  if (cut === undefined || cut === times[0]) {
    throw new AppError(400, "bad_flag", "--protocol time: the events' timestamps do not spread over time (all equal or missing); use --protocol random-user");
  }
  return (rec) => (timeOf(rec) ?? -Infinity) >= cut;
}

function randomUserTest(records: SourceRecord[], key: (rec: SourceRecord) => readonly [string, string], seed: number): (rec: SourceRecord) => boolean {
  const itemsOf = new Map<string, Set<string>>();
  for (const rec of records) {
    const [user, item] = key(rec);
    if (!user || !item) continue;
    let set = itemsOf.get(user);
    if (!set) itemsOf.set(user, (set = new Set()));
    set.add(item);
  }
  const held = new Set<string>();
  let u = 0;
  for (const [user, items] of itemsOf) {
    u++;
    if (items.size < MIN_ITEMS) continue;
    // A seeded shuffle of the shopper's items; the first fifth is held out.
    const order = [...items].sort().map((item, i) => ({ item, r: hashUnit(seed, u, i) })).sort((a, b) => a.r - b.r);
    for (const { item } of order.slice(0, Math.round(items.size * TEST_SHARE))) held.add(`${user}\u0000${item}`);
  }
  return (rec) => {
    const [user, item] = key(rec);
    return held.has(`${user}\u0000${item}`);
  };
}

/** Whether an event says its shopper liked the item: any but a rating under their scale's middle. */
function likedBy(records: SourceRecord[], key: (rec: SourceRecord) => readonly [string, string]): (rec: SourceRecord) => boolean {
  const ratingOf = (rec: SourceRecord) => {
    if (String(rec.fields?.type ?? "").trim() !== "rating") return undefined;
    const raw = String(rec.fields?.value ?? "").trim();
    const value = Number(raw);
    return raw !== "" && Number.isFinite(value) ? value : undefined;
  };
  const ratings = new Map<string, number[]>();
  for (const rec of records) {
    const value = ratingOf(rec);
    if (value === undefined) continue;
    const user = key(rec)[0];
    let list = ratings.get(user);
    if (!list) ratings.set(user, (list = []));
    list.push(value);
  }
  const scales = new Map([...ratings].map(([user, values]) => [user, ratingScale(values)]));
  return (rec) => {
    const value = ratingOf(rec);
    return value === undefined || isLiked(RATING, value, scales.get(key(rec)[0]));
  };
}
