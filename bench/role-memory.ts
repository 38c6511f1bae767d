import { randomUUID } from "node:crypto";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { loadDotEnv, parseEnv } from "../shared/config/load-env.ts";
import { removeQueues } from "../shared/queue/remove-queues.ts";
import { startOllamaStandIn } from "../test/stand-ins/ollama-server.ts";
import { type SlackStandIn, startSlackStandIn } from "../test/stand-ins/slack-server.ts";
import { writeHandbook } from "./bench-handbook.ts";
import { freePort, spawnSabio, waitForLine } from "./sabio-process.ts";
import { burstFromChild } from "./slack-post.ts";
import { answersIn } from "./slack-questions.ts";
import {
  benchSlackApp,
  connectBenchRedis,
  ingestBenchHandbook,
  signedMention,
  standInStartEnv,
} from "./stand-in-sabio.ts";

/**
 * Resident memory of `sabio start` per role, run the way PM2 runs it (node_args and env from
 * ecosystem.config.cjs), against the Slack and Ollama stand-ins and real Redis.
 *
 * Each case starts its processes on a fresh data directory holding a small ingested handbook,
 * waits `settleMs` after "sabio started" (idle figure), then, for cases with the slack role,
 * POSTs `burstSize` signed mentions at once and waits until every one has its answer (peak =
 * highest RSS sampled every 100 ms, and the kernel's high-water mark). A probe loaded with
 * `--import` writes `process.memoryUsage()` so the V8 heap, the ArrayBuffers (PGlite's WASM
 * memory is one) and native memory can be told apart; /proc/<pid>/smaps gives the mappings.
 */

export interface RoleMemoryOptions {
  redisUrl?: string;
  /** PostgreSQL server for the split (PM2-like) cases; a fresh database is created and dropped. */
  postgresUrl?: string;
  burstSize?: number;
  /** Quiet after start before the idle figure. */
  settleMs?: number;
  /** Only the cases whose label is listed (all by default). */
  only?: string[];
  /** Replaces ecosystem.config.cjs's node_args / extra env (to compare settings). */
  nodeArgs?: string[];
  extraEnv?: Record<string, string>;
}

export interface MemorySample {
  rssMb: number;
  /** From /proc/<pid>/smaps_rollup: anonymous (heap, WASM, malloc) vs file-backed (code). */
  anonMb: number;
  fileMb: number;
  heapUsedMb: number;
  heapTotalMb: number;
  externalMb: number;
  arrayBuffersMb: number;
  /** Largest mappings by RSS (named: shared libraries, [heap]; "anon" lumps the rest). */
  top: { name: string; mb: number }[];
}

export interface ProcessMemory {
  roles: string;
  idle: MemorySample;
  burst?: { peakRssMb: number; highWaterMb: number; after: MemorySample };
}

export interface CaseResult {
  label: string;
  database: "pglite" | "postgres";
  processes: ProcessMemory[];
  burst?: { questions: number; answered: number; seconds: number };
}

export interface RoleMemoryResult {
  nodeArgs: string[];
  env: Record<string, string>;
  burstSize: number;
  cases: CaseResult[];
}

interface CaseDefinition {
  label: string;
  database: "pglite" | "postgres";
  /** One entry per process: its roles. */
  processes: string[][];
  burst: boolean;
}

const cases: CaseDefinition[] = [
  { label: "answer+slack", database: "pglite", processes: [["answer", "slack"]], burst: true },
  { label: "answer", database: "pglite", processes: [["answer"]], burst: false },
  { label: "slack", database: "pglite", processes: [["slack"]], burst: false },
  { label: "sync", database: "pglite", processes: [["sync"]], burst: false },
  { label: "web", database: "pglite", processes: [["web"]], burst: false },
  { label: "answer+slack (postgres)", database: "postgres", processes: [["answer", "slack"]], burst: true },
  {
    label: "answer | slack (postgres, PM2)",
    database: "postgres",
    processes: [["answer"], ["slack"]],
    burst: true,
  },
];

export const roleMemoryCases = cases.map((definition) => definition.label);

