// An interleaving experiment's list: two arms' rankings mixed by team draft.
import type { RankedList } from "./list-rules.js";
import { seededRandom, teamDraft } from "../analytics/interleave.js";

/** Two arms' lists mixed by team draft, seeded by the list's id (the same id, the same mix); each item keeps its arm's score and reason. */
export function interleaved([a, b]: RankedList[], id: string): { list: RankedList; teams: Uint8Array } {
  const mixed = teamDraft(a.items, b.items, Math.max(a.items.length, b.items.length), seededRandom(id));
  const list: RankedList = { items: mixed.items, scores: [], reasons: [] };
  mixed.items.forEach((j, r) => {
    const from = mixed.teams[r] ? b : a;
    const at = from.items.indexOf(j);
    list.scores.push(from.scores[at]);
    list.reasons.push(from.reasons[at]);
  });
  return { list, teams: mixed.teams };
}
