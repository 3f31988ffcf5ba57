import type { InvitationView, SessionView } from '@tillgate/sdk/protocol';
import { useEffect, useState } from 'preact/hooks';
import { accounts } from '../api/endpoints.js';
import { useI18n } from '../i18n/index.js';
import { navigate } from '../router.js';
import { useAction } from '../ui/action.js';
import { Field, ProblemMessage } from '../ui/form.js';
import { PublicLayout } from './public-layout.js';

/** Opened from the invitation email: `#/invite?token=…`; accepting it logs the new user in. */
export function Invite({ token, onSession }: { token: string; onSession(s: SessionView): void }) {
  const { t } = useI18n();
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const { busy, error, run } = useAction();
  const [invitation, setInvitation] = useState<InvitationView>();
  // The team and the role as they are now, which is what accepting gives, whatever the email said.
  useEffect(() => {
    void run(() => accounts.readInvitation(token)).then(setInvitation);
  }, [token]);
  const submit = async (e: Event) => {
    e.preventDefault();
    const session = await run(() => accounts.acceptInvitation({ token, name, password }));
    if (session) {
      onSession(session);
      navigate('#/board');
    }
  };
  return (
    <PublicLayout title={t('invite.title')} testid="invite-page">
      {invitation && (
        <p data-testid="invite-intro">
          {t('invite.intro', {
            merchant: invitation.merchant_name,
            role: t(`role.${invitation.role}`).toLocaleLowerCase(),
          })}
          <br />
          <span class="hint">{t('invite.for', { email: invitation.email })}</span>
        </p>
      )}
      <form onSubmit={submit} novalidate>
        <Field label={t('field.yourName')} error={error?.field('name')}>
          <input required value={name} onInput={(e) => setName(e.currentTarget.value)} data-testid="invite-name" />
        </Field>
        <Field label={t('field.password')} error={error?.field('password')}>
          <input
            type="password"
            autocomplete="new-password"
            required
            value={password}
            onInput={(e) => setPassword(e.currentTarget.value)}
            data-testid="invite-password"
          />
        </Field>
        <ProblemMessage error={error} testid="invite-error" />
        <button type="submit" class="primary wide" disabled={busy} data-testid="invite-submit">
          {t('invite.submit')}
        </button>
      </form>
    </PublicLayout>
  );
}
