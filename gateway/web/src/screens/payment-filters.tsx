import type { Till } from '@tillgate/sdk/protocol';
import { ORDER_STATUSES, WALLET_DISPLAY_NAMES, WALLETS } from '@tillgate/sdk/protocol';
import { useState } from 'preact/hooks';
import type { OrderFilters } from '../api/endpoints.js';
import { useI18n } from '../i18n/index.js';
import { centavosText, parseCentavos } from '../money.js';
import { useShell } from '../session.js';
import { dayAfter, dayIn, zonedToUtc } from '../time.js';
import { Field, FilterSelect } from '../ui/form.js';

const EMPTY = { amountMin: '', amountMax: '', from: '', to: '', till: '', wallet: '', status: '', q: '' };
type Draft = typeof EMPTY;

/** The fields as a person would have typed the applied filters: centavos in reais, instants as days in the zone. */
function draftOf(f: OrderFilters, timezone: string): Draft {
  return {
    amountMin: f.amount_min === undefined ? '' : centavosText(f.amount_min),
    amountMax: f.amount_max === undefined ? '' : centavosText(f.amount_max),
    from: f.created_from ? dayIn(Date.parse(f.created_from), timezone) : '',
    // `created_to` is the first instant after the last day.
    to: f.created_to ? dayIn(Date.parse(f.created_to) - 1, timezone) : '',
    till: f.till_id ?? '',
    wallet: f.wallet ?? '',
    status: f.status ?? '',
    q: f.q ?? '',
  };
}

/**
 * The filter bar: amounts typed in reais become centavos, days are read in the merchant's zone. It opens
 * showing the `applied` filters (from the address), so Back and reload show what the list holds. The store
 * is the header's choice, not a field here: it is kept as applied, and the tills offered are that store's.
 */
export function PaymentFilters(props: { tills: Till[]; applied: OrderFilters; onApply(f: OrderFilters): void }) {
  const { tills, onApply } = props;
  const store = props.applied.store_id;
  const { t } = useI18n();
  const { timezone } = useShell();
  const [draft, setDraft] = useState<Draft>(() => draftOf(props.applied, timezone));
  const [invalid, setInvalid] = useState<Partial<Record<keyof Draft, string>>>({});
  const set = (key: keyof Draft) => (e: Event) =>
    setDraft({ ...draft, [key]: (e.currentTarget as HTMLInputElement).value });

  const submit = (e: Event) => {
    e.preventDefault();
    const min = draft.amountMin ? parseCentavos(draft.amountMin) : undefined;
    const max = draft.amountMax ? parseCentavos(draft.amountMax) : undefined;
    const inverted = typeof min === 'number' && typeof max === 'number' && min > max;
    const errors = {
      ...(min === null ? { amountMin: t('filters.badAmount') } : {}),
      ...(max === null ? { amountMax: t('filters.badAmount') } : {}),
      ...(inverted ? { amountMax: t('filters.rangeInverted') } : {}),
    };
    setInvalid(errors);
    if (Object.keys(errors).length > 0) return;
    onApply({
      amount_min: min ?? undefined,
      amount_max: max ?? undefined,
      created_from: draft.from ? zonedToUtc(draft.from, '00:00:00', timezone) : undefined,
      // `created_to` is exclusive: the day after's first instant keeps the whole of the last day, to the millisecond.
      created_to: draft.to ? zonedToUtc(dayAfter(draft.to), '00:00:00', timezone) : undefined,
      store_id: store,
      till_id: draft.till || undefined,
      wallet: draft.wallet || undefined,
      status: draft.status || undefined,
      q: draft.q.trim() || undefined,
    });
  };

  return (
    <form class="filters" onSubmit={submit} data-testid="payment-filters">
      <Field label={t('filters.amountMin')} error={invalid.amountMin}>
        <input
          inputMode="decimal"
          placeholder="0,00"
          value={draft.amountMin}
          onInput={set('amountMin')}
          data-testid="filter-amount-min"
        />
      </Field>
      <Field label={t('filters.amountMax')} error={invalid.amountMax}>
        <input
          inputMode="decimal"
          placeholder="0,00"
          value={draft.amountMax}
          onInput={set('amountMax')}
          data-testid="filter-amount-max"
        />
      </Field>
      <Field label={t('filters.from')}>
        <input type="date" value={draft.from} onInput={set('from')} data-testid="filter-from" />
      </Field>
      <Field label={t('filters.to')}>
        <input type="date" value={draft.to} onInput={set('to')} data-testid="filter-to" />
      </Field>
      <Field label={t('filters.till')}>
        <select value={draft.till} onChange={set('till')} data-testid="filter-till">
          <option value="">{t('filters.all')}</option>
          {tills
            .filter((x) => !store || x.store_id === store)
            .map((x) => (
              <option key={x.id} value={x.id}>
                {x.name}
              </option>
            ))}
        </select>
      </Field>
      <Field label={t('filters.wallet')}>
        <select value={draft.wallet} onChange={set('wallet')} data-testid="filter-wallet">
          <option value="">{t('filters.all')}</option>
          {WALLETS.map((w) => (
            <option key={w} value={w}>
              {WALLET_DISPLAY_NAMES[w]}
            </option>
          ))}
        </select>
      </Field>
      <Field label={t('filters.status')}>
        <FilterSelect
          choices={ORDER_STATUSES.map((s) => ({ value: s, label: t(`status.${s}`) }))}
          value={draft.status}
          onChange={(status) => setDraft({ ...draft, status })}
          allLabel={t('filters.all')}
          testid="filter-status"
        />
      </Field>
      <Field label={t('filters.reference')}>
        <input type="search" value={draft.q} onInput={set('q')} data-testid="filter-q" />
      </Field>
      <div class="filter-actions">
        <button type="submit" class="primary" data-testid="filter-apply">
          {t('filters.apply')}
        </button>
        <button
          type="reset"
          onClick={() => {
            setDraft(EMPTY);
            setInvalid({});
            onApply({ store_id: store });
          }}
          data-testid="filter-clear"
        >
          {t('filters.clear')}
        </button>
      </div>
    </form>
  );
}
