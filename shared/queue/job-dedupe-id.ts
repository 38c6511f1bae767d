import { dedupeHash } from "./dedupe-hash.ts";
import type { QueueDefinition } from "./job-catalog.ts";

/**
 * The dedupe id BullMQ sees for a validated payload (the hash of the catalog's key, or of an
 * explicit override), or undefined for a queue without dedupe. The producer and the outbox both
 * derive it here, so a question kept in the database and the same question queued are one.
 */
export function jobDedupeId(
  definition: QueueDefinition,
  data: unknown,
  override?: string,
): string | undefined {
  const key = override ?? definition.dedupe?.key(data);
  return key === undefined ? undefined : dedupeHash(key);
}
