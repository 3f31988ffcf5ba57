import { useState } from 'preact/hooks';
import { accounts } from '../api/endpoints.js';
import { type MessageKey, useI18n } from '../i18n/index.js';
import { useAction } from '../ui/action.js';
import { Field, ProblemMessage } from '../ui/form.js';
import { PublicLayout } from './public-layout.js';

/** Without a token: ask for the emailed link. With `#/reset?token=…`: choose the new password. */
export function Reset({ token }: { token: string | null }) {
  return token ? (
    <OneFieldForm
      testid="reset-confirm"
      title="reset.newTitle"
      field={{ name: 'password', label: 'field.newPassword', type: 'password', autocomplete: 'new-password' }}
      submit="reset.save"
      done="reset.done"
      send={(password) => accounts.confirmReset(token, password)}
    />
  ) : (
    <OneFieldForm
      testid="reset"
      title="reset.title"
      field={{ name: 'email', label: 'field.email', type: 'email', autocomplete: 'username' }}
      submit="reset.submit"
      done="reset.sent"
      send={(email) => accounts.requestReset(email)}
    />
  );
}

/** A page with one field, a button, and the sentence shown once the server took it. */
function OneFieldForm(props: {
  testid: string;
  title: MessageKey;
  field: { name: string; label: MessageKey; type: string; autocomplete: string };
  submit: MessageKey;
  done: MessageKey;
  send(value: string): Promise<unknown>;
}) {
  const { t } = useI18n();
  const [value, setValue] = useState('');
  const [done, setDone] = useState(false);
  const { busy, error, run } = useAction();
  const submit = async (e: Event) => {
    e.preventDefault();
    if ((await run(() => props.send(value))) !== undefined) setDone(true);
  };
  return (
    <PublicLayout title={t(props.title)} testid={`${props.testid}-page`}>
      {done ? (
        <p data-testid={`${props.testid}-done`}>{t(props.done)}</p>
      ) : (
        <form onSubmit={submit} novalidate>
          <Field label={t(props.field.label)} error={error?.field(props.field.name)}>
            <input
              type={props.field.type}
              autocomplete={props.field.autocomplete}
              required
              value={value}
              onInput={(e) => setValue(e.currentTarget.value)}
              data-testid={`${props.testid}-${props.field.name}`}
            />
          </Field>
          <ProblemMessage error={error} />
          <button type="submit" class="primary wide" disabled={busy} data-testid={`${props.testid}-submit`}>
            {t(props.submit)}
          </button>
        </form>
      )}
      <nav class="links">
        <a href="#/login">{t('login.title')}</a>
      </nav>
    </PublicLayout>
  );
}
