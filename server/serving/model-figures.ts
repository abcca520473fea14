// What the metrics show of the model in use, read from its manifest: when it was trained,
// how long training and loading took, and how it did on the validation split.
import type { ModelManifest } from "../../models/artefact.js";
import type { ModelFigures } from "../platform/metrics.js";

/** The fit's figures (train.ts params.fit), under the names the metric labels carry. */
const VALIDATION_FIGURES = { recall: "recall", bestRecall: "best_recall", ndcg: "ndcg", coverage: "coverage", cases: "cases" } as const;

export function modelFigures(loaded: { manifest: ModelManifest; loadMs: number } | undefined): ModelFigures | undefined {
  if (!loaded) return undefined;
  const { manifest } = loaded;
  const fit = manifest.params.fit;
  const validation: Record<string, number> = {};
  for (const [field, figure] of Object.entries(VALIDATION_FIGURES)) {
    const value = fit?.[field as keyof typeof VALIDATION_FIGURES];
    if (value !== undefined) validation[figure] = value;
  }
  const trainMs = manifest.stats.trainMs;
  return {
    version: manifest.version,
    createdAt: Date.parse(manifest.createdAt),
    loadSeconds: loaded.loadMs / 1000,
    trainSeconds: trainMs / 1000,
    validation,
  };
}
