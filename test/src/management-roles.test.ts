import {
  ApiError,
  AppService,
  BoardService,
  DEMO_MERCHANT_ID,
  type Principal,
  ProviderAccountService,
  type Role,
  StoreCredentialService,
  StoreService,
  TillService,
} from '@tillgate/gateway';
import { beforeAll, describe, expect, it } from 'vitest';
import { backends } from './support/backends.js';
import { suiteGateway, type TestGateway } from './support/gateway.js';

const user = (role: Role, storeIds: string[] | null = null, merchantId = DEMO_MERCHANT_ID): Principal => ({
  kind: 'user',
  merchantId,
  environment: 'test',
  userId: `usr_${role}`,
  role,
  storeIds,
});

const refusal = async (work: Promise<unknown>): Promise<string | undefined> => {
  try {
    await work;
    return undefined;
  } catch (err) {
    if (err instanceof ApiError) return err.code;
    throw err;
  }
};

for (const backend of await backends()) {
  describe.skipIf(backend.unavailable)(`panel users in the management services on ${backend.name}`, () => {
    let t!: TestGateway;
    suiteGateway(backend, {}, (suite) => {
      ({ t } = suite);
    });
    let s!: {
      stores: StoreService;
      credentials: StoreCredentialService;
      tills: TillService;
      apps: AppService;
      accounts: ProviderAccountService;
      board: BoardService;
    };
    /** The demo store (A), a second store (B) with a till, and the demo's sandbox account. */
    let storeA: string;
    let storeB: string;
    let tillA: string;
    let tillB: string;
    let accountId: string;
    beforeAll(async () => {
      const deps = t.gateway.deps;
      s = {
        stores: new StoreService(deps),
        credentials: new StoreCredentialService(deps, deps.revocations),
        tills: new TillService(deps, deps.revocations, deps.orders.printedQrs),
        apps: new AppService(deps, deps.revocations),
        accounts: new ProviderAccountService(deps, deps.providerSecrets),
        board: new BoardService(deps, deps.orders),
      };
      const admin = user('admin');
      storeA = (await s.stores.list(admin, { includeInactive: false, limit: 10 })).data[0]?.id as string;
      tillA = t.demo.tills[0]?.id as string;
      storeB = (await s.stores.create(admin, { name: 'Filial B' })).id;
      tillB = (await s.tills.create(admin, { store_id: storeB, name: 'Caixa B', category: 'physical' })).id;
      accountId = (await s.accounts.list(admin)).data[0]?.id as string;
    });

    /** Each operation, and the roles the README's table lets do it. */
    const OPERATIONS: Array<[string, readonly Role[], (p: Principal, n: number) => Promise<unknown>]> = [
      ['list stores', ['clerk', 'manager', 'admin'], (p) => s.stores.list(p, { includeInactive: true, limit: 5 })],
      ['read a store', ['clerk', 'manager', 'admin'], (p) => s.stores.get(p, storeA)],
      ['open a store', ['manager', 'admin'], (p, n) => s.stores.create(p, { name: `Loja ${n}` })],
      ['edit a store', ['manager', 'admin'], (p) => s.stores.update(p, storeB, { phone: '+55 11 4000-0000' })],
      ['list tills', ['clerk', 'manager', 'admin'], (p) => s.tills.list(p, { includeInactive: false, limit: 5 })],
      [
        'add a till',
        ['manager', 'admin'],
        (p, n) => s.tills.create(p, { store_id: storeB, name: `Caixa ${n}`, category: 'ecommerce' }),
      ],
      ['rename a till', ['manager', 'admin'], (p, n) => s.tills.update(p, tillB, { name: `Caixa B${n}` })],
      ['read credentials', ['admin'], (p) => s.credentials.current(p, storeA)],
      ['rotate credentials', ['admin'], (p) => s.credentials.rotate(p, storeB)],
      ['list apps', ['admin'], (p) => s.apps.list(p)],
      ['create an app', ['admin'], (p, n) => s.apps.create(p, `erp-${backend.name}-${n}`)],
      ['list provider accounts', ['admin'], (p) => s.accounts.list(p)],
      [
        'add a provider account',
        ['admin'],
        (p) => s.accounts.create(p, { kind: 'wallet', provider: 'ame', name: 'Ame' }),
      ],
      ['test a provider account', ['admin'], (p) => s.accounts.test(p, accountId)],
      ['associate a wallet', ['admin'], (p) => s.accounts.associate(p, accountId, { wallet: 'ame', till_id: tillB })],
      ['read the board', ['clerk', 'manager', 'admin'], (p) => s.board.get(p, storeA)],
    ];
    const cases = OPERATIONS.flatMap(([name, roles, run]) =>
      (['clerk', 'manager', 'admin'] as const).map((role) => ({ name, role, allowed: roles.includes(role), run })),
    );
    let n = 0;

    it.each(cases)('$role: $name → allowed $allowed', async ({ role, allowed, run }) => {
      expect(await refusal(run(user(role), ++n))).toBe(allowed ? undefined : 'forbidden');
    });

    it('a user limited to store A sees only A, its tills and its board; B reads as missing', async () => {
      const clerk = user('clerk', [storeA]);
      expect((await s.stores.list(clerk, { includeInactive: true, limit: 50 })).data.map((x) => x.id)).toEqual([
        storeA,
      ]);
      const tills = (await s.tills.list(clerk, { includeInactive: true, limit: 50 })).data;
      expect(new Set(tills.map((x) => x.store_id))).toEqual(new Set([storeA]));
      expect(tills.map((x) => x.id)).toContain(tillA);
      expect(await refusal(s.stores.get(clerk, storeB))).toBe('not_found');
      expect(await refusal(s.tills.list(clerk, { storeId: storeB, includeInactive: false, limit: 5 }))).toBe(
        'not_found',
      );
      expect(await refusal(s.board.get(clerk, storeB))).toBe('not_found');
    });

    it('a manager or admin limited to store A cannot reach B, nor open stores', async () => {
      const manager = user('manager', [storeA]);
      expect(await refusal(s.stores.update(manager, storeB, { name: 'x' }))).toBe('not_found');
      expect(await refusal(s.tills.create(manager, { store_id: storeB, name: 'x', category: 'physical' }))).toBe(
        'not_found',
      );
      expect(await refusal(s.tills.update(manager, tillB, { active: false }))).toBe('not_found');
      expect(await refusal(s.stores.create(manager, { name: 'x' }))).toBe('forbidden');
      const admin = user('admin', [storeA]);
      expect(await refusal(s.credentials.rotate(admin, storeB))).toBe('not_found');
      expect(await refusal(s.accounts.associate(admin, accountId, { wallet: 'pix', till_id: tillB }))).toBe(
        'not_found',
      );
      expect(await refusal(s.tills.update(manager, tillA, { name: 'Caixa 01' }))).toBeUndefined();
    });

    it("a new app secret ends the old one and the old secret's refresh tokens", async () => {
      const admin = user('admin');
      const name = `pos-server-${backend.name}`;
      const first = await s.apps.create(admin, name);
      expect(await refusal(s.apps.create(admin, name))).toBe('app_name_taken');
      const login = (secret: string) =>
        t.api.call<{ refresh_token: string }>('POST', '/v1/auth/app', { body: { app_name: name, app_secret: secret } });
      const old = await login(first.app_secret);
      expect(old.status).toBe(200);

      const second = await s.apps.regenerateSecret(admin, name);
      expect(second.app_secret).not.toBe(first.app_secret);
      expect((await login(first.app_secret)).status).toBe(401);
      const stale = await t.api.call('POST', '/v1/auth/refresh', {
        headers: { authorization: `Bearer ${old.body.refresh_token}` },
      });
      expect(stale.status).toBe(401);
      expect((await login(second.app_secret)).status).toBe(200);
      expect((await s.apps.list(admin)).data.map((a) => a.app_name)).toContain(name);
      expect(await refusal(s.apps.regenerateSecret(user('admin', null, 'mer_SOMEONEELSE00000000000000'), name))).toBe(
        'not_found',
      );
    });

    it("another merchant's admin sees none of it", async () => {
      const stranger = user('admin', null, 'mer_SOMEONEELSE00000000000000');
      expect((await s.stores.list(stranger, { includeInactive: true, limit: 5 })).data).toEqual([]);
      expect(await refusal(s.stores.get(stranger, storeA))).toBe('not_found');
      expect(await refusal(s.tills.update(stranger, tillA, { active: false }))).toBe('not_found');
      expect(await refusal(s.accounts.test(stranger, accountId))).toBe('not_found');
      expect((await s.accounts.list(stranger)).data).toEqual([]);
    });
  });
}
