import { z } from "zod";

/** The one-time request Notion sends when a subscription is created: its token signs every event. */
export const notionWebhookVerificationSchema = z.object({
  verification_token: z.string().min(1).max(500),
});

/** An event (only the fields we read): which workspace, what kind, and the object it is about. */
export const notionWebhookEventSchema = z.object({
  type: z.string().min(1).max(100),
  workspace_id: z.string().min(1).max(100),
  entity: z.object({ id: z.string().min(1).max(64), type: z.string().max(50) }).optional(),
  data: z.object({ page_id: z.string().min(1).max(64).optional() }).optional(),
});

export type NotionWebhookEvent = z.infer<typeof notionWebhookEventSchema>;

/** The pages an event names, as a hint for the sync (which reads everything edited anyway). */
export function pageIdsOf(event: NotionWebhookEvent): string[] | undefined {
  if (event.entity?.type === "page") return [event.entity.id];
  if (event.data?.page_id) return [event.data.page_id];
  return undefined;
}
