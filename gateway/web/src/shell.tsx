import type { SessionView, Store } from '@tillgate/sdk/protocol';
import { type Action, roleCan as can } from '@tillgate/sdk/protocol';
import type { ComponentChildren } from 'preact';
import { useEffect, useLayoutEffect, useMemo, useState } from 'preact/hooks';
import { ApiError } from './api/client.js';
import { accounts, session as sessionApi, stores as storesApi } from './api/endpoints.js';
import { storesAtStart } from './api/startup.js';
import { useI18n } from './i18n/index.js';
import type { MessageKey } from './i18n/pt-BR.js';
import { type LinkState, LiveConnection, liveUrl } from './live/connection.js';
import { filtersFromQuery, paymentsHash } from './payments-filter.js';
import { navigate, parseHash } from './router.js';
import { ShellContext } from './session.js';
import {
  ALL_STORES,
  firstStore,
  rememberAll,
  rememberedAll,
  rememberedStore,
  rememberStore,
  storeScope,
} from './store-choice.js';
import { ConfirmDialog } from './ui/dialog.js';
import { LanguageSwitch } from './ui/language-switch.js';

const onboardingSteps = ({ onboarding: o }: SessionView): number =>
  Number(o.activated) + Number(o.terms_accepted) + Number(o.documents > 0);

const NAV: { path: string; label: MessageKey; needs?: Action }[] = [
  { path: 'board', label: 'nav.board' },
  { path: 'payments', label: 'nav.payments' },
  { path: 'stores', label: 'nav.stores', needs: 'stores.manage' },
  { path: 'tills', label: 'nav.tills', needs: 'tills.manage' },
  { path: 'credentials', label: 'nav.credentials', needs: 'credentials.manage' },
  { path: 'providers', label: 'nav.providers', needs: 'providers.manage' },
  { path: 'team', label: 'nav.team', needs: 'team.manage' },
  { path: 'webhooks', label: 'nav.webhooks', needs: 'webhooks.manage' },
  { path: 'reports', label: 'nav.reports', needs: 'reports.read' },
  { path: 'files', label: 'nav.files', needs: 'reports.generate' },
  { path: 'subscriptions', label: 'nav.subscriptions', needs: 'reports.generate' },
  { path: 'links', label: 'nav.links', needs: 'payment_links.manage' },
  { path: 'audit', label: 'nav.audit', needs: 'audit.read' },
];

/**
 * The frame behind the log-in: store picker, TEST/LIVE switch, language, user menu, navigation by role,
 * and the one live connection. It is keyed by environment, so switching drops every view's data.
 */
