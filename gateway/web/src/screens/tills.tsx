import type { Till, TillCategory, TillQrMode } from '@tillgate/sdk/protocol';
import { useEffect, useState } from 'preact/hooks';
import { tills as tillsApi } from '../api/endpoints.js';
import { useI18n } from '../i18n/index.js';
import { useShell } from '../session.js';
import { useAction, useNewest } from '../ui/action.js';
import { EditAndToggle, ToggleDialog } from '../ui/active-toggle.js';
import { CopyButton, Dialog } from '../ui/dialog.js';
import { Field, FormActions, ProblemMessage } from '../ui/form.js';
import { PrintedQrDialog, QR_MODES } from './printed-qr.js';

const CATEGORIES: TillCategory[] = ['physical', 'ecommerce'];

/**
 * The tills (caixas) of the header's store: name, category, the client_id the POS system needs. An address
 * naming a store (`#/tills?store=`, from Lojas) chooses it in the header.
 */
export function TillsScreen({ storeParam }: { storeParam: string | null }) {
  const { t } = useI18n();
  const shell = useShell();
  // Once the header knows the store (a store just opened may not be in its list yet).
  const known = shell.stores.some((s) => s.id === storeParam);
  useEffect(() => {
    if (storeParam && known) shell.chooseStore(storeParam);
  }, [storeParam, known]);
  const storeId = shell.storeId;
  const store = shell.stores.find((s) => s.id === storeId);
  const [list, setList] = useState<Till[]>([]);
  const [editing, setEditing] = useState<Till | 'new'>();
  const [toggling, setToggling] = useState<Till>();
  const [printing, setPrinting] = useState<Till>();
  const { error, run } = useAction();
  const newest = useNewest();
  const load = () =>
    void (storeId && newest(run(() => tillsApi.list(storeId, true))).then((p) => p && setList(p.data)));
  useEffect(load, [storeId]);

  return (
    <section data-testid="tills">
      <h1>
        {t('nav.tills')}
        {store ? ` · ${store.name}` : ''}
      </h1>
      <div class="toolbar">
        {storeId && shell.can('tills.manage') && (
          <button type="button" class="primary" onClick={() => setEditing('new')} data-testid="till-new">
            {t('tills.new')}
          </button>
        )}
      </div>
      <ProblemMessage error={error} />
      <table class="list" data-testid="tills-table">
        <thead>
          <tr>
            <th>{t('field.name')}</th>
            <th>{t('tills.category')}</th>
            <th>client_id</th>
            <th>{t('tills.qrMode')}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {list.map((x) => (
            <tr key={x.id} data-testid="till-row" data-till-id={x.id} class={x.active ? '' : 'inactive'}>
              <td>
                {x.name}
                {x.active ? '' : ` (${t('common.inactive')})`}
              </td>
              <td>{t(`category.${x.category}`)}</td>
              <td>
                <code data-testid="till-client-id">{x.client_id}</code>{' '}
                <CopyButton text={x.client_id} testid="till-client-id-copy" />
              </td>
              <td data-testid="till-qr-mode">
                {t(`qrMode.${x.qr_mode}`)}
                {shell.can('tills.manage') && x.qr_mode !== 'dynamic' && (
                  <>
                    {' '}
                    <button
                      type="button"
                      class="link-button"
                      onClick={() => setPrinting(x)}
                      data-testid="till-printed-qr"
                    >
                      {t('tills.printedQr')}
                    </button>
                  </>
                )}
              </td>
              <td class="row-actions">
                {shell.can('tills.manage') && (
                  <EditAndToggle
                    active={x.active}
                    onEdit={() => setEditing(x)}
                    onToggle={() => setToggling(x)}
                    testid="till"
                  />
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {editing && storeId && (
        <TillDialog
          storeId={storeId}
          till={editing === 'new' ? undefined : editing}
          onSaved={load}
          onClose={() => setEditing(undefined)}
        />
      )}
      {printing && (
        <PrintedQrDialog till={printing} storeName={store?.name ?? ''} onClose={() => setPrinting(undefined)} />
      )}
      {toggling && (
        <ToggleDialog
          active={toggling.active}
          message={t(toggling.active ? 'tills.deactivateConfirm' : 'tills.reactivateConfirm', { name: toggling.name })}
          onConfirm={async () => {
            await tillsApi.update(toggling.id, { active: !toggling.active });
            load();
          }}
          onClose={() => setToggling(undefined)}
        />
      )}
    </section>
  );
}

function TillDialog(props: { storeId: string; till: Till | undefined; onSaved(): void; onClose(): void }) {
  const { t } = useI18n();
  const [name, setName] = useState(props.till?.name ?? '');
  const [category, setCategory] = useState<TillCategory>(props.till?.category ?? 'physical');
  const [qrMode, setQrMode] = useState<TillQrMode>(props.till?.qr_mode ?? 'dynamic');
  const { busy, error, run } = useAction();
  const submit = async (e: Event) => {
    e.preventDefault();
    const till = props.till;
    const saved = await run(() =>
      till
        ? tillsApi.update(till.id, { name, category, qr_mode: qrMode })
        : tillsApi.create({ store_id: props.storeId, name, category }),
    );
    if (saved) {
      props.onSaved();
      props.onClose();
    }
  };
  return (
    <Dialog title={props.till ? t('tills.edit') : t('tills.new')} testid="till-dialog" onClose={props.onClose}>
      <form onSubmit={submit} novalidate>
        <Field label={t('field.name')} error={error?.field('name')}>
          <input
            required
            value={name}
            placeholder={t('tills.namePlaceholder')}
            onInput={(e) => setName(e.currentTarget.value)}
            data-testid="till-name"
          />
        </Field>
        <Field label={t('tills.category')} error={error?.field('category')}>
          <select
            value={category}
            onChange={(e) => setCategory(e.currentTarget.value as TillCategory)}
            data-testid="till-category"
          >
            {CATEGORIES.map((c) => (
              <option key={c} value={c}>
                {t(`category.${c}`)}
              </option>
            ))}
          </select>
        </Field>
        {props.till && (
          <Field label={t('tills.qrMode')} error={error?.field('qr_mode')}>
            <select
              value={qrMode}
              onChange={(e) => setQrMode(e.currentTarget.value as TillQrMode)}
              data-testid="till-qr-mode-select"
            >
              {QR_MODES.map((m) => (
                <option key={m} value={m}>
                  {t(`qrMode.${m}`)}
                </option>
              ))}
            </select>
          </Field>
        )}
        <FormActions error={error} busy={busy} onBack={props.onClose} testid="till-save" />
      </form>
    </Dialog>
  );
}
