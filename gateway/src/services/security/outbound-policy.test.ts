import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiError } from '../errors.js';
import { OutboundPolicy, REFUSED, type Resolve } from './outbound-policy.js';

/** Only loopback is ever connected to: every other address below is refused before any socket opens. */
describe('OutboundPolicy', () => {
  let server: Server;
  let port = 0;
  let hits = 0;
  beforeAll(async () => {
    server = createServer((req, res) => {
      hits++;
      req.resume();
      res.writeHead(204).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const names: Record<string, string[]> = { 'local.test': ['127.0.0.1'], 'inside.test': ['127.0.0.1', '10.9.8.7'] };
  const resolve: Resolve = async (hostname) =>
    (names[hostname] ?? []).map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
  const send = (policy: OutboundPolicy, url: string, environment: 'test' | 'live') =>
    policy.post(url, environment, { headers: {}, body: '{}', timeoutMs: 2000 });

  it('delivers to loopback in test only, by address and by name', async () => {
    const policy = new OutboundPolicy([], resolve);
    const before = hits;
    expect(await send(policy, `http://127.0.0.1:${port}/`, 'test')).toEqual({ statusCode: 204, error: null });
    expect(await send(policy, `http://local.test:${port}/`, 'test')).toEqual({ statusCode: 204, error: null });
    expect(await send(policy, `http://127.0.0.1:${port}/`, 'live')).toEqual({ statusCode: null, error: REFUSED });
    expect(await send(policy, `http://2130706433:${port}/`, 'live')).toEqual({ statusCode: null, error: REFUSED });
    expect(await send(policy, `http://local.test:${port}/`, 'live')).toEqual({ statusCode: null, error: REFUSED });
    expect(hits).toBe(before + 2);
  });

  it('refuses a name when any of its addresses is refused', async () => {
    const before = hits;
    expect(await send(new OutboundPolicy([], resolve), `http://inside.test:${port}/`, 'test')).toEqual({
      statusCode: null,
      error: REFUSED,
    });
    expect(hits).toBe(before);
  });

  it("reaches the operator's networks, in live too", async () => {
    const policy = new OutboundPolicy(['127.0.0.0/8', '10.9.0.0/16'], resolve);
    const before = hits;
    expect(await send(policy, `http://127.0.0.1:${port}/`, 'live')).toEqual({ statusCode: 204, error: null });
    expect(await send(policy, `http://local.test:${port}/`, 'live')).toEqual({ statusCode: 204, error: null });
    expect(hits).toBe(before + 2);
    expect(() => policy.checkUrl('http://10.9.1.1/', 'live', 'url')).not.toThrow();
    expect(() => policy.checkUrl('http://10.10.1.1/', 'live', 'url')).toThrow(ApiError);
  });

  it('names the field it refuses', () => {
    const policy = new OutboundPolicy([], resolve);
    try {
      policy.checkUrl('http://169.254.169.254/', 'test', 'callback_url');
      expect.unreachable();
    } catch (err) {
      expect(err).toMatchObject({ code: 'validation_failed', errors: [{ field: 'callback_url' }] });
    }
  });

  it('takes the status and lets go of a receiver that never finishes its body', async () => {
    const stalling = createServer((req, res) => {
      req.resume();
      res.writeHead(200, { 'content-length': '1000' }).write('partial');
    });
    await new Promise<void>((resolve) => stalling.listen(0, '127.0.0.1', resolve));
    const closed = new Promise<void>((resolve) =>
      stalling.once('connection', (socket) => socket.once('close', resolve)),
    );
    const { port: stallingPort } = stalling.address() as AddressInfo;
    const answer = await new OutboundPolicy([], resolve).post(`http://127.0.0.1:${stallingPort}/`, 'test', {
      headers: {},
      body: '{}',
      timeoutMs: 30_000,
    });
    expect(answer).toEqual({ statusCode: 200, error: null });
    await closed;
    await new Promise<void>((resolve) => stalling.close(() => resolve()));
  }, 5_000); // well before the 30 s delivery timeout
});
