import type { SessionView } from '@tillgate/sdk/protocol';
import { useState } from 'preact/hooks';
import { accounts } from '../api/endpoints.js';
import { useI18n } from '../i18n/index.js';
import { useAction } from '../ui/action.js';
import { Field, ProblemMessage } from '../ui/form.js';
import { PublicLayout } from './public-layout.js';

export function Login({ onSession }: { onSession(s: SessionView): void }) {
  const { t } = useI18n();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const { busy, error, run } = useAction();
  const submit = async (e: Event) => {
    e.preventDefault();
    const session = await run(() => accounts.login(email, password));
    if (session) onSession(session);
  };
  return (
    <PublicLayout title={t('login.title')} testid="login-page">
      <form onSubmit={submit} novalidate>
        <Field label={t('field.email')} error={error?.field('email')}>
          <input
            type="email"
            autocomplete="username"
            required
            value={email}
            data-testid="login-email"
            onInput={(e) => setEmail(e.currentTarget.value)}
          />
        </Field>
        <Field label={t('field.password')} error={error?.field('password')}>
          <input
            type="password"
            autocomplete="current-password"
            required
            value={password}
            data-testid="login-password"
            onInput={(e) => setPassword(e.currentTarget.value)}
          />
        </Field>
        <ProblemMessage error={error} testid="login-error" />
        <button type="submit" class="primary wide" disabled={busy} data-testid="login-submit">
          {t('login.submit')}
        </button>
      </form>
      <nav class="links">
        <a href="#/reset" data-testid="link-reset">
          {t('login.forgot')}
        </a>
        <a href="#/signup" data-testid="link-signup">
          {t('login.signup')}
        </a>
      </nav>
    </PublicLayout>
  );
}
