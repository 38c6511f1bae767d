/** An error the stand-in answers in Notion's shape: `{ object: "error", status, code, message }`. */
export class NotionApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly headers: Record<string, string>;

  constructor(status: number, code: string, message: string, headers: Record<string, string> = {}) {
    super(message);
    this.status = status;
    this.code = code;
    this.headers = headers;
  }
}

export function notFound(id: string, kind = "block"): NotionApiError {
  return new NotionApiError(
    404,
    "object_not_found",
    `Could not find ${kind} with ID: ${id}. Make sure the relevant pages and databases are shared with your integration.`,
  );
}

export function validationError(message: string): NotionApiError {
  return new NotionApiError(400, "validation_error", message);
}
