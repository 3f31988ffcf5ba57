import type { Environment, TillQrMode, Wallet } from '@tillgate/sdk/protocol';
import type { Knex } from 'knex';
import type { ProviderAccount } from '../adapters/types.js';
import { Statement } from './prepared.js';

type Db = Knex | Knex.Transaction;

type NewProviderAccount = ProviderAccount & { name: string; createdAt: Date };

const accountRow = (a: NewProviderAccount) => ({
  id: a.id,
  merchant_id: a.merchantId,
  environment: a.environment,
  adapter: a.adapter,
  provider: a.provider,
  name: a.name,
  config: JSON.stringify(a.config),
  created_at: a.createdAt,
});

export async function insertProviderAccount(db: Db, a: NewProviderAccount): Promise<void> {
  await db('provider_accounts').insert(accountRow(a));
}

/** Offers the wallet through the account to a store or a till; answers the association's id. */
export async function associateWallet(
  db: Db,
  a: { providerAccountId: string; wallet: Wallet; storeId?: string; tillId?: string },
): Promise<string> {
  const [row] = await db('wallet_associations')
    .insert({
      provider_account_id: a.providerAccountId,
      wallet: a.wallet,
      store_id: a.storeId ?? null,
      till_id: a.tillId ?? null,
    })
    .returning('id');
  return String(row.id);
}

/** The columns of a provider account that `accountFromRow` reads: every statement that reads an account selects these. */
export const ACCOUNT_COLUMNS = ['id', 'merchant_id', 'environment', 'adapter', 'provider', 'config'] as const;

export const accountFromRow = (r: Record<(typeof ACCOUNT_COLUMNS)[number], unknown>): ProviderAccount => ({
  id: r.id as string,
  merchantId: r.merchant_id as string,
  environment: r.environment as Environment,
  adapter: r.adapter as string,
  provider: r.provider as string,
  config: r.config as Record<string, unknown>,
});

/** The wallets a till offers in one environment, a till's own association overriding its store's. */
export async function tillWallets(
  db: Db,
  tillId: string,
  environment: Environment,
  merchantId: string,
): Promise<Array<{ wallet: Wallet; account: ProviderAccount }>> {
  const rows = await db.raw(
    `SELECT DISTINCT ON (wa.wallet) wa.wallet, pa.*
       FROM tills t
       JOIN wallet_associations wa ON wa.till_id = t.id OR wa.store_id = t.store_id
       JOIN provider_accounts pa ON pa.id = wa.provider_account_id AND pa.environment = ?
      WHERE t.id = ? AND t.merchant_id = ? AND t.active
      ORDER BY wa.wallet, wa.till_id NULLS LAST, wa.id`,
    [environment, tillId, merchantId],
  );
  return (rows.rows as Record<string, unknown>[]).map((r) => ({
    wallet: r.wallet as Wallet,
    account: accountFromRow(r),
  }));
}

export interface ChargeTarget {
  tillId: string;
  storeId: string;
  qrMode: TillQrMode;
  /** Undefined when no account offers the wallet to this till. */
  account: ProviderAccount | undefined;
}

export interface ChargeTargetQuery {
  merchantId: string;
  environment: Environment;
  tillId: string;
  wallet: Wallet;
}

/** Selects a till (`t`) with the account that takes `:wallet` in `:environment` there; add the WHERE. */
export const CHARGE_TARGET_SQL = `SELECT t.id AS till_id, t.store_id, t.qr_mode AS till_qr_mode, ${ACCOUNT_COLUMNS.map((c) => `pa.${c}`).join(', ')}
       FROM tills t
       JOIN stores s ON s.id = t.store_id AND s.active
       LEFT JOIN LATERAL (
         SELECT pa.* FROM wallet_associations wa
           JOIN provider_accounts pa ON pa.id = wa.provider_account_id AND pa.environment = :environment
          WHERE wa.wallet = :wallet AND (wa.till_id = t.id OR wa.store_id = t.store_id)
          ORDER BY wa.till_id NULLS LAST, wa.id
          LIMIT 1
       ) pa ON true`;

export function chargeTargetFromRow(row: Record<string, unknown> | undefined): ChargeTarget | undefined {
  if (!row?.till_id) return undefined;
  return {
    tillId: row.till_id as string,
    storeId: row.store_id as string,
    qrMode: (row.till_qr_mode as TillQrMode | undefined) ?? 'dynamic',
    account: row.id ? accountFromRow(row) : undefined,
  };
}

const accountById = new Statement<{ id: string }>(
  'find_provider_account',
  `SELECT ${ACCOUNT_COLUMNS.join(', ')} FROM provider_accounts WHERE id = :id`,
);

/** An order's account, read on its payment, refund and re-read paths: prepared. */
export async function findProviderAccount(db: Db, id: string): Promise<ProviderAccount | undefined> {
  const [row] = await accountById.rows(db, { id });
  return row ? accountFromRow(row) : undefined;
}

/** Creates the account or replaces its settings (an emulator's address changes at every start). */
export async function saveProviderAccount(db: Db, a: NewProviderAccount): Promise<void> {
  await db('provider_accounts').insert(accountRow(a)).onConflict('id').merge(['adapter', 'provider', 'name', 'config']);
}

/** Takes a wallet away from whatever offered it through this account. */
export async function dissociateWallet(db: Db, providerAccountId: string, wallet: Wallet): Promise<void> {
  await db('wallet_associations').where({ provider_account_id: providerAccountId, wallet }).delete();
}
