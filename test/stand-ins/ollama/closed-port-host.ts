import type { AddressInfo } from "node:net";
import { createServer } from "node:net";

/** A local URL nothing listens on: a port the OS just handed out and that was closed again. */
export async function closedPortHost(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}`;
}
