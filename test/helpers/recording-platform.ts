import type { Platform, Reply, ReplyHandle, ReplyTarget } from "#shared/platform/platform.ts";

export interface PlatformCall {
  kind: "post" | "stream" | "append" | "reset" | "finish" | "update" | "error";
  target?: ReplyTarget;
  text?: string;
  reply?: Reply;
  /** The handle a stream or error was asked to take over. */
  takeOver?: ReplyHandle;
}

/** A platform that records every call, for asserting what the asker would have seen. */
export function recordingPlatform(name = "slack"): { platform: Platform; calls: PlatformCall[] } {
  const calls: PlatformCall[] = [];
  let next = 0;
  const platform: Platform = {
    name,
    async post(target, reply) {
      calls.push({ kind: "post", target, reply });
      return { id: `m${++next}` };
    },
    async stream(target, options) {
      calls.push({ kind: "stream", target, ...(options.takeOver ? { takeOver: options.takeOver } : {}) });
      const id = options.takeOver?.messageId ?? `m${++next}`;
      await options.record({ messageId: id });
      return {
        async append(text) {
          calls.push({ kind: "append", text });
        },
        async reset() {
          calls.push({ kind: "reset" });
        },
        async finish(reply) {
          calls.push({ kind: "finish", target, reply });
          return { id };
        },
      };
    },
    async update(target, _message, reply) {
      calls.push({ kind: "update", target, reply });
    },
    async error(target, text, takeOver) {
      calls.push({ kind: "error", target, text, ...(takeOver ? { takeOver } : {}) });
    },
  };
  return { platform, calls };
}
