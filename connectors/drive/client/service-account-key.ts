import { readFile } from "node:fs/promises";
import { z } from "zod";
import { AppError, ErrorCode, errorMessage } from "#shared/errors/app-error.ts";
import type { ServiceAccountKey } from "./drive-credential.ts";

const keySchema = z.object({
  type: z.literal("service_account").optional(),
  client_email: z.string().min(1),
  private_key: z.string().includes("PRIVATE KEY"),
  private_key_id: z.string().optional(),
});

const hint =
  "set GOOGLE_SERVICE_ACCOUNT_FILE to the JSON key downloaded from the Cloud console (IAM → Service accounts → Keys)";

/** Reads GOOGLE_SERVICE_ACCOUNT_FILE. The key's contents never reach a message. */
export async function readServiceAccountKey(path: string): Promise<ServiceAccountKey> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    throw new AppError(ErrorCode.InvalidConfig, `GOOGLE_SERVICE_ACCOUNT_FILE: cannot read ${path}`, {
      cause: new Error(errorMessage(error)),
      hint,
    });
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new AppError(ErrorCode.InvalidConfig, `GOOGLE_SERVICE_ACCOUNT_FILE: ${path} is not JSON`, { hint });
  }
  const parsed = keySchema.safeParse(json);
  if (!parsed.success) {
    throw new AppError(
      ErrorCode.InvalidConfig,
      `GOOGLE_SERVICE_ACCOUNT_FILE: ${path} is not a service account key (client_email and private_key are needed)`,
      { hint },
    );
  }
  const { client_email, private_key, private_key_id } = parsed.data;
  return private_key_id === undefined
    ? { client_email, private_key }
    : { client_email, private_key, private_key_id };
}
