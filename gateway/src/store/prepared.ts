/**
 * Makes a hot-path statement a named prepared statement: on PostgreSQL each pooled connection parses and
 * plans it on first use, then only binds and runs it. Planning a statement of several CTEs costs more
 * than running it for one row (named, a create's two statements took half the database CPU they did).
 * The statement's text must be the same on every call, so a name goes on fixed statements only, never
 * on one built from a variable set of columns or values; `pg` refuses a name reused for other text. And
 * its result columns are named, never `*`: PostgreSQL refuses to run a prepared statement whose result
 * type a migration changed, so an instance still running during a rolling upgrade that adds a column
 * would fail every such statement until it restarts.
 * The embedded PGlite ignores the name.
 */
export function prepared<Q extends { options(options: Readonly<{ name: string }>): Q }>(query: Q, name: string): Q {
  return query.options({ name });
}
