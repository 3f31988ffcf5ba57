import type { Till } from '@tillgate/sdk/protocol';
import {
  isOrderEvent,
  type Order,
  type Refund,
  type TillgateEvent,
  WALLET_DISPLAY_NAMES,
} from '@tillgate/sdk/protocol';
import { useEffect, useState } from 'preact/hooks';
import { orders, tills as tillsApi } from '../api/endpoints.js';
import { useI18n } from '../i18n/index.js';
import { formatMoney } from '../money.js';
import { useShell } from '../session.js';
import { refundable, timeline } from '../timeline.js';
import { useAction } from '../ui/action.js';
import { ConfirmDialog } from '../ui/dialog.js';
import { DateTime, Money, StatusBadge } from '../ui/display.js';
import { ProblemMessage } from '../ui/form.js';
import { RefundDialog } from './refund-dialog.js';

const REFUNDABLE = new Set(['approved', 'partially_refunded']);

/** One order: details, payment, timeline, refunds; cancel (clerk and up) and refund (manager and up). */
export function OrderScreen({ orderId }: { orderId: string }) {
  const { t } = useI18n();
  const { live, can, stores } = useShell();
  const [order, setOrder] = useState<Order>();
  const [refunds, setRefunds] = useState<Refund[]>([]);
  const [events, setEvents] = useState<TillgateEvent[]>([]);
  const [tills, setTills] = useState<Till[]>([]);
  const [dialog, setDialog] = useState<'cancel' | 'refund'>();
  const { error, run } = useAction();

  const loadRefunds = () =>
    void orders.refunds(orderId).then(
      (p) => setRefunds(p.data),
      () => {},
    );
  useEffect(() => {
    void run(() => orders.get(orderId)).then((o) => {
      if (!o) return;
      setOrder(o);
      void tillsApi.list(o.store_id, true).then(
        (p) => setTills(p.data),
        () => {},
      );
    });
    loadRefunds();
    return live.subscribe(
      `order:${orderId}`,
      {
        event: (e) => {
          if (!isOrderEvent(e)) return;
          setEvents((list) => [...list, e]);
          setOrder(e.data.order);
          if ('refund' in e.data) loadRefunds();
        },
      },
      0,
    );
  }, [orderId]);

  if (!order)
    return (
      <section data-testid="order-page">
        <ProblemMessage error={error} />
      </section>
    );
  const remaining = refundable(order, refunds);
  const store = stores.find((s) => s.id === order.store_id);

  return (
    <section data-testid="order-page" data-order-id={order.id}>
      <h1>
        {t('order.title')} {order.order_ref} <StatusBadge status={order.status} />
      </h1>
      <div class="actions">
        {order.status === 'pending' && can('orders.cancel') && (
          <button type="button" class="danger" onClick={() => setDialog('cancel')} data-testid="order-cancel">
            {t('order.cancel')}
          </button>
        )}
        {REFUNDABLE.has(order.status) && can('refunds.create') && remaining > 0 && (
          <button type="button" class="primary" onClick={() => setDialog('refund')} data-testid="order-refund">
            {t('order.refund')}
          </button>
        )}
        {REFUNDABLE.has(order.status) && !can('refunds.create') && remaining > 0 && (
          <p class="hint" data-testid="order-refund-hint">
            {t('order.refundByManager')}
          </p>
        )}
      </div>
      <div class="columns">
        <dl class="details" data-testid="order-details">
          <dt>{t('payments.amount')}</dt>
          <dd data-testid="order-amount">
            <Money centavos={order.amount} />
          </dd>
          <dt>{t('payments.refunded')}</dt>
          <dd data-testid="order-refunded">
            <Money centavos={order.refunded_amount} />
          </dd>
          <dt>{t('filters.wallet')}</dt>
          <dd>
            {WALLET_DISPLAY_NAMES[order.wallet]} ({order.provider})
          </dd>
          <dt>{t('filters.store')}</dt>
          <dd>{store?.name ?? order.store_id}</dd>
          <dt>{t('filters.till')}</dt>
          <dd>{tills.find((x) => x.id === order.till_id)?.name ?? order.till_id}</dd>
          <dt>{t('order.id')}</dt>
          <dd>
            <code>{order.id}</code>
          </dd>
          <dt>{t('order.created')}</dt>
          <dd>
            <DateTime iso={order.created_at} />
          </dd>
          <dt>{t('order.expires')}</dt>
          <dd>
            <DateTime iso={order.expires_at} />
          </dd>
          {order.cancel_reason && (
            <>
              <dt>{t('order.cancelReason')}</dt>
              <dd>{t(`cancelReason.${order.cancel_reason}`)}</dd>
            </>
          )}
        </dl>
        <div>
          <h2>{t('order.payment')}</h2>
          {order.payment ? (
            <dl class="details" data-testid="order-payment">
              <dt>{t('order.paidAmount')}</dt>
              <dd>
                <Money centavos={order.payment.paid_amount} />
              </dd>
              <dt>{t('order.paidAt')}</dt>
              <dd>
                <DateTime iso={order.payment.paid_at} />
              </dd>
              <dt>{t('order.endToEnd')}</dt>
              <dd>
                <code>{order.payment.provider_payment_id}</code>
              </dd>
              <dt>{t('order.payer')}</dt>
              <dd>
                {[order.payment.payer.name, order.payment.payer.document_masked].filter(Boolean).join(' · ') || '–'}
              </dd>
            </dl>
          ) : (
            <p class="hint">{t('order.noPayment')}</p>
          )}
          {order.late_payment && (
            <p class="warning" data-testid="late-payment">
              {t('order.latePayment', { amount: formatMoney(order.late_payment.paid_amount) })}
            </p>
          )}
        </div>
      </div>
      <h2>{t('order.timeline')}</h2>
      <ol class="timeline" data-testid="order-timeline">
        {timeline(order, refunds, events).map((entry) => (
          <li key={entry.key} data-type={entry.type}>
            <DateTime iso={entry.at} /> · {t(`event.${entry.type}`)}
            {entry.amount !== undefined && (
              <>
                {' '}
                · <Money centavos={entry.amount} />
              </>
            )}
          </li>
        ))}
      </ol>
      <h2>{t('order.refunds')}</h2>
      {refunds.length === 0 ? (
        <p class="hint">{t('order.noRefunds')}</p>
      ) : (
        <table class="list" data-testid="order-refunds">
          <tbody>
            {refunds.map((r) => (
              <tr key={r.id} data-testid="refund-row" data-status={r.status}>
                <td>
                  <DateTime iso={r.created_at} />
                </td>
                <td class="num">
                  <Money centavos={r.amount} />
                </td>
                <td>
                  {t(`refundStatus.${r.status}`)}
                  {r.automatic ? ` · ${t('order.automatic')}` : ''}
                  {r.initiated_by === 'payer_bank' ? ` · ${t('order.byPayerBank')}` : ''}
                </td>
                <td data-testid="refund-reason">
                  {[r.natureza ? t(`refundNature.${r.natureza}`) : '', r.failure_reason ?? '']
                    .filter(Boolean)
                    .join(' · ')}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {dialog === 'cancel' && (
        <ConfirmDialog
          title={t('order.cancelTitle')}
          message={t('order.cancelConfirm', { amount: formatMoney(order.amount), ref: order.order_ref })}
          confirmLabel={t('order.cancel')}
          danger
          onConfirm={async () => setOrder(await orders.cancel(order.id))}
          onClose={() => setDialog(undefined)}
        />
      )}
      {dialog === 'refund' && (
        <RefundDialog
          order={order}
          remaining={remaining}
          onDone={() => {
            loadRefunds();
            void orders.get(order.id).then(setOrder, () => {});
          }}
          onClose={() => setDialog(undefined)}
        />
      )}
    </section>
  );
}
