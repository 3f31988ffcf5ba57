/**
 * Makes a hot-path statement a named prepared statement: on PostgreSQL each pooled connection parses and
 * plans it on first use, then only binds and runs it. Planning a statement of several CTEs costs more
 * than running it for one row (named, a create's two statements took half the database CPU they did).
 * The statement's text must be the same on every call, so a name goes on fixed statements only, never
 * on one built from a variable set of columns or values; `pg` refuses a name reused for other text.
 * The embedded PGlite ignores the name.
 */
export function prepared<Q extends { options(options: Readonly<{ name: string }>): Q }>(query: Q, name: string): Q {
  return query.options({ name });
}
