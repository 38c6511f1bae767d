import { describe, expect, it } from "vitest";
import { hashTerm } from "./hash-term.ts";
import { lexicalText, lexicalVector, queryLexicalVector } from "./lexical-vector.ts";

/** FNV-1a over UTF-8 bytes, written plainly, to check the fast version against. */
function referenceFnv1a(term: string): number {
  let hash = 0x811c9dc5;
  for (const byte of Buffer.from(term, "utf8")) hash = Math.imul(hash ^ byte, 0x01000193) >>> 0;
  return hash;
}

const parameters = { k1: 1.2, b: 0.75, averageLength: 10 };

describe("hashTerm", () => {
  it("is 32-bit FNV-1a of the UTF-8 bytes", () => {
    expect(hashTerm("")).toBe(0x811c9dc5);
    expect(hashTerm("a")).toBe(0xe40c292c);
    for (const term of ["politic", "=politicas", "東京", "привет", "😀x", "\ud800"]) {
      expect(hashTerm(term)).toBe(referenceFnv1a(term));
    }
  });
});

describe("lexicalVector", () => {
  it("gives sorted, unique indices and positive weights, the same every time", () => {
    const terms = ["viaj", "=viaje", "polit", "viaj", "dieta", "polit", "viaj"];
    const vector = lexicalVector(terms, parameters);
    expect(vector.indices).toHaveLength(4);
    expect(vector.indices).toEqual([...new Set(vector.indices)].sort((left, right) => left - right));
    expect(vector.values.every((value) => value > 0)).toBe(true);
    expect(lexicalVector(terms, parameters)).toEqual(vector);
  });

  it("weights by saturated term frequency and document length (BM25 without IDF)", () => {
    const vector = lexicalVector(["a", "b", "b", "b"], { k1: 1.2, b: 0, averageLength: 4 });
    const weightOf = (term: string) => vector.values[vector.indices.indexOf(hashTerm(term))];
    expect(weightOf("a")).toBeCloseTo(1);
    expect(weightOf("b")).toBeCloseTo((3 * 2.2) / (3 + 1.2));
    const short = lexicalVector(["a"], parameters).values[0] ?? 0;
    const long = lexicalVector(["a", ...Array(40).fill("z")], parameters).values[0] ?? 0;
    expect(short).toBeGreaterThan(long);
  });

  it("sums the weights of terms whose hashes collide", () => {
    expect(hashTerm("t7pfs")).toBe(hashTerm("tovja"));
    const vector = lexicalVector(["t7pfs", "tovja"], { k1: 1.2, b: 0, averageLength: 2 });
    expect(vector.indices).toEqual([hashTerm("t7pfs")]);
    expect(vector.values[0]).toBeCloseTo(2);
  });

  it("gives an empty vector for no terms, and has defaults", () => {
    expect(lexicalVector([], parameters)).toEqual({ indices: [], values: [] });
    expect(lexicalVector(["a"]).indices).toEqual([hashTerm("a")]);
  });
});

describe("queryLexicalVector", () => {
  it("weights each unique term 1", () => {
    const vector = queryLexicalVector(["viaj", "polit", "viaj"]);
    expect(vector.indices).toEqual([hashTerm("viaj"), hashTerm("polit")].sort((left, right) => left - right));
    expect(vector.values).toEqual([1, 1]);
  });
});

describe("lexicalText", () => {
  it("joins terms with spaces", () => {
    expect(lexicalText(["polit", "=politicas"])).toBe("polit =politicas");
    expect(lexicalText([])).toBe("");
  });
});
