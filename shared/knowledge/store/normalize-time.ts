const epoch = new Date(0).toISOString();

/**
 * Chunk times are stored as UTC ISO text, so ordering by the text (LanceDB) or by a datetime index
 * (Qdrant) is ordering by time. A time that cannot be parsed sorts first rather than vanishing from
 * an ordered listing (Qdrant leaves unparsable values out of its datetime index).
 */
export function normalizeTime(value: string): string {
  const time = Date.parse(value);
  return Number.isNaN(time) ? epoch : new Date(time).toISOString();
}
