import type { Role, User } from '@tillgate/sdk/protocol';
import { useEffect, useState } from 'preact/hooks';
import { team } from '../api/endpoints.js';
import { useI18n } from '../i18n/index.js';
import { useShell } from '../session.js';
import { useAction, useNewest } from '../ui/action.js';
import { ConfirmDialog, Dialog } from '../ui/dialog.js';
import { Field, FieldMessage, FormActions, ProblemMessage } from '../ui/form.js';

const ROLES: Role[] = ['admin', 'manager', 'clerk'];

/** Team: invite by email with a role and optionally some stores, change roles, remove (admin). */
export function TeamScreen() {
  const { t } = useI18n();
  const { stores, can, session } = useShell();
  const [users, setUsers] = useState<User[]>([]);
  const [editing, setEditing] = useState<User | 'new'>();
  const [removing, setRemoving] = useState<User>();
  const { error, run } = useAction();
  const newest = useNewest();
  const load = () => void newest(run(() => team.list())).then((p) => p && setUsers(p.data));
  useEffect(load, []);
  const storeNames = (ids: string[] | null) =>
    ids === null ? t('team.allStores') : ids.map((id) => stores.find((s) => s.id === id)?.name ?? id).join(', ');

  return (
    <section data-testid="team">
      <h1>{t('nav.team')}</h1>
      {can('team.manage') && (
        <div class="toolbar">
          <button type="button" class="primary" onClick={() => setEditing('new')} data-testid="team-invite">
            {t('team.invite')}
          </button>
        </div>
      )}
      <ProblemMessage error={error} />
      <table class="list" data-testid="team-table">
        <thead>
          <tr>
            <th>{t('field.email')}</th>
            <th>{t('field.name')}</th>
            <th>{t('team.role')}</th>
            <th>{t('nav.stores')}</th>
            <th>{t('team.status')}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {users.map((u) => (
            <tr key={u.id} data-testid="team-row" data-user-id={u.id} data-email={u.email}>
              <td>{u.email}</td>
              <td>{u.name ?? ''}</td>
              <td data-testid="team-role">{t(`role.${u.role}`)}</td>
              <td>{storeNames(u.store_ids)}</td>
              <td>{t(`team.${u.status}`)}</td>
              <td class="row-actions">
                {can('team.manage') && (
                  <>
                    <button type="button" onClick={() => setEditing(u)} data-testid="team-edit">
                      {t('action.edit')}
                    </button>
                    {u.id !== session.user.id && (
                      <button type="button" class="danger" onClick={() => setRemoving(u)} data-testid="team-remove">
                        {t('action.remove')}
                      </button>
                    )}
                  </>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {editing && (
        <MemberDialog
          user={editing === 'new' ? undefined : editing}
          onSaved={load}
          onClose={() => setEditing(undefined)}
        />
      )}
      {removing && (
        <ConfirmDialog
          title={t('action.remove')}
          message={t('team.removeConfirm', { email: removing.email })}
          confirmLabel={t('action.remove')}
          danger
          onConfirm={async () => {
            await team.remove(removing.id);
            load();
          }}
          onClose={() => setRemoving(undefined)}
        />
      )}
    </section>
  );
}

function MemberDialog(props: { user: User | undefined; onSaved(): void; onClose(): void }) {
  const { t } = useI18n();
  const { stores } = useShell();
  const u = props.user;
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<Role>(u?.role ?? 'clerk');
  const [limited, setLimited] = useState<string[] | null>(u?.store_ids ?? null);
  const { busy, error, run } = useAction();
  const toggleStore = (id: string, on: boolean) =>
    setLimited((ids) => (on ? [...(ids ?? []), id] : (ids ?? []).filter((x) => x !== id)));
  const submit = async (e: Event) => {
    e.preventDefault();
    const store_ids = role === 'admin' ? null : limited;
    const saved = await run(() =>
      u ? team.update(u.id, { role, store_ids }) : team.invite({ email, role, store_ids }),
    );
    if (saved) {
      props.onSaved();
      props.onClose();
    }
  };
  return (
    <Dialog title={u ? u.email : t('team.invite')} testid="member-dialog" onClose={props.onClose}>
      <form onSubmit={submit} novalidate>
        {!u && (
          <Field label={t('field.email')} error={error?.field('email')}>
            <input
              type="email"
              required
              value={email}
              onInput={(e) => setEmail(e.currentTarget.value)}
              data-testid="member-email"
            />
          </Field>
        )}
        <Field label={t('team.role')} error={error?.field('role')} hint={t(`role.${role}.explain`)}>
          <select value={role} onChange={(e) => setRole(e.currentTarget.value as Role)} data-testid="member-role">
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {t(`role.${r}`)}
              </option>
            ))}
          </select>
        </Field>
        {role !== 'admin' && (
          <fieldset class="stores-limit">
            <legend>{t('nav.stores')}</legend>
            <label class="choice">
              <input
                type="checkbox"
                checked={limited === null}
                onChange={(e) => setLimited(e.currentTarget.checked ? null : [])}
                data-testid="member-all-stores"
              />
              {t('team.allStores')}
            </label>
            {limited !== null &&
              stores.map((s) => (
                <label class="choice" key={s.id}>
                  <input
                    type="checkbox"
                    checked={limited.includes(s.id)}
                    onChange={(e) => toggleStore(s.id, e.currentTarget.checked)}
                    data-testid="member-store"
                  />
                  {s.name}
                </label>
              ))}
            <FieldMessage error={error?.field('store_ids')} />
          </fieldset>
        )}
        <FormActions
          error={error}
          busy={busy}
          onBack={props.onClose}
          testid="member-save"
          label={u ? t('action.save') : t('team.sendInvite')}
        />
      </form>
    </Dialog>
  );
}
