import { useEffect, useState } from 'preact/hooks';
import { accounts } from '../api/endpoints.js';
import { useI18n } from '../i18n/index.js';
import { useAction } from '../ui/action.js';
import { ProblemMessage } from '../ui/form.js';
import { PublicLayout } from './public-layout.js';

/** The emailed links that only need opening: `#/activate?token=…` and `#/unlock?token=…` (a log-in lockout). */
const LINKS = {
  activate: { call: (token: string) => accounts.activate(token).then((r) => r.activated) },
  unlock: { call: (token: string) => accounts.unlock(token).then((r) => r.unlocked) },
} as const;

export function Activate({ token, link = 'activate' }: { token: string; link?: keyof typeof LINKS }) {
  const { t } = useI18n();
  const [done, setDone] = useState(false);
  const { error, run } = useAction();
  useEffect(() => {
    void run(() => LINKS[link].call(token)).then((r) => setDone(Boolean(r)));
  }, [token, link]);
  return (
    <PublicLayout title={t(`${link}.title`)} testid={`${link}-page`}>
      {done ? (
        <p data-testid={`${link}-done`}>{t(`${link}.done`)}</p>
      ) : error ? (
        <ProblemMessage error={error} testid={`${link}-error`} />
      ) : (
        <p>{t('common.loading')}</p>
      )}
      <a href="#/login" class="button primary" data-testid={`${link}-login`}>
        {t('login.title')}
      </a>
    </PublicLayout>
  );
}
