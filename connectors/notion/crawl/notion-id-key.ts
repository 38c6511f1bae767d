/** One key per Notion object: the API accepts and returns ids with or without dashes, in any case. */
export function notionIdKey(id: string): string {
  return id.replaceAll("-", "").toLowerCase();
}
