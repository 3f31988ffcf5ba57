import type { TillgateEvent } from '@tillgate/sdk/protocol';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { LiveConnection } from './connection.js';

/** A WebSocket the test plays the gateway's side of. */
class FakeSocket {
  static OPEN = 1;
  static all: FakeSocket[] = [];
  readyState = 0;
  sent: unknown[] = [];
  onopen?: () => void;
  onmessage?: (m: { data: string }) => void;
  onclose?: (e: { code: number }) => void;
  constructor(readonly url: string) {
    FakeSocket.all.push(this);
  }
  send(text: string) {
    this.sent.push(JSON.parse(text));
  }
  close() {
    this.drop();
  }
  open() {
    this.readyState = 1;
    this.onopen?.();
  }
  push(message: unknown) {
    this.onmessage?.({ data: JSON.stringify(message) });
  }
  drop(code = 1006) {
    this.readyState = 3;
    this.onclose?.({ code });
  }
}

const event = (seq: number) => ({
  id: `evt_${seq}`,
  seq,
  type: 'order.created',
  data: { order: { id: `ord_${seq}` } },
});

describe('the live connection', () => {
  beforeEach(() => {
    FakeSocket.all = [];
    vi.useFakeTimers();
    vi.stubGlobal('WebSocket', FakeSocket);
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  it('delivers each event once, and after a drop resubscribes from the last seq it delivered', async () => {
    const live = new LiveConnection('ws://panel.test/v1/ws');
    const seen: number[] = [];
    live.subscribe('store:sto_1', { event: (e: TillgateEvent) => seen.push(e.seq) });
    const first = FakeSocket.all[0] as FakeSocket;
    first.open();
    expect(first.sent).toEqual([{ op: 'subscribe', topic: 'store:sto_1' }]);
    first.push({ op: 'subscribed', topic: 'store:sto_1', seq: 10 });
    first.push({ op: 'event', topic: 'store:sto_1', event: event(11) });
    first.push({ op: 'event', topic: 'store:sto_1', event: event(11) });
    first.push({ op: 'event', topic: 'store:sto_1', event: event(12) });
    first.drop();

    await vi.advanceTimersByTimeAsync(20_000);
    const second = FakeSocket.all[1] as FakeSocket;
    second.open();
    expect(second.sent).toEqual([{ op: 'subscribe', topic: 'store:sto_1', after_seq: 12 }]);
    second.push({ op: 'subscribed', topic: 'store:sto_1', seq: 13 });
    second.push({ op: 'event', topic: 'store:sto_1', event: event(12) });
    second.push({ op: 'event', topic: 'store:sto_1', event: event(13) });
    expect(seen).toEqual([11, 12, 13]);
    live.close();
  });

  it('replays an order from the start when asked, and starts afresh after a reset', () => {
    const live = new LiveConnection('ws://panel.test/v1/ws');
    const reset = vi.fn();
    live.subscribe('order:ord_1', { event: () => {}, reset }, 0);
    const socket = FakeSocket.all[0] as FakeSocket;
    socket.open();
    expect(socket.sent).toEqual([{ op: 'subscribe', topic: 'order:ord_1', after_seq: 0 }]);
    socket.push({ op: 'reset', topic: 'order:ord_1' });
    expect(reset).toHaveBeenCalledOnce();
    live.close();
  });

  it('asks a view joining a shared topic from an older seq to re-read, since the events between are gone for it', async () => {
    const live = new LiveConnection('ws://panel.test/v1/ws');
    const socket = FakeSocket.all[0] as FakeSocket;
    socket.open();
    live.subscribe('store:sto_1', { event: () => {} }, 4);
    socket.push({ op: 'subscribed', topic: 'store:sto_1', seq: 4 });
    socket.push({ op: 'event', topic: 'store:sto_1', event: event(5) });
    const level = vi.fn();
    live.subscribe('store:sto_1', { event: () => {}, reset: level }, 5);
    const behind = vi.fn();
    live.subscribe('store:sto_1', { event: () => {}, reset: behind }, 3);
    await Promise.resolve();
    expect(level).not.toHaveBeenCalled();
    expect(behind).toHaveBeenCalledOnce();
    expect(socket.sent).toHaveLength(1);
    live.close();
  });

  it('stops watching a topic when its last view leaves', () => {
    const live = new LiveConnection('ws://panel.test/v1/ws');
    const socket = FakeSocket.all[0] as FakeSocket;
    socket.open();
    const stopBoard = live.subscribe('store:sto_1', { event: () => {} });
    const stopList = live.subscribe('store:sto_1', { event: () => {} });
    stopBoard();
    expect(socket.sent).toEqual([{ op: 'subscribe', topic: 'store:sto_1' }]);
    stopList();
    expect(socket.sent.at(-1)).toEqual({ op: 'unsubscribe', topic: 'store:sto_1' });
    live.close();
  });

  it('after a 4401 close asks whether the session holds: comes back at once if so, stays closed if not', async () => {
    for (const holds of [true, false]) {
      FakeSocket.all = [];
      const asked: boolean[] = [];
      const live = new LiveConnection('ws://panel.test/v1/ws', undefined, async () => {
        asked.push(holds);
        return holds;
      });
      (FakeSocket.all[0] as FakeSocket).open();
      (FakeSocket.all[0] as FakeSocket).drop(4401);
      await vi.runAllTimersAsync();
      expect(asked).toEqual([holds]);
      expect(FakeSocket.all).toHaveLength(holds ? 2 : 1);
      expect(live.state).toBe('offline');
      live.close();
    }
  });
});
