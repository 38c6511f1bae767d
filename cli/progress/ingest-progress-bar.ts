import cliProgress from "cli-progress";
import type { IngestProgress, OnIngestProgress } from "#connectors/files/ingest-progress.ts";
import type { ProgressTerminal } from "../output.ts";

export interface IngestProgressBar {
  /** Undefined when nothing is drawn, so the ingest does not even compute progress. */
  onProgress: OnIngestProgress | undefined;
  /** Clears the bar; call it before printing the summary, and on failure. */
  stop(): void;
}

const phases = {
  reading: { label: "Reading  ", unit: "files" },
  indexing: { label: "Embedding", unit: "documents" },
} as const;

/**
 * One bar per phase on a terminal's stderr: files read, then documents written with the chunks
 * embedded, the rate and an ETA. Nothing when `quiet` (`--json`) or when stderr is not a TTY (piped,
 * a log file, CI), so scripts and logs never see cursor codes.
 */
export function ingestProgressBar(
  terminal: ProgressTerminal | undefined,
  options: { quiet: boolean; now?: () => number },
): IngestProgressBar {
  if (options.quiet || terminal?.isTTY !== true) return { onProgress: undefined, stop: () => {} };
  const now = options.now ?? Date.now;
  let bar: cliProgress.SingleBar | undefined;
  let phase: IngestProgress["phase"] | undefined;
  let startedAt = 0;
  const stop = () => {
    bar?.stop();
    bar = undefined;
  };
  const payload = (progress: IngestProgress) => {
    const seconds = (now() - startedAt) / 1000;
    const perSecond = seconds >= 0.5 ? progress.done / seconds : undefined;
    return {
      embedded: progress.phase === "indexing" ? ` · ${progress.embedded} chunks embedded` : "",
      rate: perSecond === undefined ? "" : ` · ${formatRate(perSecond)} ${phases[progress.phase].unit}/s`,
    };
  };
  return {
    onProgress: (progress) => {
      if (progress.phase !== phase || bar === undefined) {
        stop();
        phase = progress.phase;
        startedAt = now();
        const { label, unit } = phases[progress.phase];
        bar = new cliProgress.SingleBar({
          stream: terminal,
          clearOnComplete: true,
          hideCursor: false,
          barsize: 24,
          barCompleteChar: "\u2588",
          barIncompleteChar: "\u2591",
          etaBuffer: 50,
          format: (barOptions, params, values) =>
            `${label} ${cliProgress.Format.BarFormat(params.progress, barOptions)} ` +
            `${params.value}/${params.total} ${unit}${values.embedded}${values.rate} · ETA ${formatEta(params.eta)}`,
        });
        bar.start(progress.total, 0, payload(progress));
      }
      bar.update(progress.done, payload(progress));
    },
    stop,
  };
}

export function formatRate(perSecond: number): string {
  return perSecond >= 10 ? String(Math.round(perSecond)) : perSecond.toFixed(1);
}

/** cli-progress gives seconds, or "NULL"/"INF" before it has two samples. */
function formatEta(eta: number | string): string {
  if (typeof eta !== "number" || !Number.isFinite(eta)) return "…";
  if (eta < 60) return `${eta}s`;
  const minutes = Math.floor(eta / 60);
  return minutes < 60
    ? `${minutes}m ${String(eta % 60).padStart(2, "0")}s`
    : `${Math.floor(minutes / 60)}h ${minutes % 60}m`;
}
