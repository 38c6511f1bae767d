import { randomUUID } from "node:crypto";
import { WebClient } from "@slack/web-api";
import type { NotionConnectLinkMaker } from "#bots/slack/commands/connect-notion-reply.ts";
import { registerSabioCommand } from "#bots/slack/commands/register-sabio-command.ts";
import { answerBlocks } from "#bots/slack/format/answer-blocks.ts";
import { createHomePublisher } from "#bots/slack/home/create-home-publisher.ts";
import { registerAppHome } from "#bots/slack/home/register-app-home.ts";
import { registerDropApproval } from "#bots/slack/home/register-drop-approval.ts";
import { createApprovers } from "#bots/slack/interact/approvers.ts";
import { registerAnswerActions } from "#bots/slack/interact/register-answer-actions.ts";
import { createSlackApp, type SlackApp, slackEventsPath } from "#bots/slack/receive/create-slack-app.ts";
import type { GroupAccess } from "#connectors/sources/describe-source-connection.ts";
import type { Billing } from "#shared/billing/billing-service.ts";
import type { Db } from "#shared/db/database.ts";
import { recordAnswer, recordQuestion } from "#shared/db/question-repository.ts";
import type { AnswerMode, AnswerSource } from "#shared/db/schema.ts";
import { createReviewService } from "#shared/review/review-service.ts";
import { type DelayingProxy, startDelayingProxy } from "#test/helpers/delaying-proxy.ts";
import { startResponseUrlCatcher } from "#test/helpers/response-url-catcher.ts";
import { silentLogger } from "#test/helpers/silent-logger.ts";
import { signSlackRequest, slackEventBody, slackInteractionBody } from "#test/helpers/slack-signing.ts";
import { type SlackStandIn, startSlackStandIn } from "#test/stand-ins/slack-server.ts";
import { slashCommand } from "./slack-interaction-payloads.ts";

/**
 * The real interactive side over HTTP: a Bolt app (as `createSlackApp` builds it) on a free port,
 * with the answer actions, `/sabio` and the App Home wired as in production, signed requests, the
 * Slack stand-in behind the WebClient and a real database.
 */

export const signingSecret = "test-signing-secret";
export const teamId = "T0ACME";
export const workspaceId = "acme";
export const channel = "C0GENERAL";
export const people = {
  admin: "U0ADMIN",
  owner: "U0OWNER",
  member: "U0MEMBER",
  /** Not an admin, but named in SLACK_APPROVERS. */
  listed: "U0LISTED",
  /** An admin whose users.info the delaying proxy holds (the ack must not wait for it). */
  slowAdmin: "U0SLOWADMIN",
} as const;

export interface SentRequest {
  status: number;
  body: string;
  /** From sending the request to the full response: the acknowledgement time Slack sees. */
  ms: number;
}

export interface InteractionHarness {
  slack: SlackStandIn;
  /** Sends a signed interactivity payload (block_actions, view_submission) as a form body. */
  interact(payload: Record<string, unknown>): Promise<SentRequest>;
  /** Sends `/sabio <text>` as `userId` from `team`; its response_url points at the harness. */
  command(text: string, userId?: string, team?: string): Promise<SentRequest>;
  /** Wraps `event` in an event_callback envelope, signs it and posts it. */
  sendEvent(event: Record<string, unknown>): Promise<SentRequest>;
  /** JSON bodies posted to response URLs so far. */
  responses: Record<string, unknown>[];
  /** Resolves once every listener started so far has finished its work after the ack. */
  whenIdle(): Promise<void>;
  close(): Promise<void>;
}

export interface InteractionHarnessOptions {
  db: Db;
  queueDepth?: () => Promise<number>;
  /** Milliseconds the Slack API holds users.info for `people.slowAdmin`. */
  slowUsersInfoMs?: number;
  now?: () => Date;
  /**
   * `/sabio connect notion` wired as the slack role wires it, with this link maker (undefined: no
   * public Notion integration); left out, the command is not wired to Notion at all.
   */
  connectNotion?: { linkFor: NotionConnectLinkMaker | undefined };
  /** `/sabio connect drive`, the same way. */
  connectDrive?: { linkFor: NotionConnectLinkMaker | undefined };
  /** What the App Home says about Drive group access (the role derives it from the env). */
  groupAccess?: GroupAccess;
  /** `/sabio billing`; left out, billing reads "off". */
  billing?: Billing;
}

