import { randomBytes } from "node:crypto";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { GatewayCloseCodes, GatewayOpcodes } from "discord.js";
import { type WebSocket, WebSocketServer } from "ws";
import { createSignalLog, type SignalLog } from "../signal-log.ts";
import type { DiscordWorld } from "./discord-world.ts";
import { guildCreatePayload, readyPayload } from "./gateway-payloads.ts";
import { shapeForSession } from "./intent-filter.ts";

/** Something that happened on the gateway, for tests to assert on or wait for. */
export interface GatewayRecord {
  /** CONNECT, IDENTIFY, RESUME, HEARTBEAT, PRESENCE_UPDATE…, CLOSE (the stand-in closed a socket), DISCONNECT (the client did). */
  kind: string;
  sessionId?: string;
  /** The payload's `d`, the token left out. */
  data?: unknown;
  /** The connection's query (`v`, `encoding`, `compress`) for CONNECT; the close code for CLOSE/DISCONNECT. */
  query?: Record<string, string>;
  code?: number;
  at: number;
}

interface Dispatch {
  op: 0;
  s: number;
  t: string;
  d: unknown;
}

interface Session {
  id: string;
  intents: number;
  seq: number;
  /** Every dispatch sent or owed to this session, for RESUME to replay. */
  sent: Dispatch[];
  socket: WebSocket | undefined;
}

export interface GatewayOptions {
  world: DiscordWorld;
  heartbeatIntervalMs: number;
  /** Intent bits a bot may not have (a privileged intent whose portal switch is off): IDENTIFY gets 4014. */
  disallowedIntents: number;
}

export interface Gateway {
  /** ws://127.0.0.1:PORT — what `GET /gateway/bot` hands out; also every session's `resume_gateway_url`. */
  url: string;
  log: SignalLog<GatewayRecord>;
  sessions(): { id: string; intents: number; connected: boolean; seq: number }[];
  /** Sends a dispatch (op 0) to every session its intents allow, each with its own next sequence number. */
  dispatch(type: string, data: Record<string, unknown>): void;
  /**
   * Cuts every live connection: abruptly (no close frame, code 1006 on the client) by default, or with
   * `code` (e.g. 4000). Sessions stay resumable; dispatches until the RESUME are kept for its replay.
   */
  dropConnections(code?: number): void;
  /** Forgets every session and tells connected clients so (op 9, not resumable): they IDENTIFY anew. */
  invalidateSessions(): void;
  close(): Promise<void>;
}

const otherOpcodes = {
  [GatewayOpcodes.PresenceUpdate]: "PRESENCE_UPDATE",
  [GatewayOpcodes.VoiceStateUpdate]: "VOICE_STATE_UPDATE",
  [GatewayOpcodes.RequestGuildMembers]: "REQUEST_GUILD_MEMBERS",
} as const;

