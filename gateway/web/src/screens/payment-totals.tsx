import { type OrderSummary, WALLET_DISPLAY_NAMES, type Wallet } from '@tillgate/sdk/protocol';
import { useEffect, useState } from 'preact/hooks';
import { type OrderFilters, orders } from '../api/endpoints.js';
import { useI18n } from '../i18n/index.js';
import { Figure, Money } from '../ui/display.js';

/** Live arrivals come in bursts; one read after the burst is enough. */
const SETTLE_MS = 400;

/**
 * The totals of the current filters, from the server (`GET /v1/orders/summary`), never from the rows loaded
 * so far: read again when the filters change and shortly after orders arrive or change (`version`).
 */
export function PaymentTotals({ filters, version }: { filters: OrderFilters; version: number }) {
  const { t } = useI18n();
  const [summary, setSummary] = useState<OrderSummary>();
  useEffect(() => {
    let current = true;
    const timer = setTimeout(
      () =>
        void orders.summary(filters).then(
          (s) => current && setSummary(s),
          () => {},
        ),
      version === 0 ? 0 : SETTLE_MS,
    );
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [filters, version]);
  if (!summary) return <div class="totals" data-testid="payment-totals" data-state="loading" />;

  const wallets = Object.entries(summary.by_wallet).filter(([, w]) => w.paid_amount > 0) as Array<
    [Wallet, NonNullable<OrderSummary['by_wallet'][Wallet]>]
  >;
  return (
    <div class="totals" data-testid="payment-totals" data-state="ready" data-net={summary.net_amount}>
      <Figure label={t('totals.orders')} testid="totals-count">
        {summary.count}
      </Figure>
      <Figure label={t('totals.paid')} testid="totals-paid">
        <Money centavos={summary.paid_amount} />
      </Figure>
      <Figure label={t('totals.refunded')} testid="totals-refunded">
        <Money centavos={summary.refunded_amount} />
      </Figure>
      <Figure label={t('totals.net')} testid="totals-net" strong>
        <Money centavos={summary.net_amount} />
      </Figure>
      {wallets.length > 0 && (
        <ul class="totals-wallets" aria-label={t('totals.byWallet')}>
          {wallets.map(([wallet, w]) => (
            <li key={wallet} data-testid="totals-wallet" data-wallet={wallet}>
              {WALLET_DISPLAY_NAMES[wallet]} <Money centavos={w.net_amount} />
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
