/** A Slack method failure: the handler throws it, the server answers `{ ok: false, error }` with HTTP 200. */
export class SlackMethodError extends Error {
  readonly error: string;

  constructor(error: string) {
    super(error);
    this.name = "SlackMethodError";
    this.error = error;
  }
}
