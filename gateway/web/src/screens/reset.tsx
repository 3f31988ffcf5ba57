import { useState } from 'preact/hooks';
import { accounts } from '../api/endpoints.js';
import { useI18n } from '../i18n/index.js';
import { useAction } from '../ui/action.js';
import { Field, ProblemMessage } from '../ui/form.js';
import { PublicLayout } from './public-layout.js';

/** Without a token: ask for the emailed link. With `#/reset?token=…`: choose the new password. */
export function Reset({ token }: { token: string | null }) {
  return token ? <ConfirmReset token={token} /> : <RequestReset />;
}

function RequestReset() {
  const { t } = useI18n();
  const [email, setEmail] = useState('');
  const [sent, setSent] = useState(false);
  const { busy, error, run } = useAction();
  const submit = async (e: Event) => {
    e.preventDefault();
    if ((await run(() => accounts.requestReset(email))) !== undefined) setSent(true);
  };
  return (
    <PublicLayout title={t('reset.title')} testid="reset-page">
      {sent ? (
        <p data-testid="reset-sent">{t('reset.sent')}</p>
      ) : (
        <form onSubmit={submit} novalidate>
          <Field label={t('field.email')} error={error?.field('email')}>
            <input
              type="email"
              required
              value={email}
              onInput={(e) => setEmail(e.currentTarget.value)}
              data-testid="reset-email"
            />
          </Field>
          <ProblemMessage error={error} />
          <button type="submit" class="primary wide" disabled={busy} data-testid="reset-submit">
            {t('reset.submit')}
          </button>
        </form>
      )}
      <nav class="links">
        <a href="#/login">{t('login.title')}</a>
      </nav>
    </PublicLayout>
  );
}

function ConfirmReset({ token }: { token: string }) {
  const { t } = useI18n();
  const [password, setPassword] = useState('');
  const [done, setDone] = useState(false);
  const { busy, error, run } = useAction();
  const submit = async (e: Event) => {
    e.preventDefault();
    if ((await run(() => accounts.confirmReset(token, password))) !== undefined) setDone(true);
  };
  return (
    <PublicLayout title={t('reset.newTitle')} testid="reset-confirm-page">
      {done ? (
        <p data-testid="reset-done">{t('reset.done')}</p>
      ) : (
        <form onSubmit={submit} novalidate>
          <Field label={t('field.newPassword')} error={error?.field('password')}>
            <input
              type="password"
              autocomplete="new-password"
              required
              value={password}
              onInput={(e) => setPassword(e.currentTarget.value)}
              data-testid="reset-password"
            />
          </Field>
          <ProblemMessage error={error} />
          <button type="submit" class="primary wide" disabled={busy} data-testid="reset-confirm">
            {t('reset.save')}
          </button>
        </form>
      )}
      <nav class="links">
        <a href="#/login">{t('login.title')}</a>
      </nav>
    </PublicLayout>
  );
}
