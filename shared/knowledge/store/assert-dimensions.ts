import { AppError, ErrorCode } from "../../errors/app-error.ts";

/**
 * A vector of the wrong length is a configuration mistake (embedding model or EMBED_DIMENSIONS
 * changed without re-indexing): say so plainly instead of letting the engine fail obscurely.
 */
export function assertDimensions(vector: readonly number[], dimensions: number): void {
  if (vector.length !== dimensions) {
    throw new AppError(
      ErrorCode.InvalidInput,
      `Vector has ${vector.length} dimensions; the store was created for ${dimensions}.`,
      { hint: "The embedding dimensions changed: set them back, or re-index into a new store." },
    );
  }
}
