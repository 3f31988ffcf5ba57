import {
  DEFAULT_TEMPLATE,
  fillTemplate,
  type PaymentLink,
  WALLET_DISPLAY_NAMES,
  WALLETS,
  type Wallet,
} from '@tillgate/sdk/protocol';
import { useState } from 'preact/hooks';
import { type NewLinks, paymentLinks } from '../api/payment-links.js';
import { useI18n } from '../i18n/index.js';
import { formatMoney, parseCentavos } from '../money.js';
import { useShell } from '../session.js';
import { formatDateTime } from '../time.js';
import { useAction } from '../ui/action.js';
import { Field, FormActions } from '../ui/form.js';

const DAY = 86_400;
const VALIDITY_DAYS = [1, 3, 7, 15, 30, 60] as const;

/**
 * The creation form in the merchants' guide's three steps: the link's parameters and blind copies; the
 * advanced settings (validity, wallets), each with its default; and the message, with a live preview
 * of the email the first recipient gets. Nothing is sent until the last step's button.
 */
export function LinkForm(props: { onDone(created: PaymentLink[]): void }) {
  const { t, lang } = useI18n();
  const { stores, storeId: current, timezone } = useShell();
  const [step, setStep] = useState(1);
  const [storeId, setStoreId] = useState(current ?? stores[0]?.id ?? '');
  const [amount, setAmount] = useState('');
  const [orderRef, setOrderRef] = useState('');
  const [emails, setEmails] = useState('');
  const [buyerRef, setBuyerRef] = useState('');
  const [bccManager, setBccManager] = useState(false);
  const [bccMe, setBccMe] = useState(false);
  const [bccOther, setBccOther] = useState('');
  const [days, setDays] = useState(7);
  const [wallets, setWallets] = useState<Wallet[]>([...WALLETS]);
  const [message, setMessage] = useState('');
  const [template, setTemplate] = useState(DEFAULT_TEMPLATE);
  const { busy, error, run } = useAction();

  const centavos = parseCentavos(amount);
  const recipients = emails
    .split(';')
    .map((e) => e.trim())
    .filter(Boolean);
  const storeName = stores.find((s) => s.id === storeId)?.name ?? '';
  const preview = fillTemplate(template, {
    amount: formatMoney(centavos ?? 0),
    reference: recipients.length > 1 && orderRef ? `${orderRef}-001` : orderRef || '—',
    link: `${location.origin}/pay/…`,
    expires_at: formatDateTime(new Date(Date.now() + days * DAY * 1000).toISOString(), timezone, lang),
    store: storeName,
    buyer_ref: buyerRef,
    message: message ? `${message}\n\n` : '',
  });

  const submit = async (e: Event) => {
    e.preventDefault();
    if (step < 3) return setStep(step + 1);
    const body: NewLinks = {
      store_id: storeId,
      amount: centavos ?? 0,
      emails,
      expires_in: days * DAY,
      ...(orderRef ? { order_ref: orderRef } : {}),
      ...(buyerRef ? { buyer_ref: buyerRef } : {}),
      ...(message ? { message } : {}),
      ...(template !== DEFAULT_TEMPLATE ? { template } : {}),
      ...(wallets.length < WALLETS.length ? { wallets } : {}),
      bcc: { store_manager: bccManager, me: bccMe, ...(bccOther ? { other: bccOther } : {}) },
    };
    const created = await run(() => paymentLinks.create(body));
    if (created) props.onDone(created.data);
  };
  const field = (name: string) => error?.field(name);
  return (
    <form class="panel-form" onSubmit={submit} novalidate data-testid="link-form" data-step={step}>
      <h2>{t(`links.step${step}` as 'links.step1')}</h2>
      <p class="hint">{t('links.stepOf', { step, total: 3 })}</p>
      {step === 1 && (
        <>
          <Field label={t('links.store')} error={field('store_id')}>
            <select value={storeId} onChange={(e) => setStoreId(e.currentTarget.value)} data-testid="link-store">
              {stores.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.name}
                </option>
              ))}
            </select>
          </Field>
          <Field label={t('links.amount')} error={field('amount')} hint="45,90">
            <input
              inputMode="decimal"
              value={amount}
              onInput={(e) => setAmount(e.currentTarget.value)}
              data-testid="link-amount"
            />
          </Field>
          <Field label={t('links.reference')} error={field('order_ref')} hint={t('links.referenceHint')}>
            <input
              value={orderRef}
              maxLength={64}
              onInput={(e) => setOrderRef(e.currentTarget.value)}
              data-testid="link-ref"
            />
          </Field>
          <Field
            label={t('links.emails')}
            error={field('emails') ?? error?.errors.find((f) => f.field.startsWith('emails.'))}
            hint={t('links.emailsHint')}
          >
            <textarea
              rows={3}
              value={emails}
              onInput={(e) => setEmails(e.currentTarget.value)}
              data-testid="link-emails"
            />
          </Field>
          <Field label={t('links.buyerRef')} error={field('buyer_ref')}>
            <input
              value={buyerRef}
              maxLength={64}
              onInput={(e) => setBuyerRef(e.currentTarget.value)}
              data-testid="link-buyer-ref"
            />
          </Field>
          <fieldset>
            <legend>{t('links.bcc')}</legend>
            <label class="check">
              <input type="checkbox" checked={bccManager} onChange={(e) => setBccManager(e.currentTarget.checked)} />
              {t('links.bccManager')}
            </label>
            <label class="check">
              <input type="checkbox" checked={bccMe} onChange={(e) => setBccMe(e.currentTarget.checked)} />
              {t('links.bccMe')}
            </label>
            <Field label={t('links.bccOther')} error={field('bcc.other')}>
              <input type="email" value={bccOther} onInput={(e) => setBccOther(e.currentTarget.value)} />
            </Field>
          </fieldset>
        </>
      )}
      {step === 2 && (
        <>
          <Field label={t('links.validity')} error={field('expires_in')}>
            <select value={days} onChange={(e) => setDays(Number(e.currentTarget.value))} data-testid="link-validity">
              {VALIDITY_DAYS.map((d) => (
                <option key={d} value={d}>
                  {t('links.days', { days: d })}
                </option>
              ))}
            </select>
          </Field>
          <fieldset>
            <legend>{t('links.wallets')}</legend>
            {WALLETS.map((w) => (
              <label class="check" key={w}>
                <input
                  type="checkbox"
                  checked={wallets.includes(w)}
                  onChange={(e) =>
                    setWallets((list) => (e.currentTarget.checked ? [...list, w] : list.filter((x) => x !== w)))
                  }
                />
                {WALLET_DISPLAY_NAMES[w]}
              </label>
            ))}
          </fieldset>
        </>
      )}
      {step === 3 && (
        <>
          <Field label={t('links.message')} error={field('message')}>
            <textarea
              rows={2}
              value={message}
              onInput={(e) => setMessage(e.currentTarget.value)}
              data-testid="link-message"
            />
          </Field>
          <Field label={t('links.template')} error={field('template')} hint={t('links.templateHint')}>
            <textarea
              rows={9}
              value={template}
              onInput={(e) => setTemplate(e.currentTarget.value)}
              data-testid="link-template"
            />
          </Field>
          <h3>{t('links.preview')}</h3>
          <pre class="mail-preview" data-testid="link-preview">
            {preview}
          </pre>
        </>
      )}
      <FormActions
        error={error}
        busy={busy}
        onBack={() => (step > 1 ? setStep(step - 1) : props.onDone([]))}
        label={step < 3 ? t('action.continue') : t('links.send', { count: recipients.length })}
        testid={step < 3 ? 'link-next' : 'link-send'}
      />
    </form>
  );
}
