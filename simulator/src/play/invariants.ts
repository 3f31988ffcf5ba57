import type { Order, Tillgate, TillgateEvent } from '@tillgate/sdk';
import { EXPECTED_STATUSES, type Ledger } from './ledger.js';
import type { TillWatcher } from './till-watcher.js';

/** What the gateway holds for this run, read back over the public API at the end. */
export interface GatewayView {
  orders: Map<string, Order>;
  /** The event log of each till, restricted to this run's orders. */
  logByTill: Map<string, TillgateEvent[]>;
  /** The newest seq of the whole log when each till's log was read: later events (an expiry) may reach a watcher before it closes. */
  readSeqByTill: Map<string, number>;
  /** Orders with this run's reference that the simulator never saw created: a failed create left one behind. */
  strays: Order[];
}

export async function readGatewayView(
  tills: Array<{ tillId: string; client: Tillgate }>,
  ledger: Ledger,
  runRef: string,
): Promise<GatewayView> {
  const orders = new Map<string, Order>();
  const logByTill = new Map<string, TillgateEvent[]>();
  const readSeqByTill = new Map<string, number>();
  const strays: Order[] = [];
  for (const { tillId, client } of tills) {
    for await (const order of client.orders.list({ till_id: tillId, q: runRef, limit: 100 }))
      if (ledger.orders.has(order.id)) orders.set(order.id, order);
      else strays.push(order);
    const log: TillgateEvent[] = [];
    let readSeq = 0;
    for await (const event of client.events.list({ limit: 500 })) {
      readSeq = Math.max(readSeq, event.seq);
      if (ledger.orders.get(event.data.order.id)?.tillId === tillId) log.push(event);
    }
    logByTill.set(tillId, log);
    readSeqByTill.set(tillId, readSeq);
  }
  return { orders, logByTill, readSeqByTill, strays };
}

/**
 * Every invariant of a load run, each violation as one readable line: refunds never exceed payments;
 * each order ends where its story leads; each till's watcher got every event of its till, in order, once;
 * the totals the gateway lists match what the simulator did, centavo for centavo.
 */
export function checkInvariants(ledger: Ledger, view: GatewayView, watchers: TillWatcher[]): string[] {
  const violations: string[] = [];
  for (const sim of ledger.orders.values()) {
    const order = view.orders.get(sim.id);
    if (!order) {
      violations.push(`${sim.id}: created by the simulator but not listed by GET /v1/orders`);
      continue;
    }
    if (order.refunded_amount > order.amount)
      violations.push(`${sim.id}: refunded ${order.refunded_amount} of a ${order.amount} payment`);
    if (order.refunded_amount !== sim.refunded)
      violations.push(
        `${sim.id}: the gateway says ${order.refunded_amount} refunded, the simulator got ${sim.refunded}`,
      );
    if (order.amount !== sim.amount) violations.push(`${sim.id}: amount ${order.amount}, asked ${sim.amount}`);
    if (sim.settled && !EXPECTED_STATUSES[sim.fate].includes(order.status))
      violations.push(`${sim.id}: ${sim.fate} story ended ${order.status}`);
  }
  for (const stray of view.strays)
    violations.push(`${stray.id} (${stray.order_ref}): listed by the gateway, but its create never answered 2xx`);
  for (const watcher of watchers) violations.push(...watcherViolations(watcher, ledger, view));
  violations.push(...totalsViolations(ledger, view));
  return violations;
}

function watcherViolations(watcher: TillWatcher, ledger: Ledger, view: GatewayView): string[] {
  const ours = watcher.received.filter((e) => ledger.orders.get(e.data.order.id)?.tillId === watcher.tillId);
  const log = view.logByTill.get(watcher.tillId) ?? [];
  const problems: string[] = [];
  for (let i = 1; i < ours.length; i++) {
    const [before, after] = [ours[i - 1] as TillgateEvent, ours[i] as TillgateEvent];
    if (after.seq <= before.seq) problems.push(`seq ${after.seq} after ${before.seq}`);
  }
  const seen = new Set(ours.map((e) => e.id));
  if (seen.size !== ours.length) problems.push(`${ours.length - seen.size} events delivered twice`);
  const missing = log.filter((e) => !seen.has(e.id));
  if (missing.length > 0)
    problems.push(
      `${missing.length} events of the log never arrived (first: ${missing[0]?.type} seq ${missing[0]?.seq})`,
    );
  const logged = new Set(log.map((e) => e.id));
  const readSeq = view.readSeqByTill.get(watcher.tillId) ?? 0;
  const extra = ours.filter((e) => e.seq <= readSeq && !logged.has(e.id));
  if (extra.length > 0) problems.push(`${extra.length} events arrived that the log does not have`);
  return problems.map((p) => `watcher of ${watcher.tillId}: ${p}`);
}

/** Sums by status of amounts and refunds: the simulator's ledger against the gateway's list. */
function totalsViolations(ledger: Ledger, view: GatewayView): string[] {
  const simulated = { orders: ledger.orders.size, amount: 0, refunded: 0 };
  const listed = { orders: view.orders.size, amount: 0, refunded: 0 };
  for (const o of ledger.orders.values()) {
    simulated.amount += o.amount;
    simulated.refunded += o.refunded;
  }
  for (const o of view.orders.values()) {
    listed.amount += o.amount;
    listed.refunded += o.refunded_amount;
  }
  return (['orders', 'amount', 'refunded'] as const)
    .filter((k) => simulated[k] !== listed[k])
    .map((k) => `totals: ${k} ${listed[k]} listed by the gateway, ${simulated[k]} by the simulator`);
}
