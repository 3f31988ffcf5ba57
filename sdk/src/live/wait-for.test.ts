import { describe, expect, it } from 'vitest';
import { isSettled } from './wait-for.js';

describe('isSettled', () => {
  it('waits while a wanted status is still reachable and stops when it is reached or lost', () => {
    expect(isSettled('pending', ['approved'])).toBe(false);
    expect(isSettled('approved', ['approved'])).toBe(true);
    expect(isSettled('expired', ['approved'])).toBe(true);
    expect(isSettled('cancelled', ['approved'])).toBe(true);
    expect(isSettled('approved', ['refunded'])).toBe(false);
    expect(isSettled('partially_refunded', ['refunded'])).toBe(false);
    expect(isSettled('refunded', ['approved'])).toBe(true);
    expect(isSettled('partially_refunded', ['approved'])).toBe(true);
  });
});
