import type { Order, OrderStatus } from '../protocol/index.js';
import type { EventStream, WatchOptions } from './event-stream.js';

/** The statuses an order can still reach from each status. */
const REACHABLE: Record<OrderStatus, readonly OrderStatus[]> = {
  pending: ['approved', 'expired', 'cancelled', 'partially_refunded', 'refunded'],
  approved: ['partially_refunded', 'refunded'],
  partially_refunded: ['refunded'],
  expired: [],
  cancelled: [],
  refunded: [],
};

/**
 * @example
 * ```ts
 * { until: ['approved'], timeout: 60_000, signal: controller.signal }
 * ```
 */
export interface WaitForOptions {
  /** The statuses to wait for. */
  until: readonly OrderStatus[];
  /** Milliseconds to wait at most; the promise then rejects with a `TimeoutError` DOMException. */
  timeout?: number;
  /** Stops waiting; the promise rejects with the signal's reason. */
  signal?: AbortSignal;
}

/** Whether the wait is over: the order is in a wanted status, or can no longer reach one. */
export const isSettled = (status: OrderStatus, until: readonly OrderStatus[]): boolean =>
  until.includes(status) || !REACHABLE[status].some((s) => until.includes(s));

export interface WaitForDeps {
  read(signal: AbortSignal | undefined): Promise<Order>;
  watch(options: WatchOptions): EventStream;
}

/**
 * Subscribes first, then reads the order, then follows its events: whatever happened before the
 * subscription shows in the read, whatever after arrives as an event, so nothing is missed.
 */
export async function waitForOrder(options: WaitForOptions, deps: WaitForDeps): Promise<Order> {
  const signals = [options.signal, options.timeout === undefined ? undefined : AbortSignal.timeout(options.timeout)];
  const present = signals.filter((s): s is AbortSignal => s !== undefined);
  const signal = present.length > 0 ? AbortSignal.any(present) : undefined;
  let onReset = () => {};
  const stream = deps.watch({ ...(signal ? { signal } : {}), onReset: () => onReset() });
  try {
    return await new Promise<Order>((resolve, reject) => {
      const consider = (order: Order) => {
        if (isSettled(order.status, options.until)) resolve(order);
      };
      const reread = () => deps.read(signal).then(consider);
      onReset = () => void reread().catch(reject);
      (async () => {
        await stream.ready;
        await reread();
        for await (const event of stream) consider(event.data.order);
      })().catch(reject);
    });
  } finally {
    stream.close();
  }
}
