import { PAYMENT_LINK_STATUSES, type PaymentLink, type PaymentLinkStatus } from '@tillgate/sdk/protocol';
import { useEffect, useState } from 'preact/hooks';
import { paymentLinks } from '../api/payment-links.js';
import { useI18n } from '../i18n/index.js';
import { useShell } from '../session.js';
import { useAction, useNewest } from '../ui/action.js';
import { DateTime, Money } from '../ui/display.js';
import { Field, FilterSelect, ProblemMessage } from '../ui/form.js';
import { LinkForm } from './link-form.js';

/**
 * Links: the payment links sent, newest first, with their state live (`payment_link.*` on the merchant
 * topic, or the user's stores'), resend and cancel, and the three-step form that sends new ones.
 */
export function LinksScreen() {
  const { t } = useI18n();
  const { live, session, stores, storeFilter, storeFilterName } = useShell();
  const [list, setList] = useState<PaymentLink[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [status, setStatus] = useState<PaymentLinkStatus | ''>('');
  // The header's store, or every store.
  const storeId = storeFilter ?? '';
  const [creating, setCreating] = useState(false);
  const { error, run } = useAction();
  const newest = useNewest();

  const load = async (after?: string) => {
    const page = await newest(run(() => paymentLinks.list({ status, store_id: storeId }, after)));
    if (!page) return;
    setList((l) => (after ? [...l, ...page.data] : page.data));
    setCursor(page.next_cursor);
  };
  const merge = (link: Omit<PaymentLink, 'url'>) =>
    setList((l) => l.map((x) => (x.id === link.id ? { ...x, ...link } : x)));

  const limitedTo = session.user.store_ids;
  useEffect(() => {
    const topics = limitedTo ? limitedTo.map((s) => `store:${s}` as const) : (['merchant'] as const);
    const stops = topics.map((topic) =>
      live.subscribe(topic, {
        event: (e) => {
          if (e.type.startsWith('payment_link.') && 'payment_link' in e.data) merge(e.data.payment_link);
        },
      }),
    );
    return () => {
      for (const stop of stops) stop();
    };
  }, [live]);
  useEffect(() => void load(), [status, storeId]);

  const act = async (work: () => Promise<PaymentLink>) => {
    const after = await run(work);
    if (after) merge(after);
  };
  const storeName = (id: string) => stores.find((s) => s.id === id)?.name ?? id;
  return (
    <section data-testid="links">
      <h1>
        {t('links.title')} · {storeFilterName}
      </h1>
      {creating ? (
        <LinkForm
          onDone={(created) => {
            setCreating(false);
            if (created.length > 0) setList((l) => [...created.slice().reverse(), ...l]);
          }}
        />
      ) : (
        <button type="button" class="primary" onClick={() => setCreating(true)} data-testid="link-new">
          {t('links.new')}
        </button>
      )}
      <form class="filters" onSubmit={(e) => e.preventDefault()}>
        <Field label={t('links.status')}>
          <FilterSelect
            choices={PAYMENT_LINK_STATUSES.map((s) => ({ value: s, label: t(`links.status.${s}`) }))}
            value={status}
            onChange={(v) => setStatus(v as PaymentLinkStatus | '')}
            allLabel={t('links.anyStatus')}
            testid="link-filter-status"
          />
        </Field>
      </form>
      <ProblemMessage error={error} />
      <table class="list" data-testid="link-list">
        <thead>
          <tr>
            <th>{t('links.status')}</th>
            <th>{t('links.reference')}</th>
            <th>{t('links.email')}</th>
            <th>{t('links.amount')}</th>
            <th>{t('links.expires')}</th>
            <th>{t('links.store')}</th>
            <th>{t('links.order')}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {list.map((l) => (
            <tr key={l.id} data-testid="link-row" data-id={l.id} data-status={l.status}>
              <td>
                <span class={`badge link-${l.status}`} data-testid="link-status">
                  {t(`links.status.${l.status}`)}
                </span>
              </td>
              <td>{l.order_ref || '—'}</td>
              <td>{l.email}</td>
              <td>
                <Money centavos={l.amount} />
              </td>
              <td>
                <DateTime iso={l.expires_at} />
              </td>
              <td>{storeName(l.store_id)}</td>
              <td>{l.order_id ? <a href={`#/orders/${l.order_id}`}>{l.order_id.slice(-8)}</a> : '—'}</td>
              <td>
                {(l.status === 'sent' || l.status === 'opened' || l.status === 'failed') && (
                  <>
                    <button
                      type="button"
                      onClick={() => void act(() => paymentLinks.resend(l.id))}
                      data-testid="link-resend"
                    >
                      {t('links.resend')}
                    </button>
                    <button
                      type="button"
                      onClick={() => void act(() => paymentLinks.cancel(l.id))}
                      data-testid="link-cancel"
                    >
                      {t('links.cancel')}
                    </button>
                  </>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {list.length === 0 && <p class="hint">{t('links.none')}</p>}
      {cursor && (
        <button type="button" onClick={() => void load(cursor)}>
          {t('files.more')}
        </button>
      )}
    </section>
  );
}
