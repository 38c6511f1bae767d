import { Agent, createServer, request as httpRequest } from "node:http";
import type { AddressInfo } from "node:net";

/** One request the model server handled: from its arrival here to the last byte of the reply. */
export interface ModelCall {
  /** e.g. "/api/chat", "/api/embed". */
  path: string;
  /** Date.now() when the request arrived. */
  start: number;
  /** Date.now() when the reply was fully sent back. */
  end: number;
}

export interface ModelTimer {
  /** Use as OLLAMA_HOST. */
  host: string;
  /** Every request that reached the model server through here, in order of completion. */
  calls: ModelCall[];
  close(): Promise<void>;
}

/**
 * Sits in front of the Ollama stand-in and times every request through it, so the time an answer
 * spent inside "the model" (query embedding and chat, both delayed by the stand-in's fixed latency)
 * is measured rather than assumed. The proxy hop itself (well under a millisecond on loopback) is
 * counted as model time, i.e. in Sabio's favour by that much.
 */
export async function startModelTimer(targetHost: string): Promise<ModelTimer> {
  const target = new URL(targetHost);
  const agent = new Agent({ keepAlive: true });
  const calls: ModelCall[] = [];
  const server = createServer((incoming, outgoing) => {
    const start = Date.now();
    const path = (incoming.url ?? "/").split("?")[0] ?? "/";
    outgoing.on("close", () => calls.push({ path, start, end: Date.now() }));
    const forwarded = httpRequest(
      {
        host: target.hostname,
        port: target.port,
        path: incoming.url,
        method: incoming.method,
        headers: incoming.headers,
        agent,
      },
      (response) => {
        outgoing.writeHead(response.statusCode ?? 502, response.headers);
        response.pipe(outgoing);
      },
    );
    forwarded.on("error", () => outgoing.destroy());
    incoming.pipe(forwarded);
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    host: `http://127.0.0.1:${port}`,
    calls,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
        agent.destroy();
      }),
  };
}

/** Milliseconds of [from, to] covered by at least one call (calls may overlap). */
export function modelTimeWithin(calls: ModelCall[], from: number, to: number): number {
  const clipped = calls
    .map((call) => ({ start: Math.max(call.start, from), end: Math.min(call.end, to) }))
    .filter((call) => call.end > call.start)
    .sort((a, b) => a.start - b.start);
  let total = 0;
  let coveredUntil = Number.NEGATIVE_INFINITY;
  for (const call of clipped) {
    const start = Math.max(call.start, coveredUntil);
    if (call.end > start) total += call.end - start;
    coveredUntil = Math.max(coveredUntil, call.end);
  }
  return total;
}
