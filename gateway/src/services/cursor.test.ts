import { describe, expect, it } from 'vitest';
import { decodeCursor, encodeCursor } from './cursor.js';
import { ApiError } from './errors.js';

const raw = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const codeOf = (cursor: string) => {
  try {
    decodeCursor(cursor);
    return 'accepted';
  } catch (err) {
    return err instanceof ApiError ? err.code : 'thrown';
  }
};

describe('cursors', () => {
  it('reads back what it wrote', () => {
    const last = { createdAt: new Date('2026-06-01T12:00:00.123Z'), id: 'ord_01JZ8Y3M2Q4W5E6R7T8Y9U0I1O' };
    expect(decodeCursor(encodeCursor(last))).toEqual(last);
  });

  it('refuses dates the database cannot hold, impossible dates and foreign ids with invalid_cursor', () => {
    expect(codeOf(raw(['+275000-01-01T00:00:00.000Z', 'ord_01JZ8Y3M2Q4W5E6R7T8Y9U0I1O']))).toBe('invalid_cursor');
    expect(codeOf(raw(['-005000-01-01T00:00:00.000Z', 'ord_01JZ8Y3M2Q4W5E6R7T8Y9U0I1O']))).toBe('invalid_cursor');
    expect(codeOf(raw(['2026-02-31T00:00:00.000Z', 'ord_01JZ8Y3M2Q4W5E6R7T8Y9U0I1O']))).toBe('invalid_cursor');
    expect(codeOf(raw(['2026-06-01T12:00:00.000Z', 'ord_\u0000']))).toBe('invalid_cursor');
    expect(codeOf(raw({ at: 1 }))).toBe('invalid_cursor');
    expect(codeOf('not base64 json')).toBe('invalid_cursor');
  });
});
