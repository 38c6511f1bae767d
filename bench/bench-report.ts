/** What the benches' latency tables share: nearest-rank summaries and their rows. */
export interface Summary {
  n: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

/** Nearest-rank percentiles. */
export function summarize(samples: number[]): Summary {
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = (fraction: number) =>
    sorted[Math.max(0, Math.ceil(fraction * sorted.length) - 1)] ?? Number.NaN;
  return {
    n: sorted.length,
    p50: rank(0.5),
    p95: rank(0.95),
    p99: rank(0.99),
    max: sorted.at(-1) ?? Number.NaN,
  };
}

/** The middle value (the mean of the two middle ones for an even count). */
export function median(samples: number[]): number {
  const sorted = [...samples].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  if (sorted.length === 0) return Number.NaN;
  return sorted.length % 2 === 1
    ? (sorted[middle] ?? Number.NaN)
    : ((sorted[middle - 1] ?? Number.NaN) + (sorted[middle] ?? Number.NaN)) / 2;
}

export function ms(value: number): string {
  return `${value.toFixed(value < 10 ? 1 : 0)} ms`;
}

/** `label  p50 …  p99 …  max …  n=…  note` (`upper` picks p95 instead of p99 for small samples). */
export function row(label: string, summary: Summary, note = "", upper: "p95" | "p99" = "p99"): string {
  const figures = `p50 ${ms(summary.p50).padStart(8)}  ${upper} ${ms(summary[upper]).padStart(8)}  max ${ms(summary.max).padStart(8)}`;
  return `  ${label.padEnd(46)}${figures}  n=${String(summary.n).padEnd(4)}${note ? ` ${note}` : ""}`;
}

export const mark = (ok: boolean) => (ok ? "✓" : "✗");
