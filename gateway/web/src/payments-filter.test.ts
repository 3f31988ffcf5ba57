import type { Order } from '@tillgate/sdk/protocol';
import { describe, expect, it } from 'vitest';
import { filtersFromQuery, matchesFilters, paymentsHash } from './payments-filter.js';

const order = {
  id: 'ord_1',
  order_ref: 'PDV-000123',
  status: 'approved',
  wallet: 'pix',
  amount: 1990,
  store_id: 'sto_1',
  till_id: 'till_1',
  created_at: '2026-06-01T12:00:00.250Z',
} as Order;

describe('a live order against the list filters', () => {
  it('matches no filter and each filter it meets', () => {
    expect(matchesFilters(order, {})).toBe(true);
    expect(
      matchesFilters(order, {
        status: 'approved',
        wallet: 'pix',
        store_id: 'sto_1',
        till_id: 'till_1',
        amount_min: 1990,
        amount_max: 1990,
        created_from: '2026-06-01T03:00:00.000Z',
        created_to: '2026-06-02T03:00:00.000Z',
        q: 'pdv-0001',
      }),
    ).toBe(true);
  });

  it('is left out by any filter it misses', () => {
    expect(matchesFilters(order, { status: 'pending' })).toBe(false);
    expect(matchesFilters(order, { wallet: 'picpay' })).toBe(false);
    expect(matchesFilters(order, { amount_min: 1991 })).toBe(false);
    expect(matchesFilters(order, { amount_max: 1989 })).toBe(false);
    expect(matchesFilters(order, { created_from: '2026-06-01T12:00:01.000Z' })).toBe(false);
    // `created_to` is exclusive, as the server reads it.
    expect(matchesFilters(order, { created_to: '2026-06-01T12:00:00.250Z' })).toBe(false);
    expect(matchesFilters(order, { q: 'ECOM' })).toBe(false);
  });
});

describe('the filters in the payments address', () => {
  it('go to the address under the API query names and come back the same', () => {
    const filters = {
      status: 'approved',
      wallet: 'pix',
      amount_min: 1000,
      amount_max: 250000,
      created_from: '2026-06-01T03:00:00.000Z',
      q: 'PDV 7',
    };
    const hash = paymentsHash(filters);
    expect(hash).toBe(
      '#/payments?amount_min=1000&amount_max=250000&status=approved&wallet=pix&q=PDV+7&created_from=2026-06-01T03%3A00%3A00.000Z',
    );
    const query = new URLSearchParams(hash.split('?')[1]);
    expect(filtersFromQuery(query)).toEqual(filters);
    expect(paymentsHash({})).toBe('#/payments');
  });

  it('drop names it does not know and amounts that are not whole centavos', () => {
    const query = new URLSearchParams('amount_min=10,5&amount_max=-3&colour=red&status=&wallet=picpay');
    expect(filtersFromQuery(query)).toEqual({ wallet: 'picpay' });
  });
});
