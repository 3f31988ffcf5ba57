import type { Order } from '@tillgate/sdk/protocol';
import { useMemo, useState } from 'preact/hooks';
import { orders } from '../api/endpoints.js';
import { useI18n } from '../i18n/index.js';
import { formatMoney, parseCentavos } from '../money.js';
import { useAction } from '../ui/action.js';
import { Dialog } from '../ui/dialog.js';
import { Field, ProblemMessage } from '../ui/form.js';

/**
 * Full or partial refund in two steps: choose the amount, then confirm a sentence that states it.
 * One Idempotency-Key per dialog, so a double click or a retry refunds once.
 */
export function RefundDialog(props: { order: Order; remaining: number; onDone(): void; onClose(): void }) {
  const { t } = useI18n();
  const [mode, setMode] = useState<'full' | 'partial'>('full');
  const [typed, setTyped] = useState('');
  const [amount, setAmount] = useState<number>();
  const [invalid, setInvalid] = useState<string>();
  const key = useMemo(() => crypto.randomUUID(), []);
  const { busy, error, run } = useAction();

  const review = (e: Event) => {
    e.preventDefault();
    if (mode === 'full') return setAmount(props.remaining);
    const centavos = parseCentavos(typed);
    if (centavos === null || centavos <= 0) return setInvalid(t('filters.badAmount'));
    if (centavos > props.remaining) return setInvalid(t('refund.tooMuch', { max: formatMoney(props.remaining) }));
    setInvalid(undefined);
    setAmount(centavos);
  };
  const confirm = async () => {
    const whole = mode === 'full' || amount === props.remaining;
    if (await run(() => orders.refund(props.order.id, whole ? undefined : amount, key))) {
      props.onDone();
      props.onClose();
    }
  };

  return (
    <Dialog title={t('order.refund')} testid="refund-dialog" onClose={props.onClose}>
      {amount === undefined ? (
        <form onSubmit={review}>
          <p>{t('refund.available', { amount: formatMoney(props.remaining) })}</p>
          <label class="choice">
            <input
              type="radio"
              name="mode"
              checked={mode === 'full'}
              onChange={() => setMode('full')}
              data-testid="refund-full"
            />
            {t('refund.full', { amount: formatMoney(props.remaining) })}
          </label>
          <label class="choice">
            <input
              type="radio"
              name="mode"
              checked={mode === 'partial'}
              onChange={() => setMode('partial')}
              data-testid="refund-partial"
            />
            {t('refund.partial')}
          </label>
          {mode === 'partial' && (
            <Field label={t('refund.amount')} error={invalid ?? error?.field('amount')}>
              <input
                inputMode="decimal"
                placeholder="0,00"
                value={typed}
                autoFocus
                onInput={(e) => setTyped(e.currentTarget.value)}
                data-testid="refund-amount"
              />
            </Field>
          )}
          <div class="actions">
            <button type="button" onClick={props.onClose}>
              {t('action.back')}
            </button>
            <button type="submit" class="primary" data-testid="refund-next">
              {t('action.continue')}
            </button>
          </div>
        </form>
      ) : (
        <>
          <p class="dialog-message" data-testid="refund-confirm-text">
            {t('refund.confirm', { amount: formatMoney(amount), ref: props.order.order_ref })}
          </p>
          <ProblemMessage error={error} testid="refund-error" />
          <div class="actions">
            <button type="button" onClick={() => setAmount(undefined)}>
              {t('action.back')}
            </button>
            <button type="button" class="danger" disabled={busy} onClick={confirm} data-testid="refund-confirm">
              {t('refund.do', { amount: formatMoney(amount) })}
            </button>
          </div>
        </>
      )}
    </Dialog>
  );
}
