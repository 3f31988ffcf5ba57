import type { LiveEvent, ServerMessage } from '@tillgate/sdk/protocol';
import { describe, expect, it } from 'vitest';
import type { StoredEvent } from '../store/events.js';
import { EventFrames } from './event-frames.js';

const event = (seq: number): StoredEvent => ({
  id: `evt_${seq}`,
  seq,
  type: 'report.updated',
  merchantId: 'mer_1',
  environment: 'test',
  orderId: null,
  storeId: 'sto_1',
  tillId: null,
  data: { report: { id: 'rep_1' } },
  createdAt: new Date('2026-01-02T03:04:05.678Z'),
});

const view = (e: StoredEvent) =>
  ({ id: e.id, seq: e.seq, type: e.type, created_at: e.createdAt.toISOString(), data: e.data }) as LiveEvent;

describe('EventFrames', () => {
  it("answers each topic's event frame, as the protocol writes it", () => {
    const frames = new EventFrames(view);
    const e = event(7);
    const parsed = (topic: 'merchant' | 'store:sto_1') => JSON.parse(frames.frame(e, topic).toString('utf8'));
    expect(parsed('merchant')).toEqual({ op: 'event', topic: 'merchant', event: JSON.parse(JSON.stringify(view(e))) });
    expect((parsed('store:sto_1') as Extract<ServerMessage, { op: 'event' }>).topic).toBe('store:sto_1');
  });

  it('builds the view once per event and the frame once per topic, however many sockets ask', () => {
    let views = 0;
    const frames = new EventFrames((e) => {
      views++;
      return view(e);
    });
    const first = event(1);
    const second = event(2);
    const sent = Array.from({ length: 1000 }, (_, i) => frames.frame(first, i % 2 ? 'merchant' : 'store:sto_1'));
    frames.frame(second, 'merchant');
    expect(views).toBe(2);
    expect(new Set(sent).size).toBe(2);
    expect(frames.frame(second, 'merchant')).toBe(frames.frame(second, 'merchant'));
  });

  it('never answers one event with the frame of another', () => {
    const frames = new EventFrames(view);
    const seqOf = (e: StoredEvent) => JSON.parse(frames.frame(e, 'merchant').toString('utf8')).event.seq;
    const first = event(1);
    expect([seqOf(first), seqOf(event(2)), seqOf(first)]).toEqual([1, 2, 1]);
  });
});
