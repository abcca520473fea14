// The production AlsEngine: both sides' CSR matrices and factors live in one instance's
// memory for the whole training run, and every sweep runs inside the SIMD kernels.
import type { AlsEngine, AlsProblem } from "../../models/ials.js";
import { instantiate, type WasmBuild } from "./module.js";

export function wasmAlsEngine(p: AlsProblem, build: WasmBuild = "release"): AlsEngine {
  const { f, users, items } = p;
  const { core, ptr } = instantiate(
    {
      uPtr: (users.rows + 1) * 4, uCols: users.cols.length * 4, uConf: users.conf.length * 4,
      iPtr: (items.rows + 1) * 4, iCols: items.cols.length * 4, iConf: items.conf.length * 4,
      userFactors: users.rows * f * 4, itemFactors: items.rows * f * 4,
      scratch: (f * f + 3 * f) * 4,
    },
    build,
  );
  const buf = core.memory.buffer;
  new Int32Array(buf, ptr.uPtr, users.rows + 1).set(users.rowPtr);
  new Int32Array(buf, ptr.uCols, users.cols.length).set(users.cols);
  new Float32Array(buf, ptr.uConf, users.conf.length).set(users.conf);
  new Int32Array(buf, ptr.iPtr, items.rows + 1).set(items.rowPtr);
  new Int32Array(buf, ptr.iCols, items.cols.length).set(items.cols);
  new Float32Array(buf, ptr.iConf, items.conf.length).set(items.conf);
  const userFactors = new Float32Array(buf, ptr.userFactors, users.rows * f);
  const itemFactors = new Float32Array(buf, ptr.itemFactors, items.rows * f);
  userFactors.set(p.userFactors);
  itemFactors.set(p.itemFactors);

  // Only scalars are kept: the problem's arrays (confidences, the zero user factors —
  // hundreds of MB at a million shoppers) are now copied into WASM memory and may be freed.
  const { lambda, cgSteps } = p;
  const uRows = users.rows, iRows = items.rows;
  return {
    sweepUsers: () => core.alsSweep(uRows, ptr.uPtr, ptr.uCols, ptr.uConf, ptr.itemFactors, iRows, ptr.userFactors, f, lambda, cgSteps, ptr.scratch),
    sweepItems: () => core.alsSweep(iRows, ptr.iPtr, ptr.iCols, ptr.iConf, ptr.userFactors, uRows, ptr.itemFactors, f, lambda, cgSteps, ptr.scratch),
    read: () => ({ userFactors: userFactors.slice(), itemFactors: itemFactors.slice() }),
  };
}
