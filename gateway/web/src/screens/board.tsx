import type { BoardTill } from '@tillgate/sdk/protocol';
import { type Order, WALLET_DISPLAY_NAMES } from '@tillgate/sdk/protocol';
import { useState } from 'preact/hooks';
import { orders } from '../api/endpoints.js';
import { boardAtStart } from '../api/startup.js';
import { applyEvent, applyOrder, isIdle } from '../board-state.js';
import { useI18n } from '../i18n/index.js';
import { useLiveState } from '../live/use-live-state.js';
import { formatMoney } from '../money.js';
import { useShell } from '../session.js';
import { countdown } from '../time.js';
import { ConfirmDialog } from '../ui/dialog.js';
import { DateTime, Money, StatusBadge } from '../ui/display.js';
import { ProblemMessage } from '../ui/form.js';
import { useNow } from '../ui/use-now.js';

/** ★ The live till board of the chosen store: a tile per till and the latest payments. */
export function BoardScreen() {
  const { t } = useI18n();
  const { storeId, stores, live } = useShell();
  const {
    state: board,
    error,
    set,
  } = useLiveState(
    live,
    storeId ? `store:${storeId}` : undefined,
    storeId ? () => boardAtStart(storeId) : undefined,
    applyEvent,
    [storeId],
  );
  const now = useNow();
  const [cancelling, setCancelling] = useState<Order>();
  const store = stores.find((s) => s.id === storeId);

  if (!storeId)
    return (
      <section data-testid="board">
        <h1>{t('board.title')}</h1>
        <p>{t('board.noStore')}</p>
      </section>
    );
  const tillName = (tillId: string) => board?.tills.find((x) => x.till.id === tillId)?.till.name ?? tillId;

  return (
    <section data-testid="board" data-store-id={storeId}>
      <h1>
        {t('board.title')} · {store?.name}
      </h1>
      <ProblemMessage error={error} />
      {board && board.tills.length === 0 && <p>{t('board.noTills')}</p>}
      <div class="tiles">
        {board?.tills.map((tile) => (
          <TillTile key={tile.till.id} tile={tile} now={now} onCancel={setCancelling} />
        ))}
      </div>
      <h2>{t('board.feed')}</h2>
      <table class="list" data-testid="payments-feed">
        <thead>
          <tr>
            <th>{t('board.paidAt')}</th>
            <th>{t('filters.till')}</th>
            <th>{t('filters.reference')}</th>
            <th>{t('filters.wallet')}</th>
            <th class="num">{t('payments.amount')}</th>
            <th>{t('filters.status')}</th>
          </tr>
        </thead>
        <tbody>
          {board?.recent_payments.map((o) => (
            <tr key={o.id} data-testid="feed-row" data-order-id={o.id}>
              <td class="card-4" data-label={t('board.paidAt')}>
                <DateTime iso={o.paid_at ?? o.created_at} />
              </td>
              <td class="card-3">{tillName(o.till_id)}</td>
              <td>
                <a href={`#/orders/${o.id}`}>{o.order_ref}</a>
              </td>
              <td>{WALLET_DISPLAY_NAMES[o.wallet]}</td>
              <td class="num card-1 lead">
                <Money centavos={o.amount} />
              </td>
              <td class="card-2">
                <StatusBadge status={o.status} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {board?.recent_payments.length === 0 && <p class="hint">{t('board.feedEmpty')}</p>}
      {cancelling && (
        <ConfirmDialog
          title={t('order.cancelTitle')}
          message={t('order.cancelConfirm', { amount: formatMoney(cancelling.amount), ref: cancelling.order_ref })}
          confirmLabel={t('order.cancel')}
          danger
          onConfirm={async () => {
            const order = await orders.cancel(cancelling.id);
            const next = board && applyOrder(board, order);
            if (next) set(next);
          }}
          onClose={() => setCancelling(undefined)}
        />
      )}
    </section>
  );
}

function TillTile({ tile, now, onCancel }: { tile: BoardTill; now: number; onCancel(o: Order): void }) {
  const { t } = useI18n();
  const { can } = useShell();
  const order = tile.current_order;
  const idle = isIdle(tile, now);
  return (
    <article
      class={`tile ${order ? `tile-${order.status}` : 'tile-empty'}${idle ? ' idle' : ''}`}
      data-testid="till-tile"
      data-till-id={tile.till.id}
      data-status={order?.status ?? 'none'}
    >
      <header>
        <h3>{tile.till.name}</h3>
        {idle && (
          <span class="idle-marker" data-testid="idle-marker" title={t('board.idleHint')}>
            {t('board.idle')}
          </span>
        )}
      </header>
      {order ? (
        <>
          <StatusBadge status={order.status} />
          <p class="amount" data-testid="tile-amount">
            <Money centavos={order.amount} />
          </p>
          <p class="meta">
            {WALLET_DISPLAY_NAMES[order.wallet]} · <a href={`#/orders/${order.id}`}>{order.order_ref}</a>
          </p>
          {order.status === 'pending' && (
            <p class="countdown" title={t('board.expiresIn')}>
              <span class="sr-only">{t('board.expiresIn')} </span>
              <span data-testid="tile-countdown">{countdown(order.expires_at, now)}</span>
            </p>
          )}
          {order.status === 'pending' && can('orders.cancel') && (
            <button type="button" class="danger" data-testid="tile-cancel" onClick={() => onCancel(order)}>
              {t('order.cancel')}
            </button>
          )}
        </>
      ) : (
        <p class="hint">{t('board.noOrder')}</p>
      )}
    </article>
  );
}
