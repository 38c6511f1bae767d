import type { LiveMessage } from "./live-message.ts";
import type { StreamedMessage } from "./streamed-message.ts";

/**
 * Streams when Slack allows it: if chat.startStream is refused (streaming off for the workspace,
 * unsupported channel type, missing scope, any error), the same draft goes to a placeholder instead.
 */
export function createFallingBackMessage(
  streamed: StreamedMessage,
  fallback: () => LiveMessage,
  onRefused: (error: unknown) => void,
): LiveMessage {
  let current: LiveMessage = streamed;
  return {
    get mode() {
      return current.mode;
    },
    async show(whole, added) {
      if (current === streamed && !streamed.started) {
        try {
          await streamed.show(whole, added);
          return;
        } catch (error) {
          onRefused(error);
          current = fallback();
        }
      }
      await current.show(whole, added);
    },
    clear: () => current.clear(),
    settle: (part) => current.settle(part),
  };
}
