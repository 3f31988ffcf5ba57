import type { Environment, Wallet } from '@tillgate/sdk/protocol';
import type { Knex } from 'knex';
import type { ProviderAccount } from '../adapters/types.js';
import { accountFromRow } from './wallets.js';

type Db = Knex | Knex.Transaction;

export type NamedProviderAccount = ProviderAccount & { name: string; createdAt: Date };

export interface WalletAssociation {
  id: string;
  providerAccountId: string;
  wallet: Wallet;
  storeId: string | null;
  tillId: string | null;
}

const namedFromRow = (r: Record<string, unknown>): NamedProviderAccount => ({
  ...accountFromRow(r),
  name: r.name as string,
  createdAt: r.created_at as Date,
});

const associationFromRow = (r: Record<string, unknown>): WalletAssociation => ({
  id: String(r.id),
  providerAccountId: r.provider_account_id as string,
  wallet: r.wallet as Wallet,
  storeId: (r.store_id as string | null) ?? null,
  tillId: (r.till_id as string | null) ?? null,
});

/** A merchant environment's accounts, oldest first, each with its associations (two reads in all). */
export async function listProviderAccounts(
  db: Db,
  merchantId: string,
  environment: Environment,
): Promise<Array<NamedProviderAccount & { associations: WalletAssociation[] }>> {
  const accounts = (
    await db('provider_accounts').where({ merchant_id: merchantId, environment }).orderBy(['created_at', 'id'])
  ).map(namedFromRow);
  const associations = accounts.length
    ? (
        await db('wallet_associations')
          .whereIn(
            'provider_account_id',
            accounts.map((a) => a.id),
          )
          .orderBy('id')
      ).map(associationFromRow)
    : [];
  return accounts.map((a) => ({ ...a, associations: associations.filter((w) => w.providerAccountId === a.id) }));
}

export async function findNamedProviderAccount(db: Db, id: string): Promise<NamedProviderAccount | undefined> {
  const row = await db('provider_accounts').where({ id }).first();
  return row ? namedFromRow(row) : undefined;
}

export async function findAssociation(
  db: Db,
  providerAccountId: string,
  id: string,
): Promise<WalletAssociation | undefined> {
  const row = await db('wallet_associations').where({ id, provider_account_id: providerAccountId }).first();
  return row ? associationFromRow(row) : undefined;
}

/** The same offer made before, if any: associating twice changes nothing. */
export async function findSameAssociation(
  db: Db,
  a: { providerAccountId: string; wallet: Wallet; storeId: string | null; tillId: string | null },
): Promise<WalletAssociation | undefined> {
  const row = await db('wallet_associations')
    .where({ provider_account_id: a.providerAccountId, wallet: a.wallet })
    .andWhere((w) => (a.storeId ? w.where('store_id', a.storeId) : w.where('till_id', a.tillId ?? '')))
    .first();
  return row ? associationFromRow(row) : undefined;
}

export async function deleteAssociation(db: Db, id: string): Promise<void> {
  await db('wallet_associations').where({ id }).delete();
}
