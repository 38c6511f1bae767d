export interface DiscordCall {
  /** The route's short name, e.g. "createMessage", "interactionCallback"; "unknown" when none matched. */
  route: string;
  /** e.g. "POST /channels/:channel_id/messages". */
  template: string;
  method: string;
  /** After `/api/v10`, e.g. "/channels/1100000000000000002/messages". */
  path: string;
  params: Record<string, string>;
  query: Record<string, string>;
  /** The JSON body as sent (or a multipart body's `payload_json`); undefined without one. */
  body: unknown;
  /** What the stand-in answered (429, 403… included). */
  status: number;
  /** When it arrived (ms since the epoch, from the stand-in's clock). */
  at: number;
}
