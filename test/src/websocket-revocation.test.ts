import { type Gateway, startGateway } from '@tillgate/gateway';
import { Tillgate } from '@tillgate/sdk';
import { type TillgateEvent, WS_CLOSE } from '@tillgate/sdk/protocol';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ref } from './support/api.js';
import { backends, type Storage } from './support/backends.js';
import { startTestGateway, suiteGateway, type TestGateway } from './support/gateway.js';
import { createOrder, offerWallet, openStore, refresh, rotate, tillTokens } from './support/management.js';
import { PanelSession } from './support/panel.js';
import { redisProblem, SHARED_REDIS_URL } from './support/redis.js';
import { WsClient } from './support/ws.js';

const ended = (reason: string) => ({ code: WS_CLOSE.credentialsEnded, reason });
const bearer = (token: string) => `access_token=${encodeURIComponent(token)}`;

/**
 * Issue 11, finding 4: a WebSocket ends with its credentials. Each revocation closes the sockets opened
 * with the old credentials (4401 with a reason) instead of letting them receive events or replay history.
 */
for (const backend of await backends()) {
  describe.skipIf(backend.unavailable)(`WebSockets end with their credentials on ${backend.name}`, () => {
    let t!: TestGateway;
    let app = '';

    suiteGateway(backend, {}, async (suite) => {
      ({ t } = suite);
    });
    const appToken = async () => (app ||= await t.api.appToken());

    it('closes a till socket when its store credentials are rotated; the old token opens no other', async () => {
      const store = await openStore(t.api, await appToken(), `Loja WS ${ref()}`);
      const { access } = await tillTokens(t.api, store);
      const ws = await WsClient.open(t.url, bearer(access));
      await ws.subscribe(`till:${store.tillId}`);
      await rotate(t.api, await appToken(), store.storeId);
      expect(await ws.closed).toEqual(ended('credentials revoked'));
      expect(await WsClient.refusal(t.url, bearer(access))).toBe(401);
    });

    it('an SDK watch across a rotation is closed, signs in with the new pair and sees every event once, in order', async () => {
      const store = await openStore(t.api, await appToken(), `Loja WS ${ref()}`);
      await offerWallet(t.api, await appToken(), store.storeId);
      let pair = { accessKey: store.accessKey, secretKey: store.secretKey, clientId: store.clientId };
      const signedInWith: string[] = [];
      const till = new Tillgate({
        baseUrl: t.url,
        auth: () => {
          signedInWith.push(pair.accessKey);
          return pair;
        },
      });
      const stream = till.watch({ till: store.tillId }, { signal: AbortSignal.timeout(30_000) });
      await stream.ready;
      const seen: TillgateEvent[] = [];
      const consumed = (async () => {
        for await (const e of stream) if (seen.push(e) === 3) return;
      })();

      const before = (await createOrder(t.api, (await tillTokens(t.api, store)).access)).body;
      const rotated = { ...(await rotate(t.api, await appToken(), store.storeId)), clientId: store.clientId };
      // Written while the watcher is locked out: it must get them by resuming with after_seq.
      const token = (await tillTokens(t.api, rotated)).access;
      const during = [(await createOrder(t.api, token)).body, (await createOrder(t.api, token)).body];
      pair = rotated;
      await consumed;

      expect(seen.map((e) => [e.type, e.data.order.id])).toEqual(
        [before, ...during].map((o) => ['order.created', o.id]),
      );
      expect(seen.map((e) => e.seq)).toEqual([...seen.map((e) => e.seq)].sort((x, y) => x - y));
      // Closed at the rotation, the watcher came back with the new pair (the old one was refused meanwhile).
      expect(signedInWith[0]).toBe(store.accessKey);
      expect(signedInWith.at(-1)).toBe(rotated.accessKey);
    });

    it('closes a socket when its refresh family is revoked by a refresh token presented twice', async () => {
      const store = await openStore(t.api, await appToken(), `Loja WS ${ref()}`);
      const first = await tillTokens(t.api, store);
      const ws = await WsClient.open(t.url, bearer(first.access));
      await ws.subscribe(`till:${store.tillId}`);
      expect((await refresh(t.api, first.refresh)).status).toBe(200);
      // The used refresh token again: someone else holds a copy, so the whole family ends, sockets included.
      expect((await refresh(t.api, first.refresh)).body).toMatchObject({ code: 'refresh_token_reused' });
      expect(await ws.closed).toEqual(ended('credentials revoked'));
    });

    it('closes a till socket when the till is deactivated', async () => {
      const store = await openStore(t.api, await appToken(), `Loja WS ${ref()}`);
      const ws = await WsClient.open(t.url, bearer((await tillTokens(t.api, store)).access));
      await ws.subscribe(`till:${store.tillId}`);
      const r = await t.api.call('PATCH', `/v1/tills/${store.tillId}`, {
        token: await appToken(),
        body: { active: false },
      });
      expect(r.status).toBe(200);
      expect(await ws.closed).toEqual(ended('credentials revoked'));
    });

    it('closes an app socket when the app secret is regenerated; the old token stops working on HTTP too', async () => {
      const name = `ws-app-${Date.now()}`;
      const admin = await PanelSession.logIn(t.api, t.demo.panel_email, t.demo.panel_password);
      const created = await admin.call<{ app_secret: string }>('POST', '/v1/apps', { body: { app_name: name } });
      expect(created.status).toBe(201);
      const login = (secret: string) =>
        t.api.call<{ access_token: string }>('POST', '/v1/auth/app', { body: { app_name: name, app_secret: secret } });
      const old = (await login(created.body.app_secret)).body.access_token;
      const ws = await WsClient.open(t.url, bearer(old));
      await ws.subscribe('merchant');
      const renewed = await admin.call<{ app_secret: string }>('POST', `/v1/apps/${name}/secret`);
      expect(renewed.status).toBe(201);
      expect(await ws.closed).toEqual(ended('credentials revoked'));
      expect((await t.api.call('GET', '/v1/events', { token: old })).status).toBe(401);
      const fresh = (await login(renewed.body.app_secret)).body.access_token;
      expect((await t.api.call('GET', '/v1/events', { token: fresh })).status).toBe(200);
      const again = await WsClient.open(t.url, bearer(fresh));
      await again.subscribe('merchant');
      again.close();
    });

    it('closes a panel socket when its session logs out, and when its user is removed', async () => {
      const admin = await PanelSession.logIn(t.api, t.demo.panel_email, t.demo.panel_password);
      const tab = await WsClient.open(t.url, '', { cookie: admin.cookie });
      await tab.subscribe('merchant');
      expect((await admin.call('POST', '/v1/panel/logout')).status).toBe(204);
      expect(await tab.closed).toEqual(ended('credentials revoked'));

      const manager = t.demo.panel_users.find((u) => u.role === 'manager');
      const managerSession = await PanelSession.logIn(t.api, manager?.email as string, t.demo.panel_password);
      const managerTab = await WsClient.open(t.url, '', { cookie: managerSession.cookie });
      await managerTab.subscribe(`till:${t.demo.tills[0]?.id}`);
      const remover = await PanelSession.logIn(t.api, t.demo.panel_email, t.demo.panel_password);
      const removed = await remover.call('DELETE', `/v1/users/${managerSession.view.user.id}`);
      expect(removed.status).toBe(204);
      const started = Date.now();
      expect(await managerTab.closed).toEqual(ended('credentials revoked'));
      expect(Date.now() - started).toBeLessThan(2500);
    });

    it('closes a socket at its token’s expiry unless a fresh token of the same till arrives on it first', async () => {
      const store = await openStore(t.api, await appToken(), `Loja WS ${ref()}`);
      const lapsing = await WsClient.open(t.url, bearer((await tillTokens(t.api, store)).access));
      const renewing = await WsClient.open(t.url, bearer((await tillTokens(t.api, store)).access));
      await lapsing.subscribe(`till:${store.tillId}`);
      await renewing.subscribe(`till:${store.tillId}`);

      t.clock.advance(600_000);
      renewing.send({ op: 'auth', token: (await tillTokens(t.api, store)).access });
      const authenticated = await renewing.waitFor((m) => m.op === 'authenticated');
      expect(authenticated).toMatchObject({ expires_at: new Date(t.clock.now().getTime() + 900_000).toISOString() });
      t.clock.advance(301_000);
      expect(await lapsing.closed).toEqual(ended('access token expired'));
      await renewing.subscribe(`till:${store.tillId}`, 0);
      expect(renewing.socket.readyState).toBe(renewing.socket.OPEN);

      app = ''; // the app token expired with the clock's jump
      const other = await openStore(t.api, await appToken(), `Loja WS ${ref()}`);
      renewing.send({ op: 'auth', token: (await tillTokens(t.api, other)).access });
      expect(await renewing.closed).toEqual(ended('the token is not for this connection'));
    });
  });
}

