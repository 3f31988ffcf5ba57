import type { OrderStatus } from '@tillgate/sdk';
import type { Fate } from './mix.js';

/** One order as the simulator drove it: what it asked for and what the gateway confirmed. */
export interface SimulatedOrder {
  id: string;
  tillId: string;
  fate: Fate;
  amount: number;
  /** Sum of the refunds the gateway accepted (201). */
  refunded: number;
  /** Set once the order's story is over: the status the simulator's own actions lead to. */
  settled: boolean;
  /** Why the story stopped early (an API error), if it did. */
  failure?: string;
}

/** The statuses an order may end in after its fate; `expire` orders are pending until their deadline passes. */
export const EXPECTED_STATUSES: Record<Fate, OrderStatus[]> = {
  pay: ['approved'],
  expire: ['pending', 'expired'],
  cancel: ['cancelled'],
  refund: ['refunded'],
};

/** Everything the simulator did, for the invariant checks and the summary. */
export class Ledger {
  readonly orders = new Map<string, SimulatedOrder>();
  readonly createLatenciesMs: number[] = [];
  readonly failures: string[] = [];

  add(order: SimulatedOrder): void {
    this.orders.set(order.id, order);
  }

  byTill(tillId: string): SimulatedOrder[] {
    return [...this.orders.values()].filter((o) => o.tillId === tillId);
  }
}
