import { once } from "node:events";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { registerQuestionHandlers } from "#bots/slack/receive/register-question-handlers.ts";
import type { Producer } from "#shared/queue/enqueue.ts";
import type { JobPayloadInput } from "#shared/queue/job-catalog.ts";
import { closeRedisConnection, createRedisConnection } from "#shared/queue/redis-connection.ts";
import { deleteTestKeys } from "#test/helpers/delete-test-keys.ts";
import { randomPrefix, testRedisUrl } from "#test/helpers/queue-test-kit.ts";
import { silentLogger } from "#test/helpers/silent-logger.ts";
import { testDatabaseBackends, useTestDatabase } from "#test/helpers/test-database-backends.ts";
import { expectNoSecretsLogged } from "#test/slack/no-secrets-logged.ts";
import { botUserId, type OAuthHarness, startOAuthHarness } from "#test/slack/oauth-test-kit.ts";

const pglite = testDatabaseBackends.filter((backend) => backend.kind === "pglite");

/** The slack role's receiving side in OAuth mode: questions of each team go to that team's workspace. */
describe.each(pglite)("questions from installed teams ($kind)", (backend) => {
  const db = useTestDatabase(backend);
  const keyPrefix = randomPrefix();
  const redis = createRedisConnection(testRedisUrl, { role: "producer", logger: silentLogger() });
  const enqueued: JobPayloadInput<"questions">[] = [];
  /** Records instead of queueing: the queue itself is tested with the receive handlers. */
  const producer: Producer = {
    async enqueue(_queue, payload) {
      enqueued.push(payload as JobPayloadInput<"questions">);
      return { jobId: String(enqueued.length), duplicate: false };
    },
    async close() {},
  };
  let harness: OAuthHarness;

  beforeAll(async () => {
    if (redis.status !== "ready") await once(redis, "ready");
    harness = await startOAuthHarness(db());
    registerQuestionHandlers(harness.slackApp.app, {
      producer,
      redis,
      workspaceFor: harness.oauth.workspaceFor,
      logger: silentLogger(),
      keyPrefix,
    });
  });
  afterAll(async () => {
    await harness.close();
    await deleteTestKeys(redis, keyPrefix);
    await closeRedisConnection(redis);
  });

  it("enqueues a mention of the installed team's bot for the team's workspace, mention stripped", async () => {
    await harness.install();
    const mention = {
      type: "app_mention",
      user: "U0ASKER",
      text: `<@${botUserId}> how do I request time off?`,
      ts: "3.000100",
      channel: "C0GENERAL",
      event_ts: "3.000100",
    };
    expect(await harness.sendEvent(mention)).toBe(200);
    await vi.waitFor(() => expect(enqueued).toHaveLength(1));
    expect(enqueued[0]).toMatchObject({
      workspaceId: harness.teamId.toLowerCase(),
      teamId: harness.teamId,
      platform: "slack",
      text: "how do I request time off?",
    });
    // The 👀 went out with the team's own bot token.
    const reaction = await harness.slack.waitFor("reactions.add");
    expect(reaction[0]?.token).toBe(`xoxb-${harness.teamId}-stand-in`);
    expectNoSecretsLogged(harness.lines, harness.encryptionKey);
  });
});
