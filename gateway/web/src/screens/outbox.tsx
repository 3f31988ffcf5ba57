import type { OutboxMail } from '@tillgate/sdk/protocol';
import { useEffect, useState } from 'preact/hooks';
import { accounts } from '../api/endpoints.js';
import { useI18n } from '../i18n/index.js';
import { useAction } from '../ui/action.js';
import { DateTime } from '../ui/display.js';
import { ProblemMessage } from '../ui/form.js';
import { PublicLayout } from './public-layout.js';

/** The local outbox of the embedded default (no SMTP): the emails the gateway would have sent. */
export function Outbox() {
  const { t } = useI18n();
  const [mails, setMails] = useState<OutboxMail[]>();
  const { error, run } = useAction();
  const load = () => void run(() => accounts.outbox()).then((r) => r && setMails(r.data));
  useEffect(load, []);
  return (
    <PublicLayout title={t('outbox.title')} testid="outbox-page">
      <p class="hint">{t('outbox.explain')}</p>
      <button type="button" onClick={load} data-testid="outbox-refresh">
        {t('action.refresh')}
      </button>
      <ProblemMessage error={error} />
      {mails?.length === 0 && <p>{t('outbox.empty')}</p>}
      <ul class="outbox">
        {mails?.map((m) => (
          <li key={m.id} data-testid="outbox-mail">
            <strong>{m.subject}</strong> → {m.to} · <DateTime iso={m.created_at} />
            <pre>{m.text}</pre>
            {m.links.map((link) => (
              <a key={link} href={link} data-testid="outbox-link">
                {link}
              </a>
            ))}
          </li>
        ))}
      </ul>
    </PublicLayout>
  );
}
