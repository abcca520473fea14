// Cold items (products without events, scored per request from the known items they
// resemble: content/cold-items.ts) merged into the kernel's list by score.
import type { ScoredList } from "../../core-wasm/reference/score-history.js";
import type { ColdScore } from "../content/cold-items.js";

/** The kernel's list (which has no excluded item) with the cold items not `excluded` merged in by score. */
export function withColdItems(scored: ScoredList, cold: Map<number, ColdScore>, excluded: Set<number>, k: number): ScoredList {
  const extra = [...cold].filter(([item]) => !excluded.has(item)).sort(([ia, a], [ib, b]) => b.score - a.score || ia - ib);
  const out = { items: new Int32Array(k), scores: new Float32Array(k), reasons: new Int32Array(k) };
  // Both lists are best first: merge them.
  let size = 0;
  for (let r = 0, c = 0; size < k; size++) {
    const listed = r < scored.items.length;
    if (c < extra.length && (!listed || extra[c][1].score > scored.scores[r] || (extra[c][1].score === scored.scores[r] && extra[c][0] < scored.items[r]))) {
      const [item, s] = extra[c++];
      out.items[size] = item;
      out.scores[size] = s.score;
      out.reasons[size] = s.because;
    } else if (listed) {
      out.items[size] = scored.items[r];
      out.scores[size] = scored.scores[r];
      out.reasons[size] = scored.reasons[r++];
    } else break;
  }
  return { items: out.items.slice(0, size), scores: out.scores.slice(0, size), reasons: out.reasons.slice(0, size) };
}
