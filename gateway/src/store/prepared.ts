import type { Knex } from 'knex';
import { PgliteThread } from './pglite-thread.js';

type Db = Knex | Knex.Transaction;

/** The part of a knex client a statement runs through: its pool, or a transaction's one connection. */
interface ConnectionSource {
  config: Knex.Config;
  acquireConnection(): Promise<Connection>;
  releaseConnection(connection: Connection): Promise<unknown>;
}
type Connection =
  | PgliteThread
  | { query(config: { name: string; text: string; values: unknown[] }): Promise<{ rows: unknown[] }> };

/**
 * A hot-path statement (an order's create, read, lock and payment, the event append, the expiry batch),
 * run on a pooled connection through `pg` directly: its `:name` parameters are compiled to `$n` once, when
 * the module loads, rather than knex building, binding and wrapping the query on every request. Inside a
 * transaction it runs on the transaction's connection, as knex would.
 *
 * On PostgreSQL it is a named prepared statement: each pooled connection parses and plans it on first
 * use, then only binds and runs it. Planning a statement of several CTEs costs more than running it for
 * one row (named, a create's two statements took half the database CPU they did). So its text is fixed
 * (built from constants only, never from a variable set of columns or values), and its result columns
 * are named, never `*`: PostgreSQL refuses to run a prepared statement whose result type a migration
 * changed, so an instance still running during a rolling upgrade that adds a column would fail every
 * such statement until it restarts. The embedded PGlite prepares it by name too, once, on its one
 * session in its thread (`PgliteThread.queryNamed`), where planning each run took half a create's time;
 * outside a transaction it goes to that thread directly rather than waiting its turn at knex's one
 * connection, so the thread always has the next statement queued while this one's caller reads its rows.
 */
export class Statement<P extends object, R = Record<string, unknown>> {
  private readonly text: string;
  private readonly parameters: string[] = [];

  constructor(
    private readonly name: string,
    sql: string,
  ) {
    // `:word`, not a cast's `::word`; each name is bound once, however often the text uses it.
    this.text = sql.replace(/(?<![:\w]):(\w+)/g, (_, parameter: string) => {
      const at = this.parameters.indexOf(parameter);
      if (at >= 0) return `$${at + 1}`;
      this.parameters.push(parameter);
      return `$${this.parameters.length}`;
    });
  }

  async rows(db: Db, params: P): Promise<R[]> {
    const values = this.parameters.map((parameter) => {
      const value = (params as Record<string, unknown>)[parameter];
      // As knex refuses an undefined binding: a missing value is a bug, never a silent NULL.
      if (value === undefined) throw new Error(`statement ${this.name}: no value for :${parameter}`);
      return value;
    });
    const source = db.client as ConnectionSource;
    const embedded = (source.config.connection as { pglite?: unknown } | undefined)?.pglite;
    if (embedded instanceof PgliteThread && !(db as Partial<Knex.Transaction>).isTransaction)
      return (await embedded.queryNamed(this.name, this.text, values, true)).rows as R[];
    const connection = await source.acquireConnection();
    try {
      const result =
        connection instanceof PgliteThread
          ? await connection.queryNamed(this.name, this.text, values)
          : await connection.query({ name: this.name, text: this.text, values });
      return result.rows as R[];
    } finally {
      await source.releaseConnection(connection);
    }
  }
}
