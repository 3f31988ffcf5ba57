import { useEffect, useState } from 'preact/hooks';
import { accounts } from '../api/endpoints.js';
import { useI18n } from '../i18n/index.js';
import { useAction } from '../ui/action.js';
import { ProblemMessage } from '../ui/form.js';
import { PublicLayout } from './public-layout.js';

/** Opened from the activation email: `#/activate?token=…`. */
export function Activate({ token }: { token: string }) {
  const { t } = useI18n();
  const [activated, setActivated] = useState(false);
  const { error, run } = useAction();
  useEffect(() => {
    void run(() => accounts.activate(token)).then((r) => setActivated(Boolean(r?.activated)));
  }, [token]);
  return (
    <PublicLayout title={t('activate.title')} testid="activate-page">
      {activated ? (
        <p data-testid="activate-done">{t('activate.done')}</p>
      ) : error ? (
        <ProblemMessage error={error} testid="activate-error" />
      ) : (
        <p>{t('common.loading')}</p>
      )}
      <a href="#/login" class="button primary" data-testid="activate-login">
        {t('login.title')}
      </a>
    </PublicLayout>
  );
}
