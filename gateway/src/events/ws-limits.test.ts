import { describe, expect, it } from 'vitest';
import { MessageRate, SocketCounts } from './ws-limits.js';

const limits = { socketsPerCaller: 2, socketsPerIp: 3, subscriptionsPerSocket: 1, messagesPerSecond: 3 };

describe('SocketCounts', () => {
  it('admits up to the limit per caller and per address, and counts released sockets out', () => {
    const counts = new SocketCounts(limits);
    expect([counts.admit('till:a', '1'), counts.admit('till:a', '1'), counts.admit('till:a', '1')]).toEqual([
      undefined,
      undefined,
      'caller',
    ]);
    expect([counts.admit('till:b', '1'), counts.admit('till:c', '1')]).toEqual([undefined, 'ip']);
    expect(counts.admit('till:c', '2')).toBeUndefined();
    counts.release('till:a', '1');
    expect(counts.admit('till:a', '1')).toBeUndefined();
  });

  it('counts nothing against a limit of 0', () => {
    const counts = new SocketCounts({ ...limits, socketsPerCaller: 0, socketsPerIp: 0 });
    for (let i = 0; i < 100; i++) expect(counts.admit('app:x', '1')).toBeUndefined();
  });
});

describe('MessageRate', () => {
  it('allows its share in each second of monotonic time', () => {
    let now = 0;
    const rate = new MessageRate(3, () => now);
    expect([rate.allow(), rate.allow(), rate.allow(), rate.allow()]).toEqual([true, true, true, false]);
    now = 999;
    expect(rate.allow()).toBe(false);
    now = 1000;
    expect([rate.allow(), rate.allow(), rate.allow(), rate.allow()]).toEqual([true, true, true, false]);
    expect(new MessageRate(0, () => now).allow()).toBe(true);
  });
});
