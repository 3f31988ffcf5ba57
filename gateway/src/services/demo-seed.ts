import { WALLETS } from '@tillgate/sdk/protocol';
import { insertMerchant, insertStore, insertTill, merchantExists } from '../store/merchants.js';
import { associateWallet, insertProviderAccount } from '../store/wallets.js';
import { issueAppCredential } from './app-credentials.js';
import type { ServiceDeps } from './deps.js';
import { replaceStoreCredential } from './store-credentials.js';

export const DEMO_MERCHANT_ID = 'mer_DEMO0000000000000000000000';
const DEMO_STORE_ID = 'sto_DEMO0000000000000000000000';
const DEMO_ACCOUNT_ID = 'pac_DEMO0000000000000000000000';
const DEMO_TILLS = [
  { id: 'till_DEMO0000000000000000000001', client_id: 'demo-caixa-01', name: 'Caixa 01' },
  { id: 'till_DEMO0000000000000000000002', client_id: 'demo-caixa-02', name: 'Caixa 02' },
];
const DEMO_APP_NAME = 'demo-app-test';
export const DEMO_TILL_IDS = DEMO_TILLS.map((t) => t.id);

export interface DemoCredentials {
  access_key: string;
  secret_key: string;
  app_name: string;
  app_secret: string;
  tills: Array<{ id: string; client_id: string; name: string }>;
}

/**
 * Creates the demo merchant of the test environment (one store, two tills, every wallet through the
 * sandbox), or rotates its secrets when it exists: secrets are stored hashed, so only fresh ones can be shown.
 */
export async function seedDemoMerchant(deps: ServiceDeps): Promise<DemoCredentials> {
  return deps.knex.transaction(async (trx) => {
    const now = deps.clock.now();
    const storeId = DEMO_STORE_ID;
    if (!(await merchantExists(trx, DEMO_MERCHANT_ID))) {
      await insertMerchant(trx, { id: DEMO_MERCHANT_ID, name: 'Padaria Demonstração', createdAt: now });
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
    return { access_key: issued.access_key, secret_key: issued.secret_key, ...app, tills: DEMO_TILLS };
  });
}
