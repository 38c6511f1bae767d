import type { z } from "zod";
import type { SecretBox } from "#shared/crypto/secret-box.ts";
import { AppError, ErrorCode } from "#shared/errors/app-error.ts";

/**
 * Seals a connection's credentials (any provider's token set, as JSON) for
 * `source_connections.credentials`, with the connection id as context: a sealed value copied onto
 * another connection's row does not open there.
 */
export function sealCredentials(box: SecretBox, connectionId: string, credentials: object): string {
  return box.seal(JSON.stringify(credentials), connectionId);
}

/**
 * Opens and checks sealed credentials. Unreadable ones (another shape, a bug) read as invalid_config
 * with `hint`: the connection needs re-auth, like a revoked grant.
 */
export function openSealedCredentials<Schema extends z.ZodType>(
  box: SecretBox,
  connectionId: string,
  sealed: string,
  schema: Schema,
  unreadable: { message: string; hint: string },
): z.infer<Schema> {
  const plain = box.open(sealed, connectionId);
  try {
    return schema.parse(JSON.parse(plain));
  } catch {
    throw new AppError(ErrorCode.InvalidConfig, unreadable.message, { hint: unreadable.hint });
  }
}
