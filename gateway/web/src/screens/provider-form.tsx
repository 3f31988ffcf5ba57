import type { ProviderAccountField, ProviderDescription } from '@tillgate/sdk/protocol';
import { useState } from 'preact/hooks';
import { providerAccounts } from '../api/endpoints.js';
import { accountChoices, isRequired } from '../api/providers.js';
import { useI18n } from '../i18n/index.js';
import { useShell } from '../session.js';
import { useAction } from '../ui/action.js';
import { Field, FormActions } from '../ui/form.js';

type Value = string | boolean;

/** The body's fields from the form: blanks left out, numbers as numbers, an unticked box not sent. */
function bodyOf(fields: readonly ProviderAccountField[], form: Record<string, Value>) {
  const body: Record<string, string | boolean | number> = {};
  for (const f of fields) {
    const v = form[f.name];
    if (typeof v === 'boolean') {
      if (v) body[f.name] = true;
    } else if (v !== undefined && v.trim() !== '')
      body[f.name] = f.type === 'integer' || f.type === 'number' ? Number(v) : v;
  }
  return body;
}

/**
 * An account at one of the installed providers (`GET /v1/providers`): a bank's Pix account or a wallet's,
 * each asking for its provider's own fields; secrets as password fields, never filled back.
 */
export function ProviderAccountForm(props: {
  kind: 'pix' | 'wallet';
  providers: readonly ProviderDescription[];
  onSaved(): void;
  onCancel(): void;
}) {
  const { t } = useI18n();
  const { session } = useShell();
  const choices = accountChoices(props.providers, props.kind, session.environment);
  const [provider, setProvider] = useState(choices[0]?.value ?? '');
  const [form, setForm] = useState<Record<string, Value>>({});
  const { busy, error, run } = useAction();
  const choice = choices.find((c) => c.value === provider);
  const fields = choice?.fields ?? [];
  const required = (f: ProviderAccountField) => isRequired(f, session.environment, { ...choice?.given, ...form });
  const set = (key: string, value: Value) => setForm({ ...form, [key]: value });
  const text = (e: Event) => (e.currentTarget as HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement).value;
  const submit = async (e: Event) => {
    e.preventDefault();
    const name = typeof form.name === 'string' ? form.name.trim() : '';
    const body = { kind: props.kind, provider, ...(name ? { name } : {}), ...bodyOf(fields, form) };
    if (await run(() => providerAccounts.create(body))) props.onSaved();
  };
  const control = (f: ProviderAccountField) => {
    const value = form[f.name];
    const testid = `provider-${f.name}`;
    const need = required(f);
    if (f.type === 'boolean')
      return (
        <input
          type="checkbox"
          checked={value === true}
          onChange={(e) => set(f.name, e.currentTarget.checked)}
          data-testid={testid}
        />
      );
    const str = typeof value === 'string' ? value : '';
    if (f.type === 'enum')
      return (
        <select value={str} onChange={(e) => set(f.name, text(e))} aria-required={need} data-testid={testid}>
          <option value="">—</option>
          {(f.options ?? []).map((o) => (
            <option key={o} value={o}>
              {f.option_labels?.[o] ?? o}
            </option>
          ))}
        </select>
      );
    if (f.type === 'pem')
      return (
        <textarea
          rows={4}
          value={str}
          onInput={(e) => set(f.name, text(e))}
          placeholder="-----BEGIN …-----"
          aria-required={need}
          data-testid={testid}
        />
      );
    const type = f.secret ? 'password' : f.type === 'url' ? 'url' : f.type === 'string' ? 'text' : 'number';
    return (
      <input
        type={type}
        value={str}
        onInput={(e) => set(f.name, text(e))}
        aria-required={need}
        data-testid={testid}
        autocomplete="off"
      />
    );
  };
  return (
    <form onSubmit={submit} novalidate>
      <Field label={props.kind === 'pix' ? t('providers.bank') : t('filters.wallet')} error={error?.field('provider')}>
        <select
          value={provider}
          onChange={(e) => {
            setProvider(text(e));
            // A secret typed for one provider is never sent to another.
            setForm(typeof form.name === 'string' ? { name: form.name } : {});
          }}
          data-testid="provider-provider"
        >
          {choices.map((c) => (
            <option key={c.value} value={c.value}>
              {c.label}
            </option>
          ))}
        </select>
      </Field>
      <Field label={t('field.name')} error={error?.field('name')}>
        <input
          type="text"
          value={typeof form.name === 'string' ? form.name : ''}
          onInput={(e) => set('name', text(e))}
          data-testid="provider-name"
          autocomplete="off"
        />
      </Field>
      {fields.map((f) => (
        <Field
          key={f.name}
          label={f.label}
          error={error?.field(f.name)}
          hint={[f.help, required(f) ? undefined : t('providers.optional')].filter(Boolean).join(' · ')}
        >
          {control(f)}
        </Field>
      ))}
      <FormActions error={error} busy={busy} onBack={props.onCancel} testid="provider-save" />
    </form>
  );
}
