// Whether a serving process keeps the lists it makes (serving/list-admission.ts): every one
// while kept lists are served again, one in 8 once they seldom are, every one again when
// they are again.
import { describe, expect, it } from "vitest";
import { ListAdmission } from "../server/serving/list-admission.js";

/** `misses` lists made, a hit served after every `hitEvery`-th one kept (none for 0); returns how many were kept. */
const traffic = (a: ListAdmission, misses: number, hitEvery = 0) => {
  let kept = 0;
  for (let i = 0; i < misses; i++) {
    if (!a.admit()) continue;
    kept++;
    if (hitEvery > 0 && kept % hitEvery === 0) a.hit();
  }
  return kept;
};

describe("list admission", () => {
  it("keeps every list until a thousand were made with fewer hits than asked, then one in 8, then every one again from twice as many", () => {
    const a = new ListAdmission(0.1);
    expect(traffic(a, 999)).toBe(999);
    expect(a.keepingAll).toBe(true);
    traffic(a, 1);
    expect(a.keepingAll).toBe(false);
    expect(traffic(a, 800)).toBe(100);
    // 0.125 hits a kept list: not enough to come back to keeping every one...
    traffic(a, 8000, 8);
    expect(a.keepingAll).toBe(false);
    // ...0.25 is, and then 0.125 is enough to stay there.
    traffic(a, 8000, 4);
    expect(a.keepingAll).toBe(true);
    expect(traffic(a, 3000, 8)).toBe(3000);
    expect(a.keepingAll).toBe(true);
  });

  it("keeps every list at a minimum of 0", () => {
    const a = new ListAdmission(0);
    expect(traffic(a, 5000)).toBe(5000);
    expect(a.keepingAll).toBe(true);
  });
});
