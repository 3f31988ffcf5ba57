import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, expect, it } from 'vitest';
import { openNodeSocket } from './node-socket.js';

let server: Server | undefined;
afterEach(() => new Promise<void>((done) => (server ? server.close(() => done()) : done())));

/** A server that refuses every WebSocket handshake with `status`, as the gateway does a token it does not take. */
async function refusing(status: number): Promise<string> {
  server = createServer();
  server.on('upgrade', (_req, socket) => {
    const body = JSON.stringify({ status });
    socket.end(
      `HTTP/1.1 ${status} Refused\r\nContent-Type: application/problem+json\r\nContent-Length: ${body.length}\r\nConnection: close\r\n\r\n${body}`,
    );
  });
  await new Promise<void>((listening) => server?.listen(0, '127.0.0.1', listening));
  return `ws://127.0.0.1:${(server.address() as AddressInfo).port}/v1/ws`;
}

const closeOf = (url: string) =>
  new Promise<{ unauthorized: boolean }>((closed) =>
    openNodeSocket(url, { kind: 'access_token', value: 'stale' }, { open: () => {}, message: () => {}, close: closed }),
  );

it('closes, marked unauthorized, when the handshake is refused with a 401, so the stream renews its token', async () => {
  expect(await closeOf(await refusing(401))).toEqual({ unauthorized: true });
});

it('closes when the handshake is refused otherwise, so the stream reconnects after its backoff', async () => {
  expect(await closeOf(await refusing(503))).toEqual({ unauthorized: false });
});
