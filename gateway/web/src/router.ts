import { useEffect, useState } from 'preact/hooks';

/** `#/orders/ord_1?x=1` → path segments and query; every page is addressed by the hash. */
export interface Route {
  path: string;
  segments: string[];
  query: URLSearchParams;
}

export function parseHash(hash: string): Route {
  const [path = '', search = ''] = hash.replace(/^#/, '').split('?');
  const segments = path.split('/').filter(Boolean).map(decodeURIComponent);
  return { path: `/${segments[0] ?? ''}`, segments, query: new URLSearchParams(search) };
}

export const navigate = (hash: string): void => {
  location.hash = hash;
};

export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseHash(location.hash));
  useEffect(() => {
    const onChange = () => setRoute(parseHash(location.hash));
    addEventListener('hashchange', onChange);
    return () => removeEventListener('hashchange', onChange);
  }, []);
  return route;
}

/** Screens a visitor without a session may open. */
export const PUBLIC_PATHS = new Set(['/login', '/signup', '/activate', '/unlock', '/reset', '/invite', '/outbox']);
