import type { OnSyncProgress } from "#connectors/sources/sync-progress.ts";
import type { ProgressTerminal } from "../output.ts";
import { ingestProgressBar } from "./ingest-progress-bar.ts";
import { syncProgressLine } from "./sync-progress-line.ts";

export interface SyncProgressView {
  onProgress: OnSyncProgress | undefined;
  stop(): void;
}

/**
 * What `sabio sync` draws for one source: the ingest bars (files read, documents written, ETA) when
 * the source knows its size (a folder), else the counting line (Notion, Drive: a listing's size is
 * known only at its end). Nothing with `--json` or off a terminal.
 */
export function syncProgress(
  terminal: ProgressTerminal | undefined,
  options: { quiet: boolean; label: string },
): SyncProgressView {
  const line = syncProgressLine(terminal, options);
  const bar = ingestProgressBar(terminal, options);
  if (!line.onProgress || !bar.onProgress) return { onProgress: undefined, stop: () => {} };
  const drawBar = bar.onProgress;
  const drawLine = line.onProgress;
  return {
    onProgress: (progress) => (progress.bounded ? drawBar(progress.bounded) : drawLine(progress)),
    stop: () => {
      line.stop();
      bar.stop();
    },
  };
}