/** Written into the child with --import: its memoryUsage, 5 times a second, atomically. */
const probeSource = `
import { renameSync, writeFileSync } from "node:fs";
const path = process.env.SABIO_MEMORY_PROBE;
if (path) {
  const write = () => {
    writeFileSync(path + ".tmp", JSON.stringify(process.memoryUsage()));
    renameSync(path + ".tmp", path);
  };
  write();
  setInterval(write, 200).unref();
}`;

/** How PM2 starts each role (ecosystem.config.cjs): its node_args and env. */
export function pm2Settings(): { nodeArgs: string[]; env: Record<string, string> } {
  const require = createRequire(import.meta.url);
  const config = require("../ecosystem.config.cjs") as {
    apps: { node_args?: string[]; env?: Record<string, string> }[];
  };
  const app = config.apps[0];
  return { nodeArgs: app?.node_args ?? [], env: app?.env ?? {} };
}

export async function runRoleMemoryBench(options: RoleMemoryOptions = {}): Promise<RoleMemoryResult> {
  loadDotEnv();
  const redisUrl = options.redisUrl ?? parseEnv(process.env).REDIS_URL;
  const postgresUrl =
    options.postgresUrl ?? process.env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";
  const burstSize = options.burstSize ?? 300;
  const settleMs = options.settleMs ?? 10_000;
  const pm2 = pm2Settings();
  const nodeArgs = options.nodeArgs ?? pm2.nodeArgs;
  const extraEnv = options.extraEnv ?? pm2.env;
  const cleanups: (() => Promise<unknown>)[] = [];
  const results: CaseResult[] = [];
  try {
    const redis = await connectBenchRedis(redisUrl, "role-memory");
    cleanups.push(() => redis.quit());
    const temp = await mkdtemp(join(tmpdir(), "sabio-bench-memory-"));
    cleanups.push(() => rm(temp, { recursive: true, force: true }));
    const ollama = await startOllamaStandIn({ latencyMs: 0, tokenDelayMs: 0 });
    cleanups.push(() => ollama.stop());
    const handbook = join(temp, "handbook");
    await writeHandbook(handbook);

    for (const definition of cases) {
      if (options.only && !options.only.includes(definition.label)) continue;
      const prefix = `sabio-bench-mem-${randomUUID().slice(0, 8)}`;
      const { teamId, botUserId } = benchSlackApp;
      const slack = await startSlackStandIn({ teamId, botUserId });
      const caseTemp = await mkdtemp(join(temp, "case-"));
      const database =
        definition.database === "postgres" ? await createDatabase(postgresUrl, prefix) : undefined;
      try {
        const baseEnv: Record<string, string> = {
          PATH: process.env.PATH ?? "",
          HOME: caseTemp,
          DATA_DIR: join(caseTemp, "data"),
          ...(database ? { DATABASE_URL: database.url } : {}),
        };
        await ingestBenchHandbook(handbook, { ...baseEnv, OLLAMA_HOST: ollama.host }, caseTemp);
        const env = {
          ...standInStartEnv({
            baseEnv,
            ollamaHost: ollama.host,
            slackApiUrl: slack.apiUrl,
            redisUrl,
            prefix,
          }),
          ...extraEnv,
          NOTION_WEBHOOK_SECRET: "bench-webhook-secret",
        };
        results.push(await runCase(definition, { env, nodeArgs, slack, burstSize, settleMs, dir: caseTemp }));
      } finally {
        await slack.close();
        await removeQueues(redis, prefix).catch(() => {});
        await database?.drop();
      }
    }
  } finally {
    for (const cleanup of cleanups.reverse()) {
      await cleanup().catch((error: unknown) =>
        console.error(`role-memory bench: cleanup failed: ${String(error)}`),
      );
    }
  }
  return { nodeArgs, env: extraEnv, burstSize, cases: results };
}

interface CaseContext {
  env: Record<string, string>;
  nodeArgs: string[];
  slack: SlackStandIn;
  burstSize: number;
  settleMs: number;
  dir: string;
}

