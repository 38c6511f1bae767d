import cliProgress from "cli-progress";
import type { OnSyncProgress } from "#connectors/sources/sync-progress.ts";
import type { ProgressTerminal } from "../output.ts";
import { formatRate } from "./ingest-progress-bar.ts";

export interface SyncProgressLine {
  onProgress: OnSyncProgress | undefined;
  stop(): void;
}

/**
 * One line counting up while a source syncs: documents settled, chunks embedded, rate. No bar and no
 * ETA: the listing's size is only known at its end. Same rules as the ingest bar: a TTY only, never
 * with `--json`.
 */
export function syncProgressLine(
  terminal: ProgressTerminal | undefined,
  options: { quiet: boolean; label: string; now?: () => number },
): SyncProgressLine {
  if (options.quiet || terminal?.isTTY !== true) return { onProgress: undefined, stop: () => {} };
  const now = options.now ?? Date.now;
  const startedAt = now();
  const line = new cliProgress.SingleBar({
    stream: terminal,
    clearOnComplete: true,
    hideCursor: false,
    format: (_options, _params, values) =>
      `Syncing ${options.label}: ${values.pages} documents · ${values.embedded} chunks embedded${values.rate}`,
  });
  let started = false;
  return {
    onProgress: ({ pages, embedded }) => {
      const seconds = (now() - startedAt) / 1000;
      const rate = seconds >= 0.5 ? ` · ${formatRate(pages / seconds)} documents/s` : "";
      if (!started) {
        started = true;
        line.start(0, 0, { pages, embedded, rate });
      }
      line.update(0, { pages, embedded, rate });
    },
    stop: () => {
      if (started) line.stop();
    },
  };
}
