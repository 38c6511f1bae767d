/** A REST answer Discord gives as `{ message, code }` (plus `errors` for form errors) with an HTTP status. */
export class DiscordApiError extends Error {
  readonly status: number;
  readonly code: number;
  readonly errors: Record<string, unknown> | undefined;

  constructor(status: number, code: number, message: string, errors?: Record<string, unknown>) {
    super(message);
    this.name = "DiscordApiError";
    this.status = status;
    this.code = code;
    this.errors = errors;
  }

  body(): Record<string, unknown> {
    return { message: this.message, code: this.code, ...(this.errors ? { errors: this.errors } : {}) };
  }
}

/** The errors the stand-in gives, with Discord's JSON error codes. */
export const discordErrors = {
  unauthorized: () => new DiscordApiError(401, 0, "401: Unauthorized"),
  notFound: () => new DiscordApiError(404, 0, "404: Not Found"),
  unknownChannel: () => new DiscordApiError(404, 10003, "Unknown Channel"),
  unknownMember: () => new DiscordApiError(404, 10007, "Unknown Member"),
  unknownUser: () => new DiscordApiError(404, 10013, "Unknown User"),
  unknownMessage: () => new DiscordApiError(404, 10008, "Unknown Message"),
  unknownWebhook: () => new DiscordApiError(404, 10015, "Unknown Webhook"),
  unknownInteraction: () => new DiscordApiError(404, 10062, "Unknown interaction"),
  alreadyAcknowledged: () => new DiscordApiError(400, 40060, "Interaction has already been acknowledged."),
  cannotEditOthers: () => new DiscordApiError(403, 50005, "Cannot edit a message authored by another user"),
  emptyMessage: () => new DiscordApiError(400, 50006, "Cannot send an empty message"),
  missingPermissions: () => new DiscordApiError(403, 50013, "Missing Permissions"),
  wrongChannelType: () => new DiscordApiError(400, 50024, "Cannot execute action on this channel type"),
  threadAlreadyCreated: () =>
    new DiscordApiError(400, 160004, "A thread has already been created for this message"),
  invalidForm: (field: string, code: string, message: string) =>
    new DiscordApiError(400, 50035, "Invalid Form Body", {
      [field]: { _errors: [{ code, message }] },
    }),
} as const;
