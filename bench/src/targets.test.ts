import { describe, expect, it } from 'vitest';
import type { Row } from './report.js';
import { judge } from './targets.js';

const create = (c: string, ratio: number, p99Ms: number): Row => ({ benchmark: 'create', case: c, ratio, p99Ms });

describe('judge', () => {
  it('meets a share and a latency when both are within their bounds', () => {
    expect(judge(create('postgres, c=16', 0.52, 24))).toEqual({
      target: '≥ 50 % of hello, p99 ≤ 25 ms',
      verdict: 'met',
    });
  });

  it('counts a missed share in percentage points and names each figure when a row has several targets', () => {
    expect(judge(create('postgres, c=16', 0.19, 103)).verdict).toBe('share missed by 31 pts, p99 missed by 78.0 ms');
    expect(judge(create('postgres, c=64', 0.6, 65.1)).verdict).toBe('share met, p99 missed by 5.1 ms');
  });

  it('writes a single target’s gap alone, in its own unit', () => {
    expect(judge({ benchmark: 'expiry', case: 'postgres, 100,000 orders', seconds: 8.4 })).toEqual({
      target: '≤ 2 s',
      verdict: 'missed by 6.4 s',
    });
    expect(judge({ benchmark: 'expiry', case: 'pglite, 100,000 orders', seconds: 4.9 }).verdict).toBe('met');
    expect(judge({ benchmark: 'event-latency', case: 'pay answer, one instance, postgres', p50Ms: 13.8 }).verdict).toBe(
      'missed by 9.8 ms',
    );
  });

  it('meets a bound exactly on it', () => {
    expect(judge({ benchmark: 'event-latency', case: 'two instances via Redis', p99Ms: 30 }).verdict).toBe('met');
    expect(judge(create('pglite, c=64', 0.17, 900)).verdict).toBe('met');
  });

  it('judges a full-size fan-out on its p99 and its peak memory, and not a smaller run', () => {
    const fanout: Row = {
      benchmark: 'fanout',
      case: '19,908 till clients, 1,000 events/s',
      p99Ms: 241,
      peakRssMiB: 373,
    };
    expect(judge(fanout)).toEqual({ target: 'p99 ≤ 100 ms, RSS ≤ 1 GiB', verdict: 'p99 missed by 141.0 ms, RSS met' });
    expect(judge({ ...fanout, case: '1,000 till clients, 1,000 events/s' })).toEqual({ target: '', verdict: '' });
  });

  it('says a figure was not measured rather than judging a failed row', () => {
    expect(judge({ benchmark: 'expiry', case: 'postgres, 100,000 orders', note: 'failed: boom' }).verdict).toBe(
      'not measured',
    );
  });

  it('leaves rows without a target empty', () => {
    expect(judge(create('postgres, c=1', 0.05, 18))).toEqual({ target: '', verdict: '' });
    expect(judge({ benchmark: 'sdk-size', case: 'browser core' })).toEqual({ target: '', verdict: '' });
  });
});
