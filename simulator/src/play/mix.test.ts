import { describe, expect, it } from 'vitest';
import { parseMix, pickFate } from './mix.js';
import { SeededRandom } from './random.js';

describe('the load mix', () => {
  it('parses weights and refuses unknown fates and empty mixes', () => {
    expect(parseMix('pay=70,expire=10,cancel=10,refund=10')).toEqual({ pay: 70, expire: 10, cancel: 10, refund: 10 });
    expect(parseMix('pay=1')).toEqual({ pay: 1, expire: 0, cancel: 0, refund: 0 });
    expect(() => parseMix('pay=70,steal=5')).toThrow(/unknown fate "steal"/);
    expect(() => parseMix('pay=0')).toThrow(/every weight is 0/);
  });

  it('draws fates in proportion and never one weighted 0', () => {
    const random = new SeededRandom(42);
    const mix = parseMix('pay=70,cancel=30');
    const counts = { pay: 0, expire: 0, cancel: 0, refund: 0 };
    for (let i = 0; i < 10_000; i++) counts[pickFate(mix, random)] += 1;
    expect(counts.expire + counts.refund).toBe(0);
    expect(counts.pay / 10_000).toBeCloseTo(0.7, 1);
  });

  it('replays the same fates from the same seed', () => {
    const draw = (seed: number) => {
      const random = new SeededRandom(seed);
      return Array.from({ length: 50 }, () => pickFate(parseMix('pay=1,expire=1,cancel=1,refund=1'), random));
    };
    expect(draw(7)).toEqual(draw(7));
    expect(draw(7)).not.toEqual(draw(8));
  });
});
