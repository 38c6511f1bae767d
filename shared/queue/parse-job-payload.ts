import type { z } from "zod";
import { AppError, ErrorCode } from "../errors/app-error.ts";
import type { QueueDefinition } from "./job-catalog.ts";

/**
 * Validates job data against its queue's schema and returns the parsed value (unknown fields
 * dropped). Throws AppError(invalid_input, not retryable): a malformed payload never gets better.
 * The message names fields and rules, never values, so it is safe to log.
 */
export function parseJobPayload<Schema extends z.ZodType>(
  queueName: string,
  definition: QueueDefinition<Schema>,
  data: unknown,
): z.output<Schema> {
  const result = definition.schema.safeParse(data);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => {
    const field = issue.path.length > 0 ? issue.path.join(".") : "payload";
    return `${field}: ${issue.message}`;
  });
  throw new AppError(ErrorCode.InvalidInput, `Invalid ${queueName} job payload: ${problems.join("; ")}`);
}
