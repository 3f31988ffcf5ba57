import type { Knex } from 'knex';

type Db = Knex | Knex.Transaction;

/** What the panel shows of a merchant and how far its onboarding has come. */
export interface MerchantProfile {
  id: string;
  name: string;
  cnpj: string | null;
  timezone: string;
  activatedAt: Date | null;
  termsAcceptedAt: Date | null;
  documents: number;
}

export async function findMerchantProfile(db: Db, id: string): Promise<MerchantProfile | undefined> {
  const row = await db('merchants as m')
    .where('m.id', id)
    .first('m.*', db.raw('(SELECT count(*) FROM merchant_documents d WHERE d.merchant_id = m.id)::int AS documents'));
  if (!row) return undefined;
  return {
    id: row.id,
    name: row.name,
    cnpj: row.cnpj ?? null,
    timezone: row.timezone,
    activatedAt: row.activated_at ?? null,
    termsAcceptedAt: row.terms_accepted_at ?? null,
    documents: Number(row.documents),
  };
}

/** Sets the onboarding step's time the first time only. */
export async function markMerchantStep(
  db: Db,
  id: string,
  step: 'activated_at' | 'terms_accepted_at',
  now: Date,
): Promise<void> {
  await db('merchants')
    .where({ id })
    .whereNull(step)
    .update({ [step]: now });
}
