import { z } from "zod";
import type { ReplyHandle } from "#shared/platform/platform.ts";

/** What Sabio records about a Discord reply (in the `replies` table) so any process can take it over. */
export interface DiscordReplyHandle {
  /** The first message of the reply. */
  messageId: string;
  /** Where it is: the thread, the channel or the DM. */
  channelId: string;
  /** Written through the `/ask` interaction's webhook (its deferred reply), not as a channel message. */
  viaInteraction: boolean;
  /** Further parts of a long answer already posted after it. */
  followUps: string[];
}

const discordHandleSchema = z.object({
  messageId: z.string().min(1),
  channelId: z.string().min(1),
  viaInteraction: z.boolean().default(false),
  followUps: z.array(z.string()).default([]),
});

/** A stored handle as Discord's; undefined when it is not one (a new message is then the safe choice). */
export function readDiscordReplyHandle(handle: ReplyHandle | undefined): DiscordReplyHandle | undefined {
  if (!handle) return undefined;
  const parsed = discordHandleSchema.safeParse(handle);
  return parsed.success ? parsed.data : undefined;
}

export function discordReplyHandle(handle: DiscordReplyHandle): ReplyHandle {
  return { ...handle, followUps: [...handle.followUps] };
}
