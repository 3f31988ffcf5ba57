import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { type Problem, WS_CLOSE } from '@tillgate/sdk/protocol';
import { type WebSocket, WebSocketServer } from 'ws';
import type { Grant } from '../services/accounts/grant.js';
import type { TokenRevocations } from '../services/accounts/token-revocations.js';
import { ApiError, problem } from '../services/errors.js';
import { Connection, type ConnectionDeps } from './ws-connection.js';
import { callerKey, SocketCounts } from './ws-limits.js';

export type { OrderOwner } from './ws-connection.js';

export interface WsOptions extends ConnectionDeps {
  /** The caller of an upgrade request and the credential it holds (a token or a client secret); throws when there is none. */
  authenticate(req: IncomingMessage): Promise<Grant>;
  revocations: Pick<TokenRevocations, 'ends' | 'hold' | 'release' | 'onChange'>;
  pingIntervalMs?: number;
  idleTimeoutMs?: number;
  /** How often open sockets are checked for an expired token (revocations are checked as they arrive). */
  sweepIntervalMs?: number;
}

/**
 * The heartbeat pings the open sockets a slice at a time, one slice per 1/HEARTBEAT_SLICES of its interval:
 * 20,000 sockets pinged in one turn held the event loop 1.4 s, and every frame waited behind them.
 */
const HEARTBEAT_SLICES = 25;

/** ws's own limit: a bigger frame closes its socket with 1009 before its payload is read. */
const MAX_FRAME_BYTES = 64 * 1024;

/**
 * `/v1/ws`: authenticates on the upgrade (401 there), then serves subscribe/unsubscribe/auth per API.md.
 * A frame ws cannot accept (too big, unmasked, not UTF-8, a reserved opcode or bit) closes that one socket
 * with ws's close code (1009, 1002, 1007) and one log line; nothing a peer sends reaches the process.
 */
export function attachWebSocketServer(server: Server, options: WsOptions): { close(): void } {
  // No per-message deflate: its zlib contexts cost hundreds of KiB per socket, and frames are small.
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME_BYTES, perMessageDeflate: false });
  const lastSeen = new WeakMap<WebSocket, number>();
  const connections = new Set<Connection>();
  const counts = new SocketCounts(options.limits);
  const slices = Array.from({ length: HEARTBEAT_SLICES }, () => new Set<WebSocket>());
  let joined = 0;

  const accept = (ws: WebSocket, socket: Duplex, grant: Grant, req: IncomingMessage) => {
    ws.on('error', (err: Error & { code?: string }) => {
      const code = err.code ?? 'unknown';
      if (code.startsWith('WS_ERR_')) options.log.warn({ code }, 'WebSocket closed on a bad frame');
      else options.log.debug({ code }, 'WebSocket socket error');
    });
    const caller = callerKey(grant.principal);
    const ip = req.socket.remoteAddress ?? '';
    const over = counts.admit(caller, ip);
    if (over) {
      const reason =
        over === 'caller' ? 'too many sockets for these credentials' : 'too many sockets from this address';
      return ws.close(WS_CLOSE.policyViolation, reason);
    }
    lastSeen.set(ws, Date.now());
    const slice = slices[joined++ % HEARTBEAT_SLICES] as Set<WebSocket>;
    slice.add(ws);
    options.metrics.webSockets.inc();
    const connection = new Connection(ws, socket, grant, options);
    connections.add(connection);
    ws.on('pong', () => lastSeen.set(ws, Date.now()));
    ws.on('message', () => lastSeen.set(ws, Date.now()));
    ws.on('close', () => {
      connections.delete(connection);
      slice.delete(ws);
      counts.release(caller, ip);
      options.metrics.webSockets.dec();
    });
  };

  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    // Node drops its own error listener from an upgraded socket: a peer resetting now must not crash us.
    socket.on('error', () => socket.destroy());
    if (new URL(req.url ?? '/', 'http://gateway').pathname !== '/v1/ws')
      return refuse(socket, problem('route_not_found', 'WebSockets live at /v1/ws'));
    options.authenticate(req).then(
      (grant) => {
        if (socket.destroyed) return;
        wss.handleUpgrade(req, socket, head, (ws) => accept(ws, socket, grant, req));
      },
      (err: unknown) =>
        refuse(socket, err instanceof ApiError ? problem(err.code, err.detail) : problem('unauthenticated')),
    );
  });

  const sweep = () => {
    for (const connection of connections) connection.verify();
  };
  const stopWatching = options.revocations.onChange(sweep);
  const sweeper = setInterval(sweep, options.sweepIntervalMs ?? 1000);
  sweeper.unref();

  const idleTimeout = options.idleTimeoutMs ?? 60_000;
  let beat = 0;
  const heartbeat = setInterval(
    () => {
      const now = Date.now();
      for (const ws of slices[beat++ % HEARTBEAT_SLICES] as Set<WebSocket>) {
        if (now - (lastSeen.get(ws) ?? 0) > idleTimeout) ws.terminate();
        else ws.ping();
      }
    },
    (options.pingIntervalMs ?? 25_000) / HEARTBEAT_SLICES,
  );
  heartbeat.unref();

  return {
    close() {
      clearInterval(heartbeat);
      clearInterval(sweeper);
      stopWatching();
      for (const ws of wss.clients) ws.close(WS_CLOSE.goingAway, 'going away');
      // A peer that never answers the close frame must not hold the drain up.
      setTimeout(() => {
        for (const ws of wss.clients) ws.terminate();
      }, 2000).unref();
      wss.close();
    },
  };
}

function refuse(socket: Duplex, p: Problem): void {
  const body = JSON.stringify(p);
  const reason = p.status === 401 ? 'Unauthorized' : p.status === 403 ? 'Forbidden' : 'Not Found';
  socket.end(
    `HTTP/1.1 ${p.status} ${reason}\r\nContent-Type: application/problem+json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
}
