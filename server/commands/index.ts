// The commands of `tuijian`, one file each; help, parsing and the tests all read this list.
import type { Command } from "./command.js";
import { serveCommand } from "./serve.js";
import { importCommand } from "./import.js";
import { trainCommand } from "./train.js";
import { recommendCommand } from "./recommend.js";
import { evalCommand } from "./eval.js";
import { batchCommand } from "./batch.js";
import { keysCommand } from "./keys.js";
import { rulesCommand } from "./rules.js";
import { experimentsCommand } from "./experiments.js";
import { segmentsCommand } from "./segments.js";
import { kpisCommand } from "./kpis.js";
import { attributionCommand } from "./attribution.js";
import { privacyCommand } from "./privacy.js";
import { auditCommand } from "./audit.js";
import { storeCommand } from "./store.js";

export const COMMANDS: Record<string, Command> = {
  serve: serveCommand,
  import: importCommand,
  train: trainCommand,
  recommend: recommendCommand,
  eval: evalCommand,
  batch: batchCommand,
  keys: keysCommand,
  rules: rulesCommand,
  experiments: experimentsCommand,
  segments: segmentsCommand,
  kpis: kpisCommand,
  attribution: attributionCommand,
  privacy: privacyCommand,
  audit: auditCommand,
  store: storeCommand,
};
