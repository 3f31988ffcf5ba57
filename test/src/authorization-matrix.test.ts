import { beforeAll, describe, expect, it } from 'vitest';
import { isProblem } from './support/api.js';
import { backends } from './support/backends.js';
import {
  buildCallers,
  type CallerKind,
  type Callers,
  LAST_WEEK,
  pendingOrder,
  SUBSCRIPTION,
  unique,
} from './support/callers.js';
import { suiteGateway, type TestGateway } from './support/gateway.js';
import {
  CALLER_KINDS,
  type Cell,
  callCell,
  defaultParams,
  type Entry,
  expected,
  type Prepared,
  rule,
} from './support/matrix.js';
import { apiRouteTable, type TableRoute } from './support/route-table.js';
import { TOPIC_MATRIX, watchAs } from './support/topic-matrix.js';

// Caller groups, read with the role table (sdk/src/protocol/roles.ts) and services/accounts/permissions.ts.
const TILLS = ['till', 'tillSameStore', 'tillOtherStore'] as const;
const OTHER_TILLS = ['tillSameStore', 'tillOtherStore'] as const;
const PEOPLE = ['admin', 'manager', 'clerk'] as const;
/** Merchant-side callers of another merchant, or of merchant A's other environment: A's things read as missing. */
const FOREIGN = ['tillOtherMerchant', 'appLive', 'userOtherMerchant'] as const;
/** Everyone with a merchant-side token or session. */
const MERCHANT_SIDE = [
  ...TILLS,
  'tillOtherMerchant',
  'appTest',
  'appLive',
  ...PEOPLE,
  'userOtherStore',
  'userOtherMerchant',
] as const;

/** A report subscription link's token that no subscription signed. */
const UNSIGNED = `token=${Buffer.from('rsb_01JZZZZZZZZZZZZZZZZZZZZZZZ.not-a-signature').toString('base64url')}`;

const freshOrder = async (c: Cell): Promise<Prepared> => {
  const till = c.callers.credentials.till;
  const order = await pendingOrder(c.callers.t.api, till.kind === 'bearer' ? till.token : '');
  return { params: { id: order.id }, order };
};
const paidOrder = async (c: Cell): Promise<Prepared> => {
  const prepared = await freshOrder(c);
  expect((await c.callers.t.api.pay(c.callers.app, prepared.order?.id as string)).status).toBe(200);
  return prepared;
};

/** A fresh payment link of store A1 (test), with its id and the token of its page. */
const freshLink = async (c: Cell): Promise<Prepared> => {
  const { t, app, targets } = c.callers;
  const r = await t.api.call<{ data: Array<{ id: string; url: string }> }>('POST', '/v1/payment-links', {
    token: app,
    body: { store_id: targets.storeA1, amount: 1990, order_ref: 'Matriz', emails: `mx${c.n}@cliente.example` },
  });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  const link = r.body.data[0];
  return { params: { id: link?.id as string, token: link?.url.split('/pay/')[1] as string } };
};
/** Who manages payment links: apps, admins and managers; a user of another store or merchant finds none of A1's. */
const LINK_RULE = rule(['appTest', 'admin', 'manager'], ['appLive', 'userOtherStore', 'userOtherMerchant']);

/**
 * THE MATRIX: every route of the API, who may call it, and what the others get. A route of the route table
 * without an entry here fails the suite, so no new route skips it.
 */
