import { ApiError } from './errors.js';

/** A page cursor: the last row of the previous page, so pages stay stable under inserts. */
export interface Cursor {
  createdAt: Date;
  id: string;
}

export const encodeCursor = (last: Cursor): string =>
  Buffer.from(JSON.stringify([last.createdAt.toISOString(), last.id])).toString('base64url');

export function decodeCursor(cursor: string): Cursor {
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
