// Which code a benchmark measured: the commit, and whether the measured folders had
// uncommitted changes (another engineer's work in progress compiles into dist/ too).
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));

export interface CodeVersion {
  commit: string;
  /** Files under the measured folders that differ from the commit. */
  uncommitted: string[];
}

export function codeVersion(folders = ["server", "models", "core-wasm"]): CodeVersion {
  const git = (...args: string[]) => spawnSync("git", args, { cwd: ROOT, encoding: "utf8" }).stdout ?? "";
  const commit = git("rev-parse", "--short", "HEAD").trim() || "unknown";
  // Porcelain lines are "XY path": the status takes the first three characters.
  const uncommitted = git("status", "--porcelain", "--", ...folders).split("\n").filter(Boolean).map((l) => l.slice(3));
  return { commit, uncommitted };
}
