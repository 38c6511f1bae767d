/** How one answer compares with the approved one; a component is null where it does not apply. */
export interface AnswerScore {
  /** F1 of the cited source numbers against the approved answer's; null for refusals or uncited approvals. */
  citation: number | null;
  /** 1 when the answer refuses exactly when the approved one does. */
  refusal: number;
  /** Token F1 with the approved text, citations left out; null when the approved answer is a refusal. */
  closeness: number | null;
}

// English and Spanish, the languages answers are given in; the dataset's refusal examples say
// "The team's documents don't cover this." (workers/train/dataset/refusal-text.ts).
const refusalPattern =
  /(?:\b(?:don['’]t know|do not know|don['’]t cover|do not cover|doesn['’]t cover|does not cover|not covered|(?:couldn['’]t|could not|can['’]t|cannot) find|no information|not in the (?:provided )?sources)\b)|(?:\bno (?:cubren|cubre|lo sé|sé|encontré|encuentro)\b)/i;

/** The source numbers an answer cites: `[2]`, `[1][3]`, `[1, 3]`. */
export function citedNumbers(text: string): Set<number> {
  const numbers = new Set<number>();
  for (const match of text.matchAll(/\[(\d+(?:\s*,\s*\d+)*)\]/g)) {
    for (const part of (match[1] ?? "").split(",")) numbers.add(Number(part.trim()));
  }
  return numbers;
}

/** Says the sources don't hold the answer, and cites nothing. */
export function isRefusal(text: string): boolean {
  return refusalPattern.test(text) && citedNumbers(text).size === 0;
}

/**
 * Closeness is SQuAD-style token F1 rather than ROUGE-L: approved answers are a few sentences or a
 * list, and a correct answer that orders the same facts differently should not lose the points a
 * longest-common-subsequence takes away; F1 is also what RAFT reports.
 */
export function tokenF1(answer: string, expected: string): number {
  const got = words(answer);
  const want = words(expected);
  if (got.length === 0 || want.length === 0) return got.length === want.length ? 1 : 0;
  const counts = new Map<string, number>();
  for (const word of want) counts.set(word, (counts.get(word) ?? 0) + 1);
  let common = 0;
  for (const word of got) {
    const left = counts.get(word) ?? 0;
    if (left > 0) {
      common += 1;
      counts.set(word, left - 1);
    }
  }
  if (common === 0) return 0;
  const precision = common / got.length;
  const recall = common / want.length;
  return (2 * precision * recall) / (precision + recall);
}

export function scoreAnswer(answer: string, expected: string): AnswerScore {
  const shouldRefuse = isRefusal(expected);
  const refused = isRefusal(answer);
  const refusal = shouldRefuse === refused ? 1 : 0;
  if (shouldRefuse) return { citation: null, refusal, closeness: null };
  const want = citedNumbers(expected);
  const citation = want.size === 0 ? null : setF1(citedNumbers(answer), want);
  return { citation, refusal, closeness: refused ? 0 : tokenF1(answer, expected) };
}

function setF1(got: Set<number>, want: Set<number>): number {
  const common = [...got].filter((number) => want.has(number)).length;
  if (common === 0) return 0;
  const precision = common / got.size;
  const recall = common / want.size;
  return (2 * precision * recall) / (precision + recall);
}

function words(text: string): string[] {
  return text
    .replace(/\[\d+(?:\s*,\s*\d+)*\]/g, " ")
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word !== "");
}
