import type { OrderStatus } from '@tillgate/sdk';
import type { GatewayView } from './invariants.js';
import type { Ledger } from './ledger.js';
import { FATES, type Fate } from './mix.js';
import { quantile } from './stats.js';
import type { TillWatcher } from './till-watcher.js';

export interface RunSummary {
  seed: number;
  url: string;
  tills: string[];
  seconds: number;
  /** Why fewer tills were played than asked. */
  shortfall?: string;
  orders: number;
  ordersPerSecond: number;
  createP50Ms: number;
  createP99Ms: number;
  events: number;
  eventsPerSecond: number;
  /** Per fate: how many orders, and in which status the gateway holds them now. */
  fates: Record<Fate, { orders: number; statuses: Partial<Record<OrderStatus, number>> }>;
  paidCentavos: number;
  refundedCentavos: number;
  failures: string[];
  violations: string[];
}

export function summarize(
  run: { seed: number; url: string; seconds: number; shortfall?: string },
  ledger: Ledger,
  view: GatewayView,
  watchers: TillWatcher[],
  violations: string[],
): RunSummary {
  const fates = Object.fromEntries(FATES.map((f) => [f, { orders: 0, statuses: {} }])) as RunSummary['fates'];
  let paid = 0;
  for (const sim of ledger.orders.values()) {
    const row = fates[sim.fate];
    row.orders += 1;
    const status = view.orders.get(sim.id)?.status;
    if (status) row.statuses[status] = (row.statuses[status] ?? 0) + 1;
    if (sim.settled && (sim.fate === 'pay' || sim.fate === 'refund')) paid += sim.amount;
  }
  const events = watchers.reduce((n, w) => n + w.received.length, 0);
  return {
    ...run,
    tills: watchers.map((w) => w.tillId),
    orders: ledger.orders.size,
    ordersPerSecond: ledger.orders.size / run.seconds,
    createP50Ms: quantile(ledger.createLatenciesMs, 0.5),
    createP99Ms: quantile(ledger.createLatenciesMs, 0.99),
    events,
    eventsPerSecond: events / run.seconds,
    fates,
    paidCentavos: paid,
    refundedCentavos: [...ledger.orders.values()].reduce((n, o) => n + o.refunded, 0),
    failures: ledger.failures,
    violations,
  };
}

const brl = (centavos: number) => `R$ ${(centavos / 100).toFixed(2)}`;

/** The summary as the table printed at the end of a run. */
export function summaryTable(s: RunSummary): string {
  const lines = [
    `seed ${s.seed}, ${s.tills.length} tills, ${s.seconds.toFixed(1)} s against ${s.url}`,
    ...(s.shortfall ? [`note     ${s.shortfall}`] : []),
    `orders   ${s.orders} (${s.ordersPerSecond.toFixed(1)}/s), create p50 ${s.createP50Ms.toFixed(1)} ms, p99 ${s.createP99Ms.toFixed(1)} ms`,
    `events   ${s.events} received by the till watchers (${s.eventsPerSecond.toFixed(1)}/s)`,
    `money    ${brl(s.paidCentavos)} paid, ${brl(s.refundedCentavos)} refunded`,
    '',
    'fate     orders  final statuses at the gateway',
    ...FATES.map((f) => {
      const row = s.fates[f];
      const statuses = Object.entries(row.statuses)
        .map(([status, n]) => `${status} ${n}`)
        .join(', ');
      return `${f.padEnd(8)} ${String(row.orders).padStart(6)}  ${statuses}`;
    }),
    '',
    `failures ${s.failures.length}${s.failures.length ? `: ${s.failures.slice(0, 5).join('; ')}` : ''}`,
    `invariant violations ${s.violations.length}`,
    ...s.violations.slice(0, 20).map((v) => `  ✗ ${v}`),
  ];
  return lines.join('\n');
}
