import type { SessionView } from '@tillgate/sdk/protocol';
import { useEffect, useMemo, useState } from 'preact/hooks';
import { setCsrfToken, whenUnauthenticated } from './api/client.js';
import { session as sessionApi } from './api/endpoints.js';
import { readEarly } from './api/startup.js';
import { I18nContext, type Lang, storedLang, storeLang, translator } from './i18n/index.js';
import { navigate, PUBLIC_PATHS, parseHash, type Route, useRoute } from './router.js';
import { Activate } from './screens/activate.js';
import { AuditScreen } from './screens/audit.js';
import { BoardScreen } from './screens/board.js';
import { CredentialsScreen } from './screens/credentials.js';
import { FilesScreen } from './screens/files.js';
import { Invite } from './screens/invite.js';
import { LinksScreen } from './screens/links.js';
import { Login } from './screens/login.js';
import { Onboarding } from './screens/onboarding.js';
import { OrderScreen } from './screens/order.js';
import { Outbox } from './screens/outbox.js';
import { PaymentsScreen } from './screens/payments.js';
import { ProvidersScreen } from './screens/providers.js';
import { ReportsScreen } from './screens/reports.js';
import { Reset } from './screens/reset.js';
import { Signup } from './screens/signup.js';
import { StoresScreen } from './screens/stores.js';
import { SubscriptionsScreen } from './screens/subscriptions.js';
import { TeamScreen } from './screens/team.js';
import { TillsScreen } from './screens/tills.js';
import { WebhooksScreen } from './screens/webhooks.js';
import { Shell } from './shell.js';

export function App() {
  const [lang, setLangState] = useState<Lang>(storedLang);
  const i18n = useMemo(
    () => ({
      lang,
      t: translator(lang),
      setLang: (next: Lang) => {
        storeLang(next);
        setLangState(next);
      },
    }),
    [lang],
  );
  useEffect(() => {
    document.documentElement.lang = lang;
  }, [lang]);

  const route = useRoute();
  const isPublic = PUBLIC_PATHS.has(route.path);
  /** undefined while the first look-up runs; null without a session. */
  const [session, setSessionState] = useState<SessionView | null>();
  const setSession = (s: SessionView | null) => {
    setCsrfToken(s?.csrf_token);
    setSessionState(s);
  };
  useEffect(() => {
    whenUnauthenticated(() => {
      setSession(null);
      if (!PUBLIC_PATHS.has(parseHash(location.hash).path)) navigate('#/login');
    });
    const { path } = parseHash(location.hash);
    if (!PUBLIC_PATHS.has(path)) readEarly(path);
    sessionApi.get().then(setSession, () => setSession(null));
  }, []);
  useEffect(() => {
    if (session === null && !isPublic) navigate('#/login');
    // Logged in (just now, or already when the log-in page opened): to the board; an admin whose onboarding
    // is not done sees the shell's banner to the checklist on every page, so a demo admin still lands on the tills.
    if (session && route.path === '/login') navigate('#/board');
  }, [session, isPublic, route.path]);

  let screen = null;
  if (isPublic) screen = publicScreen(route, setSession);
  else if (session)
    screen = (
      <Shell key={session.environment} session={session} setSession={setSession} path={route.path}>
        {privateScreen(route)}
      </Shell>
    );
  return <I18nContext.Provider value={i18n}>{screen ?? <div class="loading" />}</I18nContext.Provider>;
}

function publicScreen(route: Route, setSession: (s: SessionView) => void) {
  const token = route.query.get('token');
  switch (route.path) {
    case '/signup':
      return <Signup />;
    case '/activate':
      return <Activate token={token ?? ''} />;
    case '/unlock':
      return <Activate token={token ?? ''} link="unlock" />;
    case '/reset':
      return <Reset token={token} />;
    case '/invite':
      return <Invite token={token ?? ''} onSession={setSession} />;
    case '/outbox':
      return <Outbox />;
    default:
      return <Login onSession={setSession} />;
  }
}

function privateScreen(route: Route) {
  switch (route.path) {
    case '/payments':
      return <PaymentsScreen query={route.query} />;
    case '/orders':
      return <OrderScreen key={route.segments[1]} orderId={route.segments[1] ?? ''} />;
    case '/stores':
      return <StoresScreen />;
    case '/tills':
      return <TillsScreen storeParam={route.query.get('store')} />;
    case '/credentials':
      return <CredentialsScreen />;
    case '/providers':
      return <ProvidersScreen />;
    case '/team':
      return <TeamScreen />;
    case '/webhooks':
      return <WebhooksScreen />;
    case '/audit':
      return <AuditScreen />;
    case '/onboarding':
      return <Onboarding />;
    case '/reports':
      return <ReportsScreen monthParam={route.query.get('month')} />;
    case '/files':
      return <FilesScreen />;
    case '/subscriptions':
      return <SubscriptionsScreen />;
    case '/links':
      return <LinksScreen />;
    default:
      return <BoardScreen />;
  }
}
