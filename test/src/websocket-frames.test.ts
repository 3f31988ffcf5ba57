import { WS_CLOSE } from '@tillgate/sdk/protocol';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ref } from './support/api.js';
import { startPgliteGateway, type TestGateway } from './support/gateway.js';
import { frame, RawWebSocket } from './support/raw-ws.js';
import { WsClient } from './support/ws.js';

/**
 * Issue 11, finding 1: a frame the WebSocket server cannot accept closes that socket with the right code
 * and nothing else; what one caller may hold is bounded. Frames and limits do not depend on the storage,
 * so one PGlite gateway serves the suite.
 */
describe('WebSocket frames and limits', () => {
  let t!: TestGateway;
  let token!: string;
  let secret!: string;
  const tillTopic = () => `till:${t.demo.tills[0]?.id}`;

  beforeAll(async () => {
    t = await startPgliteGateway({
      webSocketLimits: { socketsPerCaller: 3, socketsPerIp: 6, subscriptionsPerSocket: 2, messagesPerSecond: 20 },
    });
    token = await t.api.tillToken(0);
    secret = (await t.api.createOrder(token, { order_ref: ref('WSF'), wallet: 'pix', amount: 500 })).body.client_secret;
  });
  afterAll(() => t?.close());
  // Each test starts with no socket open, so the per-address count is the test's own.
  afterEach(async () => {
    await expect.poll(() => openSockets(t.url), { timeout: 5000 }).toBe(0);
  });

  /** The gateway still serves a socket subscribed before, and HTTP. */
  async function stillServing(bystander: WsClient): Promise<void> {
    const order = (await t.api.createOrder(token, { order_ref: ref('WSF'), wallet: 'pix', amount: 700 })).body;
    await bystander.waitForEvent((e) => e.type === 'order.created' && e.data.order.id === order.id);
    expect((await t.api.call('GET', '/healthz')).status).toBe(200);
  }

  const bad: Array<[string, () => Buffer, number]> = [
    ['a text frame of 64 KiB + 1', () => frame({ payload: Buffer.alloc(64 * 1024 + 1, 0x61) }), WS_CLOSE.tooBig],
    ['an unmasked frame', () => frame({ payload: '{"op":"subscribe"}', masked: false }), WS_CLOSE.protocolError],
    [
      'a text frame of invalid UTF-8',
      () => frame({ payload: Buffer.from([0x7b, 0xff, 0xfe, 0x7d]) }),
      WS_CLOSE.invalidPayload,
    ],
    ['a reserved opcode', () => frame({ payload: 'x', opcode: 0x3 }), WS_CLOSE.protocolError],
    ['a reserved bit (RSV1 without an extension)', () => frame({ payload: 'x', rsv: 0b100 }), WS_CLOSE.protocolError],
    [
      'a control frame longer than 125 bytes',
      () => frame({ payload: Buffer.alloc(200), opcode: 0x9 }),
      WS_CLOSE.protocolError,
    ],
  ];

  it.each(bad)(
    'closes the socket that sends %s with its code, and goes on serving the others',
    async (_, bytes, code) => {
      const bystander = await WsClient.open(t.url, `access_token=${encodeURIComponent(token)}`);
      await bystander.subscribe(tillTopic());
      const raw = await RawWebSocket.open(t.url, `client_secret=${encodeURIComponent(secret)}`);
      raw.write(bytes());
      expect((await raw.closeCode()).code).toBe(code);
      raw.destroy();
      await stillServing(bystander);
      bystander.close();
    },
  );

  it('survives a peer that resets its connection in the middle of a frame', async () => {
    const bystander = await WsClient.open(t.url, `access_token=${encodeURIComponent(token)}`);
    await bystander.subscribe(tillTopic());
    const raw = await RawWebSocket.open(t.url, `client_secret=${encodeURIComponent(secret)}`);
    raw.write(frame({ payload: Buffer.alloc(1000, 0x61) }).subarray(0, 300));
    raw.socket.resetAndDestroy();
    await stillServing(bystander);
    bystander.close();
  });

  it('closes with 1008 the socket beyond the limit per caller, and counts a closed one out', async () => {
    const query = `client_secret=${encodeURIComponent(secret)}`;
    const held = await Promise.all([1, 2, 3].map(() => WsClient.open(t.url, query)));
    const fourth = await WsClient.open(t.url, query);
    expect(await fourth.closed).toEqual({
      code: WS_CLOSE.policyViolation,
      reason: 'too many sockets for these credentials',
    });
    held[0]?.close();
    await held[0]?.closed;
    await expect.poll(() => openSockets(t.url)).toBe(2);
    const again = await WsClient.open(t.url, query);
    await again.subscribe(`order:${secret.split('_secret_')[0]}`);
    for (const ws of [...held, again]) ws.close();
  });

  it('closes with 1008 the socket beyond the limit per address, whoever holds it', async () => {
    const other = (await t.api.createOrder(token, { order_ref: ref('WSF'), wallet: 'pix', amount: 500 })).body;
    const fromA = await Promise.all(
      [1, 2, 3].map(() => WsClient.open(t.url, `client_secret=${encodeURIComponent(secret)}`)),
    );
    const fromB = await Promise.all(
      [1, 2, 3].map(() => WsClient.open(t.url, `client_secret=${encodeURIComponent(other.client_secret)}`)),
    );
    const seventh = await WsClient.open(t.url, `access_token=${encodeURIComponent(token)}`);
    expect(await seventh.closed).toEqual({
      code: WS_CLOSE.policyViolation,
      reason: 'too many sockets from this address',
    });
    for (const ws of [...fromA, ...fromB]) ws.close();
  });

  it('closes with 1008 a socket that subscribes to more topics than allowed; re-subscribing one is not another', async () => {
    const ws = await WsClient.open(t.url, `access_token=${encodeURIComponent(token)}`);
    const order = (await t.api.createOrder(token, { order_ref: ref('WSF'), wallet: 'pix', amount: 500 })).body;
    await ws.subscribe(tillTopic());
    await ws.subscribe(`order:${order.id}`);
    await ws.subscribe(tillTopic(), 0);
    ws.send({ op: 'subscribe', topic: `order:${secret.split('_secret_')[0]}` });
    expect(await ws.closed).toEqual({ code: WS_CLOSE.policyViolation, reason: 'too many subscriptions' });
  });

  it('closes with 1008 a socket that sends more messages a second than allowed', async () => {
    const ws = await WsClient.open(t.url, `access_token=${encodeURIComponent(token)}`);
    for (let i = 0; i < 25; i++) ws.send({ op: 'unsubscribe', topic: tillTopic() });
    expect(await ws.closed).toEqual({ code: WS_CLOSE.policyViolation, reason: 'too many messages' });
  });
});

async function openSockets(url: string): Promise<number> {
  const metrics = await (await fetch(`${url}/metrics`)).text();
  return Number(/^tillgate_websocket_connections (\d+)/m.exec(metrics)?.[1] ?? Number.NaN);
}