export async function startInteractionHarness(
  options: InteractionHarnessOptions,
): Promise<InteractionHarness> {
  const logger = silentLogger();
  const slack = await startSlackStandIn({
    teamId,
    users: {
      [people.admin]: { name: "ana", isAdmin: true },
      [people.owner]: { name: "olga", isOwner: true },
      [people.member]: { name: "max" },
      [people.listed]: { name: "lee" },
      [people.slowAdmin]: { name: "sam", isAdmin: true },
    },
  });
  const proxy: DelayingProxy | undefined = options.slowUsersInfoMs
    ? await startDelayingProxy(slack.apiUrl, { "users.info": options.slowUsersInfoMs })
    : undefined;
  const respondServer = await startResponseUrlCatcher("T0ACME");

  const slackApp: SlackApp = createSlackApp({
    botToken: "xoxb-test-token",
    signingSecret,
    slackApiUrl: proxy?.apiUrl ?? slack.apiUrl,
    port: 0,
    logger,
  });
  // Counts listeners still working after their ack, so tests can assert that nothing else happened.
  let running = 0;
  const idleWaiters: (() => void)[] = [];
  slackApp.app.use(async ({ next }) => {
    running += 1;
    try {
      await next();
    } finally {
      running -= 1;
      if (running === 0) for (const wake of idleWaiters.splice(0)) wake();
    }
  });

  // The wiring the slack role does.
  const workspaceFor = (team: string) => (team === teamId ? workspaceId : undefined);
  const approvers = createApprovers({ extraApproverIds: [people.listed] });
  const publishHome = createHomePublisher({
    database: options.db,
    approvers,
    workspaceFor,
    logger,
    ...(options.now ? { now: options.now } : {}),
    ...(options.groupAccess ? { groupAccess: options.groupAccess } : {}),
  });
  const review = createReviewService({ database: options.db, approvers });
  registerAnswerActions(slackApp.app, { review, workspaceFor, publishHome, logger });
  registerDropApproval(slackApp.app, { review, workspaceFor, publishHome, logger });
  registerSabioCommand(slackApp.app, {
    database: options.db,
    workspaceFor,
    queueDepth: options.queueDepth ?? (async () => 0),
    logger,
    approvers,
    ...(options.now ? { now: options.now } : {}),
    ...(options.connectNotion
      ? { connectNotion: { approvers, linkFor: options.connectNotion.linkFor } }
      : {}),
    ...(options.connectDrive ? { connectDrive: { approvers, linkFor: options.connectDrive.linkFor } } : {}),
    ...(options.billing ? { billing: options.billing } : {}),
  });
  registerAppHome(slackApp.app, { publishHome, logger });
  const { port } = await slackApp.start();
  const eventsUrl = `http://127.0.0.1:${port}${slackEventsPath}`;

  async function post(body: string, contentType: string): Promise<SentRequest> {
    const started = performance.now();
    const response = await fetch(eventsUrl, {
      method: "POST",
      headers: { "content-type": contentType, ...signSlackRequest(body, signingSecret) },
      body,
    });
    const text = await response.text();
    return { status: response.status, body: text, ms: performance.now() - started };
  }

  return {
    slack,
    interact: (payload) => post(slackInteractionBody(payload), "application/x-www-form-urlencoded"),
    command: (text, userId = people.member, team = teamId) =>
      post(
        new URLSearchParams(
          slashCommand({ text, userId, teamId: team, responseUrl: respondServer.url }),
        ).toString(),
        "application/x-www-form-urlencoded",
      ),
    sendEvent: (event) => post(slackEventBody(event, { teamId }), "application/json"),
    responses: respondServer.bodies,
    whenIdle: () =>
      running === 0 ? Promise.resolve() : new Promise<void>((resolve) => idleWaiters.push(resolve)),
    async close() {
      await slackApp.stop();
      await respondServer.close();
      await proxy?.close();
      await slack.close();
    },
  };
}

export interface SeededAnswer {
  questionId: string;
  question: string;
  answer: string;
}

/** A question and its stored answer, as the bot and the answer worker leave them. */
export async function seedAnswer(
  db: Db,
  fields: {
    workspace?: string;
    question?: string;
    answer?: string;
    mode?: AnswerMode;
    createdAt?: Date;
  } = {},
): Promise<SeededAnswer> {
  const question = fields.question ?? "How many vacation days do we get?";
  const answer = fields.answer ?? "You get **25 days** a year [1].";
  const { id } = await recordQuestion(db, {
    workspaceId: fields.workspace ?? workspaceId,
    platform: "slack",
    eventId: `Ev${randomUUID()}`,
    channelId: channel,
    userId: people.member,
    text: question,
  });
  await recordAnswer(db, {
    questionId: id,
    mode: fields.mode ?? "generated",
    model: "gemma4:e4b",
    text: answer,
    sources: [handbook],
    ...(fields.createdAt ? { createdAt: fields.createdAt } : {}),
  });
  return { questionId: id, question, answer };
}

const handbook: AnswerSource = {
  n: 1,
  title: "Employee handbook",
  url: "https://example.com/handbook",
  documentId: "doc-handbook",
};

/**
 * Posts the answer's message in a thread under the question, through the Web API as the answer
 * worker does, and returns where it is: what a click on its buttons refers to.
 */
export async function postAnswerMessage(
  slack: SlackStandIn,
  seeded: SeededAnswer,
): Promise<{ channel: string; ts: string; threadTs: string }> {
  const question = slack.seedMessage(channel, { user: people.member, text: seeded.question });
  const client = new WebClient("xoxb-test-token", { slackApiUrl: slack.apiUrl });
  const [message] = answerBlocks(
    { text: seeded.answer, mode: "generated", model: "gemma4:e4b", sources: [handbook] },
    { questionId: seeded.questionId },
  );
  if (!message) throw new Error("answerBlocks returned no message");
  const posted = await client.chat.postMessage({
    channel,
    thread_ts: question.ts,
    text: message.text,
    blocks: message.blocks,
  });
  if (!posted.ts) throw new Error("chat.postMessage returned no ts");
  return { channel, ts: posted.ts, threadTs: question.ts };
}
