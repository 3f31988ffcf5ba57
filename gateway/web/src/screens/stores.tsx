import type { Store } from '@tillgate/sdk/protocol';
import { useEffect, useState } from 'preact/hooks';
import { type StoreFields, stores as storesApi } from '../api/endpoints.js';
import { cnpjChars, isValidCnpj, maskCnpj } from '../cnpj.js';
import { useI18n } from '../i18n/index.js';
import { useShell } from '../session.js';
import { useAction, useNewest } from '../ui/action.js';
import { EditAndToggle, ToggleDialog } from '../ui/active-toggle.js';
import { Dialog } from '../ui/dialog.js';
import { Field, FormActions, ProblemMessage } from '../ui/form.js';

/** Stores: create, edit, deactivate (name, CNPJ, address, phone). */
export function StoresScreen() {
  const { t } = useI18n();
  const { reloadStores, can } = useShell();
  const [list, setList] = useState<Store[]>([]);
  const [showInactive, setShowInactive] = useState(false);
  const [editing, setEditing] = useState<Store | 'new'>();
  const [toggling, setToggling] = useState<Store>();
  const { error, run } = useAction();
  const newest = useNewest();
  const load = () => void newest(run(() => storesApi.list(showInactive))).then((p) => p && setList(p.data));
  useEffect(load, [showInactive]);
  const changed = () => {
    load();
    reloadStores();
  };

  return (
    <section data-testid="stores">
      <h1>{t('nav.stores')}</h1>
      <div class="toolbar">
        {can('stores.manage') && (
          <button type="button" class="primary" onClick={() => setEditing('new')} data-testid="store-new">
            {t('stores.new')}
          </button>
        )}
        <label class="choice">
          <input type="checkbox" checked={showInactive} onChange={(e) => setShowInactive(e.currentTarget.checked)} />
          {t('common.showInactive')}
        </label>
      </div>
      <ProblemMessage error={error} />
      <table class="list" data-testid="stores-table">
        <thead>
          <tr>
            <th>{t('field.name')}</th>
            <th>{t('field.cnpj')}</th>
            <th>{t('field.address')}</th>
            <th>{t('field.phone')}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {list.map((s) => (
            <tr key={s.id} data-testid="store-row" data-store-id={s.id} class={s.active ? '' : 'inactive'}>
              <td>
                {s.name}
                {s.active ? '' : ` (${t('common.inactive')})`}
              </td>
              <td>{s.cnpj ? maskCnpj(s.cnpj) : ''}</td>
              <td>{s.address}</td>
              <td>{s.phone}</td>
              <td class="row-actions">
                <a href={`#/tills?store=${s.id}`}>{t('nav.tills')}</a>
                {can('stores.manage') && (
                  <EditAndToggle
                    active={s.active}
                    onEdit={() => setEditing(s)}
                    onToggle={() => setToggling(s)}
                    testid="store"
                  />
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {editing && (
        <StoreDialog
          store={editing === 'new' ? undefined : editing}
          onSaved={changed}
          onClose={() => setEditing(undefined)}
        />
      )}
      {toggling && (
        <ToggleDialog
          active={toggling.active}
          message={t(toggling.active ? 'stores.deactivateConfirm' : 'stores.reactivateConfirm', {
            name: toggling.name,
          })}
          onConfirm={async () => {
            await storesApi.update(toggling.id, { active: !toggling.active });
            changed();
          }}
          onClose={() => setToggling(undefined)}
        />
      )}
    </section>
  );
}

function StoreDialog(props: { store: Store | undefined; onSaved(): void; onClose(): void }) {
  const { t } = useI18n();
  const s = props.store;
  const [form, setForm] = useState({
    name: s?.name ?? '',
    cnpj: s?.cnpj ? maskCnpj(s.cnpj) : '',
    address: s?.address ?? '',
    phone: s?.phone ?? '',
  });
  const { busy, error, run } = useAction();
  const set = (key: keyof typeof form) => (e: Event) =>
    setForm({ ...form, [key]: (e.currentTarget as HTMLInputElement).value });
  const cnpjHint =
    form.cnpj && cnpjChars(form.cnpj).length === 14 && !isValidCnpj(form.cnpj) ? t('signup.cnpjInvalid') : undefined;

  const submit = async (e: Event) => {
    e.preventDefault();
    const body: StoreFields = {
      name: form.name.trim(),
      cnpj: form.cnpj ? cnpjChars(form.cnpj) : undefined,
      address: form.address.trim() || undefined,
      phone: form.phone.trim() || undefined,
    };
    const saved = await run(() => (s ? storesApi.update(s.id, body) : storesApi.create(body)));
    if (saved) {
      props.onSaved();
      props.onClose();
    }
  };
  return (
    <Dialog title={s ? t('stores.edit') : t('stores.new')} testid="store-dialog" onClose={props.onClose}>
      <form onSubmit={submit} novalidate>
        <Field label={t('field.name')} error={error?.field('name')}>
          <input required value={form.name} onInput={set('name')} data-testid="store-name" />
        </Field>
        <Field label={t('field.cnpj')} error={cnpjHint ?? error?.field('cnpj')}>
          <input
            inputMode="numeric"
            value={form.cnpj}
            onInput={(e) => setForm({ ...form, cnpj: maskCnpj(e.currentTarget.value) })}
            data-testid="store-cnpj"
          />
        </Field>
        <Field label={t('field.address')} error={error?.field('address')}>
          <input value={form.address} onInput={set('address')} data-testid="store-address" />
        </Field>
        <Field label={t('field.phone')} error={error?.field('phone')}>
          <input type="tel" value={form.phone} onInput={set('phone')} data-testid="store-phone" />
        </Field>
        <FormActions error={error} busy={busy} onBack={props.onClose} testid="store-save" />
      </form>
    </Dialog>
  );
}
