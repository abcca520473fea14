// Sums a V8 CPU profile (`node --cpu-prof`, a .cpuprofile file) by function: the share of
// the samples each one was running itself (self) and was on the stack for (inclusive),
// over a window of the profile, idle samples left out — so a serving worker's profile can
// be read over its load alone, not its start and idle settle.
//   node dist/bench/cpu-profile.js FILE [--last SECONDS | --from SECONDS [--seconds SECONDS]] [--top 45]
// --last: the profile's last seconds (a load ended by stopping the process); --from: the
// seconds from the profile's start where the window begins (and --seconds, its length).
// Prints the window's busy seconds, then the top functions by self and by inclusive share.
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { last: { type: "string" }, from: { type: "string" }, seconds: { type: "string" }, top: { type: "string" } },
});
if (positionals.length !== 1) throw new Error("usage: cpu-profile.js FILE [--last SECONDS | --from SECONDS [--seconds SECONDS]] [--top 45]");
const profile = JSON.parse(readFileSync(positionals[0], "utf8")) as Profile;
const top = Number(values.top ?? 45);

// Window, in the profile's microseconds.
const from = values.last !== undefined ? profile.endTime - Number(values.last) * 1e6 : profile.startTime + Number(values.from ?? 0) * 1e6;
const to = values.seconds !== undefined ? from + Number(values.seconds) * 1e6 : Infinity;

const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const parent = new Map<number, number>();
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const name = (n: ProfileNode) => `${n.callFrame.functionName || "(anonymous)"} ${n.callFrame.url.split("/").slice(-2).join("/")}:${n.callFrame.lineNumber + 1}`;

// Microseconds each node was sampled running, within the window.
const sampled = new Map<number, number>();
let at = profile.startTime;
for (let i = 0; i < profile.samples.length; i++) {
  at += profile.timeDeltas[i] ?? 0;
  const node = byId.get(profile.samples[i])!;
  if (at < from || at > to || node.callFrame.functionName === "(idle)") continue;
  sampled.set(node.id, (sampled.get(node.id) ?? 0) + (profile.timeDeltas[i + 1] ?? 0));
}

let busy = 0;
const self = new Map<string, number>();
const inclusive = new Map<string, number>();
for (const [id, us] of sampled) {
  busy += us;
  const key = name(byId.get(id)!);
  self.set(key, (self.get(key) ?? 0) + us);
  // A function counted once per sample, however often it recurs on the stack.
  const seen = new Set<string>();
  for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
    const k = name(byId.get(cur)!);
    if (seen.has(k)) continue;
    seen.add(k);
    inclusive.set(k, (inclusive.get(k) ?? 0) + us);
  }
}

const shown = (title: string, sums: Map<string, number>) => {
  console.log(`-- ${title}`);
  for (const [k, us] of [...sums].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`${((100 * us) / busy).toFixed(1).padStart(5)}%  ${k}`);
};
console.log(`busy ${(busy / 1e6).toFixed(2)} s in the window (idle left out)`);
shown("self", self);
shown("inclusive", inclusive);