const MATRIX: Record<string, Entry> = {
  // Authentication: public; the body or the bearer decides, whoever else is calling.
  'POST /v1/auth/till': {
    rule: rule('everyone'),
    body: ({ callers: { t } }) => ({
      access_key: t.demo.access_key,
      secret_key: t.demo.secret_key,
      client_id: t.demo.tills[0]?.client_id,
    }),
  },
  'POST /v1/auth/app': {
    rule: rule('everyone'),
    body: ({ callers: { t } }) => ({ app_name: t.demo.app_name, app_secret: t.demo.app_secret }),
  },
  /** An access token, a client secret or a session is no refresh token. */
  'POST /v1/auth/refresh': { rule: rule('everyone', [], { ok: [401] }) },

  'GET /v1/wallets': {
    // A till's token names its own till (till_id is for apps and people), so every till reads its own wallets.
    rule: rule(
      [...TILLS, 'tillOtherMerchant', 'appTest', 'appLive', ...PEOPLE],
      ['userOtherStore', 'userOtherMerchant'],
    ),
    query: (c) => `till_id=${c.callers.targets.tillT1}`,
  },
  /** What providers exist is no secret of any merchant: every merchant-side caller reads it. */
  'GET /v1/providers': { rule: rule(MERCHANT_SIDE) },
  'POST /v1/orders': {
    rule: rule(
      [...TILLS, 'tillOtherMerchant', 'appTest', ...PEOPLE],
      ['appLive', 'userOtherStore', 'userOtherMerchant'],
      // The till is named in the body: one not reached is 422 till_not_found (live: no wallet there, 422).
      { missingAs: 422 },
    ),
    body: (c) => ({
      order_ref: unique('mx'),
      wallet: 'picpay',
      amount: 1990,
      ...(c.kind.startsWith('till') ? {} : { till_id: c.callers.targets.tillT1 }),
    }),
  },
  'GET /v1/orders': { rule: rule(MERCHANT_SIDE) },
  'GET /v1/orders/summary': { rule: rule(MERCHANT_SIDE) },
  'POST /v1/reports': {
    rule: rule(['appTest', 'appLive', 'admin', 'manager', 'userOtherStore', 'userOtherMerchant']),
    body: () => LAST_WEEK,
  },
  'GET /v1/reports': { rule: rule(['appTest', 'appLive', 'admin', 'manager', 'userOtherStore', 'userOtherMerchant']) },
  'GET /v1/reports/:id': {
    rule: rule(['appTest', 'admin', 'manager'], ['appLive', 'userOtherStore', 'userOtherMerchant']),
  },
  'GET /v1/reports/:id/file': {
    rule: rule(['appTest', 'admin', 'manager'], ['appLive', 'userOtherStore', 'userOtherMerchant']),
  },
  'GET /v1/reports/sales.csv': {
    rule: rule(['appTest', 'appLive', 'admin', 'manager', 'userOtherStore', 'userOtherMerchant']),
    query: () => `from=${LAST_WEEK.from}&to=${LAST_WEEK.to}`,
  },
  'GET /v1/reports/daily': {
    rule: rule(['appTest', 'appLive', 'admin', 'manager', 'userOtherStore', 'userOtherMerchant']),
    query: () => 'month=2026-11',
  },
  // Report subscriptions: who generates reports subscribes, store-limited users for their stores only.
  'POST /v1/report-subscriptions': {
    rule: rule(['appTest', 'appLive', 'admin', 'manager'], ['userOtherStore', 'userOtherMerchant']),
    body: (c) => ({ ...SUBSCRIPTION, email: `${unique('mx')}@x.test`, store_id: c.callers.targets.storeA1 }),
  },
  'GET /v1/report-subscriptions': {
    rule: rule(['appTest', 'appLive', 'admin', 'manager', 'userOtherStore', 'userOtherMerchant']),
  },
  'GET /v1/report-subscriptions/:id': {
    rule: rule(['appTest', 'admin', 'manager'], ['appLive', 'userOtherStore', 'userOtherMerchant']),
  },
  'PATCH /v1/report-subscriptions/:id': {
    rule: rule(['appTest', 'admin', 'manager'], ['appLive', 'userOtherStore', 'userOtherMerchant']),
    body: () => ({ frequency: 'monthly' }),
  },
  'DELETE /v1/report-subscriptions/:id': {
    rule: rule(['appTest', 'admin', 'manager'], ['appLive', 'userOtherStore', 'userOtherMerchant']),
    prepare: async ({ callers: { t, app, targets } }) => {
      const r = await t.api.call<{ id: string }>('POST', '/v1/report-subscriptions', {
        token: app,
        body: { ...SUBSCRIPTION, email: `${unique('rm')}@x.test`, store_id: targets.storeA1 },
      });
      expect(r.status).toBe(201);
      return { params: { id: r.body.id } };
    },
  },
  /** The recipient's signed links: public; a token that signs nothing is a 400 page. */
  'GET /v1/report-subscriptions/confirm': { rule: rule('everyone', [], { ok: [400] }), query: () => UNSIGNED },
  'POST /v1/report-subscriptions/confirm': { rule: rule('everyone', [], { ok: [400] }), query: () => UNSIGNED },
  'GET /v1/report-subscriptions/unsubscribe': { rule: rule('everyone', [], { ok: [400] }), query: () => UNSIGNED },
  'POST /v1/report-subscriptions/unsubscribe': { rule: rule('everyone', [], { ok: [400] }), query: () => UNSIGNED },
  'POST /v1/payment-links': {
    // A store out of reach is a field of the body: 422 naming store_id. Links exist in live too.
    rule: rule(['appTest', 'appLive', 'admin', 'manager'], ['userOtherStore', 'userOtherMerchant'], { missingAs: 422 }),
    body: (c) => ({
      store_id: c.callers.targets.storeA1,
      amount: 1990,
      order_ref: 'Matriz',
      emails: `mx${c.n}@cliente.example`,
    }),
  },
  'GET /v1/payment-links': {
    rule: rule(['appTest', 'appLive', 'admin', 'manager', 'userOtherStore', 'userOtherMerchant']),
  },
  'GET /v1/payment-links/:id': { rule: LINK_RULE, prepare: freshLink },
  'POST /v1/payment-links/:id/resend': { rule: LINK_RULE, prepare: freshLink },
  'POST /v1/payment-links/:id/cancel': { rule: LINK_RULE, prepare: freshLink },
  /** The hosted page's API: the token in the path is the credential, whoever calls. */
  'GET /v1/pay/:token': { rule: rule('everyone', [], { ok: [200] }), prepare: freshLink },
  'POST /v1/pay/:token/order': {
    rule: rule('everyone', [], { ok: [200] }),
    prepare: freshLink,
    body: () => ({ wallet: 'picpay' }),
  },
  'GET /v1/orders/:id': {
    rule: rule(['till', 'appTest', ...PEOPLE, 'secret'], [...OTHER_TILLS, ...FOREIGN, 'userOtherStore', 'secretOther']),
  },
  'POST /v1/orders/:id/cancel': {
    rule: rule(['till', 'appTest', ...PEOPLE], [...OTHER_TILLS, ...FOREIGN, 'userOtherStore']),
    prepare: freshOrder,
  },
  'GET /v1/orders/:id/qr.svg': {
    rule: rule(['till', 'appTest', ...PEOPLE, 'secret'], [...OTHER_TILLS, ...FOREIGN, 'userOtherStore', 'secretOther']),
  },
  'GET /v1/orders/:id/qr.png': {
    rule: rule(['till', 'appTest', ...PEOPLE, 'secret'], [...OTHER_TILLS, ...FOREIGN, 'userOtherStore', 'secretOther']),
  },
  'POST /v1/orders/:id/refunds': {
    rule: rule(['till', 'appTest', 'admin', 'manager'], [...OTHER_TILLS, ...FOREIGN, 'userOtherStore']),
    prepare: paidOrder,
    body: () => ({ amount: 100 }),
  },
  'GET /v1/orders/:id/refunds': {
    rule: rule(['till', 'appTest', ...PEOPLE], [...OTHER_TILLS, ...FOREIGN, 'userOtherStore']),
  },
  'GET /v1/events': { rule: rule(MERCHANT_SIDE) },
  'POST /v1/sandbox/orders/:id/pay': {
    rule: rule(['till', 'appTest', ...PEOPLE], [...OTHER_TILLS, ...FOREIGN, 'userOtherStore']),
    prepare: freshOrder,
    body: () => ({}),
  },
  /** The PSP's webhook: an empty batch is taken from anyone, since every txid is read back from the PSP before use. */
  'POST /v1/providers/pix/:account_id/webhook/pix': { rule: rule('everyone'), body: () => ({ pix: [] }) },
  /** Any provider's notification: the demo account is the sandbox's, which reads nothing from a notification. */
  'POST /v1/providers/:adapter/:account_id/webhook': {
    rule: rule('everyone'),
    params: (c) => ({ adapter: 'sandbox', account_id: c.callers.targets.accountA }),
    body: () => ({ pix: [] }),
  },

  /** Live takes only public receivers, and the matrix registers loopback only: the live app gets past authorization to 422. */
  'POST /v1/webhook-endpoints': {
    rule: rule(['appTest', 'appLive', 'admin', 'userOtherMerchant'], [], { also: { appLive: [422] } }),
    body: () => ({ url: 'http://127.0.0.1:9/matrix', events: ['order.created'] }),
  },
  'GET /v1/webhook-endpoints': { rule: rule(['appTest', 'appLive', 'admin', 'userOtherMerchant']) },
  'POST /v1/webhook-endpoints/:id/disable': { rule: rule(['appTest', 'admin'], ['appLive', 'userOtherMerchant']) },
  'POST /v1/webhook-endpoints/:id/enable': { rule: rule(['appTest', 'admin'], ['appLive', 'userOtherMerchant']) },
  'POST /v1/webhook-callback-secret': { rule: rule(['appTest', 'appLive', 'admin', 'userOtherMerchant']) },
  'GET /v1/webhook-deliveries': { rule: rule(['appTest', 'appLive', 'admin', 'userOtherMerchant']) },
  'GET /v1/webhook-deliveries/:id': { rule: rule(['appTest', 'admin'], ['appLive', 'userOtherMerchant']) },
  'POST /v1/webhook-deliveries/:id/redeliver': { rule: rule(['appTest', 'admin'], ['appLive', 'userOtherMerchant']) },

  'GET /v1/stores': { rule: rule(['appTest', 'appLive', ...PEOPLE, 'userOtherStore', 'userOtherMerchant']) },
  'POST /v1/stores': {
    // A manager limited to some stores may not open more.
    rule: rule(['appTest', 'appLive', 'admin', 'manager', 'userOtherMerchant']),
    body: (c) => ({ name: `Loja ${c.kind} ${c.n}` }),
  },
  'GET /v1/stores/:id': { rule: rule(['appTest', 'appLive', ...PEOPLE], ['userOtherStore', 'userOtherMerchant']) },
  'PATCH /v1/stores/:id': {
    rule: rule(['appTest', 'appLive', 'admin', 'manager'], ['userOtherStore', 'userOtherMerchant']),
    body: () => ({ phone: '+55 11 4000-0000' }),
  },
  /** Live has issued no till credentials for A1 yet: missing to the live app. */
  'GET /v1/stores/:id/credentials': { rule: rule(['appTest', 'admin'], ['appLive', 'userOtherMerchant']) },
  'POST /v1/stores/:id/credentials': {
    rule: rule(['appTest', 'appLive', 'admin'], ['userOtherMerchant']),
    params: (c) => ({ id: c.callers.targets.storeA3 }),
  },
  'GET /v1/tills': { rule: rule(['appTest', 'appLive', ...PEOPLE, 'userOtherStore', 'userOtherMerchant']) },
  'POST /v1/tills': {
    rule: rule(['appTest', 'appLive', 'admin', 'manager'], ['userOtherStore', 'userOtherMerchant']),
    body: (c) => ({ store_id: c.callers.targets.storeA3, name: `Caixa ${c.n}`, category: 'ecommerce' }),
  },
  'PATCH /v1/tills/:id': {
    rule: rule(['appTest', 'appLive', 'admin', 'manager'], ['userOtherStore', 'userOtherMerchant']),
    body: () => ({ name: 'Caixa 01' }),
  },
  /** The matrix's tills offer no wallet that prints a QR (the sandbox, or none in live): allowed callers get 422. */
  ...Object.fromEntries(
    ['GET /v1/tills/:id/qr', 'GET /v1/tills/:id/qr.svg', 'GET /v1/tills/:id/qr.png', 'GET /v1/tills/:id/qr.pdf'].map(
      (route) => [
        route,
        {
          rule: rule(['appTest', 'appLive', 'admin', 'manager'], ['userOtherStore', 'userOtherMerchant'], {
            ok: [422],
          }),
        },
      ],
    ),
  ),
  'GET /v1/apps': { rule: rule(['admin', 'userOtherMerchant']) },
  'POST /v1/apps': { rule: rule(['admin', 'userOtherMerchant']), body: () => ({ app_name: unique('mx-app') }) },
  'POST /v1/apps/:app_name/secret': {
    rule: rule(['admin'], ['userOtherMerchant']),
    params: (c) => ({ app_name: c.callers.targets.spareApp }),
  },
  'GET /v1/provider-accounts': { rule: rule(['appTest', 'appLive', 'admin', 'userOtherMerchant']) },
  'POST /v1/provider-accounts': {
    // Live wants a real account's fields, which this minimal body lacks: a 422 there is past authorization.
    rule: rule(['appTest', 'appLive', 'admin', 'userOtherMerchant'], [], { also: { appLive: [422] } }),
    body: () => ({ kind: 'wallet', provider: 'ame', name: 'Ame' }),
  },
  'POST /v1/provider-accounts/:id/test': { rule: rule(['appTest', 'admin'], ['appLive', 'userOtherMerchant']) },
  'POST /v1/provider-accounts/:id/associations': {
    rule: rule(['appTest', 'admin'], ['appLive', 'userOtherMerchant']),
    body: (c) => ({ wallet: 'ame', store_id: c.callers.targets.storeA3 }),
  },
  'DELETE /v1/provider-accounts/:id/associations/:association_id': {
    rule: rule(['appTest', 'admin'], ['appLive', 'userOtherMerchant']),
    prepare: async ({ callers }) => {
      const { t, app, targets } = callers;
      const account = await t.api.call<{ id: string }>('POST', '/v1/provider-accounts', {
        token: app,
        body: { kind: 'wallet', provider: 'ame', name: 'Ame' },
      });
      const association = await t.api.call<{ id: number }>(
        'POST',
        `/v1/provider-accounts/${account.body.id}/associations`,
        {
          token: app,
          body: { wallet: 'ame', store_id: targets.storeA3 },
        },
      );
      expect(association.status).toBe(201);
      return { params: { id: account.body.id, association_id: String(association.body.id) } };
    },
  },
  'GET /v1/board': {
    // A till reads its own store's board (its own tile only).
    rule: rule(
      ['till', 'tillSameStore', 'appTest', 'appLive', ...PEOPLE],
      ['tillOtherStore', 'tillOtherMerchant', 'userOtherStore', 'userOtherMerchant'],
    ),
    query: (c) => `store_id=${c.callers.targets.storeA1}`,
  },

  // The panel's own routes: public ones, then those of a session.
  'POST /v1/panel/signup': {
    rule: rule('everyone', [], { ok: [201] }),
    body: () => ({
      merchant_name: 'Mercado Matriz',
      cnpj: '11.444.777/0001-61',
      email: `${unique('su')}@x.test`,
      password: 'uma-senha-longa',
    }),
  },
  'POST /v1/panel/activate': { rule: rule('everyone', [], { ok: [400] }), body: () => ({ token: 'not-a-link' }) },
  'POST /v1/panel/unlock': { rule: rule('everyone', [], { ok: [400] }), body: () => ({ token: 'not-a-link' }) },
  'POST /v1/panel/login': {
    rule: rule('everyone', [], { ok: [401] }),
    body: () => ({ email: 'nobody@x.test', password: 'wrong-password' }),
  },
  'POST /v1/panel/password-reset': { rule: rule('everyone'), body: () => ({ email: 'nobody@x.test' }) },
  'POST /v1/panel/password-reset/confirm': {
    rule: rule('everyone', [], { ok: [400] }),
    body: () => ({ token: 'not-a-link', password: 'uma-senha-longa' }),
  },
  'POST /v1/panel/invitations/lookup': {
    rule: rule('everyone', [], { ok: [400] }),
    body: () => ({ token: 'not-a-link' }),
  },
  'POST /v1/panel/invitations/accept': {
    rule: rule('everyone', [], { ok: [400] }),
    body: () => ({ token: 'not-a-link', name: 'X', password: 'uma-senha-longa' }),
  },
  'GET /v1/panel/outbox': { rule: rule('everyone') },
  /** Runs last (see ORDER): it ends each caller's session. */
  'POST /v1/panel/logout': { rule: rule('everyone') },
  'GET /v1/panel/session': { rule: rule([...PEOPLE, 'userOtherStore', 'userOtherMerchant']) },
  'POST /v1/panel/session/environment': {
    rule: rule([...PEOPLE, 'userOtherStore', 'userOtherMerchant']),
    body: () => ({ environment: 'test' }),
  },
  'POST /v1/panel/onboarding/terms': { rule: rule(['admin', 'userOtherMerchant']), body: () => ({ accept: true }) },
  'POST /v1/panel/documents': {
    rule: rule(['admin', 'userOtherMerchant']),
    query: () => 'name=doc.pdf',
    raw: { bytes: Buffer.from('%PDF-1.4\n%matrix\n'), type: 'application/pdf' },
  },
  'GET /v1/panel/documents': { rule: rule(['admin', 'userOtherMerchant']) },
  'GET /v1/panel/documents/:id': { rule: rule(['admin'], ['userOtherMerchant']) },
  'GET /v1/audit-events': { rule: rule(['appTest', 'appLive', 'admin', 'userOtherMerchant']) },
  'GET /v1/users': { rule: rule([...PEOPLE, 'userOtherStore', 'userOtherMerchant']) },
  'POST /v1/users': {
    rule: rule(['admin', 'userOtherMerchant']),
    body: () => ({ email: `${unique('inv')}@x.test`, role: 'clerk' }),
  },
  'PATCH /v1/users/:id': { rule: rule(['admin'], ['userOtherMerchant']), body: () => ({ role: 'clerk' }) },
  'DELETE /v1/users/:id': {
    rule: rule(['admin'], ['userOtherMerchant']),
    prepare: async ({ callers }) => {
      const r = await callers.admin.call<{ id: string }>('POST', '/v1/users', {
        body: { email: `${unique('rm')}@x.test`, role: 'clerk' },
      });
      expect(r.status).toBe(201);
      return { params: { id: r.body.id } };
    },
  },
};

