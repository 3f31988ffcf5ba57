import type { Knex } from 'knex';

/** Reads a gateway-wide setting, creating it with `initial()` the first time; every instance gets the same value. */
export async function settingOrCreate(db: Knex, key: string, initial: () => string): Promise<string> {
  await db('gateway_settings').insert({ key, value: initial() }).onConflict('key').ignore();
  const row = await db('gateway_settings').where({ key }).first();
  return row.value as string;
}

export async function putSetting(db: Knex, key: string, value: string): Promise<void> {
  await db('gateway_settings').insert({ key, value }).onConflict('key').merge();
}
