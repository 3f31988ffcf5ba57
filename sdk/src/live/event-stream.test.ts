import { describe, expect, it } from 'vitest';
import { ClientSecret } from '../auth/session.js';
import { TillgatePermissionError } from '../errors.js';
import type { ClientMessage, ServerMessage, TillgateEvent } from '../protocol/index.js';
import type { Authenticator } from '../transport/transport.js';
import { EventStream, type WatchOptions } from './event-stream.js';
import type { SocketHandlers } from './socket.js';

interface FakeConnection {
  credential: unknown;
  sent: ClientMessage[];
  handlers: SocketHandlers;
  push(message: ServerMessage): void;
  drop(): void;
}

/** A gateway end of the WebSocket that the test drives frame by frame. */
function fakeGateway() {
  const connections: FakeConnection[] = [];
  const waiters: Array<() => void> = [];
  const open = (_url: string, credential: unknown, handlers: SocketHandlers) => {
    const connection: FakeConnection = {
      credential,
      sent: [],
      handlers,
      push: (message) => handlers.message(JSON.stringify(message)),
      drop: () => handlers.close({ unauthorized: false }),
    };
    connections.push(connection);
    queueMicrotask(() => {
      handlers.open();
      for (const w of waiters.splice(0)) w();
    });
    return { send: (text: string) => connection.sent.push(JSON.parse(text)), close: () => connection.drop() };
  };
  const connection = async (n: number): Promise<FakeConnection> => {
    while (!connections[n]?.sent.length) await new Promise<void>((resolve) => waiters.push(resolve));
    return connections[n] as FakeConnection;
  };
  return { open, connection };
}

const event = (seq: number): TillgateEvent =>
  ({ id: `evt_${seq}`, seq, type: 'order.created', data: { order: { id: 'ord_1' } } }) as TillgateEvent;
const TOPIC = 'till:till_1';

function stream(options: WatchOptions = {}, auth: Authenticator = new ClientSecret('x')) {
  const gateway = fakeGateway();
  const s = new EventStream(
    {
      url: 'ws://g/v1/ws',
      topic: TOPIC,
      auth,
      open: gateway.open,
      backoff: { initialMs: 1, maxMs: 2 },
    },
    options,
  );
  return { s, ...gateway };
}

describe('EventStream', () => {
  it('after a 4401 close (credentials ended) reconnects with a renewed token and resumes with after_seq', async () => {
    let token = 1;
    const auth: Authenticator = {
      kind: 'access_token',
      bearer: () => Promise.resolve(`at_${token}`),
      renew: () => {
        token++;
        return true;
      },
    };
    const { s, connection } = stream({}, auth);
    const first = await connection(0);
    first.push({ op: 'subscribed', topic: TOPIC, seq: 10 });
    first.push({ op: 'event', topic: TOPIC, event: event(11) });
    first.handlers.close({ unauthorized: true });

    const second = await connection(1);
    expect([first.credential, second.credential]).toEqual([
      { kind: 'access_token', value: 'at_1' },
      { kind: 'access_token', value: 'at_2' },
    ]);
    expect(second.sent).toEqual([{ op: 'subscribe', topic: TOPIC, after_seq: 11 }]);
    s.close();
  });

  it('hands the gateway a fresh token on the open socket before the old one expires', async () => {
    let token = 1;
    const auth: Authenticator = {
      kind: 'access_token',
      bearer: () => Promise.resolve(`at_${token}`),
      renew: () => true,
      renewsInMs: () => 5,
    };
    const { s, connection } = stream({}, auth);
    const first = await connection(0);
    first.push({ op: 'subscribed', topic: TOPIC, seq: 10 });
    token = 2;
    await expect.poll(() => first.sent).toContainEqual({ op: 'auth', token: 'at_2' });
    token = 3;
    await expect.poll(() => first.sent, { timeout: 3000 }).toContainEqual({ op: 'auth', token: 'at_3' });
    expect(first.sent.filter((m) => m.op === 'auth')).toHaveLength(2);
    s.close();
  });

  it('resumes after a drop with after_seq and delivers no gap and no duplicate', async () => {
    const { s, connection } = stream();
    const first = await connection(0);
    expect(first.sent).toEqual([{ op: 'subscribe', topic: TOPIC }]);
    first.push({ op: 'subscribed', topic: TOPIC, seq: 10 });
    await s.ready;
    first.push({ op: 'event', topic: TOPIC, event: event(11) });
    first.push({ op: 'event', topic: TOPIC, event: event(12) });
    first.drop();

    const second = await connection(1);
    expect(second.sent).toEqual([{ op: 'subscribe', topic: TOPIC, after_seq: 12 }]);
    second.push({ op: 'subscribed', topic: TOPIC, seq: 14 });
    for (const seq of [12, 13, 14]) second.push({ op: 'event', topic: TOPIC, event: event(seq) });

    const seen: number[] = [];
    for await (const e of s) {
      seen.push(e.seq);
      if (e.seq === 14) break;
    }
    expect(seen).toEqual([11, 12, 13, 14]);
  });

  it('resumes from the subscription point when the drop came before any event', async () => {
    const { connection } = stream();
    const first = await connection(0);
    first.push({ op: 'subscribed', topic: TOPIC, seq: 7 });
    first.drop();
    expect((await connection(1)).sent).toEqual([{ op: 'subscribe', topic: TOPIC, after_seq: 7 }]);
  });

  it('replays from afterSeq when asked', async () => {
    const { connection } = stream({ afterSeq: 3 });
    expect((await connection(0)).sent).toEqual([{ op: 'subscribe', topic: TOPIC, after_seq: 3 }]);
  });

  it('tells the consumer to re-read on reset and then follows the live stream', async () => {
    let resets = 0;
    const { s, connection } = stream({ afterSeq: 1, onReset: () => resets++ });
    const c = await connection(0);
    c.push({ op: 'reset', topic: TOPIC });
    c.push({ op: 'subscribed', topic: TOPIC, seq: 500 });
    c.push({ op: 'event', topic: TOPIC, event: event(501) });
    for await (const e of s) {
      expect(e.seq).toBe(501);
      break;
    }
    expect(resets).toBe(1);
  });

  it('fails with a permission error for a topic the credentials may not watch', async () => {
    const { s, connection } = stream();
    (await connection(0)).push({
      op: 'error',
      topic: TOPIC,
      error: { type: 'urn:tillgate:error:forbidden', code: 'forbidden', title: 'Not allowed', status: 403 },
    });
    await expect(s.ready).rejects.toBeInstanceOf(TillgatePermissionError);
    await expect(s[Symbol.asyncIterator]().next()).rejects.toBeInstanceOf(TillgatePermissionError);
  });

  it('ends iteration on close and rejects it on abort', async () => {
    const closing = stream();
    const pending = closing.s[Symbol.asyncIterator]().next();
    closing.s.close();
    await expect(pending).resolves.toEqual({ done: true, value: undefined });

    const controller = new AbortController();
    const aborting = stream({ signal: controller.signal });
    const next = aborting.s[Symbol.asyncIterator]().next();
    controller.abort(new Error('left the page'));
    await expect(next).rejects.toThrow('left the page');
  });
});
