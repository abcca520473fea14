// `tuijian eval --demo`: an evaluation split derived from the bundled demo shop (UCI Online
// Retail, see demo/), so the evaluation runs from a fresh clone. Split by time, like a
// shop's own history: train on the purchases of the three months before the cut, test
// on the purchases from the cut to the end of the data (a month). Events only: without
// item titles no content model is built, which would take most of the run's time.
// Deterministic: the same file gives the same split, and training is seeded.
import type { NamedSource } from "../import/importer.js";
import { fromArray, type SourceRecord } from "../import/record-source.js";
import { demoRetailSources, DEMO_FILE } from "../import/demo-retail.js";
import type { TestSet } from "../evaluate.js";

export const DEMO_CUT = "2011-11-09";
const DAY_MS = 86_400_000;
/** Three months of training data: the full year trains several times longer for little more recall. */
export const DEMO_TRAIN_DAYS = 92;

export interface DemoSplit {
  train: NamedSource;
  test: TestSet;
}

/** The demo's invoice time ("2011-11-09 08:11:00", UTC) in milliseconds. */
const timeOf = (rec: SourceRecord) => Date.parse(String(rec.fields?.timestamp).replace(" ", "T") + "Z");

/** @param trainDays how many days before the cut are trained on; Infinity: all of them. */
export async function demoSplit(trainDays = DEMO_TRAIN_DAYS, file = DEMO_FILE()): Promise<DemoSplit> {
  const sources = await demoRetailSources(file);
  const cut = Date.parse(DEMO_CUT + "T00:00:00Z");
  const from = cut - trainDays * DAY_MS;
  const train: SourceRecord[] = [];
  const test = new Map<string, Set<string>>();
  for await (const rec of sources.events.records) {
    const t = timeOf(rec);
    if (t >= cut) {
      const user = String(rec.fields!.user_id);
      let items = test.get(user);
      if (!items) test.set(user, (items = new Set()));
      items.add(String(rec.fields!.item_id));
    } else if (t >= from) {
      train.push(rec);
    }
  }
  const window = trainDays === Infinity ? `before ${DEMO_CUT}` : `${trainDays} days before ${DEMO_CUT}`;
  return {
    train: { name: `demo purchases ${window}`, records: fromArray(train) },
    test: { name: `demo purchases from ${DEMO_CUT}`, byUser: test },
  };
}