async function runCase(definition: CaseDefinition, context: CaseContext): Promise<CaseResult> {
  const running: Child[] = [];
  try {
    for (const [index, roles] of definition.processes.entries()) {
      const port = await freePort();
      const child = startChild(roles, {
        ...context,
        env: { ...context.env, PORT: String(port), WEB_PORT: String(await freePort()) },
        probe: join(context.dir, `probe-${index}.json`),
      });
      running.push(child);
      await child.started;
    }
    await sleep(context.settleMs);
    const idle = await Promise.all(running.map((child) => sample(child)));
    if (!definition.burst) {
      return {
        label: definition.label,
        database: definition.database,
        processes: running.map((child, index) => ({ roles: child.roles, idle: idle[index] as MemorySample })),
      };
    }
    const slackChild = running.find((child) => child.roles.includes("slack"));
    if (!slackChild) throw new Error(`${definition.label}: a burst needs the slack role`);
    const peaks = running.map(() => 0);
    const sampler = setInterval(() => {
      running.forEach((child, index) => {
        void rssMb(child.pid).then((mb) => {
          peaks[index] = Math.max(peaks[index] ?? 0, mb);
        });
      });
    }, 100);
    const started = performance.now();
    const channels = Array.from(
      { length: context.burstSize },
      (_, index) => `C0MEM${String(index).padStart(4, "0")}`,
    );
    const events = channels.map((channel, index) => signedMention(channel, index));
    await burstFromChild(`http://127.0.0.1:${slackChild.port}/slack/events`, events);
    const answered = await waitAnswered(context.slack, channels, 300_000);
    const seconds = (performance.now() - started) / 1000;
    clearInterval(sampler);
    const after = await Promise.all(running.map((child) => sample(child)));
    const highWater = await Promise.all(running.map((child) => statusMb(child.pid, "VmHWM")));
    return {
      label: definition.label,
      database: definition.database,
      processes: running.map((child, index) => ({
        roles: child.roles,
        idle: idle[index] as MemorySample,
        burst: {
          peakRssMb: Math.max(peaks[index] ?? 0, after[index]?.rssMb ?? 0),
          highWaterMb: highWater[index] ?? 0,
          after: after[index] as MemorySample,
        },
      })),
      burst: { questions: context.burstSize, answered, seconds },
    };
  } finally {
    for (const child of running.reverse()) await child.stop();
  }
}

interface Child {
  roles: string;
  pid: number;
  port: string;
  probe: string;
  started: Promise<void>;
  stop(): Promise<void>;
}

function startChild(roles: string[], context: CaseContext & { probe: string }): Child {
  const sabio = spawnSabio(
    ["start", ...roles],
    { ...context.env, SABIO_MEMORY_PROBE: context.probe },
    context.dir,
    [...context.nodeArgs, `--import=data:text/javascript,${encodeURIComponent(probeSource)}`],
  );
  return {
    roles: roles.join("+"),
    pid: sabio.child.pid ?? 0,
    port: context.env.PORT ?? "",
    probe: context.probe,
    started: waitForLine(sabio, /sabio started/, 60_000),
    async stop() {
      await sabio.stop();
    },
  };
}

const mb = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10;

async function sample(child: Child): Promise<MemorySample> {
  const usage = JSON.parse(await readFile(child.probe, "utf8")) as NodeJS.MemoryUsage;
  const rollup = await readFile(`/proc/${child.pid}/smaps_rollup`, "utf8");
  const field = (name: string) =>
    Number(new RegExp(`^${name}:\\s+(\\d+) kB`, "m").exec(rollup)?.[1] ?? 0) / 1024;
  const anon = field("Anonymous");
  return {
    rssMb: Math.round(field("Rss") * 10) / 10,
    anonMb: Math.round(anon * 10) / 10,
    fileMb: Math.round((field("Rss") - anon) * 10) / 10,
    heapUsedMb: mb(usage.heapUsed),
    heapTotalMb: mb(usage.heapTotal),
    externalMb: mb(usage.external),
    arrayBuffersMb: mb(usage.arrayBuffers),
    top: await topMappings(child.pid),
  };
}

