/**
 * Spaces draft edits per channel: Discord allows about 5 message edits per 5 s in a channel, and
 * several answers can stream into one channel (a DM, a channel without threads). Each draft edit
 * takes the channel's next free slot; final answers don't wait for one.
 */
export interface ChannelPacer {
  /** Resolves when the channel's next draft edit may go out. */
  turn(channelId: string): Promise<void>;
}

export function createChannelPacer(options: {
  intervalMs: number;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}): ChannelPacer {
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const nextFree = new Map<string, number>();
  return {
    async turn(channelId) {
      const at = Math.max(now(), nextFree.get(channelId) ?? 0);
      nextFree.set(channelId, at + options.intervalMs);
      // Forget quiet channels so a long-running worker's map stays small.
      if (nextFree.size > 1_000) {
        for (const [id, free] of nextFree) if (free < now()) nextFree.delete(id);
      }
      const wait = at - now();
      if (wait > 0) await sleep(wait);
    },
  };
}
