import { describe, expect, it } from "vitest";
import { truncateAndNormalize } from "./truncate-and-normalize.ts";

describe("truncateAndNormalize", () => {
  it("keeps the first values and rescales them to unit length", () => {
    expect(truncateAndNormalize([3, 4, 100, -7], 2)).toEqual([0.6, 0.8]);
  });

  it("re-normalises even without truncating", () => {
    const vector = truncateAndNormalize([2, 0, 0], 3);
    expect(vector).toEqual([1, 0, 0]);
  });

  it("leaves a zero vector at zero instead of dividing by zero", () => {
    expect(truncateAndNormalize([0, 0, 5], 2)).toEqual([0, 0]);
  });

  it("does not change its input", () => {
    const input = [3, 4, 5];
    truncateAndNormalize(input, 2);
    expect(input).toEqual([3, 4, 5]);
  });

  it("refuses to grow a vector or to use a size that is not a positive whole number", () => {
    expect(() => truncateAndNormalize([1, 2], 3)).toThrow(RangeError);
    expect(() => truncateAndNormalize([1, 2], 0)).toThrow(RangeError);
    expect(() => truncateAndNormalize([1, 2], 1.5)).toThrow(RangeError);
  });
});
