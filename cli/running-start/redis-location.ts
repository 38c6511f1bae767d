const loopback = new Set(["localhost", "127.0.0.1", "[::1]"]);

/**
 * Where a REDIS_URL points, without its credentials: `host:port/db`, e.g. `127.0.0.1:6379/0`. What
 * the running start tells other commands about its Redis (its URL may hold a password), and what
 * they compare with their own REDIS_URL. Loopback names count as one host.
 */
export function redisLocation(redisUrl: string): string {
  const url = new URL(redisUrl);
  const host = loopback.has(url.hostname.toLowerCase()) ? "127.0.0.1" : url.hostname.toLowerCase();
  const db = Number.parseInt(url.pathname.slice(1), 10);
  return `${host}:${url.port || "6379"}/${Number.isNaN(db) ? 0 : db}`;
}
