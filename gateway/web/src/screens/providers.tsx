import type { ProviderAccount, ProviderDescription, Till } from '@tillgate/sdk/protocol';
import { WALLET_DISPLAY_NAMES } from '@tillgate/sdk/protocol';
import { useEffect, useState } from 'preact/hooks';
import { providerAccounts, providers as providersApi, tills as tillsApi } from '../api/endpoints.js';
import { providerName } from '../api/providers.js';
import { useI18n } from '../i18n/index.js';
import { useShell } from '../session.js';
import { useAction, useNewest } from '../ui/action.js';
import { ConfirmDialog, Dialog } from '../ui/dialog.js';
import { FormActions, ProblemMessage } from '../ui/form.js';
import { ProviderAccountForm } from './provider-form.js';

/** The merchant's accounts at banks (Pix) and wallets, their connection test, and where each is used. */
export function ProvidersScreen() {
  const { t } = useI18n();
  const [list, setList] = useState<ProviderAccount[]>([]);
  const [adding, setAdding] = useState<'pix' | 'wallet'>();
  const [associating, setAssociating] = useState<ProviderAccount>();
  const { can } = useShell();
  const { error, run } = useAction();
  const newest = useNewest();
  const [installed, setInstalled] = useState<ProviderDescription[]>([]);
  const load = () => void newest(run(() => providerAccounts.list())).then((p) => p && setList(p.data));
  useEffect(load, []);
  useEffect(() => void run(() => providersApi.list()).then((p) => p && setInstalled(p.data)), []);
  // Associations name tills by name, not by id.
  const [tills, setTills] = useState<Till[]>([]);
  useEffect(
    () =>
      void tillsApi.list().then(
        (p) => setTills(p.data),
        () => {},
      ),
    [],
  );

  return (
    <section data-testid="providers">
      <h1>{t('nav.providers')}</h1>
      <div class="toolbar" hidden={!can('providers.manage')}>
        <button type="button" class="primary" onClick={() => setAdding('pix')} data-testid="provider-add-pix">
          {t('providers.addPix')}
        </button>
        <button type="button" class="primary" onClick={() => setAdding('wallet')} data-testid="provider-add-wallet">
          {t('providers.addWallet')}
        </button>
      </div>
      <ProblemMessage error={error} />
      {list.length === 0 && <p class="hint">{t('providers.empty')}</p>}
      <div class="cards">
        {list.map((a) => (
          <AccountCard
            key={a.id}
            account={a}
            providers={installed}
            tills={tills}
            onChanged={load}
            onAssociate={() => setAssociating(a)}
          />
        ))}
      </div>
      {adding && (
        <Dialog
          title={adding === 'pix' ? t('providers.addPix') : t('providers.addWallet')}
          testid="provider-dialog"
          onClose={() => setAdding(undefined)}
        >
          <ProviderAccountForm
            kind={adding}
            providers={installed}
            onSaved={() => {
              setAdding(undefined);
              load();
            }}
            onCancel={() => setAdding(undefined)}
          />
        </Dialog>
      )}
      {associating && (
        <AssociateDialog account={associating} onSaved={load} onClose={() => setAssociating(undefined)} />
      )}
    </section>
  );
}

