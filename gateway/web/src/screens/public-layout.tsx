import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { accounts } from '../api/endpoints.js';
import { useI18n } from '../i18n/index.js';
import { LanguageSwitch } from '../ui/language-switch.js';

/** The frame of the screens without a session: brand, language, one card, and the local outbox if there is one. */
export function PublicLayout(props: { title: string; testid: string; children: ComponentChildren }) {
  const { t } = useI18n();
  const [outbox, setOutbox] = useState(false);
  // The outbox answers only on the embedded default without SMTP, and only to loopback.
  useEffect(() => {
    accounts.outbox().then(
      () => setOutbox(true),
      () => setOutbox(false),
    );
  }, []);
  return (
    <div class="public">
      <header class="public-header">
        <span class="brand">Tillgate</span>
        <LanguageSwitch />
      </header>
      <main class="card narrow" data-testid={props.testid}>
        <h1>{props.title}</h1>
        {props.children}
      </main>
      {outbox && props.testid !== 'outbox-page' && (
        <p class="narrow hint">
          <a href="#/outbox" data-testid="link-outbox">
            {t('outbox.title')}
          </a>
        </p>
      )}
    </div>
  );
}
