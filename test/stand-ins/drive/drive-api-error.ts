/** One entry of Google's `error.errors` array; `reason` is what clients branch on. */
export interface GoogleErrorItem {
  domain: string;
  reason: string;
  message: string;
  location?: string;
  locationType?: string;
}

/**
 * An answer in Google's JSON error shape: `{ error: { code, message, errors: [{ domain, reason, message }],
 * status } }`, readable by the client at `error.response.data.error.errors[0].reason`.
 */
export class DriveApiError extends Error {
  readonly status: number;
  readonly item: GoogleErrorItem;
  readonly grpcStatus: string | undefined;
  readonly headers: Record<string, string>;

  constructor(
    status: number,
    item: GoogleErrorItem,
    options: { grpcStatus?: string; headers?: Record<string, string> } = {},
  ) {
    super(item.message);
    this.name = "DriveApiError";
    this.status = status;
    this.item = item;
    this.grpcStatus = options.grpcStatus;
    this.headers = options.headers ?? {};
  }

  body(): Record<string, unknown> {
    return {
      error: {
        code: this.status,
        message: this.message,
        errors: [this.item],
        ...(this.grpcStatus ? { status: this.grpcStatus } : {}),
      },
    };
  }
}

const retryAfterHeader = (seconds: number | undefined): Record<string, string> =>
  seconds === undefined ? {} : { "retry-after": String(seconds) };

/** The errors Drive v3 gives, with the reasons and messages Google uses. */
export const driveErrors = {
  unauthenticated: () =>
    new DriveApiError(
      401,
      {
        message: "Invalid Credentials",
        domain: "global",
        reason: "authError",
        location: "Authorization",
        locationType: "header",
      },
      { grpcStatus: "UNAUTHENTICATED" },
    ),
  fileNotFound: (fileId: string) =>
    new DriveApiError(404, {
      message: `File not found: ${fileId}.`,
      domain: "global",
      reason: "notFound",
      location: "fileId",
      locationType: "parameter",
    }),
  notFound: (what: string) =>
    new DriveApiError(404, { message: `Not Found: ${what}`, domain: "global", reason: "notFound" }),
  invalidParameter: (location: string, message: string) =>
    new DriveApiError(
      400,
      { message, domain: "global", reason: "invalidParameter", location, locationType: "parameter" },
      { grpcStatus: "INVALID_ARGUMENT" },
    ),
  invalidQuery: (message = "Invalid Value") =>
    new DriveApiError(
      400,
      { message, domain: "global", reason: "invalid", location: "q", locationType: "parameter" },
      { grpcStatus: "INVALID_ARGUMENT" },
    ),
  required: (location: string, message: string) =>
    new DriveApiError(
      400,
      { message, domain: "global", reason: "required", location, locationType: "parameter" },
      { grpcStatus: "INVALID_ARGUMENT" },
    ),
  badRequest: (message: string) =>
    new DriveApiError(
      400,
      { message, domain: "global", reason: "badRequest" },
      { grpcStatus: "INVALID_ARGUMENT" },
    ),
  exportSizeLimitExceeded: () =>
    new DriveApiError(403, {
      message: "This file is too large to be exported.",
      domain: "global",
      reason: "exportSizeLimitExceeded",
    }),
  fileNotExportable: () =>
    new DriveApiError(403, {
      message: "Export only supports Docs Editors files.",
      domain: "global",
      reason: "fileNotExportable",
    }),
  fileNotDownloadable: () =>
    new DriveApiError(403, {
      message: "Only files with binary content can be downloaded. Use Export with Docs Editors files.",
      domain: "global",
      reason: "fileNotDownloadable",
      location: "alt",
      locationType: "parameter",
    }),
  rateLimited: (reason: "userRateLimitExceeded" | "rateLimitExceeded", retryAfter?: number) =>
    new DriveApiError(
      403,
      {
        message: reason === "userRateLimitExceeded" ? "User rate limit exceeded." : "Rate Limit Exceeded",
        domain: "usageLimits",
        reason,
      },
      { grpcStatus: "PERMISSION_DENIED", headers: retryAfterHeader(retryAfter) },
    ),
  tooManyRequests: (retryAfter?: number) =>
    new DriveApiError(
      429,
      { message: "Rate Limit Exceeded", domain: "usageLimits", reason: "rateLimitExceeded" },
      { grpcStatus: "RESOURCE_EXHAUSTED", headers: retryAfterHeader(retryAfter) },
    ),
  serverError: (status: number) =>
    new DriveApiError(
      status,
      status === 500
        ? { message: "Internal Error", domain: "global", reason: "internalError" }
        : { message: "Backend Error", domain: "global", reason: "backendError" },
      { grpcStatus: status === 503 ? "UNAVAILABLE" : "INTERNAL" },
    ),
} as const;
