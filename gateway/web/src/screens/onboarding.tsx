import type { MerchantDocument } from '@tillgate/sdk/protocol';
import { useEffect, useState } from 'preact/hooks';
import { session as sessionApi } from '../api/endpoints.js';
import { useI18n } from '../i18n/index.js';
import { useShell } from '../session.js';
import { useAction } from '../ui/action.js';
import { DateTime } from '../ui/display.js';
import { ProblemMessage } from '../ui/form.js';

/** What the server accepts (gateway/web/README.md); checked here first to spare a 5 MiB upload. */
export const DOCUMENT_TYPES = ['application/pdf', 'image/png', 'image/jpeg'];
export const MAX_DOCUMENT_BYTES = 5 * 1024 * 1024;

/** The admin's checklist: account activated, terms accepted, company documents sent. */
export function Onboarding() {
  const { t } = useI18n();
  const { session, setSession } = useShell();
  const steps = session.onboarding;
  const [agree, setAgree] = useState(false);
  const [documents, setDocuments] = useState<MerchantDocument[]>([]);
  const [fileError, setFileError] = useState<string>();
  const { busy, error, run } = useAction();
  const loadDocuments = () =>
    void sessionApi.documents().then(
      (p) => setDocuments(p.data),
      () => {},
    );
  useEffect(loadDocuments, []);

  const accept = async () => {
    const next = await run(() => sessionApi.acceptTerms());
    if (next) setSession(next);
  };
  const upload = async (e: Event) => {
    const input = e.currentTarget as HTMLInputElement;
    const file = input.files?.[0];
    input.value = '';
    if (!file) return;
    if (!DOCUMENT_TYPES.includes(file.type)) return setFileError(t('onboarding.badType'));
    if (file.size > MAX_DOCUMENT_BYTES) return setFileError(t('onboarding.tooBig'));
    setFileError(undefined);
    if (await run(() => sessionApi.uploadDocument(file))) {
      loadDocuments();
      const next = await sessionApi.get().catch(() => undefined);
      if (next) setSession(next);
    }
  };

  return (
    <section data-testid="onboarding">
      <h1>{t('nav.onboarding')}</h1>
      {steps.done && (
        <p class="ok" data-testid="onboarding-done">
          {t('onboarding.done')}
        </p>
      )}
      <ol class="checklist">
        <li class={steps.activated ? 'done' : ''} data-testid="step-activation">
          {t('onboarding.activated')}
        </li>
        <li class={steps.terms_accepted ? 'done' : ''} data-testid="step-terms">
          {t('onboarding.terms')}
          {!steps.terms_accepted && (
            <div>
              <p class="terms">{t('onboarding.termsText')}</p>
              <label class="choice">
                <input
                  type="checkbox"
                  checked={agree}
                  onChange={(e) => setAgree(e.currentTarget.checked)}
                  data-testid="terms-agree"
                />
                {t('onboarding.agree')}
              </label>
              <button
                type="button"
                class="primary"
                disabled={!agree || busy}
                onClick={accept}
                data-testid="terms-accept"
              >
                {t('onboarding.accept')}
              </button>
            </div>
          )}
        </li>
        <li class={steps.documents > 0 ? 'done' : ''} data-testid="step-documents">
          {t('onboarding.documents')}
          <p class="hint">{t('onboarding.documentsHint')}</p>
          <input
            type="file"
            accept=".pdf,.png,.jpg,.jpeg,application/pdf,image/png,image/jpeg"
            onChange={upload}
            disabled={busy}
            data-testid="document-input"
          />
          {fileError && (
            <p class="field-error" role="alert" data-testid="document-error">
              {fileError}
            </p>
          )}
          <ul>
            {documents.map((d) => (
              <li key={d.id} data-testid="document">
                <a href={`/v1/panel/documents/${d.id}`} target="_blank" rel="noreferrer">
                  {d.name}
                </a>{' '}
                · {Math.ceil(d.size / 1024)} KiB · <DateTime iso={d.created_at} />
              </li>
            ))}
          </ul>
        </li>
      </ol>
      <ProblemMessage error={error} />
    </section>
  );
}
