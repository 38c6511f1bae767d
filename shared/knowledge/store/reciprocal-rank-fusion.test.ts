import { describe, expect, it } from "vitest";
import { RRF_K, reciprocalRankFusion } from "./reciprocal-rank-fusion.ts";

const items = (...ids: string[]) => ids.map((id) => ({ id }));

describe("reciprocalRankFusion", () => {
  it("adds 1 / (k + rank) from every list an item appears in", () => {
    const fused = reciprocalRankFusion([items("a", "b"), items("b", "c")]);
    expect(fused.map((entry) => entry.item.id)).toEqual(["b", "a", "c"]);
    expect(fused[0]?.score).toBeCloseTo(1 / (RRF_K + 2) + 1 / (RRF_K + 1));
    expect(fused[1]?.score).toBeCloseTo(1 / (RRF_K + 1));
  });

  it("keeps the first occurrence of an item and honours the limit", () => {
    const first = { id: "a", from: "dense" };
    const fused = reciprocalRankFusion(
      [
        [first],
        [
          { id: "a", from: "lexical" },
          { id: "z", from: "lexical" },
        ],
      ],
      {
        limit: 1,
      },
    );
    expect(fused).toHaveLength(1);
    expect(fused[0]?.item).toBe(first);
  });

  it("uses the given k", () => {
    const [top] = reciprocalRankFusion([items("a")], { k: 2 });
    expect(top?.score).toBeCloseTo(1 / 3);
  });

  it("returns nothing for no lists", () => {
    expect(reciprocalRankFusion([])).toEqual([]);
  });
});
