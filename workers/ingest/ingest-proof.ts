import { createHmac, timingSafeEqual } from "node:crypto";
import type { JobPayload } from "#shared/queue/job-catalog.ts";

export type IngestRequestFields = Omit<JobPayload<"ingest">, "proof">;

/**
 * HMAC-SHA256 of an ingest request, keyed with the running start's secret (in DATA_DIR, 0600): who
 * can write to Redis but not read DATA_DIR cannot make Sabio index a folder of their choosing.
 */
export function ingestProof(secret: string, request: IngestRequestFields): string {
  const fields = [request.workspaceId, request.path, request.connectionId ?? "", request.baseUrl ?? ""];
  return createHmac("sha256", Buffer.from(secret, "hex")).update(JSON.stringify(fields)).digest("hex");
}

export function isValidIngestProof(secret: string, payload: JobPayload<"ingest">): boolean {
  const expected = Buffer.from(ingestProof(secret, payload), "hex");
  const given = Buffer.from(payload.proof, "hex");
  return given.length === expected.length && timingSafeEqual(given, expected);
}