export function Shell(props: {
  session: SessionView;
  setSession(s: SessionView | null): void;
  path: string;
  children: ComponentChildren;
}) {
  const { session } = props;
  const { t } = useI18n();
  const [stores, setStores] = useState<Store[]>([]);
  const [storeId, setStoreIdState] = useState<string | undefined>(rememberedStore(session.user.id));
  const [allChosen, setAllChosen] = useState(() => rememberedAll(session.user.id));
  const [link, setLink] = useState<LinkState>('connecting');
  const [menuOpen, setMenuOpen] = useState(false);
  // A phone's menu closes once the user has gone where they chose.
  useEffect(() => setMenuOpen(false), [props.path]);
  const [switching, setSwitching] = useState(false);
  // A 4401 close means the session ended, unless a read of it says otherwise: then back to the log-in.
  const sessionHolds = () =>
    sessionApi.get().then(
      () => true,
      (err: unknown) => {
        const ended = err instanceof ApiError && err.status === 401;
        if (ended) props.setSession(null);
        return !ended;
      },
    );
  const live = useMemo(() => new LiveConnection(liveUrl(), setLink, sessionHolds), []);
  useEffect(() => () => live.close(), [live]);

  const showStores = (read: Promise<{ data: Store[] }>) =>
    void read.then(
      (page) => setStores(page.data),
      () => setStores([]),
    );
  const reloadStores = () => showStores(storesApi.list());
  // A layout effect: the read is usually already answered, and a plain effect would wait a frame to ask.
  useLayoutEffect(() => showStores(storesAtStart()), []);

  const setStoreId = (id: string) => {
    rememberStore(session.user.id, id);
    setStoreIdState(id);
  };
  const current = stores.find((s) => s.id === storeId)?.id ?? firstStore(stores)?.id;
  // The store a user lands on is remembered as theirs, so stores opened later leave it where it is.
  useEffect(() => {
    if (current && current !== storeId) setStoreId(current);
  }, [current]);
  // "Todas as lojas" is a choice only for a user who sees several stores, and only where the page can show them all.
  const several = stores.length > 1;
  const scope = storeScope(props.path);
  const offerAll = several && scope !== 'one';
  const everyStore = allChosen && several;
  const storeFilter = everyStore ? undefined : current;
  const currentName = stores.find((s) => s.id === current)?.name;
  const chooseStore = (choice: string) => {
    const all = choice === ALL_STORES;
    rememberAll(session.user.id, all);
    setAllChosen(all);
    if (!all) setStoreId(choice);
  };
  const pickStore = (choice: string) => {
    chooseStore(choice);
    // Pagamentos holds its store in its address, beside its other filters: there the choice is a navigation.
    if (props.path !== '/payments') return;
    const filters = filtersFromQuery(parseHash(location.hash).query);
    navigate(paymentsHash({ ...filters, store_id: choice === ALL_STORES ? undefined : choice, till_id: undefined }));
  };
  const navHref = (path: string) => (path === 'payments' ? paymentsHash({ store_id: storeFilter }) : `#/${path}`);
  const role = session.user.role;
  const test = session.environment === 'test';

  const switchEnvironment = async () => {
    const next = await sessionApi.setEnvironment(test ? 'live' : 'test');
    props.setSession(next);
  };
  const logout = async () => {
    await accounts.logout().catch(() => undefined);
    props.setSession(null);
    navigate('#/login');
  };

  return (
    <ShellContext.Provider
      value={{
        session,
        setSession: props.setSession,
        stores,
        reloadStores,
        storeId: current,
        storeFilter,
        storeFilterName: storeFilter ? (currentName ?? '') : t('shell.allStores'),
        chooseStore,
        live,
      }}
    >
      <div class={`app env-${session.environment}`} data-environment={session.environment} data-testid="shell">
        {test && (
          <div class="test-banner" role="status" data-testid="test-banner">
            {t('env.testBanner')}
          </div>
        )}
        <header class={`topbar${menuOpen ? ' menu-open' : ''}`}>
          <a class="brand" href="#/board">
            Tillgate
          </a>
          <label class="store-picker">
            <span class="sr-only">{t('shell.store')}</span>
            <select
              value={offerAll && everyStore ? ALL_STORES : (current ?? '')}
              data-testid="store-picker"
              title={offerAll && everyStore ? t('shell.allStores') : currentName}
              onChange={(e) => pickStore(e.currentTarget.value)}
              disabled={stores.length === 0}
            >
              {stores.length === 0 && <option value="">{t('shell.noStores')}</option>}
              {offerAll && <option value={ALL_STORES}>{t('shell.allStores')}</option>}
              {stores.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.name}
                </option>
              ))}
            </select>
          </label>
          <span class={`link link-${link}`} data-testid="link-state" data-state={link} title={t(`link.${link}`)}>
            <span class="link-text">{t(`link.${link}`)}</span>
          </span>
          {/* Below 600 px the rest of the header and the navigation fold behind this button. */}
          <button
            type="button"
            class="menu-button"
            aria-expanded={menuOpen}
            aria-controls="shell-more"
            data-testid="menu-button"
            onClick={() => setMenuOpen(!menuOpen)}
          >
            <span aria-hidden="true">☰</span>
            <span class="sr-only">{t('shell.menu')}</span>
          </button>
          <div class="topbar-more" id="shell-more">
            <span class="merchant" data-testid="merchant-name">
              {session.merchant.name}
            </span>
            {can(role, 'environment.switch') ? (
              <button
                type="button"
                class={`env-switch ${session.environment}`}
                data-testid="env-switch"
                aria-pressed={!test}
                title={t('env.switchHint')}
                onClick={() => setSwitching(true)}
              >
                <span class={test ? 'on' : ''}>{t('env.test')}</span>
                <span class={test ? '' : 'on'}>{t('env.live')}</span>
              </button>
            ) : (
              // A role that may not switch still sees where it works.
              <span class={`env-switch ${session.environment}`} data-testid="env-current">
                <span class="on">{test ? t('env.test') : t('env.live')}</span>
              </span>
            )}
            <LanguageSwitch />
            <details class="user-menu">
              <summary data-testid="user-menu">{session.user.name || session.user.email}</summary>
              <div class="menu">
                <p>
                  {session.user.email}
                  <br />
                  <span data-testid="user-role">{t(`role.${role}`)}</span>
                </p>
                <button type="button" onClick={logout} data-testid="logout">
                  {t('shell.logout')}
                </button>
              </div>
            </details>
          </div>
        </header>
        {switching && (
          <ConfirmDialog
            title={test ? t('env.toLiveTitle') : t('env.toTestTitle')}
            message={test ? t('env.toLive') : t('env.toTest')}
            confirmLabel={test ? t('env.toLiveConfirm') : t('env.toTestConfirm')}
            onConfirm={switchEnvironment}
            onClose={() => setSwitching(false)}
          />
        )}
        <div class="body">
          <nav class={`sidenav${menuOpen ? ' open' : ''}`} data-testid="nav">
            {NAV.filter((n) => !n.needs || can(role, n.needs)).map((n) => (
              <a
                key={n.path}
                href={navHref(n.path)}
                class={props.path === `/${n.path}` ? 'active' : ''}
                data-testid={`nav-${n.path}`}
              >
                {t(n.label)}
              </a>
            ))}
            {role === 'admin' && !session.onboarding.done && (
              <a href="#/onboarding" class="onboarding-link" data-testid="nav-onboarding">
                {t('nav.onboarding')}
              </a>
            )}
          </nav>
          <main class="content">
            {role === 'admin' && !session.onboarding.done && props.path !== '/onboarding' && (
              <a href="#/onboarding" class="onboarding-banner" data-testid="onboarding-banner">
                {t('onboarding.banner', { done: onboardingSteps(session), total: 3 })}
              </a>
            )}
            {scope === 'one' && everyStore && (
              <p class="hint" data-testid="one-store-note">
                {t('shell.oneStore', { name: currentName ?? '' })}
              </p>
            )}
            {props.children}
          </main>
        </div>
      </div>
    </ShellContext.Provider>
  );
}
