import type { OrderSummary } from '@tillgate/sdk/protocol';
import type { OrderGroupTotals } from '../../store/order-totals.js';

/** The wire summary from the database's per status and wallet sums; net is always paid minus refunded. */
export function summaryOf(groups: readonly OrderGroupTotals[]): OrderSummary {
  const summary: OrderSummary = {
    count: 0,
    amount: 0,
    paid_amount: 0,
    refunded_amount: 0,
    net_amount: 0,
    by_status: {},
    by_wallet: {},
  };
  for (const g of groups) {
    summary.count += g.count;
    summary.amount += g.amount;
    summary.paid_amount += g.paidAmount;
    summary.refunded_amount += g.refundedAmount;
    const status = summary.by_status[g.status] ?? { count: 0, amount: 0 };
    summary.by_status[g.status] = status;
    status.count += g.count;
    status.amount += g.amount;
    const wallet = summary.by_wallet[g.wallet] ?? { count: 0, paid_amount: 0, refunded_amount: 0, net_amount: 0 };
    summary.by_wallet[g.wallet] = wallet;
    wallet.count += g.count;
    wallet.paid_amount += g.paidAmount;
    wallet.refunded_amount += g.refundedAmount;
    wallet.net_amount = wallet.paid_amount - wallet.refunded_amount;
  }
  summary.net_amount = summary.paid_amount - summary.refunded_amount;
  return summary;
}
