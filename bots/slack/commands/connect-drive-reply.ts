import { connectDriveText } from "./connect-drive-text.ts";
import {
  type ConnectSourceAsk,
  type ConnectSourceOptions,
  connectSourceReply,
} from "./connect-source-reply.ts";

/** The ephemeral answer to `/sabio connect drive` (see connectSourceReply). */
export function connectDriveReply(
  options: ConnectSourceOptions | undefined,
  ask: ConnectSourceAsk,
): Promise<string> {
  return connectSourceReply(connectDriveText, options, ask);
}
