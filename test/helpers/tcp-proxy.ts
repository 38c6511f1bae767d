import { connect, createServer, type Server, type Socket } from "node:net";

/** A TCP pass-through that a test can cut and restore: Redis going away and coming back. */
export interface TcpProxy {
  port: number;
  /** e.g. `redis://127.0.0.1:<port>` for a proxy in front of Redis. */
  url(scheme: string): string;
  /** Drops every open connection and refuses new ones (the port stays reserved for `restore`). */
  cut(): Promise<void>;
  /** Listens again on the same port. */
  restore(): Promise<void>;
  close(): Promise<void>;
}

export async function startTcpProxy(target: { host: string; port: number }, port = 0): Promise<TcpProxy> {
  const sockets = new Set<Socket>();
  let server: Server | undefined;
  let listeningPort = port;

  async function listen(): Promise<void> {
    const next = createServer((client) => {
      const upstream = connect(target.port, target.host);
      for (const socket of [client, upstream]) {
        sockets.add(socket);
        socket.on("close", () => sockets.delete(socket));
        socket.on("error", () => {
          client.destroy();
          upstream.destroy();
        });
      }
      client.pipe(upstream);
      upstream.pipe(client);
    });
    await new Promise<void>((resolve, reject) => {
      next.once("error", reject);
      next.listen(listeningPort, "127.0.0.1", () => resolve());
    });
    const address = next.address();
    if (address === null || typeof address === "string") throw new Error("proxy has no port");
    listeningPort = address.port;
    server = next;
  }

  async function cut(): Promise<void> {
    const current = server;
    server = undefined;
    for (const socket of sockets) socket.destroy();
    if (current) await new Promise((resolve) => current.close(resolve));
  }

  await listen();
  return {
    port: listeningPort,
    url: (scheme) => `${scheme}://127.0.0.1:${listeningPort}`,
    cut,
    restore: () => (server ? Promise.resolve() : listen()),
    close: cut,
  };
}