/** RSS by mapping name (a library's file, [heap], [stack]); unnamed anonymous ones summed as "anon". */
async function topMappings(pid: number): Promise<{ name: string; mb: number }[]> {
  const smaps = await readFile(`/proc/${pid}/smaps`, "utf8");
  const byName = new Map<string, number>();
  let name = "anon";
  for (const line of smaps.split("\n")) {
    const header = /^[0-9a-f]+-[0-9a-f]+ \S+ \S+ \S+ \S+\s*(.*)$/.exec(line);
    if (header) {
      const path = header[1]?.trim() ?? "";
      name = path === "" ? "anon" : (path.split("/").at(-1) ?? path);
      continue;
    }
    const rss = /^Rss:\s+(\d+) kB/.exec(line);
    if (rss) byName.set(name, (byName.get(name) ?? 0) + Number(rss[1]) / 1024);
  }
  return [...byName.entries()]
    .map(([key, value]) => ({ name: key, mb: Math.round(value * 10) / 10 }))
    .sort((a, b) => b.mb - a.mb)
    .slice(0, 6);
}

async function statusMb(pid: number, field: string): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, "utf8").catch(() => "");
  return (
    Math.round((Number(new RegExp(`^${field}:\\s+(\\d+) kB`, "m").exec(status)?.[1] ?? 0) / 1024) * 10) / 10
  );
}

const rssMb = (pid: number) => statusMb(pid, "VmRSS");

/** Resolves with how many channels got their answer, once all have or the time is up. */
async function waitAnswered(slack: SlackStandIn, channels: string[], timeoutMs: number): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  const done = () => channels.filter((channel) => answersIn(slack, { channel }).answers > 0).length;
  while (Date.now() < deadline) {
    if (done() === channels.length) return channels.length;
    await sleep(250);
  }
  return done();
}

/** A database of its own on the server, so the split cases share state as PM2 deployments do. */
async function createDatabase(
  serverUrl: string,
  prefix: string,
): Promise<{ url: string; drop(): Promise<void> }> {
  const name = prefix.replaceAll("-", "_");
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const client = new pg.Client({ connectionString: serverUrl });
      await client.connect();
      await client.query(`drop database if exists ${name} with (force)`);
      await client.end();
    },
  };
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

export function formatRoleMemoryBench(result: RoleMemoryResult): string {
  const lines = [
    `Role memory: RSS of \`sabio start\` (node ${result.nodeArgs.join(" ") || "(no flags)"}; env ${
      Object.entries(result.env)
        .map(([key, value]) => `${key}=${value}`)
        .join(" ") || "(none)"
    }); burst = ${result.burstSize} mentions, all answered`,
    "  case / process                       idle RSS   anon  heap used/total  arrayBuf  burst peak  after",
  ];
  for (const entry of result.cases) {
    for (const process of entry.processes) {
      const { idle, burst } = process;
      const label = entry.processes.length > 1 ? `${entry.label}: ${process.roles}` : entry.label;
      lines.push(
        `  ${label.padEnd(36)}${`${idle.rssMb}`.padStart(6)} MB ${`${idle.anonMb}`.padStart(6)} ${`${idle.heapUsedMb}/${idle.heapTotalMb}`.padStart(16)} ${`${idle.arrayBuffersMb}`.padStart(9)} ${
          burst
            ? `${`${burst.peakRssMb}`.padStart(8)} MB ${`${burst.after.rssMb}`.padStart(6)}`
            : "         -"
        }`,
      );
      lines.push(`      top mappings (idle): ${idle.top.map((map) => `${map.name} ${map.mb}`).join(", ")}`);
    }
    if (entry.burst) {
      lines.push(
        `      burst: ${entry.burst.answered}/${entry.burst.questions} answered in ${entry.burst.seconds.toFixed(1)} s`,
      );
    }
  }
  return lines.join("\n");
}

if (import.meta.main) {
  const only = process.argv.slice(2);
  console.log(formatRoleMemoryBench(await runRoleMemoryBench(only.length > 0 ? { only } : {})));
  process.exit(0);
}
