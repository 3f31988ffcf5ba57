import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PgliteThread } from './pglite-thread.js';

describe('PGlite on its own thread', () => {
  let db: PgliteThread;
  beforeAll(async () => {
    db = new PgliteThread(undefined);
    await db.waitReady;
    await db.query('CREATE TABLE t (id text PRIMARY KEY, at timestamptz, tags text[], body bytea, amount bigint)');
  });
  afterAll(() => db.close());

  it('carries values both ways as the callers write and read them', async () => {
    const at = new Date('2026-12-02T12:00:00.123Z');
    const inserted = await db.query('INSERT INTO t VALUES ($1, $2, $3, $4, $5) RETURNING *', [
      'a',
      at,
      ['x', 'y'],
      new Uint8Array([1, 2, 3]),
      1990,
    ]);
    expect(inserted.affectedRows).toBe(1);
    expect(inserted.rows).toEqual([{ id: 'a', at, tags: ['x', 'y'], body: new Uint8Array([1, 2, 3]), amount: 1990 }]);
  });

  it('answers a database error with the code and constraint the callers branch on', async () => {
    await db.query("INSERT INTO t (id) VALUES ('dup')");
    const err = await db.query("INSERT INTO t (id) VALUES ('dup')").catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Error);
    expect(err).toMatchObject({ code: '23505', constraint: 't_pkey' });
  });

  it('runs a named statement prepared once, with the same values and errors as an unnamed query', async () => {
    const text = 'INSERT INTO t VALUES ($1, $2, $3, $4, $5) RETURNING id, at, tags, body, amount';
    const at = new Date('2026-12-03T08:00:00.456Z');
    const first = await db.queryNamed('insert_t', text, ['n1', at, ['p'], new Uint8Array([9]), 2500]);
    expect(first.rows).toEqual([{ id: 'n1', at, tags: ['p'], body: new Uint8Array([9]), amount: 2500 }]);
    expect(first.affectedRows).toBe(1);
    const err = await db.queryNamed('insert_t', text, ['n1', null, null, null, null]).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Error);
    expect(err).toMatchObject({ code: '23505', constraint: 't_pkey', message: expect.stringContaining('t_pkey') });
    // The failed run ended its extended-protocol exchange: the statement, and the session, still work.
    const again = await db.queryNamed('insert_t', text, ['n2', null, null, null, null]);
    expect(again.rows).toEqual([{ id: 'n2', at: null, tags: null, body: null, amount: null }]);
    const prepared = await db.query('SELECT count(*)::int AS n FROM pg_prepared_statements WHERE name = $1', [
      'insert_t',
    ]);
    expect(prepared.rows).toEqual([{ n: 1 }]);
  });

  it("runs an autocommit statement outside knex's connection only while no transaction is open there", async () => {
    const count = () => db.queryNamed('count_t', 'SELECT count(*)::int AS n FROM t', [], true);
    const before = (await count()).rows;
    await db.query('BEGIN');
    await db.query("INSERT INTO t (id) VALUES ('in-trx')");
    let answered = false;
    const during = count().then((r) => {
      answered = true;
      return r.rows;
    });
    // The connection's own statements still run; the autocommit one waits for the transaction's end.
    await db.query('SELECT 1');
    expect(answered).toBe(false);
    await db.query('COMMIT');
    expect(await during).toEqual([{ n: (before[0] as { n: number }).n + 1 }]);
  });

  it('fails every query after it closed, rather than leaving it waiting', async () => {
    const other = new PgliteThread(undefined);
    await other.waitReady;
    await other.close();
    await expect(other.query('SELECT 1')).rejects.toThrow(/thread stopped/);
  });
});
