/** One answer of a scripted gateway: a status and JSON body, or a network failure. */
export type Scripted = { status: number; body?: unknown; headers?: Record<string, string> } | { networkError: string };

export interface SeenRequest {
  method: string;
  url: URL;
  headers: Headers;
  body: unknown;
}

/**
 * A `fetch` that answers from a script, by path, in order, and records every request; for unit tests
 * of the transport and the client without a gateway.
 */
export function scriptedFetch(script: Record<string, Scripted[]>) {
  const seen: SeenRequest[] = [];
  const fetch = async (input: RequestInfo | URL, init: RequestInit = {}): Promise<Response> => {
    const url = new URL(String(input));
    const body = typeof init.body === 'string' ? JSON.parse(init.body) : undefined;
    seen.push({ method: init.method ?? 'GET', url, headers: new Headers(init.headers), body });
    const next = script[`${init.method ?? 'GET'} ${url.pathname}`]?.shift();
    if (!next) throw new Error(`unscripted ${init.method} ${url.pathname}`);
    if ('networkError' in next) throw new TypeError(next.networkError);
    const problem = next.status >= 400;
    return new Response(next.body === undefined ? null : JSON.stringify(next.body), {
      status: next.status,
      headers: { 'content-type': problem ? 'application/problem+json' : 'application/json', ...next.headers },
    });
  };
  return {
    fetch,
    seen,
    of: (method: string, path: string) => seen.filter((r) => r.method === method && r.url.pathname === path),
  };
}

export const problem = (code: string, status: number) => ({
  status,
  body: { type: `urn:tillgate:error:${code}`, code, title: code, status },
});

export const tokenPair = (n: number, expiresIn = 900) => ({
  status: 200,
  body: {
    access_token: `at_${n}`,
    token_type: 'Bearer',
    expires_in: expiresIn,
    refresh_token: `rt_${n}`,
    refresh_expires_in: 86_400,
  },
});
