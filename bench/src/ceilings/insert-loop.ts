import type { Knex } from 'knex';

/**
 * The ceiling of a write on this database: `concurrency` loops of one-row INSERTs (each its own
 * transaction) through knex for `seconds`. Answers rows per second.
 */
export async function insertLoop(knex: Knex, concurrency: number, seconds: number): Promise<number> {
  await knex.schema.dropTableIfExists('bench_insert');
  await knex.schema.createTable('bench_insert', (t) => {
    t.bigIncrements('id');
    t.text('ref').notNullable();
    t.integer('amount').notNullable();
    t.timestamp('created_at', { useTz: true }).notNullable();
  });
  const until = performance.now() + seconds * 1000;
  let rows = 0;
  const loop = async (worker: number) => {
    while (performance.now() < until) {
      await knex('bench_insert').insert({ ref: `w${worker}-${rows}`, amount: 1990, created_at: new Date() });
      rows += 1;
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: concurrency }, (_, i) => loop(i)));
  const elapsed = (performance.now() - started) / 1000;
  await knex.schema.dropTable('bench_insert');
  return rows / elapsed;
}
