// GET /segments and `tuijian segments`: how many shoppers each segment holds and what they
// spent, as of the model in use's training, with the change since the model before it
// (each training recomputes the segments: the trend is one point per training).
import type { ModelManifest } from "../../../models/artefact.js";
import { SEGMENT_NAMES, type SegmentName, type SegmentThresholds } from "../../../models/rfm.js";
import type { ShopperValueParams } from "../../../models/shopper-value.js";

export interface SegmentRow {
  name: SegmentName;
  shoppers: number;
  share: number;
  spend: number;
  spend_share: number;
  /** The same segment at the previous training, if a model before this one is kept. */
  previous: { model_version: string; as_of: string; shoppers: number; spend: number } | null;
}

export interface SegmentsReport {
  model_version: string;
  as_of: string;
  /** Shoppers with at least one purchase. */
  shoppers: number;
  churn_horizon_days: number;
  lifetime_value_horizon_days: number;
  /** The fitted BG/NBD and Gamma–Gamma parameters; null when the data fitted none. */
  models: { bg_nbd: ShopperValueParams["bgNbd"]; gamma_gamma: ShopperValueParams["gammaGamma"] };
  thresholds: SegmentThresholds;
  segments: SegmentRow[];
}

const paramsOf = (m: ModelManifest) => m.params.shopperValue;
const round = (x: number, digits = 4) => Number(x.toFixed(digits));

/** The report for `version` among the kept manifests (oldest first); undefined when that model has no segments. */
export function segmentsReport(manifests: ModelManifest[], version: string): SegmentsReport | undefined {
  const at = manifests.findIndex((m) => m.version === version);
  const p = at < 0 ? undefined : paramsOf(manifests[at]);
  if (!p) return undefined;
  const before = manifests.slice(0, at).reverse().find((m) => paramsOf(m));
  const q = before && paramsOf(before);
  const spend = SEGMENT_NAMES.reduce((s, n) => s + p.segments[n].spend, 0);
  return {
    model_version: version,
    as_of: p.asOf,
    shoppers: p.shoppers,
    churn_horizon_days: p.churnDays,
    lifetime_value_horizon_days: p.clvDays,
    models: { bg_nbd: p.bgNbd, gamma_gamma: p.gammaGamma },
    thresholds: p.thresholds,
    segments: SEGMENT_NAMES.map((name) => ({
      name,
      shoppers: p.segments[name].shoppers,
      share: p.shoppers ? round(p.segments[name].shoppers / p.shoppers) : 0,
      spend: round(p.segments[name].spend, 2),
      spend_share: spend ? round(p.segments[name].spend / spend) : 0,
      previous: q ? { model_version: before!.version, as_of: q.asOf, shoppers: q.segments[name].shoppers, spend: round(q.segments[name].spend, 2) } : null,
    })),
  };
}