/** Discord's gateway (v10, JSON, no compression) on its own local port. */
export async function startGateway(options: GatewayOptions): Promise<Gateway> {
  const { world } = options;
  const log = createSignalLog<GatewayRecord>((record) => [record.kind]);
  const sessions = new Map<string, Session>();
  const httpServer = createServer((_request, response) => {
    response.writeHead(426, { "content-type": "text/plain" }).end("Upgrade Required");
  });
  const server = new WebSocketServer({ server: httpServer });
  await new Promise<void>((resolve, reject) => {
    httpServer.once("error", reject);
    httpServer.listen(0, "127.0.0.1", () => resolve());
  });
  const { port } = httpServer.address() as AddressInfo;
  const url = `ws://127.0.0.1:${port}`;

  const send = (socket: WebSocket | undefined, payload: unknown) => {
    if (socket && socket.readyState === socket.OPEN) socket.send(JSON.stringify(payload));
  };
  const closeSocket = (socket: WebSocket, code: number, sessionId?: string) => {
    log.record({ kind: "CLOSE", code, ...(sessionId ? { sessionId } : {}), at: world.now() });
    socket.close(code);
  };
  const deliver = (session: Session, type: string, data: Record<string, unknown>) => {
    const shaped = shapeForSession(session.intents, world.botUser.id, type, data);
    if (!shaped) return;
    session.seq += 1;
    const dispatch: Dispatch = { op: 0, s: session.seq, t: type, d: shaped };
    session.sent.push(dispatch);
    send(session.socket, dispatch);
  };

  server.on("connection", (socket, request) => {
    const query = Object.fromEntries(new URL(request.url ?? "/", url).searchParams);
    log.record({ kind: "CONNECT", query, at: world.now() });
    let session: Session | undefined;
    if (query.v !== "10") return closeSocket(socket, GatewayCloseCodes.InvalidAPIVersion);
    // Only JSON and no transport compression: what discord.js asks for without zlib-sync installed.
    if (query.encoding !== "json" || query.compress)
      return closeSocket(socket, GatewayCloseCodes.DecodeError);
    send(socket, {
      op: GatewayOpcodes.Hello,
      d: { heartbeat_interval: options.heartbeatIntervalMs },
      s: null,
      t: null,
    });

    socket.on("close", (code) => {
      log.record({
        kind: "DISCONNECT",
        code,
        ...(session ? { sessionId: session.id } : {}),
        at: world.now(),
      });
      if (!session || session.socket !== socket) return;
      session.socket = undefined;
      // A client closing normally ends its session; anything else (4200, 1006) may be resumed.
      if (code === 1000 || code === 1001) sessions.delete(session.id);
    });
    socket.on("message", (raw) => {
      let payload: { op?: unknown; d?: unknown };
      try {
        payload = JSON.parse(raw.toString());
      } catch {
        return closeSocket(socket, GatewayCloseCodes.DecodeError, session?.id);
      }
      const d = (payload.d ?? {}) as Record<string, unknown>;
      const { token: _token, ...withoutToken } =
        typeof payload.d === "object" && payload.d ? d : { value: payload.d };
      const record = (kind: string) =>
        log.record({
          kind,
          data: withoutToken,
          ...(session ? { sessionId: session.id } : {}),
          at: world.now(),
        });
      switch (payload.op) {
        case GatewayOpcodes.Heartbeat:
          record("HEARTBEAT");
          return send(socket, { op: GatewayOpcodes.HeartbeatAck, s: null, t: null, d: null });
        case GatewayOpcodes.Identify: {
          record("IDENTIFY");
          if (session) return closeSocket(socket, GatewayCloseCodes.AlreadyAuthenticated, session.id);
          if (d.token !== world.token) return closeSocket(socket, GatewayCloseCodes.AuthenticationFailed);
          const intents = d.intents;
          if (typeof intents !== "number" || !Number.isInteger(intents) || intents < 0) {
            return closeSocket(socket, GatewayCloseCodes.InvalidIntents);
          }
          if (intents & options.disallowedIntents)
            return closeSocket(socket, GatewayCloseCodes.DisallowedIntents);
          session = { id: randomBytes(16).toString("hex"), intents, seq: 0, sent: [], socket };
          sessions.set(session.id, session);
          deliver(session, "READY", readyPayload(world, session.id, url));
          for (const guildId of world.guilds.keys())
            deliver(session, "GUILD_CREATE", guildCreatePayload(world, guildId));
          return;
        }
        case GatewayOpcodes.Resume: {
          record("RESUME");
          if (d.token !== world.token) return closeSocket(socket, GatewayCloseCodes.AuthenticationFailed);
          const resumed = sessions.get(String(d.session_id));
          if (!resumed)
            return send(socket, { op: GatewayOpcodes.InvalidSession, d: false, s: null, t: null });
          if (resumed.socket && resumed.socket !== socket) resumed.socket.terminate();
          resumed.socket = socket;
          session = resumed;
          const after = typeof d.seq === "number" ? d.seq : 0;
          for (const dispatch of resumed.sent) if (dispatch.s > after) send(socket, dispatch);
          deliver(resumed, "RESUMED", { _trace: ['["stand-in-gateway",{"micros":0}]'] });
          return;
        }
        case GatewayOpcodes.PresenceUpdate:
        case GatewayOpcodes.VoiceStateUpdate:
        case GatewayOpcodes.RequestGuildMembers:
          record(otherOpcodes[payload.op]);
          if (!session) return closeSocket(socket, GatewayCloseCodes.NotAuthenticated);
          return;
        default:
          record("UNKNOWN_OPCODE");
          return closeSocket(socket, GatewayCloseCodes.UnknownOpcode, session?.id);
      }
    });
  });

  return {
    url,
    log,
    sessions: () =>
      [...sessions.values()].map((session) => ({
        id: session.id,
        intents: session.intents,
        connected: session.socket !== undefined,
        seq: session.seq,
      })),
    dispatch(type, data) {
      for (const session of sessions.values()) deliver(session, type, data);
    },
    dropConnections(code) {
      for (const session of sessions.values()) {
        const socket = session.socket;
        if (!socket) continue;
        session.socket = undefined;
        log.record({ kind: "CLOSE", sessionId: session.id, ...(code ? { code } : {}), at: world.now() });
        if (code) socket.close(code);
        else socket.terminate();
      }
    },
    invalidateSessions() {
      for (const session of sessions.values()) {
        log.record({ kind: "INVALID_SESSION", sessionId: session.id, at: world.now() });
        send(session.socket, { op: GatewayOpcodes.InvalidSession, d: false, s: null, t: null });
      }
      sessions.clear();
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        for (const client of server.clients) client.terminate();
        server.close();
        httpServer.close((error) => (error ? reject(error) : resolve()));
        httpServer.closeAllConnections();
      }),
  };
}
