const discordEpoch = 1_420_070_400_000n;

/**
 * Discord ids: 64-bit snowflakes as decimal strings, the time in the top 42 bits, so discord.js's
 * `createdTimestamp` reads the clock's time. A per-generator counter keeps ids unique and increasing
 * within one millisecond.
 */
export function createSnowflakes(now: () => number): () => string {
  let last = 0n;
  return () => {
    const fromTime = (BigInt(now()) - discordEpoch) << 22n;
    last = fromTime > last ? fromTime : last + 1n;
    return last.toString();
  };
}
