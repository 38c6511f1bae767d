import { createServer, request as httpRequest } from "node:http";
import type { AddressInfo } from "node:net";

export interface DelayingProxy {
  /** Use as `slackApiUrl`: same path as the target, another port. */
  apiUrl: string;
  close(): Promise<void>;
}

/**
 * Sits in front of the Slack stand-in and holds calls to some methods for a while before passing
 * them on: how a slow Slack is played, to show that enqueueing never waits for a reaction.
 */
export async function startDelayingProxy(
  targetApiUrl: string,
  delays: Record<string, number>,
): Promise<DelayingProxy> {
  const target = new URL(targetApiUrl);
  const server = createServer((incoming, outgoing) => {
    const method = (incoming.url ?? "").split("?")[0]?.split("/").pop() ?? "";
    setTimeout(() => {
      const forwarded = httpRequest(
        {
          host: target.hostname,
          port: target.port,
          path: incoming.url,
          method: incoming.method,
          headers: incoming.headers,
        },
        (response) => {
          outgoing.writeHead(response.statusCode ?? 502, response.headers);
          response.pipe(outgoing);
        },
      );
      forwarded.on("error", () => outgoing.destroy());
      incoming.pipe(forwarded);
    }, delays[method] ?? 0);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    apiUrl: `http://127.0.0.1:${port}${target.pathname}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
