import { describe, expect, it } from 'vitest';
import { chooseFleet } from './fleet.js';

const store = (name: string, tills: number) => ({
  access_key: `ak_${name}`,
  secret_key: `sk_${name}`,
  tills: Array.from({ length: tills }, (_, i) => ({ id: `till_${name}${i}`, client_id: `${name}-${i}` })),
});

describe('the fleet of tills a run plays', () => {
  it('plays every till of the demo file when nothing is asked', () => {
    const fleet = chooseFleet(store('a', 2), {});
    expect(fleet.tills.map((t) => [t.tillId, t.store])).toEqual([
      ['till_a0', 1],
      ['till_a1', 1],
    ]);
    expect(fleet.shortfall).toBeUndefined();
  });

  it('plays N stores × M tills of a several-store file', () => {
    const fleet = chooseFleet(
      { stores: [store('a', 3), store('b', 3), store('c', 3)] },
      { stores: 2, tillsPerStore: 2 },
    );
    expect(fleet.tills.map((t) => t.tillId)).toEqual(['till_a0', 'till_a1', 'till_b0', 'till_b1']);
    expect(fleet.shortfall).toBeUndefined();
  });

  it('plays the tills that exist when more are asked and none can be created, and says why', () => {
    const fleet = chooseFleet(store('a', 2), { stores: 3, tillsPerStore: 4 });
    expect(fleet.tills).toHaveLength(2);
    expect(fleet.shortfall).toMatch(/^playing 2 of the 12 tills asked: the credentials hold 1 store with 2 tills/);
  });
});
