import type { Till } from '@tillgate/sdk/protocol';
import { type Order, WALLET_DISPLAY_NAMES } from '@tillgate/sdk/protocol';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { type OrderFilters, orders, tills as tillsApi } from '../api/endpoints.js';
import { useI18n } from '../i18n/index.js';
import { filtersFromQuery, matchesFilters, paymentsHash } from '../payments-filter.js';
import { navigate } from '../router.js';
import { useShell } from '../session.js';
import { ALL_STORES } from '../store-choice.js';
import { useAction, useNewest } from '../ui/action.js';
import { DateTime, Money, StatusBadge } from '../ui/display.js';
import { ProblemMessage } from '../ui/form.js';
import { PaymentFilters } from './payment-filters.js';
import { PaymentTotals } from './payment-totals.js';

/**
 * Every order, filtered, a cursor page at a time. Orders that arrive live while the list is open wait
 * behind an "N new" pill, so the rows under the reader's eyes never move; changes to listed orders show in place.
 */
export function PaymentsScreen({ query }: { query: URLSearchParams }) {
  const { t } = useI18n();
  const { stores, live, storeFilter, storeFilterName, chooseStore } = useShell();
  // The address holds the filters: applying one navigates, so Back, reload and a shared link show the same list.
  const hash = paymentsHash(filtersFromQuery(query));
  const filters = useMemo(() => filtersFromQuery(query), [hash]);
  const setFilters = (f: OrderFilters) => navigate(paymentsHash(f));
  // The address's store is the header's choice (the header navigates here when it changes): a shared or
  // bookmarked view shows its store in the header too.
  useEffect(() => {
    if (stores.length > 1 && filters.store_id !== storeFilter) chooseStore(filters.store_id ?? ALL_STORES);
  }, [filters, stores.length]);
  const inverted = (filters.amount_min ?? 0) > (filters.amount_max ?? Number.POSITIVE_INFINITY);
  const [list, setList] = useState<Order[]>([]);
  const listed = useRef(list);
  listed.current = list;
  const [cursor, setCursor] = useState<string | null>(null);
  const [arrived, setArrived] = useState<Order[]>([]);
  /** Bumped by every live change, so the totals are read again. */
  const [version, setVersion] = useState(0);
  const [tills, setTills] = useState<Till[]>([]);
  const { busy, error, run } = useAction();
  const newest = useNewest();

  useEffect(() => {
    void tillsApi.list().then(
      (p) => setTills(p.data),
      () => {},
    );
  }, []);

  const loadFirst = async () => {
    const page = await newest(run(() => orders.list(filters)));
    if (!page) return;
    setList(page.data);
    setCursor(page.next_cursor);
    setArrived([]);
  };
  useEffect(() => void loadFirst(), [filters]);

  const loadMore = async () => {
    if (!cursor) return;
    const page = await newest(run(() => orders.list(filters, cursor)));
    if (!page) return;
    setList((l) => [...l, ...page.data.filter((o) => !l.some((x) => x.id === o.id))]);
    setCursor(page.next_cursor);
  };

  const watched = filters.store_id ? [filters.store_id] : stores.map((s) => s.id);
  useEffect(() => {
    const onOrder = (order: Order) => {
      setVersion((v) => v + 1);
      if (listed.current.some((o) => o.id === order.id)) setList((l) => l.map((o) => (o.id === order.id ? order : o)));
      else if (matchesFilters(order, filters)) setArrived((a) => [order, ...a.filter((o) => o.id !== order.id)]);
    };
    const stops = watched.map((id) =>
      live.subscribe(`store:${id}`, { event: (e) => 'order' in e.data && onOrder(e.data.order) }),
    );
    return () => {
      for (const stop of stops) stop();
    };
  }, [watched.join(), filters]);

  const showArrived = () => {
    setList((l) => [...arrived, ...l.filter((o) => !arrived.some((a) => a.id === o.id))]);
    setArrived([]);
    scrollTo({ top: 0 });
  };

  const tillName = (id: string) => tills.find((x) => x.id === id)?.name ?? id;
  const storeName = (id: string) => stores.find((s) => s.id === id)?.name ?? id;

  return (
    <section data-testid="payments">
      <h1>
        {t('nav.payments')} · {storeFilterName}
      </h1>
      <PaymentFilters key={hash} tills={tills} applied={filters} onApply={setFilters} />
      <PaymentTotals filters={filters} version={version} />
      {/* The pill's row is always there, so the list never moves when one appears. */}
      <div class="pill-row">
        {arrived.length > 0 && (
          <button type="button" class="pill" onClick={showArrived} data-testid="new-payments">
            {t(arrived.length === 1 ? 'payments.newOne' : 'payments.newMany', { n: arrived.length })}
          </button>
        )}
      </div>
      <ProblemMessage error={error} />
      <table class="list" data-testid="payments-table">
        <thead>
          <tr>
            <th>{t('payments.date')}</th>
            <th>{t('filters.store')}</th>
            <th>{t('filters.till')}</th>
            <th>{t('filters.reference')}</th>
            <th>{t('filters.wallet')}</th>
            <th class="num">{t('payments.amount')}</th>
            <th class="num">{t('payments.refunded')}</th>
            <th>{t('filters.status')}</th>
          </tr>
        </thead>
        <tbody>
          {list.map((o) => (
            <tr key={o.id} data-testid="payment-row" data-order-id={o.id}>
              <td class="card-4" data-label={t('payments.date')}>
                <DateTime iso={o.created_at} />
              </td>
              <td data-label={t('filters.store')}>{storeName(o.store_id)}</td>
              <td class="card-3" data-label={t('filters.till')}>
                {tillName(o.till_id)}
              </td>
              <td>
                <a href={`#/orders/${o.id}`} data-testid="payment-link">
                  {o.order_ref}
                </a>
              </td>
              <td>{WALLET_DISPLAY_NAMES[o.wallet]}</td>
              <td class="num card-1 lead">
                <Money centavos={o.amount} />
              </td>
              {o.refunded_amount > 0 ? (
                <td class="num" data-label={t('payments.refunded')}>
                  <Money centavos={o.refunded_amount} />
                </td>
              ) : (
                <td class="num" />
              )}
              <td class="card-2">
                <StatusBadge status={o.status} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {!busy && list.length === 0 && (
        <p class="hint" data-testid="payments-empty">
          {inverted ? t('filters.rangeInverted') : t('payments.empty')}
        </p>
      )}
      {cursor && (
        <button type="button" onClick={loadMore} disabled={busy} data-testid="load-more">
          {t('payments.more')}
        </button>
      )}
    </section>
  );
}