/** Routes that end what other cells use go last. */
const LAST = new Set(['POST /v1/panel/logout']);

export const routeKey = (r: TableRoute) => `${r.method.toUpperCase()} ${r.path}`;

/** PGlite always; PostgreSQL too in the thorough run (`pnpm fuzz`), where the minutes are there. */
const thorough = process.env.TILLGATE_THOROUGH === '1';

for (const backend of await backends()) {
  describe.skipIf(backend.unavailable || (backend.name === 'postgres' && !thorough))(
    `authorization matrix on ${backend.name}`,
    () => {
      let t!: TestGateway;
      let callers!: Callers;
      let routes!: TableRoute[];
      suiteGateway(backend, {}, (suite) => {
        ({ t } = suite);
      });
      beforeAll(async () => {
        callers = await buildCallers(t);
        routes = await apiRouteTable(t.url);
      });

      it('has one entry per route of the route table, and none for routes that do not exist', () => {
        const keys = routes.map(routeKey);
        expect(
          keys.filter((k) => !(k in MATRIX)),
          'routes without an entry in MATRIX',
        ).toEqual([]);
        expect(
          Object.keys(MATRIX).filter((k) => !keys.includes(k)),
          'entries for no route',
        ).toEqual([]);
        for (const r of routes) {
          const everyone = MATRIX[routeKey(r)]?.rule.allow === 'everyone';
          expect(everyone, `${routeKey(r)}: a public rule on an authenticated route, or the reverse`).toBe(r.public);
        }
      });

      // Before the route matrix: its last route logs every session out.
      it('lets each caller kind watch only its own topics', async () => {
        const wrong: string[] = [];
        let cells = 0;
        for (const [topic, { replays, empty }] of Object.entries(TOPIC_MATRIX)) {
          for (const kind of CALLER_KINDS) {
            const watch = await watchAs(callers, kind, topic);
            cells++;
            const got = watch.got === 'subscribed' ? (watch.events > 0 ? 'replays' : 'empty') : watch.got;
            const want =
              kind === 'none'
                ? 'unauthenticated'
                : replays.includes(kind)
                  ? 'replays'
                  : empty.includes(kind)
                    ? 'empty'
                    : 'forbidden';
            if (got !== want) wrong.push(`${topic} as ${kind}: want ${want}, got ${got}`);
          }
        }
        console.log(
          `topic matrix on ${backend.name}: ${Object.keys(TOPIC_MATRIX).length} topics × ${CALLER_KINDS.length} callers = ${cells} cells`,
        );
        expect(wrong).toEqual([]);
      });
      it('answers every caller kind on every route as the matrix says', async () => {
        const ordered = [...routes].sort((a, b) => Number(LAST.has(routeKey(a))) - Number(LAST.has(routeKey(b))));
        const wrong: string[] = [];
        let cells = 0;
        let n = 0;
        for (const route of ordered) {
          const key = routeKey(route);
          const entry = MATRIX[key] as Entry;
          for (const kind of CALLER_KINDS) {
            const cell: Cell = { kind, n: ++n, callers };
            const prepared = (await entry.prepare?.(cell)) ?? {};
            const params = { ...defaultParams(callers, route.ids), ...entry.params?.(cell), ...prepared.params };
            const r = await callCell(cell, route, entry, params, prepared.order);
            cells++;
            const want = expected(entry.rule, kind, route.public ? 'none' : 'token');
            const got = `${r.status}${r.status >= 400 ? ` ${(r.body as { code?: string }).code}` : ''}`;
            const fine = want.allowed ? want.ok.includes(r.status) : r.status === want.status && isProblem(r);
            if (!fine)
              wrong.push(`${key} as ${kind}: want ${want.allowed ? want.ok.join('|') : want.status}, got ${got}`);
            const leaked = leaks(callers, kind, r.body, r.sent);
            if (leaked.length) wrong.push(`${key} as ${kind}: the answer names ${leaked.join(', ')}`);
          }
        }
        console.log(
          `authorization matrix on ${backend.name}: ${ordered.length} routes × ${CALLER_KINDS.length} callers = ${cells} cells`,
        );
        expect(wrong).toEqual([]);
      }, 240_000);
    },
  );
}

/** Ids the caller may never see that appear in an answer it got (beyond those it sent, which a 404 repeats). */
function leaks(callers: Callers, kind: CallerKind, body: unknown, sent: string): string[] {
  const text = typeof body === 'string' ? body : JSON.stringify(body ?? '');
  return callers.unseen[kind].filter((id) => text.includes(id) && !sent.includes(id));
}
