// Cold items (products without events, scored per request from the known items they
// resemble: content/cold-items.ts) merged into the kernel's list by score.
import type { ScoredList } from "../../core-wasm/reference/score-history.js";
import type { ColdScores } from "../content/cold-items.js";

/** The kernel's list (which has no excluded item) with the best cold items not `skip`ped merged in by score. */
export function withColdItems(scored: ScoredList, cold: ColdScores, skip: (item: number) => boolean, k: number): ScoredList {
  const extra = bestCold(cold, skip, k);
  const out = { items: new Int32Array(k), scores: new Float32Array(k), reasons: new Int32Array(k) };
  // Both lists are best first: merge them.
  let size = 0;
  for (let r = 0, c = 0; size < k; size++) {
    const listed = r < scored.items.length;
    const e = extra[c];
    if (c < extra.length && (!listed || cold.scores[e] > scored.scores[r] || (cold.scores[e] === scored.scores[r] && cold.items[e] < scored.items[r]))) {
      out.items[size] = cold.items[e];
      out.scores[size] = cold.scores[e];
      out.reasons[size] = cold.because[e];
      c++;
    } else if (listed) {
      out.items[size] = scored.items[r];
      out.scores[size] = scored.scores[r];
      out.reasons[size] = scored.reasons[r++];
    } else break;
  }
  return { items: out.items.slice(0, size), scores: out.scores.slice(0, size), reasons: out.reasons.slice(0, size) };
}

/** The k best cold entries (their indices) not skipped, best first: higher score, then lower item id. */
function bestCold(cold: ColdScores, skip: (item: number) => boolean, k: number): number[] {
  const top: number[] = [];
  if (k <= 0) return top;
  const before = (a: number, b: number) => cold.scores[a] > cold.scores[b] || (cold.scores[a] === cold.scores[b] && cold.items[a] < cold.items[b]);
  for (let c = 0; c < cold.items.length; c++) {
    if ((top.length === k && !before(c, top[k - 1])) || skip(cold.items[c])) continue;
    let i = top.length < k ? top.push(c) - 1 : k - 1;
    for (; i > 0 && before(c, top[i - 1]); i--) top[i] = top[i - 1];
    top[i] = c;
  }
  return top;
}
