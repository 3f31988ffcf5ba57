import { useState } from 'preact/hooks';
import { providerAccounts } from '../api/endpoints.js';
import { PIX_PROVIDERS, WALLET_PROVIDERS } from '../api/providers.js';
import { useI18n } from '../i18n/index.js';
import { useAction } from '../ui/action.js';
import { Field, FormActions } from '../ui/form.js';

export const PROVIDER_NAMES: Record<string, string> = {
  itau: 'Itaú',
  santander: 'Santander',
  bb: 'Banco do Brasil',
  bradesco: 'Bradesco',
  pagbank: 'PagBank',
  mercadopago: 'Mercado Pago',
  sandbox: 'Sandbox',
  picpay: 'PicPay',
  ame: 'Ame Digital',
  cielopay: 'Cielo Pay',
};

const PIX_FIELDS = ['name', 'pix_key', 'client_id', 'client_secret'] as const;

/** A Pix account (bank profile, Pix key, API client, optional certificate) or a wallet account. */
export function ProviderAccountForm(props: { kind: 'pix' | 'wallet'; onSaved(): void; onCancel(): void }) {
  const { t } = useI18n();
  const pix = props.kind === 'pix';
  const providers = pix ? PIX_PROVIDERS : WALLET_PROVIDERS;
  const [form, setForm] = useState<Record<string, string>>({ provider: providers[0] });
  const { busy, error, run } = useAction();
  const set = (key: string) => (e: Event) =>
    setForm({ ...form, [key]: (e.currentTarget as HTMLInputElement | HTMLTextAreaElement).value });
  const submit = async (e: Event) => {
    e.preventDefault();
    const body = Object.fromEntries(Object.entries(form).filter(([, v]) => v.trim() !== ''));
    if (await run(() => providerAccounts.create({ ...body, kind: props.kind }))) props.onSaved();
  };
  const input = (key: string, label: string, type = 'text') => (
    <Field label={label} error={error?.field(key)}>
      <input
        type={type}
        value={form[key] ?? ''}
        onInput={set(key)}
        data-testid={`provider-${key}`}
        autocomplete="off"
      />
    </Field>
  );
  const pem = (key: string, label: string) => (
    <Field label={label} error={error?.field(key)} hint={t('providers.optional')}>
      <textarea
        rows={4}
        value={form[key] ?? ''}
        onInput={set(key)}
        placeholder="-----BEGIN …-----"
        data-testid={`provider-${key}`}
      />
    </Field>
  );
  const labels: Record<(typeof PIX_FIELDS)[number], string> = {
    name: t('field.name'),
    pix_key: t('providers.pixKey'),
    client_id: t('providers.clientId'),
    client_secret: t('providers.clientSecret'),
  };
  return (
    <form onSubmit={submit} novalidate>
      <Field label={pix ? t('providers.bank') : t('filters.wallet')} error={error?.field('provider')}>
        <select value={form.provider} onChange={set('provider')} data-testid="provider-provider">
          {providers.map((p) => (
            <option key={p} value={p}>
              {PROVIDER_NAMES[p]}
            </option>
          ))}
        </select>
      </Field>
      {pix ? (
        <>
          {PIX_FIELDS.map((key) => input(key, labels[key], key === 'client_secret' ? 'password' : 'text'))}
          {pem('certificate_pem', t('providers.certificate'))}
          {pem('key_pem', t('providers.privateKey'))}
        </>
      ) : (
        <>
          {input('name', t('field.name'))}
          {input('api_key', t('providers.apiKey'), 'password')}
        </>
      )}
      <FormActions error={error} busy={busy} onBack={props.onCancel} testid="provider-save" />
    </form>
  );
}
