import type { Page } from '@tillgate/sdk/protocol';
import type { PageCursor } from '../store/page-cursor.js';
import { encodeCursor } from './cursor.js';

/** A page from `limit + 1` rows read: the extra row only says whether there is a next page. */
export function pageOf<R extends PageCursor, V>(rows: readonly R[], limit: number, view: (row: R) => V): Page<V> {
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return { data: page.map(view), next_cursor: rows.length > limit && last ? encodeCursor(last) : null };
}
