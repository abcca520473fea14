// How this training run validates, chosen from the data unless the config names a
// protocol. The time protocol asks timestamps to order what shoppers do: a cut that
// leaves days on both sides, and most shoppers with two events or more active on two
// days or more. Otherwise (an export without times, ratings entered in one sitting) a
// random fifth of sampled shoppers' items is held out, as a random split would.
import type { Store, TimeProfile } from "../store/types.js";
import type { ValidationPlan, ValidationProtocol } from "../../models/validation.js";
import type { TrainConfig } from "../train.js";

/** Shoppers sampled for the share active on several days, and the share that makes time order them. */
const ACTIVE_DAYS_SAMPLE = 20_000;
const MULTI_DAY_SHARE = 0.5;

export async function validationPlan(store: Store, profile: TimeProfile, config: TrainConfig): Promise<ValidationPlan> {
  const timed = profile.cutoff !== undefined;
  const days = await store.events.activeDays(ACTIVE_DAYS_SAMPLE);
  const ordered = timed && days.multiDay >= MULTI_DAY_SHARE * days.shoppers;
  let protocol: ValidationProtocol = config.validationProtocol === "auto" ? (ordered ? "time" : "random-user") : config.validationProtocol;
  // A time protocol asked for on data without a time cut falls back to what can run.
  if (!timed && protocol !== "random-user") protocol = "random-user";
  // Sample about twice the shoppers needed: some have too few items to hold one out.
  const users = await store.users.count();
  return { protocol, multiDayShare: days.shoppers > 0 ? days.multiDay / days.shoppers : 0, cutoff: timed ? profile.cutoff : undefined, userShare: Math.min(1, (2 * config.validationUsers) / Math.max(1, users)), seed: config.seed };
}
