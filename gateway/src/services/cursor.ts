import type { PageCursor } from '../store/page-cursor.js';
import { ApiError } from './errors.js';

/** The opaque `cursor` a list answers with, and back. */
export const encodeCursor = (last: PageCursor): string =>
  Buffer.from(JSON.stringify([last.createdAt.toISOString(), last.id])).toString('base64url');

export function decodeCursor(cursor: string): PageCursor {
  try {
    const [at, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as [string, string];
    const createdAt = new Date(at);
    if (typeof id !== 'string' || Number.isNaN(createdAt.getTime())) throw new Error('bad cursor');
    return { createdAt, id };
  } catch {
    throw new ApiError('validation_failed', 'The cursor is not one this endpoint returned', [
      { field: 'cursor', message: 'is invalid' },
    ]);
  }
}
