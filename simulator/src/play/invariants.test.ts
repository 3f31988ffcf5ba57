import type { Order, TillgateEvent } from '@tillgate/sdk';
import { describe, expect, it } from 'vitest';
import { checkInvariants } from './invariants.js';
import { Ledger } from './ledger.js';
import type { TillWatcher } from './till-watcher.js';

const TILL = 'till_A';
const order = (id: string, over: Partial<Order> = {}) =>
  ({ id, amount: 1000, refunded_amount: 0, status: 'approved', ...over }) as Order;
const event = (id: string, seq: number, orderId: string) =>
  ({ id, seq, type: 'order.approved', data: { order: { id: orderId } } }) as TillgateEvent;
const watcher = (received: TillgateEvent[]) => ({ tillId: TILL, received }) as unknown as TillWatcher;

function paidRun() {
  const ledger = new Ledger();
  ledger.add({ id: 'o1', tillId: TILL, fate: 'pay', amount: 1000, refunded: 0, settled: true });
  const log = [event('e1', 1, 'o1'), event('e2', 2, 'o1')];
  return {
    ledger,
    view: {
      orders: new Map([['o1', order('o1')]]),
      logByTill: new Map([[TILL, log]]),
      readSeqByTill: new Map([[TILL, 2]]),
      strays: [] as Order[],
    },
    log,
  };
}

describe('the load invariants', () => {
  it('find nothing wrong in a consistent run', () => {
    const { ledger, view, log } = paidRun();
    expect(checkInvariants(ledger, view, [watcher(log)])).toEqual([]);
  });

  it('flag refunds above the payment and totals that disagree', () => {
    const { ledger, view, log } = paidRun();
    view.orders.set('o1', order('o1', { refunded_amount: 1200 }));
    const found = checkInvariants(ledger, view, [watcher(log)]).join('\n');
    expect(found).toMatch(/refunded 1200 of a 1000 payment/);
    expect(found).toMatch(/totals: refunded 1200 listed by the gateway, 0 by the simulator/);
  });

  it('flag a watcher that missed, repeated or reordered events', () => {
    const { ledger, view, log } = paidRun();
    const [first, second] = log as [TillgateEvent, TillgateEvent];
    expect(checkInvariants(ledger, view, [watcher([first])]).join()).toMatch(/1 events of the log never arrived/);
    expect(checkInvariants(ledger, view, [watcher([first, second, second])]).join()).toMatch(/delivered twice/);
    expect(checkInvariants(ledger, view, [watcher([second, first])]).join()).toMatch(/seq 1 after 2/);
  });

  it('flag an event the log did not have when it was read, not one logged after that read', () => {
    const { ledger, view, log } = paidRun();
    view.readSeqByTill.set(TILL, 5);
    expect(checkInvariants(ledger, view, [watcher([...log, event('e3', 3, 'o1')])])).toEqual([
      'watcher of till_A: 1 events arrived that the log does not have',
    ]);
    const afterRead = { ...event('e6', 6, 'o1'), type: 'order.expired' } as TillgateEvent;
    expect(checkInvariants(ledger, view, [watcher([...log, afterRead])])).toEqual([]);
  });

  it('flag an order of the run the simulator never saw created', () => {
    const { ledger, view, log } = paidRun();
    view.strays.push(order('o2', { order_ref: 'SIM-1-T1-7' }));
    expect(checkInvariants(ledger, view, [watcher(log)])).toEqual([
      'o2 (SIM-1-T1-7): listed by the gateway, but its create never answered 2xx',
    ]);
  });

  it('flag an order whose story ended in the wrong status', () => {
    const { ledger, view, log } = paidRun();
    view.orders.set('o1', order('o1', { status: 'expired' }));
    expect(checkInvariants(ledger, view, [watcher(log)])).toEqual(['o1: pay story ended expired']);
  });
});
