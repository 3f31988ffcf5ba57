import { randomBytes } from 'node:crypto';
import { WALLETS } from '@tillgate/sdk/protocol';
import type { Role } from '../services/accounts/principal.js';
import type { ServiceDeps } from '../services/deps.js';
import { hashPassword } from '../services/security/passwords.js';
import { issueAppCredential } from '../services/setup/app-credentials.js';
import { replaceStoreCredential } from '../services/setup/store-credentials.js';
import { markMerchantStep } from '../store/merchant-profile.js';
import { insertMerchant, insertStore, insertTill, merchantExists } from '../store/merchants.js';
import { insertUser, updateUser } from '../store/users.js';
import { associateWallet, insertProviderAccount } from '../store/wallets.js';

export const DEMO_MERCHANT_ID = 'mer_DEMO0000000000000000000000';
const DEMO_STORE_ID = 'sto_DEMO0000000000000000000000';
const DEMO_ACCOUNT_ID = 'pac_DEMO0000000000000000000000';
const DEMO_TILLS = [
  { id: 'till_DEMO0000000000000000000001', client_id: 'demo-caixa-01', name: 'Caixa 01' },
  { id: 'till_DEMO0000000000000000000002', client_id: 'demo-caixa-02', name: 'Caixa 02' },
];
const DEMO_APP_NAME = 'demo-app-test';
/** The panel's demo people, one per role; they share the password printed at start. */
const DEMO_USERS: ReadonlyArray<{ id: string; email: string; name: string; role: Role }> = [
  { id: 'usr_DEMO0000000000000000000001', email: 'admin@demo.tillgate.dev', name: 'Ana Administradora', role: 'admin' },
  { id: 'usr_DEMO0000000000000000000002', email: 'gerente@demo.tillgate.dev', name: 'Gil Gerente', role: 'manager' },
  { id: 'usr_DEMO0000000000000000000003', email: 'caixa@demo.tillgate.dev', name: 'Cris Caixa', role: 'clerk' },
];
export const DEMO_TILL_IDS = DEMO_TILLS.map((t) => t.id);

export interface DemoCredentials {
  access_key: string;
  secret_key: string;
  app_name: string;
  app_secret: string;
  tills: Array<{ id: string; client_id: string; name: string }>;
  /** The panel's demo admin; `panel_users` also lists a manager and a clerk with the same password. */
  panel_email: string;
  panel_password: string;
  panel_users: Array<{ email: string; role: Role }>;
}

/**
 * Creates the demo merchant of the test environment (one store, two tills, every wallet through the
 * sandbox), or rotates its secrets when it exists: secrets are stored hashed, so only fresh ones can be shown.
 */
export async function seedDemoMerchant(deps: ServiceDeps): Promise<DemoCredentials> {
  const panelPassword = randomBytes(9).toString('base64url');
  const passwordHashes = await Promise.all(DEMO_USERS.map(() => hashPassword(panelPassword)));
  return deps.knex.transaction(async (trx) => {
    const now = deps.clock.now();
    const storeId = DEMO_STORE_ID;
    if (!(await merchantExists(trx, DEMO_MERCHANT_ID))) {
      await insertMerchant(trx, {
        id: DEMO_MERCHANT_ID,
        name: 'Padaria Demonstração',
        cnpj: '11222333000181',
        createdAt: now,
      });
      await insertStore(trx, {
        id: storeId,
        merchantId: DEMO_MERCHANT_ID,
        name: 'Padaria Demonstração — Centro',
        cnpj: '11222333000181',
        address: 'Rua Augusta, 100, São Paulo - SP',
        phone: '+55 11 3000-0000',
        createdAt: now,
      });
      for (const t of DEMO_TILLS) {
        await insertTill(trx, {
          id: t.id,
          merchantId: DEMO_MERCHANT_ID,
          storeId,
          clientId: t.client_id,
          name: t.name,
          category: 'physical',
          active: true,
          qrMode: 'dynamic',
          createdAt: now,
        });
      }
      const accountId = DEMO_ACCOUNT_ID;
      await insertProviderAccount(trx, {
        id: accountId,
        merchantId: DEMO_MERCHANT_ID,
        environment: 'test',
        adapter: 'sandbox',
        provider: 'sandbox',
        name: 'Sandbox',
        config: { merchantName: 'PADARIA DEMONSTRACAO', city: 'SAO PAULO' },
        createdAt: now,
      });
      for (const wallet of WALLETS) await associateWallet(trx, { providerAccountId: accountId, wallet, storeId });
    }
    const { issued } = await replaceStoreCredential(trx, { id: storeId, merchantId: DEMO_MERCHANT_ID }, 'test', now);
    const app = await issueAppCredential(trx, DEMO_MERCHANT_ID, 'test', DEMO_APP_NAME, now);
    await markMerchantStep(trx, DEMO_MERCHANT_ID, 'activated_at', now);
    for (const [i, u] of DEMO_USERS.entries()) {
      const passwordHash = passwordHashes[i] as string;
      const user = { ...u, merchantId: DEMO_MERCHANT_ID, passwordHash, storeIds: null, createdAt: now };
      // Demo merchants seeded before the panel existed get their people on the next start.
      if (!(await insertUser(trx, { ...user, status: 'active' }))) await updateUser(trx, u.id, { passwordHash });
    }
    return {
      access_key: issued.access_key,
      secret_key: issued.secret_key,
      ...app,
      tills: DEMO_TILLS,
      panel_email: DEMO_USERS[0]?.email as string,
      panel_password: panelPassword,
      panel_users: DEMO_USERS.map(({ email, role }) => ({ email, role })),
    };
  });
}
