import { type Till, Tillgate, type Wallet } from '@tillgate/sdk';
import { type CredentialsFile, type StoreCredentials, storesOf } from './credentials.js';
import { chooseFleet, type Fleet, type FleetAsk } from './fleet.js';

export interface ProvisionAsk extends FleetAsk {
  url: string;
  seed: number;
}

/** Which account takes each wallet of the file's first store, and whether it is tied to its tills or to the store. */
type Wiring = Map<Wallet, { accountId: string; level: 'store' | 'till' }>;

/**
 * Completes the credentials to `stores` × `tillsPerStore` tills through the management API, with the
 * file's app credentials: tills are added to the file's stores and stores are opened after them, all
 * named from the seed (`sim-<seed>-store-3`, `sim-<seed>-till-2`) so a rerun with the same seed finds
 * and reuses them. An opened store's secret is shown once, so each run issues it new credentials. New
 * stores and tills take their wallets through the accounts the file's first store uses.
 *
 * Answers the file as it is when it already holds enough tills, or gives no app credentials.
 */
export async function provisionFleet(credentials: CredentialsFile, ask: ProvisionAsk): Promise<CredentialsFile> {
  const held = storesOf(credentials);
  const storeCount = ask.stores ?? held.length;
  const tillsPerStore = ask.tillsPerStore ?? Math.max(...held.map((s) => s.tills.length));
  const enough = held.length >= storeCount && held.slice(0, storeCount).every((s) => s.tills.length >= tillsPerStore);
  if (enough || !credentials.app_name || !credentials.app_secret) return credentials;

  const app = new Tillgate({
    baseUrl: ask.url,
    auth: { appName: credentials.app_name, appSecret: credentials.app_secret },
  });
  const name = (what: string, n: number) => `sim-${ask.seed}-${what}-${n}`;
  const tillsOf = async (storeId: string) => app.tills.list({ store_id: storeId, limit: 100 }).toArray();
  const reference = await storeIdOf(app, held[0]);
  const wiring = await wiringOf(app, reference, held[0]?.tills.map((t) => t.id) ?? []);

  const addTills = async (storeId: string, store: StoreCredentials): Promise<StoreCredentials> => {
    const existing = await tillsOf(storeId);
    const tills = store.tills.slice(0, tillsPerStore);
    for (let n = tills.length + 1; tills.length < tillsPerStore; n++) {
      const till =
        existing.find((t) => t.name === name('till', n)) ??
        (await app.tills.create({ store_id: storeId, name: name('till', n), category: 'physical' }));
      await wireTill(app, wiring, till);
      tills.push({ id: till.id, client_id: till.client_id, name: till.name });
    }
    return { ...store, tills };
  };

  const stores: StoreCredentials[] = [];
  for (const store of held.slice(0, storeCount)) {
    stores.push(store.tills.length >= tillsPerStore ? store : await addTills(await storeIdOf(app, store), store));
  }
  const existingStores = await app.stores.list({ limit: 100 }).toArray();
  for (let n = stores.length + 1; stores.length < storeCount; n++) {
    const store =
      existingStores.find((s) => s.name === name('store', n)) ?? (await app.stores.create({ name: name('store', n) }));
    for (const [wallet, { accountId, level }] of wiring) {
      if (level === 'store') await app.providerAccounts.associate(accountId, { wallet, store_id: store.id });
    }
    const keys = await app.storeCredentials.rotate(store.id);
    stores.push(await addTills(store.id, { access_key: keys.access_key, secret_key: keys.secret_key, tills: [] }));
  }
  return { ...credentials, stores };
}

/** The fleet a run plays: the credentials' tills, completed to the ask where the app credentials allow. */
export async function provisionedFleet(credentials: CredentialsFile, ask: ProvisionAsk): Promise<Fleet> {
  return chooseFleet(await provisionFleet(credentials, ask), ask);
}

async function storeIdOf(app: Tillgate, store: StoreCredentials | undefined): Promise<string> {
  const first = store?.tills[0];
  if (!first) throw new Error('the credentials name a store without tills: cannot tell which store it is');
  for await (const till of app.tills.list({ limit: 100 })) if (till.id === first.id) return till.store_id;
  throw new Error(`till ${first.id} of the credentials is not among the app's tills`);
}

/** An account tied to one of the reference tills wins over the store's, as it does for those tills. */
async function wiringOf(app: Tillgate, storeId: string, tillIds: string[]): Promise<Wiring> {
  const wiring: Wiring = new Map();
  for (const account of await app.providerAccounts.list()) {
    for (const a of account.associations) {
      if (a.store_id === storeId && !wiring.has(a.wallet))
        wiring.set(a.wallet, { accountId: account.id, level: 'store' });
      if (a.till_id && tillIds.includes(a.till_id)) wiring.set(a.wallet, { accountId: account.id, level: 'till' });
    }
  }
  return wiring;
}

async function wireTill(app: Tillgate, wiring: Wiring, till: Till): Promise<void> {
  for (const [wallet, { accountId, level }] of wiring) {
    if (level === 'till') await app.providerAccounts.associate(accountId, { wallet, till_id: till.id });
  }
}
