/** `<t:…:R>`: Discord shows "3 hours ago" in each reader's own locale and time zone. */
export function discordTimestamp(date: Date): string {
  return `<t:${Math.floor(date.getTime() / 1000)}:R>`;
}
