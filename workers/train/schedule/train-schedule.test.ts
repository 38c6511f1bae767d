import { WebClient } from "@slack/web-api";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSlackTrainingAlerts } from "#bots/slack/alerts/slack-training-alerts.ts";
import { parseEnv } from "#shared/config/load-env.ts";
import { approvals, questions, sourceConnections, trainingRuns } from "#shared/db/schema.ts";
import { ensureWorkspace, listWorkspaceIds } from "#shared/db/workspace-repository.ts";
import { createOllamaChatModel } from "#shared/model/ollama-chat-model.ts";
import { closeRedisConnection, createRedisConnection } from "#shared/queue/redis-connection.ts";
import { removeQueues } from "#shared/queue/remove-queues.ts";
import { captureLogger, randomPrefix, testRedisUrl } from "#test/helpers/queue-test-kit.ts";
import { silentLogger } from "#test/helpers/silent-logger.ts";
import { sourceConnectionRow } from "#test/helpers/source-connection-row.ts";
import { makeTempDir } from "#test/helpers/temp-dir.ts";
import { testDatabaseBackends, useOpenTestDatabase } from "#test/helpers/test-database-backends.ts";
import { waitFor } from "#test/helpers/wait-for.ts";
import { type SlackStandIn, startSlackStandIn } from "#test/stand-ins/slack-server.ts";
import { runTraining, type TrainingDeps } from "../run-training.ts";
import { trainingSettingsFromEnv } from "../training-settings.ts";
import { type RunningTrainSchedule, startTrainSchedule } from "./start-train-schedule.ts";
import { tellAdminsTrainingFailed } from "./tell-admins-training-failed.ts";
import { keepTrainSchedule, trainSchedulerId } from "./train-schedule.ts";

const pglite = testDatabaseBackends.find((backend) => backend.kind === "pglite");
if (!pglite) throw new Error("pglite backend missing");
const people = { admin: "U0ADMIN", connector: "U0CONNECTOR" };

/**
 * The train role's night, fired now: the TRAIN_CRON job scheduler's next job is promoted instead
 * of waiting for 02:00. Real Redis, PGlite, runTraining, the Slack stand-in for the admin alert.
 */
