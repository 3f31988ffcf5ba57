import { describe, expect, it } from 'vitest';
import { isId, pooledRandom, ulidFactory, ulidIds } from './ids.js';

describe('ulids', () => {
  it('sort in minting order within one millisecond and across them', () => {
    let ms = 1_700_000_000_000;
    const next = ulidFactory(() => ms);
    const minted: string[] = [];
    for (let i = 0; i < 1000; i++) {
      if (i % 300 === 0) ms++;
      minted.push(next());
    }
    expect(new Set(minted).size).toBe(minted.length);
    expect([...minted].sort()).toEqual(minted);
  });

  it('start each millisecond afresh at random, even past a spent pool', () => {
    let ms = 0;
    const next = ulidFactory(() => ms++, pooledRandom(32));
    const randomParts = new Set(Array.from({ length: 50 }, () => next().slice(10)));
    expect(randomParts.size).toBe(50);
  });

  it('carry their prefix and pass the id check', () => {
    const id = ulidIds({ now: () => new Date() })('ord');
    expect(isId('ord', id)).toBe(true);
    expect(id).toHaveLength(30);
  });
});
