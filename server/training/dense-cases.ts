// The factor source of the validation cases, for the fit: a case's k best items by factor
// score and the score of any item, from the shopper folded in. Scoring every item is the
// cost (3.5 s for 2,000 cases on 100,000 items, for each setting the search tries), and
// most settings leave a case's fold as it was (the linear model's, popularity's): so each
// case keeps its last fold's best items and shopper factor, and a setting that did not
// change the fold costs a dot product per candidate.
import type { DenseScorer } from "../../models/blend-cases.js";
import { topIndices } from "../../models/blend-cases.js";
import type { ItemFactors } from "../../models/ials.js";
import type { ScoringCore } from "../wasm/scoring-core.js";

interface Fold {
  items: Int32Array;
  conf: Float32Array;
  top: number[];
  user: Float32Array;
}

export function denseCases(core: Pick<ScoringCore, "factorScores">, factors: ItemFactors, k: number): DenseScorer {
  const { f, items: y } = factors;
  const folds: (Fold | undefined)[] = [];
  return (c, index, blocked) => {
    let fold = folds[index];
    if (!fold || !same(fold.items, c.foldItems) || !same(fold.conf, c.foldConf)) {
      const folded = core.factorScores(c.foldItems, c.foldConf);
      folds[index] = fold = folded && { items: c.foldItems.slice(), conf: c.foldConf.slice(), top: topIndices(folded.scores, k, blocked), user: folded.user };
    }
    if (!fold) return undefined;
    const user = fold.user;
    const score = (j: number) => {
      let d = 0;
      for (let q = 0, o = j * f; q < f; q++, o++) d += y[o] * user[q];
      return d;
    };
    return { top: fold.top, score };
  };
}

function same(a: ArrayLike<number>, b: ArrayLike<number>): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
