import { afterAll, beforeAll, expect } from "vitest";
import {
  type TestDatabaseBackend,
  testDatabaseBackends,
  useTestDatabase,
} from "#test/helpers/test-database-backends.ts";
import {
  type InteractionHarness,
  type InteractionHarnessOptions,
  startInteractionHarness,
} from "./interaction-test-kit.ts";

/**
 * What the `/sabio connect <source>` tests share: a harness on a fresh PostgreSQL database per
 * suite, a command that must be acknowledged at once, and the consent link read out of the reply.
 */

/** The ephemeral reply Slack receives on the response URL. */
export interface CommandAnswer {
  response_type: string;
  text: string;
}

function postgresBackend(): TestDatabaseBackend {
  const postgres = testDatabaseBackends.find((backend) => backend.kind === "postgres");
  if (!postgres) throw new Error("no PostgreSQL test backend");
  return postgres;
}

/**
 * Starts an interaction harness on a fresh PostgreSQL database before the enclosing suite, with
 * `/sabio connect` wired as `connect` says, and closes both after; returns a getter for the tests.
 */
export function useConnectCommandHarness(
  connect: Pick<InteractionHarnessOptions, "connectNotion" | "connectDrive">,
): () => InteractionHarness {
  const db = useTestDatabase(postgresBackend());
  let harness: InteractionHarness | undefined;
  beforeAll(async () => {
    harness = await startInteractionHarness({ db: db(), ...connect });
  });
  afterAll(async () => {
    await harness?.close();
  });
  return () => {
    if (!harness) throw new Error("the interaction harness is not started yet");
    return harness;
  };
}

/**
 * Sends `/sabio <text>` as `userId` (from `team`), expects Slack's 3-second ack to be met, and
 * returns the ack and the later answer.
 */
export async function sendCommand(
  harness: InteractionHarness,
  text: string,
  userId: string,
  team?: string,
): Promise<{ ack: string; answer: CommandAnswer }> {
  const before = harness.responses.length;
  const sent = await harness.command(text, userId, team);
  expect(sent.status).toBe(200);
  expect(sent.ms).toBeLessThan(3_000);
  await harness.whenIdle();
  const answer = harness.responses[before] as CommandAnswer | undefined;
  if (!answer) throw new Error("no answer");
  return { ack: sent.body, answer };
}

/** The URL of the mrkdwn link `<url|label>` in `text` (Slack escapes `&` as `&amp;`). */
export function linkIn(text: string, label: string): URL {
  const match = [...text.matchAll(/<([^|>]+)\|([^>]*)>/g)].find((link) => link[2] === label);
  if (!match?.[1]) throw new Error(`no link in ${text}`);
  return new URL(match[1].replaceAll("&amp;", "&"));
}
