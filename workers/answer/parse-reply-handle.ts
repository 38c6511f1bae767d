import { z } from "zod";
import type { Logger } from "#shared/log/logger.ts";
import type { ReplyHandle } from "#shared/platform/platform.ts";

const handleSchema = z.looseObject({ messageId: z.string().min(1) });

/** A stored handle, or undefined (none yet, or unreadable: then a new message is the safe choice). */
export function parseReplyHandle(value: unknown, logger: Logger): ReplyHandle | undefined {
  if (value === null || value === undefined) return undefined;
  const parsed = handleSchema.safeParse(value);
  if (parsed.success) return parsed.data as ReplyHandle;
  logger.warn("the stored reply handle is unreadable; posting a new message");
  return undefined;
}
