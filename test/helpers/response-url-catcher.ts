import { createServer } from "node:http";
import type { AddressInfo } from "node:net";

export interface ResponseUrlCatcher {
  /** A response_url as Slack gives one for `teamId`, pointing here. */
  url: string;
  /** Each JSON body posted to it, in order. */
  bodies: Record<string, unknown>[];
  close(): Promise<void>;
}

/** Plays Slack's response_url endpoint: keeps each JSON body posted to it. */
export async function startResponseUrlCatcher(teamId: string): Promise<ResponseUrlCatcher> {
  const bodies: Record<string, unknown>[] = [];
  const server = createServer((request, response) => {
    let raw = "";
    request.setEncoding("utf8");
    request.on("data", (chunk: string) => {
      raw += chunk;
    });
    request.on("end", () => {
      bodies.push(JSON.parse(raw) as Record<string, unknown>);
      response.writeHead(200, { "content-type": "text/plain" }).end("ok");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/commands/${teamId}/1/response`,
    bodies,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
