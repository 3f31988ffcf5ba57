import type { ComponentChildren } from 'preact';
import { useEffect } from 'preact/hooks';
import { useI18n } from '../i18n/index.js';
import { useAction } from './action.js';
import { ProblemMessage } from './form.js';

export function Dialog(props: { title: string; testid: string; onClose(): void; children: ComponentChildren }) {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && props.onClose();
    addEventListener('keydown', onKey);
    return () => removeEventListener('keydown', onKey);
  }, [props.onClose]);
  return (
    <div class="overlay">
      <div class="dialog" role="dialog" aria-modal="true" aria-label={props.title} data-testid={props.testid}>
        <h2>{props.title}</h2>
        {props.children}
      </div>
    </div>
  );
}

/** Asks before an action that cannot be undone; shows the server's refusal in place. */
export function ConfirmDialog(props: {
  title: string;
  message: ComponentChildren;
  confirmLabel: string;
  danger?: boolean;
  onConfirm(): Promise<unknown>;
  onClose(): void;
}) {
  const { t } = useI18n();
  const { busy, error, run } = useAction();
  const confirm = async () => {
    const ok = await run(async () => {
      await props.onConfirm();
      return true;
    });
    if (ok) props.onClose();
  };
  return (
    <Dialog title={props.title} testid="confirm-dialog" onClose={props.onClose}>
      <div class="dialog-message">{props.message}</div>
      <ProblemMessage error={error} />
      <div class="actions">
        <button type="button" onClick={props.onClose} data-testid="confirm-cancel">
          {t('action.back')}
        </button>
        <button
          type="button"
          class={props.danger ? 'danger' : 'primary'}
          disabled={busy}
          onClick={confirm}
          data-testid="confirm-ok"
        >
          {props.confirmLabel}
        </button>
      </div>
    </Dialog>
  );
}

export function CopyButton({ text, testid }: { text: string; testid?: string }) {
  const { t } = useI18n();
  return (
    <button
      type="button"
      class="copy"
      data-testid={testid ?? 'copy'}
      onClick={async (e) => {
        const button = e.currentTarget;
        await navigator.clipboard?.writeText(text).catch(() => {});
        button.textContent = t('action.copied');
        setTimeout(() => {
          button.textContent = t('action.copy');
        }, 1500);
      }}
    >
      {t('action.copy')}
    </button>
  );
}

/** A secret the server shows once: each value with a copy button and the warning that it will not come back. */
export function SecretDialog(props: {
  title: string;
  values: { label: string; value: string; testid: string }[];
  onClose(): void;
}) {
  const { t } = useI18n();
  return (
    <Dialog title={props.title} testid="secret-dialog" onClose={() => {}}>
      <p class="warning" role="alert">
        {t('secret.once')}
      </p>
      {props.values.map((v) => (
        <div class="secret" key={v.testid}>
          <span class="label">{v.label}</span>
          <code data-testid={v.testid}>{v.value}</code>
          <CopyButton text={v.value} testid={`${v.testid}-copy`} />
        </div>
      ))}
      <div class="actions">
        <button type="button" class="primary" onClick={props.onClose} data-testid="secret-done">
          {t('secret.saved')}
        </button>
      </div>
    </Dialog>
  );
}