describe("nightly training schedule (Redis, PGlite, Slack stand-in)", () => {
  const database = useOpenTestDatabase(pglite);
  const prefix = randomPrefix();
  const workerRedis = createRedisConnection(testRedisUrl, {
    role: "worker",
    name: "train-test-worker",
    logger: silentLogger(),
  });
  const producerRedis = createRedisConnection(testRedisUrl, {
    role: "producer",
    name: "train-test-producer",
    logger: silentLogger(),
  });
  const { logger, lines } = captureLogger();
  const trained: string[] = [];
  let temp: Awaited<ReturnType<typeof makeTempDir>>;
  let slack: SlackStandIn;
  let schedule: RunningTrainSchedule;

  beforeAll(async () => {
    temp = await makeTempDir();
    slack = await startSlackStandIn({
      users: { [people.admin]: { name: "ana", isAdmin: true }, [people.connector]: { name: "cora" } },
    });
    const { db } = database();
    for (const id of ["alpha", "beta", "charlie"]) await ensureWorkspace(db, id);
    // beta has one fresh approval (enough for TRAIN_MIN_EXAMPLES=1) and a source connected from Slack.
    await db.insert(questions).values({
      id: "q-beta",
      workspaceId: "beta",
      platform: "slack",
      eventId: "Ev1",
      text: "How do we deploy?",
    });
    await db.insert(approvals).values({ questionId: "q-beta", approvedBy: people.connector });
    const { id: _id, ...connection } = sourceConnectionRow({
      workspaceId: "beta",
      connectedBy: `slack:${people.connector}`,
      state: "ok",
    });
    await db.insert(sourceConnections).values({ id: "notion:beta", ...connection, source: "notion:beta" });

    const client = new WebClient("xoxb-test", { slackApiUrl: slack.apiUrl, retryConfig: { retries: 0 } });
    const env = parseEnv({ DATA_DIR: temp.path, TRAIN_MIN_EXAMPLES: "1" });
    const deps: TrainingDeps = {
      db,
      logger,
      settings: trainingSettingsFromEnv(env),
      // The trainer is never reached: the dataset step breaks the way a full disk would.
      buildDataset: async () => {
        throw new Error("ENOSPC: no space left on device, token=xoxb-never-shown");
      },
      chatModel: createOllamaChatModel({ host: "http://127.0.0.1:9" }),
      ollama: { host: "http://127.0.0.1:9" },
      now: () => new Date(),
      onFailed: tellAdminsTrainingFailed({
        db,
        alerts: [createSlackTrainingAlerts({ clientFor: async () => client, logger })],
        logger,
      }),
    };
    schedule = await startTrainSchedule({
      workerRedis,
      producerRedis,
      prefix,
      settings: { cron: "0 2 * * *", timezone: "Europe/Madrid" },
      listWorkspaces: () => listWorkspaceIds(db),
      train: (workspaceId) => {
        trained.push(workspaceId);
        return runTraining(deps, { workspaceId });
      },
      logger,
    });
    await schedule.ready();
  });

  afterAll(async () => {
    await schedule?.close();
    await removeQueues(producerRedis, prefix);
    await closeRedisConnection(workerRedis);
    await closeRedisConnection(producerRedis);
    await slack?.close();
    await temp?.remove();
  });

  it("keeps one scheduler on TRAIN_CRON in TIMEZONE, however many processes upsert it", async () => {
    await keepTrainSchedule(schedule.queue, { cron: "0 2 * * *", timezone: "Europe/Madrid" });
    const schedulers = await schedule.queue.getJobSchedulers();
    expect(schedulers).toMatchObject([{ key: trainSchedulerId, pattern: "0 2 * * *", tz: "Europe/Madrid" }]);
    expect(trained).toEqual([]);
  });

  it("a tick trains every workspace in turn: skipped ones logged with why, a failed one tells its admins", async () => {
    const [next] = await schedule.queue.getDelayed();
    if (!next) throw new Error("the scheduler made no job for the next tick");
    await next.promote();

    // The tick's own last word: every workspace's run is recorded and logged before it.
    await waitFor(async () =>
      lines.some((line) => line.msg === "nightly training done") ? true : undefined,
    );
    const runs = await database().db.select().from(trainingRuns);
    expect(runs).toHaveLength(3);
    expect(runs.every((row) => row.finishedAt !== null)).toBe(true);
    expect(trained).toEqual(["alpha", "beta", "charlie"]);
    const byWorkspace = Object.fromEntries(runs.map((run) => [run.workspaceId, run]));
    expect(byWorkspace.alpha?.status).toBe("skipped");
    expect(byWorkspace.charlie?.status).toBe("skipped");
    expect(byWorkspace.beta?.status).toBe("failed");

    const skipped = lines.filter((line) => line.msg === "nightly training skipped");
    expect(skipped.map((line) => line.workspaceId)).toEqual(["alpha", "charlie"]);
    expect(String(skipped[0]?.reason)).toContain("TRAIN_MIN_EXAMPLES");

    // The connector of beta's source hears of it, with the run id and where its log tail is.
    const [dm] = await waitFor(async () => {
      const messages = slack.messages(people.connector).filter((message) => message.bot_id);
      return messages.length > 0 ? messages : undefined;
    });
    expect(dm?.text).toContain("The nightly fine-tune of workspace beta failed");
    const body = JSON.stringify(dm?.blocks);
    expect(body).toContain(byWorkspace.beta?.id ?? "missing run id");
    expect(body).toContain("log_tail");
    expect(body).toContain("ENOSPC");
    expect(body).not.toContain("xoxb-never-shown");
    expect(body).toContain("The current model is unchanged");
    expect(slack.messages(people.admin).filter((message) => message.bot_id)).toEqual([]);
    expect(lines.some((line) => line.msg === "nightly training done")).toBe(true);
  });
});
