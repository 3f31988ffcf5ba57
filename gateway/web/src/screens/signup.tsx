import { useState } from 'preact/hooks';
import { accounts } from '../api/endpoints.js';
import { cnpjChars, isValidCnpj, maskCnpj } from '../cnpj.js';
import { useI18n } from '../i18n/index.js';
import { useAction } from '../ui/action.js';
import { Field, ProblemMessage } from '../ui/form.js';
import { PublicLayout } from './public-layout.js';

const MIN_PASSWORD = 10;

export function Signup() {
  const { t } = useI18n();
  const [form, setForm] = useState({ merchant_name: '', cnpj: '', name: '', email: '', password: '' });
  const [checked, setChecked] = useState(false);
  const [sentTo, setSentTo] = useState<string>();
  const { busy, error, run } = useAction();
  const set = (key: keyof typeof form) => (e: Event) =>
    setForm({ ...form, [key]: (e.currentTarget as HTMLInputElement).value });

  // Hints only: the server checks the same and has the last word.
  const cnpjHint = checked && !isValidCnpj(form.cnpj) ? t('signup.cnpjInvalid') : undefined;
  const passwordHint =
    checked && form.password.length < MIN_PASSWORD ? t('signup.passwordShort', { n: MIN_PASSWORD }) : undefined;

  const submit = async (e: Event) => {
    e.preventDefault();
    setChecked(true);
    if (!isValidCnpj(form.cnpj) || form.password.length < MIN_PASSWORD) return;
    const done = await run(() =>
      accounts.signup({ ...form, cnpj: cnpjChars(form.cnpj), name: form.name.trim() || undefined }),
    );
    if (done) setSentTo(done.email);
  };

  if (sentTo)
    return (
      <PublicLayout title={t('signup.doneTitle')} testid="signup-done">
        <p>{t('signup.done', { email: sentTo })}</p>
        <a href="#/login">{t('login.title')}</a>
      </PublicLayout>
    );

  return (
    <PublicLayout title={t('signup.title')} testid="signup-page">
      <form onSubmit={submit} novalidate>
        <Field label={t('field.merchantName')} error={error?.field('merchant_name')}>
          <input required value={form.merchant_name} onInput={set('merchant_name')} data-testid="signup-merchant" />
        </Field>
        <Field label={t('field.cnpj')} error={cnpjHint ?? error?.field('cnpj')} hint="00.000.000/0000-00">
          <input
            required
            inputMode="numeric"
            value={form.cnpj}
            data-testid="signup-cnpj"
            onInput={(e) => setForm({ ...form, cnpj: maskCnpj(e.currentTarget.value) })}
            onBlur={() => form.cnpj && setChecked(true)}
          />
        </Field>
        <Field label={t('field.yourName')} error={error?.field('name')}>
          <input value={form.name} onInput={set('name')} autocomplete="name" data-testid="signup-name" />
        </Field>
        <Field label={t('field.email')} error={error?.field('email')}>
          <input
            type="email"
            required
            value={form.email}
            onInput={set('email')}
            autocomplete="email"
            data-testid="signup-email"
          />
        </Field>
        <Field
          label={t('field.password')}
          error={passwordHint ?? error?.field('password')}
          hint={t('signup.passwordShort', { n: MIN_PASSWORD })}
        >
          <input
            type="password"
            required
            value={form.password}
            onInput={set('password')}
            autocomplete="new-password"
            data-testid="signup-password"
          />
        </Field>
        <ProblemMessage error={error} testid="signup-error" />
        <button type="submit" class="primary wide" disabled={busy} data-testid="signup-submit">
          {t('signup.submit')}
        </button>
      </form>
      <nav class="links">
        <a href="#/login">{t('signup.haveAccount')}</a>
      </nav>
    </PublicLayout>
  );
}
