import type { Knex } from 'knex';

/** Where a page of a newest-first list ends: its last row, so pages stay stable under inserts. */
export interface PageCursor {
  createdAt: Date;
  id: string;
}

/** Restricts a query to the page after `after`, newest first, `limit` rows. */
export function newestFirstPage<Q extends Knex.QueryBuilder>(query: Q, limit: number, after?: PageCursor): Q {
  if (after) query.andWhereRaw('(created_at, id) < (?, ?)', [after.createdAt, after.id]);
  return query
    .orderBy([
      { column: 'created_at', order: 'desc' },
      { column: 'id', order: 'desc' },
    ])
    .limit(limit) as Q;
}
