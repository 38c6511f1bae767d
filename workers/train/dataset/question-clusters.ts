import { analyzeQuery } from "#shared/knowledge/lexical/analyze-text.ts";

/**
 * Questions whose analyzer terms (stems and exact forms, stop words dropped) overlap at least this
 * much (Jaccard) are one question asked twice. Measured with our analyzer: "How many vacation days do
 * we get?" / "how many vacation days do I get" 1.0, "What is the expense policy for travel?" /
 * "What's the travel expense policy?" 1.0, "Who approves expense reports?" / "…my expense report?"
 * 0.71 join; "request vacation" / "request vacation days" 0.67, "vacation days" / "…for contractors"
 * 0.5, "request vacation" / "request a laptop" 0.33 stay apart. Merging too eagerly only costs
 * examples; too timidly lets a paraphrase of a test question into train.
 */
export const nearDuplicateThreshold = 0.7;

/** Case, accents, punctuation and spacing folded: "¿Cuántos días?" and "cuantos dias" are one text. */
export function normalizeQuestion(text: string): string {
  return text
    .normalize("NFKD")
    .replace(/\p{M}+/gu, "")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}

/**
 * Groups of indices into `texts`: exact duplicates after normalizing, and near duplicates by term
 * Jaccard, joined transitively. Each group lists its indices in ascending order; groups are ordered
 * by their first index. Candidate pairs come from prefix filtering (terms ordered rarest first: two
 * sets this similar must share one of their first few terms), so 5,000 questions do not mean 12.5
 * million comparisons.
 */
export function clusterQuestions(
  texts: readonly string[],
  threshold: number = nearDuplicateThreshold,
): number[][] {
  const parents = texts.map((_, index) => index);
  const find = (index: number): number => {
    let root = index;
    while (parents[root] !== root) root = parents[root] as number;
    let current = index;
    while (parents[current] !== root) {
      const next = parents[current] as number;
      parents[current] = root;
      current = next;
    }
    return root;
  };
  const union = (a: number, b: number) => {
    const rootA = find(a);
    const rootB = find(b);
    if (rootA !== rootB) parents[Math.max(rootA, rootB)] = Math.min(rootA, rootB);
  };

  const byNormalized = new Map<string, number>();
  texts.forEach((text, index) => {
    const normalized = normalizeQuestion(text);
    const first = byNormalized.get(normalized);
    if (first === undefined) byNormalized.set(normalized, index);
    else union(first, index);
  });

  const termSets = texts.map((text) => [...new Set(analyzeQuery(text))]);
  const frequency = new Map<string, number>();
  for (const terms of termSets) for (const term of terms) frequency.set(term, (frequency.get(term) ?? 0) + 1);
  const rarestFirst = (a: string, b: string) =>
    (frequency.get(a) ?? 0) - (frequency.get(b) ?? 0) || (a < b ? -1 : a > b ? 1 : 0);
  for (const terms of termSets) terms.sort(rarestFirst);
  const lookups = termSets.map((terms) => new Set(terms));

  const index = new Map<string, number[]>();
  termSets.forEach((terms, current) => {
    if (terms.length === 0) return;
    const prefix = terms.length - Math.ceil(threshold * terms.length) + 1;
    const checked = new Set<number>();
    for (const term of terms.slice(0, prefix)) {
      for (const other of index.get(term) ?? []) {
        if (checked.has(other)) continue;
        checked.add(other);
        if (jaccard(lookups[current] as Set<string>, lookups[other] as Set<string>) >= threshold)
          union(current, other);
      }
    }
    for (const term of terms.slice(0, prefix)) {
      const list = index.get(term);
      if (list) list.push(current);
      else index.set(term, [current]);
    }
  });

  const groups = new Map<number, number[]>();
  texts.forEach((_, member) => {
    const root = find(member);
    const group = groups.get(root);
    if (group) group.push(member);
    else groups.set(root, [member]);
  });
  return [...groups.values()].sort((a, b) => (a[0] as number) - (b[0] as number));
}

function jaccard(a: Set<string>, b: Set<string>): number {
  let shared = 0;
  for (const term of a) if (b.has(term)) shared++;
  return shared / (a.size + b.size - shared);
}