function AccountCard(props: {
  account: ProviderAccount;
  providers: readonly ProviderDescription[];
  tills: readonly Till[];
  onChanged(): void;
  onAssociate(): void;
}) {
  const { t } = useI18n();
  const { stores } = useShell();
  const a = props.account;
  const [result, setResult] = useState<{ ok: boolean; detail: string }>();
  const [removing, setRemoving] = useState<string>();
  const { busy, error, run } = useAction();
  const test = async () => {
    setResult(undefined);
    setResult(await run(() => providerAccounts.test(a.id)));
  };
  const storeName = (id: string | null | undefined) => stores.find((s) => s.id === id)?.name ?? id;
  const tillName = (id: string) => props.tills.find((x) => x.id === id)?.name ?? id;
  const provider = providerName(props.providers, a.provider);
  const wallets = a.wallets.map((w) => WALLET_DISPLAY_NAMES[w]).join(', ');
  return (
    <article class="card" data-testid="provider-account" data-account-id={a.id}>
      <h2>
        {a.name} <span class="tag">{a.kind === 'pix' ? 'Pix' : t('providers.wallet')}</span>
      </h2>
      <p>
        {/* A wallet that is its own provider (PicPay's account for PicPay) is named once. */}
        {wallets === provider ? provider : `${provider} · ${wallets}`}
        {a.pix_key && (
          <>
            {' '}
            · {t('providers.pixKey')}: <code>{a.pix_key}</code>
          </>
        )}
        {a.has_certificate && <> · {t('providers.hasCertificate')}</>}
      </p>
      <button type="button" onClick={test} disabled={busy} data-testid="provider-test">
        {t('providers.test')}
      </button>
      {result && (
        <p class={result.ok ? 'ok' : 'warning'} data-testid="provider-test-result" data-ok={String(result.ok)}>
          {/* A success needs no more words; a refusal keeps the provider's own, untranslatable, after ours. */}
          {result.ok ? t('providers.testOk') : `${t('providers.testFailed')} ${result.detail}`}
        </p>
      )}
      <ProblemMessage error={error} />
      <h3>{t('providers.associations')}</h3>
      <ul class="associations">
        {a.associations.map((as) => (
          <li key={as.id} data-testid="association">
            {WALLET_DISPLAY_NAMES[as.wallet]} → {as.till_id ? tillName(as.till_id) : storeName(as.store_id)}{' '}
            <button
              type="button"
              class="link-button"
              onClick={() => setRemoving(as.id)}
              data-testid="association-remove"
            >
              {t('action.remove')}
            </button>
          </li>
        ))}
      </ul>
      <button type="button" onClick={props.onAssociate} data-testid="provider-associate">
        {t('providers.associate')}
      </button>
      {removing && (
        <ConfirmDialog
          title={t('action.remove')}
          message={t('providers.removeAssociation')}
          confirmLabel={t('action.remove')}
          danger
          onConfirm={async () => {
            await providerAccounts.dissociate(a.id, removing);
            props.onChanged();
          }}
          onClose={() => setRemoving(undefined)}
        />
      )}
    </article>
  );
}

function AssociateDialog(props: { account: ProviderAccount; onSaved(): void; onClose(): void }) {
  const { t } = useI18n();
  const { stores } = useShell();
  const [wallet, setWallet] = useState(props.account.wallets[0] ?? 'pix');
  const [storeId, setStoreId] = useState(stores[0]?.id ?? '');
  const [tillId, setTillId] = useState('');
  const [tills, setTills] = useState<Till[]>([]);
  const { busy, error, run } = useAction();
  useEffect(() => {
    setTillId('');
    if (storeId)
      void tillsApi.list(storeId).then(
        (p) => setTills(p.data),
        () => setTills([]),
      );
  }, [storeId]);
  const submit = async (e: Event) => {
    e.preventDefault();
    const target = tillId ? { till_id: tillId } : { store_id: storeId };
    if (await run(() => providerAccounts.associate(props.account.id, { wallet, ...target }))) {
      props.onSaved();
      props.onClose();
    }
  };
  return (
    <Dialog title={t('providers.associate')} testid="associate-dialog" onClose={props.onClose}>
      <form onSubmit={submit}>
        <label class="field">
          <span class="label">{t('filters.wallet')}</span>
          <select
            value={wallet}
            onChange={(e) => setWallet(e.currentTarget.value as typeof wallet)}
            data-testid="associate-wallet"
          >
            {props.account.wallets.map((w) => (
              <option key={w} value={w}>
                {WALLET_DISPLAY_NAMES[w]}
              </option>
            ))}
          </select>
        </label>
        <label class="field">
          <span class="label">{t('filters.store')}</span>
          <select value={storeId} onChange={(e) => setStoreId(e.currentTarget.value)} data-testid="associate-store">
            {stores.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </select>
        </label>
        <label class="field">
          <span class="label">{t('filters.till')}</span>
          <select value={tillId} onChange={(e) => setTillId(e.currentTarget.value)} data-testid="associate-till">
            <option value="">{t('providers.wholeStore')}</option>
            {tills.map((x) => (
              <option key={x.id} value={x.id}>
                {x.name}
              </option>
            ))}
          </select>
        </label>
        <FormActions
          error={error}
          busy={busy}
          onBack={props.onClose}
          testid="associate-save"
          label={t('providers.associate')}
          disabled={!storeId}
        />
      </form>
    </Dialog>
  );
}
