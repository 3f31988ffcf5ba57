import type { OutboxMail, SessionView } from '@tillgate/sdk/protocol';
import { expect } from 'vitest';
import type { Answer, ApiClient, CallOptions } from './api.js';

/** A logged-in panel browser: the session cookie on every call and, unless told otherwise, the CSRF header. */
export class PanelSession {
  constructor(
    readonly api: ApiClient,
    readonly cookie: string,
    readonly view: SessionView,
  ) {}

  /** Logs in, or turns the answer of a log-in or an invitation's acceptance into a session. */
  static async logIn(api: ApiClient, email: string, password: string): Promise<PanelSession> {
    return PanelSession.from(
      api,
      await api.call<SessionView>('POST', '/v1/panel/login', { body: { email, password } }),
    );
  }

  static from(api: ApiClient, r: Answer<unknown>): PanelSession {
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    const cookie = (r.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    expect(cookie).toMatch(/^tg_session=./);
    return new PanelSession(api, cookie, r.body as SessionView);
  }

  call<T = Record<string, unknown>>(
    method: string,
    path: string,
    options: CallOptions & { csrf?: boolean } = {},
  ): Promise<Answer<T>> {
    const csrf: Record<string, string> = options.csrf === false ? {} : { 'x-csrf-token': this.view.csrf_token };
    return this.api.call<T>(method, path, {
      ...options,
      headers: { cookie: this.cookie, ...csrf, ...options.headers },
    });
  }
}

/** The newest email of the local outbox to this address. */
export async function latestEmail(api: ApiClient, to: string): Promise<OutboxMail | undefined> {
  const r = await api.call<{ data: OutboxMail[] }>('GET', '/v1/panel/outbox');
  expect(r.status).toBe(200);
  return r.body.data.find((m) => m.to === to.toLowerCase());
}

/** The token of the newest emailed link of this kind to this address. */
export async function emailedToken(
  api: ApiClient,
  to: string,
  page: 'activate' | 'reset' | 'invite' | 'unlock',
): Promise<string> {
  const email = await latestEmail(api, to);
  const link = email?.links.find((l) => l.includes(`#/${page}?token=`));
  if (!link) throw new Error(`no ${page} link emailed to ${to}`);
  return decodeURIComponent(link.split('token=')[1] as string);
}
