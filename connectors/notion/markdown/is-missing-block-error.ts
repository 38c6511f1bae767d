import { APIErrorCode, isNotionClientError } from "@notionhq/client";
import { ErrorCode, isAppError } from "#shared/errors/app-error.ts";

/**
 * Whether listing a block's children failed because that block is gone or not shared with the
 * integration (404 `object_not_found`, 403 `restricted_resource`) — permanent for that block, so
 * the rest of the page can still be indexed. Rate limits and dead credentials are not this.
 */
export function isMissingBlockError(error: unknown): boolean {
  if (isAppError(error)) return error.code === ErrorCode.NotFound;
  return (
    isNotionClientError(error) &&
    (error.code === APIErrorCode.ObjectNotFound || error.code === APIErrorCode.RestrictedResource)
  );
}
