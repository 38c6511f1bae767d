import { spawn } from "node:child_process";
import { Agent, get as httpGet, request as httpRequest } from "node:http";
import { text } from "node:stream/consumers";
import { fileURLToPath } from "node:url";

/** A signed Events API delivery, ready to POST. */
export interface SignedEvent {
  body: string;
  headers: Record<string, string>;
}

export interface Ack {
  status: number;
  /** From starting the request to the end of the response. */
  ms: number;
}

/**
 * POSTs one delivery through `agent` (node:http: a lighter client than fetch, so less of the
 * bench's own CPU). A failed or unanswered request (10 s) comes back as status 0, never a throw.
 */
export function postEvent(url: string, event: SignedEvent, agent: Agent): Promise<Ack> {
  const target = new URL(url);
  return new Promise((resolve) => {
    const started = performance.now();
    const failed = () => resolve({ status: 0, ms: performance.now() - started });
    const outgoing = httpRequest(
      {
        hostname: target.hostname,
        port: target.port,
        path: target.pathname,
        method: "POST",
        headers: { ...event.headers, "content-length": String(Buffer.byteLength(event.body)) },
        agent,
      },
      (response) => {
        response.resume();
        response.on("end", () =>
          resolve({ status: response.statusCode ?? 0, ms: performance.now() - started }),
        );
        response.on("error", failed);
      },
    );
    outgoing.setTimeout(10_000, () => outgoing.destroy(new Error("no response within 10 s")));
    outgoing.on("error", failed);
    outgoing.end(event.body);
  });
}

/**
 * POSTs every delivery at once, each on a new connection (a fresh agent, closed afterwards), as
 * many senders hitting the endpoint together would.
 */
async function postAllAtOnce(url: string, events: SignedEvent[]): Promise<Ack[]> {
  const agent = new Agent({ keepAlive: true });
  try {
    return await Promise.all(events.map((event) => postEvent(url, event, agent)));
  } finally {
    agent.destroy();
  }
}

/**
 * A burst sent from a process of its own (this file run as a script), as Slack's senders are:
 * the bench process also serves the Slack and Ollama stand-ins, which Sabio calls during the
 * burst, and acks read on that busy event loop would be timed late.
 */
export async function burstFromChild(url: string, events: SignedEvent[]): Promise<Ack[]> {
  const child = spawn(process.execPath, [fileURLToPath(import.meta.url)], {
    stdio: ["pipe", "pipe", "pipe"],
  });
  const output = text(child.stdout);
  const errors = text(child.stderr);
  const exited = new Promise<number | null>((resolve) => child.once("exit", resolve));
  child.stdin.end(JSON.stringify({ url, events }));
  const code = await exited;
  if (code !== 0) throw new Error(`burst sender exited with ${code}: ${await errors}`);
  return JSON.parse(await output) as Ack[];
}

const bareServerScript = `
const { createServer } = require("node:http");
const server = createServer((request, response) => {
  request.resume();
  request.on("end", () => { response.writeHead(200); response.end(); });
});
server.listen(0, "127.0.0.1", () => console.log("port " + server.address().port));
process.stdin.on("end", () => process.exit(0)).resume();
`;

/**
 * The floor for the ack figures, measured in the same run: a bare node:http server in its own
 * process that reads the body and answers 200, nothing else. What the bench's client, the kernel
 * and Node's HTTP stack cost on this machine; Sabio's share of an ack is the difference.
 */
export async function startBareServer(): Promise<{ url: string; stop(): Promise<void> }> {
  // Its stdin is a pipe from here: it exits when this process does, however that happens.
  const child = spawn(process.execPath, ["-e", bareServerScript], { stdio: ["pipe", "pipe", "ignore"] });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const port = await new Promise<string>((resolve, reject) => {
    child.once("exit", (code) => reject(new Error(`bare server exited with ${code}`)));
    child.stdout.on("data", (data: Buffer) => {
      const match = /port (\d+)/.exec(data.toString());
      if (match?.[1]) resolve(match[1]);
    });
  });
  return {
    url: `http://127.0.0.1:${port}/slack/events`,
    async stop() {
      child.kill("SIGTERM");
      await exited;
    },
  };
}

if (import.meta.main) {
  const { url, events } = JSON.parse(await text(process.stdin)) as { url: string; events: SignedEvent[] };
  // One request first, not timed, so this fresh process's HTTP client is warm (no event sent).
  await new Promise<void>((resolve, reject) => {
    httpGet(new URL("/healthz", url), (response) => response.resume().on("end", resolve)).on("error", reject);
  });
  process.stdout.write(JSON.stringify(await postAllAtOnce(url, events)));
}
