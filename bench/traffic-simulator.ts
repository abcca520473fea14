// Does the experiment report find what is there, and only that? A seeded synthetic shop
// whose shoppers have a hidden taste (simulator/world.ts) is served by a real `tuijian
// serve`; simulated shoppers request lists, click and buy by their taste and send those
// events over HTTP (simulator/drive.ts). Per seed, three experiments, each report read
// as a shop would at fixed sizes (no stopping early, so each size's decision is a
// fixed-horizon test):
//   A/B  a control ranker (--control: its overrides; by default the personal lists made
//        from the shopper's last event only) against the personal lists (truly better),
//        read every --step lists up to --lists;
//   A/A  two identical variants, read at --lists: naming either is a false positive;
//   interleaving  the same two rankers mixed in each list, read every --step / 5 lists
//        up to --lists / 5.
// Shoppers come in visits of several page views (drive.ts): their lists share their
// engagement, the variance between shoppers that A/B must see through.
// Power at a size is the share of seeds whose report names the personal variant; the
// lists each design needs are the smallest size with power ≥ 0.8.
//   node dist/bench/traffic-simulator.js [--seeds 20] [--lists 2000] [--step 100] [--workers 2] [--control '{"max_history":1}']
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { loadConfig } from "../server/config.js";
import { openRuntime } from "../server/runtime.js";
import { projectRoot } from "../server/project-root.js";
import { World } from "./simulator/world.js";
import { buildShop, runExperiment, type Checkpoint, type Traffic } from "./simulator/drive.js";
import { freePort } from "./free-port.js";
import { printMachine } from "./machine.js";
import { codeVersion } from "./code-version.js";

const { values } = parseArgs({ options: { seeds: { type: "string" }, lists: { type: "string" }, step: { type: "string" }, workers: { type: "string" }, control: { type: "string" } } });
const seeds = Number(values.seeds ?? 20);
const lists = Number(values.lists ?? 2000);
const step = Number(values.step ?? 100);
const POWER = 0.8;
const SIZE = { items: 300, categories: 12, shoppers: 2000, history: 8, favouriteBoost: 8, seed: 11 };
/** The served-list recorder of a serving process writes a batch every second. */
const RECORDER_FLUSH_MS = 1_100;

printMachine();
const dataDir = mkdtempSync(join(tmpdir(), "tuijian-sim-"));
const world = new World(SIZE);
const setup = await openRuntime(loadConfig({}, { dataDir, demo: false, logLevel: "warn" }));
await buildShop(setup, world);
await setup.close();

const port = await freePort();
const server = spawn(process.execPath, [join(projectRoot(), "dist/server/cli.js"), "serve", "--workers", values.workers ?? "2", "--port", String(port), "--host", "127.0.0.1", "--data-dir", dataDir, "--log-level", "warn"]);
let log = "";
server.stderr.on("data", (d) => (log += d));
const base = `http://127.0.0.1:${port}`;
for (const deadline = Date.now() + 120_000; ; await new Promise((r) => setTimeout(r, 200))) {
  const ready = await fetch(`${base}/readyz`).then((r) => r.json(), () => undefined);
  if (ready?.ready) break;
  if (Date.now() > deadline) throw new Error(`the server did not get ready:\n${log.slice(-2000)}`);
}
const traffic: Traffic = { api: (path, init) => fetch(base + path, init), flush: () => new Promise((r) => setTimeout(r, RECORDER_FLUSH_MS)) };

const control = { name: "control", overrides: JSON.parse(values.control ?? '{"max_history":1}') };
const personal = { name: "personal" };
const range = (to: number, by: number) => Array.from({ length: Math.floor(to / by) }, (_, i) => (i + 1) * by);
const runs: { ab: Checkpoint[]; aa: Checkpoint[]; interleaving: Checkpoint[] }[] = [];
for (let s = 1; s <= seeds; s++) {
  const ab = await runExperiment(traffic, world, { id: `ab-${s}`, experiment: { variants: [control, personal] }, checkpoints: range(lists, step), n: 10, seed: 100 + s });
  const aa = await runExperiment(traffic, world, { id: `aa-${s}`, experiment: { variants: [{ name: "a" }, { name: "b" }] }, checkpoints: [lists], n: 10, seed: 200 + s });
  const interleaving = await runExperiment(traffic, world, {
    id: `mix-${s}`, experiment: { mode: "interleaving", variants: [control, personal] }, checkpoints: range(lists / 5, step / 5), n: 10, seed: 300 + s,
  });
  runs.push({ ab, aa, interleaving });
  const said = (c: Checkpoint[]) => c.map((x) => (x.winner === "personal" ? "P" : x.winner === null ? "." : "x")).join("");
  process.stderr.write(`seed ${s}: A/B ${said(ab)} (p at ${lists}: ${ab.at(-1)!.p?.toPrecision(3)}); A/A ${aa[0].winner ?? "none"} p=${aa[0].p?.toPrecision(3)}; interleaving ${said(interleaving)}\n`);
}
server.kill("SIGTERM");
rmSync(dataDir, { recursive: true, force: true });

/** Per size, the share of seeds whose report named the personal variant. */
const power = (runsOf: Checkpoint[][]) =>
  runsOf[0].map((c, i) => ({ lists: c.lists, power: runsOf.filter((r) => r[i].winner === "personal").length / runsOf.length }));
const needed = (curve: { lists: number; power: number }[]) => curve.find((c) => c.power >= POWER)?.lists ?? null;
const abCurve = power(runs.map((r) => r.ab));
const mixCurve = power(runs.map((r) => r.interleaving));
const [abNeeds, mixNeeds] = [needed(abCurve), needed(mixCurve)];
process.stdout.write(JSON.stringify({
  trafficSimulation: {
    code: codeVersion(), world: SIZE, control: control.overrides, seeds, lists, step,
    ab: { power: abCurve, listsForPower80: abNeeds, detectedAtLists: abCurve.at(-1)!.power, srmMismatches: runs.filter((r) => r.ab.some((c) => c.srmMismatch)).length },
    aa: { falsePositiveRate: runs.filter((r) => r.aa[0].winner !== null).length / seeds, pValues: runs.map((r) => r.aa[0].p) },
    interleaving: { power: mixCurve, listsForPower80: mixNeeds },
    listsRatio: abNeeds && mixNeeds ? mixNeeds / abNeeds : null,
  },
}) + "\n");
