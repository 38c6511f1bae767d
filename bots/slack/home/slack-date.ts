/**
 * A time shown in each reader's own time zone ("Yesterday at 10:00"); the fallback is for clients
 * that cannot render it (notifications, old apps).
 */
export function slackDate(date: Date): string {
  const seconds = Math.floor(date.getTime() / 1000);
  const fallback = `${date.toISOString().slice(0, 16).replace("T", " ")} UTC`;
  return `<!date^${seconds}^{date_short_pretty} at {time}|${fallback}>`;
}
