import type {
  AppCredential,
  IssuedAppCredential,
  IssuedStoreCredential,
  StoreCredential,
} from '@tillgate/sdk/protocol';
import { useEffect, useState } from 'preact/hooks';
import type { ApiError } from '../api/client.js';
import { apps, stores as storesApi } from '../api/endpoints.js';
import { useI18n } from '../i18n/index.js';
import { useShell } from '../session.js';
import { useAction, useNewest } from '../ui/action.js';
import { ConfirmDialog, CopyButton, SecretDialog } from '../ui/dialog.js';
import { DateTime } from '../ui/display.js';
import { Field, ProblemMessage } from '../ui/form.js';

/** The store's till credentials (access_key + secret_key) and the merchant's app credentials. */
export function CredentialsScreen() {
  const { t } = useI18n();
  const { session } = useShell();
  return (
    <section data-testid="credentials">
      <h1>{t('nav.credentials')}</h1>
      <p class="hint">{t('credentials.environment', { env: t(`env.${session.environment}`) })}</p>
      <StoreKeys />
      <AppKeys />
    </section>
  );
}

function StoreKeys() {
  const { t } = useI18n();
  const { storeId, stores, can } = useShell();
  const [keys, setKeys] = useState<StoreCredential | null>();
  const [rotating, setRotating] = useState(false);
  const [secret, setSecret] = useState<IssuedStoreCredential>();
  const { error, setError } = useAction();
  const store = stores.find((s) => s.id === storeId);
  useEffect(() => {
    if (!storeId) return;
    setKeys(undefined);
    storesApi
      .credentials(storeId)
      .then(setKeys, (err: ApiError) => (err.status === 404 ? setKeys(null) : setError(err)));
  }, [storeId]);

  return (
    <div class="card" data-testid="store-credentials">
      <h2>{t('credentials.store', { name: store?.name ?? '' })}</h2>
      {stores.length > 1 && <p class="hint">{t('credentials.storeHint')}</p>}
      <ProblemMessage error={error} />
      {keys && (
        <p>
          access_key: <code data-testid="access-key">{keys.access_key}</code>{' '}
          <CopyButton text={keys.access_key} testid="access-key-copy" />
          <br />
          <span class="hint">
            {t('credentials.issued')} <DateTime iso={keys.created_at} />
          </span>
        </p>
      )}
      {keys === null && <p class="hint">{t('credentials.none')}</p>}
      <ShipayBaseUrl />
      {storeId && can('credentials.manage') && (
        <button type="button" class="primary" onClick={() => setRotating(true)} data-testid="rotate-credentials">
          {keys ? t('credentials.rotate') : t('credentials.issue')}
        </button>
      )}
      {rotating && storeId && (
        <ConfirmDialog
          title={keys ? t('credentials.rotate') : t('credentials.issue')}
          message={keys ? t('credentials.rotateWarning') : t('credentials.issueExplain')}
          confirmLabel={keys ? t('credentials.rotate') : t('credentials.issue')}
          danger={Boolean(keys)}
          onConfirm={async () => {
            const issued = await storesApi.rotateCredentials(storeId);
            setKeys(issued);
            setSecret(issued);
          }}
          onClose={() => setRotating(false)}
        />
      )}
      {secret && (
        <SecretDialog
          title={t('credentials.store', { name: store?.name ?? '' })}
          values={[
            { label: 'access_key', value: secret.access_key, testid: 'new-access-key' },
            { label: 'secret_key', value: secret.secret_key, testid: 'new-secret-key' },
          ]}
          onClose={() => setSecret(undefined)}
        />
      )}
    </div>
  );
}

/** Where a PDV that speaks Shipay's API points its base URL to use these credentials unchanged. */
function ShipayBaseUrl() {
  const { t } = useI18n();
  const url = `${window.location.origin}/compat/shipay`;
  return (
    <p data-testid="shipay-base-url">
      {t('credentials.shipayBaseUrl')}: <code>{url}</code> <CopyButton text={url} testid="shipay-base-url-copy" />
      <br />
      <span class="hint">{t('credentials.shipayExplain')}</span>
    </p>
  );
}

function AppKeys() {
  const { t } = useI18n();
  const { can } = useShell();
  const [list, setList] = useState<AppCredential[]>([]);
  const [name, setName] = useState('');
  const [secret, setSecret] = useState<IssuedAppCredential>();
  const [regenerating, setRegenerating] = useState<string>();
  const { busy, error, run } = useAction();
  const allowed = can('apps.manage');
  const newest = useNewest();
  const load = () => void (allowed && newest(run(() => apps.list())).then((r) => r && setList(r.data)));
  useEffect(load, []);
  if (!allowed) return null;

  const create = async (e: Event) => {
    e.preventDefault();
    const created = await run(() => apps.create(name.trim()));
    if (created) {
      setSecret(created);
      setName('');
      load();
    }
  };
  return (
    <div class="card" data-testid="app-credentials">
      <h2>{t('credentials.apps')}</h2>
      <p class="hint">{t('credentials.appsExplain')}</p>
      <ProblemMessage error={error} />
      <table class="list">
        <tbody>
          {list.map((a) => (
            <tr key={a.app_name} data-testid="app-row">
              <td>
                <code>{a.app_name}</code>
              </td>
              <td>
                <DateTime iso={a.created_at} />
              </td>
              <td>
                <button type="button" onClick={() => setRegenerating(a.app_name)} data-testid="app-regenerate">
                  {t('credentials.regenerate')}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <form class="inline" onSubmit={create}>
        <Field label={t('credentials.appName')} error={error?.field('app_name')}>
          <input required value={name} onInput={(e) => setName(e.currentTarget.value)} data-testid="app-name" />
        </Field>
        <button type="submit" class="primary" disabled={busy || !name.trim()} data-testid="app-create">
          {t('credentials.createApp')}
        </button>
      </form>
      {regenerating && (
        <ConfirmDialog
          title={t('credentials.regenerate')}
          message={t('credentials.regenerateWarning', { name: regenerating })}
          confirmLabel={t('credentials.regenerate')}
          danger
          onConfirm={async () => setSecret(await apps.regenerate(regenerating))}
          onClose={() => setRegenerating(undefined)}
        />
      )}
      {secret && (
        <SecretDialog
          title={secret.app_name}
          values={[
            { label: 'app_name', value: secret.app_name, testid: 'new-app-name' },
            { label: 'app_secret', value: secret.app_secret, testid: 'new-app-secret' },
          ]}
          onClose={() => setSecret(undefined)}
        />
      )}
    </div>
  );
}
