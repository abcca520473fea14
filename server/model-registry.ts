// Model versions on disk: <dataDir>/models/<version>/ plus a CURRENT file naming the one
// in use. A version is written under a temporary name and renamed into place only when
// complete, and CURRENT is replaced by an atomic rename, so a crash or failure at any
// point leaves the previous model in use.
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { hostname } from "node:os";
import { ArtefactError, checkManifest, decodeArtefact, type ModelManifest } from "../models/artefact.js";
import { loadIndex } from "./ann/index-file.js";
import type { VectorIndex } from "./ann/vector-index.js";
import type { ItemNeighbours } from "../models/item-knn.js";

export interface LoadedModel {
  manifest: ModelManifest;
  artefacts: Record<string, Record<string, Int32Array | Float32Array>>;
  indexes: Record<string, VectorIndex>;
  /** The scoring matrix, where the loader summed it (model-loading.ts); else servingModel sums it. */
  scoring?: ItemNeighbours;
  /** The item factors' YᵀY + λI, where the loader computed it; else the scoring core does. */
  factorGram?: Float32Array;
}

export interface NewestIntactOptions {
  skip?: ReadonlySet<string>;
  inUse?: string;
}

/** A version that failed to load, and why. */
export interface FailedVersion {
  version: string;
  reason: string;
}

/** What a search for a version to serve found: the version loaded, if any, and those that failed. */
export interface IntactVersion {
  version?: string;
  model?: LoadedModel;
  failed: FailedVersion[];
}

/** Thrown after versions failed their checks: which, why, and the version served since. */
export class ModelsRejected extends Error {
  constructor(readonly failed: FailedVersion[], readonly serving: string | undefined) {
    const why = failed.map((f) => `model ${f.version} failed its checks (${f.reason})`).join("; ");
    super(`${why}; ${serving ? `serving ${serving}` : "no intact model to serve"}`);
  }
}

const VERSION = /^v(\d{6,})$/;
const TMP_PREFIX = ".tmp-";
/** .tmp-<host>-<pid>-<ms>: a models folder may be shared by the hosts of several replicas. */
const TMP_NAME = /^\.tmp-(.+)-(\d+)-(\d+)$/;
/** The host part of a temporary folder's name. */
const HOST = hostname().replace(/[/\\\s]/g, "_");

export class ModelRegistry {
  readonly dir: string;

  /** @param dir the models folder: `<data dir>/models`, or one shared by several serving hosts. */
  constructor(dir: string) {
    this.dir = dir;
    mkdirSync(this.dir, { recursive: true });
    this.removeStaleTemporaries();
  }

  /** The version in use, or undefined before the first training run. */
  current(): string | undefined {
    const file = join(this.dir, "CURRENT");
    return existsSync(file) ? readFileSync(file, "utf8").trim() || undefined : undefined;
  }

  versions(): string[] {
    if (!existsSync(this.dir)) return []; // none trained yet, or removed under a running service
    return readdirSync(this.dir).filter((d) => VERSION.test(d)).sort();
  }

  /** The manifests of the versions kept, oldest first (the training history); unreadable ones left out. */
  manifests(): ModelManifest[] {
    const out: ModelManifest[] = [];
    if (!existsSync(this.dir)) return out; // removed under a running service: nothing to show
    for (const version of this.versions()) {
      try {
        out.push(checkManifest(JSON.parse(readFileSync(join(this.dir, version, "manifest.json"), "utf8"))));
      } catch {
        // A damaged folder is reported where it matters: when a process tries to serve it.
      }
    }
    return out;
  }

  /** The name the next published version will try first. */
  nextVersion(): string {
    const last = this.versions().at(-1);
    const next = last ? Number(VERSION.exec(last)![1]) + 1 : 1;
    return "v" + String(next).padStart(6, "0");
  }

  /**
   * Writes a version's files and manifest, then makes it current. `manifest.version` is
   * rewritten if another run took that name meanwhile. Versions in `protect` (pinned by a
   * running experiment) are kept whatever `keep` says.
   */
  publish(manifest: ModelManifest, files: Record<string, Buffer>, keep: number, protect: readonly string[] = []): string {
    this.removeStaleTemporaries();
    const tmp = join(this.dir, `${TMP_PREFIX}${HOST}-${process.pid}-${Date.now()}`);
    mkdirSync(tmp);
    try {
      let version = manifest.version;
      for (;;) {
        const m = { ...manifest, version };
        for (const [name, data] of Object.entries(files)) writeDurably(join(tmp, name), data);
        writeDurably(join(tmp, "manifest.json"), Buffer.from(JSON.stringify(m, null, 2)));
        try {
          renameSync(tmp, join(this.dir, version));
          break;
        } catch (err) {
          if (!existsSync(join(this.dir, version))) throw err;
          version = this.nextVersion();
        }
      }
      writeDurably(join(this.dir, "CURRENT.tmp"), Buffer.from(version + "\n"));
      renameSync(join(this.dir, "CURRENT.tmp"), join(this.dir, "CURRENT"));
      this.prune(keep, version, protect);
      return version;
    } finally {
      rmSync(tmp, { recursive: true, force: true });
    }
  }

