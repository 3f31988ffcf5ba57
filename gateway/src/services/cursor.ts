import type { PageCursor } from '../store/page-cursor.js';
import { ApiError } from './errors.js';

/** The opaque `cursor` a list answers with, and back. */
export const encodeCursor = (last: PageCursor): string =>
  Buffer.from(JSON.stringify([last.createdAt.toISOString(), last.id])).toString('base64url');

/** What `encodeCursor` writes: a four-digit year (so a date the database can hold) and one of our ids. */
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const ID = /^[a-z]{2,4}_[0-9A-Za-z]{1,40}$/;

/** Only a cursor this gateway wrote is read back; anything else is the caller's mistake (400), never a query. */
export function decodeCursor(cursor: string): PageCursor {
  const refused = new ApiError('invalid_cursor', 'The cursor is not one this endpoint returned', [
    { field: 'cursor', message: 'is invalid' },
  ]);
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw refused;
  }
  if (!Array.isArray(decoded) || decoded.length !== 2) throw refused;
  const [at, id] = decoded as unknown[];
  if (typeof at !== 'string' || typeof id !== 'string' || !ISO_INSTANT.test(at) || !ID.test(id)) throw refused;
  const createdAt = new Date(at);
  if (Number.isNaN(createdAt.getTime()) || createdAt.toISOString() !== at) throw refused;
  return { createdAt, id };
}
