import { createSignalLog } from "../signal-log.ts";

export interface SlackCall {
  /** e.g. "chat.postMessage" */
  method: string;
  /** Parsed arguments: JSON-encoded fields (blocks, view…) decoded, form booleans as booleans, no token. */
  args: Record<string, unknown>;
  token: string | undefined;
  /** When it arrived (ms since the epoch). */
  at: number;
}

export interface CallLog {
  readonly calls: SlackCall[];
  record(call: SlackCall): void;
  callsTo(method: string): SlackCall[];
  waitFor(method: string, count?: number, timeoutMs?: number): Promise<SlackCall[]>;
}

/** Every call received, in order, with a way to wait until some have arrived. */
export function createCallLog(): CallLog {
  const log = createSignalLog<SlackCall>((call) => [call.method]);
  return {
    calls: log.entries,
    record: log.record,
    callsTo: log.matching,
    waitFor: log.waitFor,
  };
}