  /** A version's manifest, checked for its format (not its files: see load). */
  manifest(version: string): ModelManifest {
    return checkManifest(JSON.parse(readFileSync(join(this.dir, version, "manifest.json"), "utf8")));
  }

  /**
   * Reads and verifies a version: manifest format, file sizes and checksums, the store it
   * belongs to; its indexes are loaded from their files (each checked the same way).
   * A serving process loads off its event loop instead (model-loading.ts).
   */
  load(version: string, storeId: string): LoadedModel {
    const { manifest, artefacts } = readArtefacts(this.dir, version, storeId);
    const indexes: LoadedModel["indexes"] = {};
    for (const [name, entry] of Object.entries(manifest.indexes)) {
      indexes[name] = loadIndex(entry, join(this.dir, version, entry.file));
    }
    return { manifest, artefacts, indexes };
  }

  /**
   * CURRENT if it loads, else the newest older version that does: one corrupt or
   * unreadable folder must not leave a shop without recommendations while an intact
   * model is on disk. Versions in `skip` failed before (folders never change) and are not
   * read again; the search stops at `inUse`, the version already served, which is then
   * the newest intact one and is not loaded twice.
   */
  loadNewestIntact(storeId: string, opts: NewestIntactOptions = {}): IntactVersion {
    return this.firstIntact(this.newestFirst(opts), storeId);
  }

  /** The versions loadNewestIntact tries, in turn. */
  newestFirst(opts: NewestIntactOptions = {}): string[] {
    const current = this.current();
    const order = current ? [current, ...this.versions().filter((v) => v < current).reverse()] : [];
    const inUse = opts.inUse === undefined ? -1 : order.indexOf(opts.inUse);
    const newer = inUse < 0 ? order : order.slice(0, inUse);
    return newer.filter((v) => !opts.skip?.has(v));
  }

  /** The one version named (a batch run pins the one it started with), if it loads. */
  loadPinned(version: string, storeId: string): IntactVersion {
    return this.firstIntact([version], storeId);
  }

  private firstIntact(versions: string[], storeId: string): IntactVersion {
    const failed: FailedVersion[] = [];
    for (const version of versions) {
      try {
        return { version, model: this.load(version, storeId), failed };
      } catch (err) {
        failed.push({ version, reason: err instanceof Error ? err.message : String(err) });
      }
    }
    return { failed };
  }

  private prune(keep: number, current: string, protect: readonly string[]): void {
    const old = this.versions().filter((v) => v !== current && !protect.includes(v));
    for (const v of old.slice(0, Math.max(0, old.length - (keep - 1)))) rmSync(join(this.dir, v), { recursive: true, force: true });
  }

  /**
   * Leftovers of runs that were killed while writing: a folder whose process (the pid in
   * its name) no longer runs on this host, or older than a day (its pid may be another
   * process's now; a publish writes for seconds). This process's own pid counts as gone:
   * publish is synchronous, so none of its folders is being written when this runs, and a
   * container's train and server are often both pid 1. Another host's folder is left
   * alone for a day: its process cannot be asked from here.
   */
  private removeStaleTemporaries(): void {
    for (const d of readdirSync(this.dir)) {
      const m = TMP_NAME.exec(d);
      if (!m) continue;
      const dayOld = Date.now() - Number(m[3]) > 86_400_000;
      if (dayOld || (m[1] === HOST && !runsElsewhere(Number(m[2])))) rmSync(join(this.dir, d), { recursive: true, force: true });
    }
  }
}

function runsElsewhere(pid: number): boolean {
  if (pid === process.pid) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: it runs, as another user.
    return (err as NodeJS.ErrnoException).code !== "ESRCH";
  }
}

function writeDurably(file: string, data: Buffer): void {
  writeFileSync(file, data);
  const fd = openSync(file, "r");
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** A version's manifest, checked against the store, and its artefacts, each checked (size, checksum) and decoded. */
export function readArtefacts(dir: string, version: string, storeId: string): Pick<LoadedModel, "manifest" | "artefacts"> {
  const folder = join(dir, version);
  const manifest = checkManifest(JSON.parse(readFileSync(join(folder, "manifest.json"), "utf8")));
  if (manifest.storeId !== storeId) {
    throw new ArtefactError(`model ${version} was trained on another store (${manifest.storeId}); retrain`);
  }
  const artefacts: LoadedModel["artefacts"] = {};
  for (const [name, entry] of Object.entries(manifest.artefacts)) {
    artefacts[name] = decodeArtefact(entry, readFileSync(join(folder, entry.file)));
  }
  return { manifest, artefacts };
}
