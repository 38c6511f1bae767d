/**
 * Message timestamps as Slack writes them ("1700000000.000100"): unique, increasing, and strings,
 * so code that compares or sorts them behaves as against Slack.
 */
export function createSlackTimestamps(startSeconds = 1_700_000_000): () => string {
  let tick = 0;
  return () => {
    tick += 1;
    const micros = tick * 100;
    const seconds = startSeconds + Math.floor(micros / 1_000_000);
    return `${seconds}.${String(micros % 1_000_000).padStart(6, "0")}`;
  };
}
