import type { Db } from "#shared/db/database.ts";
import { errorMessage } from "#shared/errors/app-error.ts";
import type { Logger } from "#shared/log/logger.ts";
import type { JobPayloadInput } from "#shared/queue/job-catalog.ts";
import { notionWebhookConnections } from "./notion-webhook-connections.ts";
import {
  notionWebhookEventSchema,
  notionWebhookVerificationSchema,
  pageIdsOf,
} from "./notion-webhook-payload.ts";
import { verifyNotionWebhookSignature } from "./notion-webhook-signature.ts";

export interface NotionWebhookDependencies {
  /** NOTION_WEBHOOK_SECRET: the subscription's verification token. */
  secret: string;
  db: Db;
  /** SABIO_WORKSPACE when NOTION_TOKEN is set: events no OAuth connection claims go to its connection. */
  internalWorkspaceId: string | undefined;
  enqueueSync(payload: JobPayloadInput<"sync">): Promise<unknown>;
  /**
   * Keeps a new subscription's verification token where only the admin can read it (it becomes the
   * signing secret, so it never goes to the log); returns where, for the log line.
   */
  saveVerificationToken(token: string): Promise<string>;
  logger: Logger;
}

export interface NotionWebhookRequest {
  /** The body exactly as received: the signature covers these bytes. */
  rawBody: Uint8Array;
  /** `X-Notion-Signature`. */
  signature: string | undefined;
}

export interface NotionWebhookReply {
  status: 200 | 400 | 401 | 503;
  body: Record<string, unknown>;
}

/**
 * `POST /webhooks/notion`. Events are signals, never content: a signed one queues an incremental
 * sync of the connections of its Notion workspace (the page as a hint). Unsigned or badly signed
 * events get 401. Notion retries anything but 2xx, so events we cannot use (unknown workspace,
 * comments) still get 200, and only a queue we cannot reach gets 503 (retried later).
 *
 * The one-time verification request carries the token that signs all later events; nobody knows it
 * before it arrives, so it is accepted unsigned and saved for the admin (see the README): pasting a
 * wrong token into Notion fails there, so a forged request cannot trick an admin for long.
 */
export async function handleNotionWebhook(
  dependencies: NotionWebhookDependencies,
  request: NotionWebhookRequest,
): Promise<NotionWebhookReply> {
  const logger = dependencies.logger.child({ component: "notion-webhook" });
  const signed = verifyNotionWebhookSignature(dependencies.secret, request.rawBody, request.signature);
  const json = safeJson(request.rawBody);
  const verification = notionWebhookVerificationSchema.safeParse(json);
  if (verification.success) {
    const token = verification.data.verification_token;
    if (signed || token === dependencies.secret) {
      logger.info("Notion webhook verification request arrived; its token already is NOTION_WEBHOOK_SECRET");
    } else {
      const savedAt = await dependencies.saveVerificationToken(token);
      logger.warn(
        { savedAt },
        "Notion webhook verification token arrived and was saved to the file named here: paste it into Notion (the integration's Webhooks tab → Verify), set NOTION_WEBHOOK_SECRET to it, restart the web role, then delete the file",
      );
    }
    return { status: 200, body: { ok: true } };
  }
  if (!signed) {
    logger.warn(
      { signature: request.signature === undefined ? "missing" : "wrong" },
      "Notion webhook refused",
    );
    return { status: 401, body: { error: "invalid signature" } };
  }
  const event = notionWebhookEventSchema.safeParse(json);
  if (!event.success) {
    logger.warn("Notion webhook event not understood; ignored");
    return { status: 200, body: { ok: true, ignored: "not understood" } };
  }
  const { type, workspace_id: notionWorkspaceId } = event.data;
  // Comments don't change what Sabio indexes.
  if (type.startsWith("comment.")) return { status: 200, body: { ok: true, ignored: type } };
  const connections = await notionWebhookConnections(
    dependencies.db,
    notionWorkspaceId,
    dependencies.internalWorkspaceId,
  );
  if (connections.length === 0) {
    logger.info(
      { notionWorkspaceId, type },
      "Notion webhook for a workspace with no connection here; ignored",
    );
    return { status: 200, body: { ok: true, ignored: "unknown workspace" } };
  }
  const pageIds = pageIdsOf(event.data);
  try {
    for (const connection of connections) {
      await dependencies.enqueueSync({
        workspaceId: connection.workspaceId,
        connectionId: connection.id,
        mode: "incremental",
        reason: "webhook",
        ...(pageIds ? { pageIds } : {}),
      });
    }
  } catch (error) {
    logger.warn(
      { err: errorMessage(error), notionWorkspaceId },
      "could not queue a sync for a Notion webhook",
    );
    return { status: 503, body: { error: "try again later" } };
  }
  logger.debug({ notionWorkspaceId, type, connections: connections.length }, "Notion webhook queued a sync");
  return { status: 200, body: { ok: true, queued: connections.length } };
}

function safeJson(raw: Uint8Array): unknown {
  try {
    return JSON.parse(Buffer.from(raw).toString("utf8"));
  } catch {
    return undefined;
  }
}
