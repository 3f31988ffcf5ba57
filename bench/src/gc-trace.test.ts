import { describe, expect, it } from 'vitest';
import { allocationRate, isGcLine, parseCollections } from './gc-trace.js';

const line = (isolate: string, ms: number, kind: string, before: number, after: number) =>
  `[18056:${isolate}]     ${ms} ms: ${kind} ${before} (9.0) -> ${after} (9.9) MB, 1.44 / 0.00 ms  (average mu = 1.000, current mu = 1.000) allocation failure; `;

describe('the --trace-gc reading', () => {
  it('tells collections from log lines', () => {
    expect(isGcLine(line('0x256c1e70', 24, 'Scavenge', 3.8, 3.4))).toBe(true);
    expect(isGcLine('{"level":30,"msg":"order created"}')).toBe(false);
  });

  it('rates allocation by the heap grown between collections of the busiest isolate', () => {
    const output = [
      line('0xa', 100, 'Scavenge', 10, 4),
      '{"level":30,"msg":"between"}',
      line('0xb', 150, 'Scavenge', 50, 1),
      line('0xa', 200, 'Scavenge', 12, 5),
      line('0xa', 300, 'Mark-Compact (reduce)', 9, 3),
    ].join('\n');
    const collections = parseCollections(output);
    expect(collections.map((c) => c.kind)).toEqual(['Scavenge', 'Scavenge', 'Scavenge', 'Mark-Compact (reduce)']);
    // Isolate 0xa grew 12 - 4 = 8 MB, then 9 - 5 = 4 MB, in 200 ms; 0xb alone says nothing.
    expect(allocationRate(collections)).toBeCloseTo((12 * 2 ** 20) / 200);
  });

  it('gives no rate from fewer than two collections', () => {
    expect(allocationRate(parseCollections(line('0xa', 100, 'Scavenge', 10, 4)))).toBeUndefined();
  });
});
