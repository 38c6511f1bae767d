import { requiredString } from "./slack-args.ts";
import type { MethodTable } from "./slack-workspace.ts";

/** assistant.threads.*: nothing to keep beyond the recorded call; Slack answers `{ ok: true }`. */
export function assistantMethods(): MethodTable {
  const inThread = (args: Record<string, unknown>) => {
    requiredString(args, "channel_id", "channel_not_found");
    requiredString(args, "thread_ts");
    return {};
  };
  return {
    "assistant.threads.setStatus": (args) => {
      // An empty status clears it, so only its presence is required.
      if (typeof args.status !== "string") requiredString(args, "status");
      return inThread(args);
    },
    "assistant.threads.setSuggestedPrompts": (args) => {
      requiredString(args, "channel_id", "channel_not_found");
      return {};
    },
    "assistant.threads.setTitle": (args) => {
      requiredString(args, "title");
      return inThread(args);
    },
  };
}
