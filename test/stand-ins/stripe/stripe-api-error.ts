/** An error the stand-in answers in Stripe's shape: `{ "error": { type, code?, message, param? } }`. */
export class StripeApiError extends Error {
  readonly status: number;
  readonly type: string;
  readonly code: string | undefined;
  readonly param: string | undefined;

  constructor(status: number, type: string, message: string, extra: { code?: string; param?: string } = {}) {
    super(message);
    this.status = status;
    this.type = type;
    this.code = extra.code;
    this.param = extra.param;
  }

  body(): string {
    return JSON.stringify({
      error: {
        type: this.type,
        message: this.message,
        ...(this.code ? { code: this.code } : {}),
        ...(this.param ? { param: this.param } : {}),
      },
    });
  }
}

export function missing(kind: string, id: string, param = "id"): StripeApiError {
  return new StripeApiError(404, "invalid_request_error", `No such ${kind}: '${id}'`, {
    code: "resource_missing",
    param,
  });
}

export function invalid(message: string, param: string): StripeApiError {
  return new StripeApiError(400, "invalid_request_error", message, {
    code: "parameter_invalid_integer",
    param,
  });
}