const postgres = (await backends()).find((b) => b.name === 'postgres');
const redisDown = await redisProblem();
if (redisDown && process.env.TILLGATE_REQUIRE_SERVICES === '1')
  throw new Error(`${redisDown}; TILLGATE_REQUIRE_SERVICES=1 needs it`);

describe.skipIf(postgres?.unavailable ?? redisDown)('WebSockets end with their credentials on every instance', () => {
  let storage: Storage | undefined;
  let a!: TestGateway;
  let b: Gateway | undefined;

  beforeAll(async () => {
    storage = await (postgres as NonNullable<typeof postgres>).create();
    a = await startTestGateway(storage, { redisUrl: SHARED_REDIS_URL });
    b = await startGateway({
      databaseUrl: storage.databaseUrl,
      redisUrl: SHARED_REDIS_URL,
      port: 0,
      clock: a.clock,
      log: pino({ level: 'silent' }),
    });
  });
  afterAll(async () => {
    await b?.close();
    await a?.close();
    await storage?.drop();
  });

  /** Revokes on A what a socket on B holds; B closes it at its next revocation read, within 2 s. */
  async function closesOnB(ws: WsClient, revoke: () => Promise<void>): Promise<void> {
    await revoke();
    const started = Date.now();
    expect(await ws.closed).toEqual(ended('credentials revoked'));
    expect(Date.now() - started).toBeLessThan(2500);
  }

  it('closes a socket on one instance when its store credentials are rotated or its session ends on another', async () => {
    const app = await a.api.appToken();
    const store = await openStore(a.api, app, 'Loja WS B');
    const tillSocket = await WsClient.open((b as Gateway).url, bearer((await tillTokens(a.api, store)).access));
    await tillSocket.subscribe(`till:${store.tillId}`);
    await closesOnB(tillSocket, async () => void (await rotate(a.api, app, store.storeId)));

    const admin = await PanelSession.logIn(a.api, a.demo.panel_email, a.demo.panel_password);
    const tab = await WsClient.open((b as Gateway).url, '', { cookie: admin.cookie });
    await tab.subscribe('merchant');
    await closesOnB(tab, async () => expect((await admin.call('POST', '/v1/panel/logout')).status).toBe(204));
  });
});
