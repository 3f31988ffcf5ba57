import type { Board, Page, Store } from '@tillgate/sdk/protocol';
import { lastUsersStore } from '../store-choice.js';
import { orders, stores } from './endpoints.js';

/** A read started when the panel loads, taken once by the screen that needs it. */
interface Early<T> {
  key: string;
  read: Promise<T>;
}

let earlyStores: Early<Page<Store>> | undefined;
let earlyBoard: Early<Board> | undefined;

function early<T>(key: string, read: Promise<T>, forget: () => void): Early<T> {
  // Without a session it fails (the session read sends the visitor to the log-in): after the log-in, reads start afresh.
  read.catch(forget);
  return { key, read };
}

/**
 * Starts the reads the first screen needs beside the session read, instead of one after another: the
 * stores, and on the board the board of the store this browser's last user chose. Each is used once.
 */
export function readEarly(path: string): void {
  const s = early('stores', stores.list(), () => {
    if (earlyStores === s) earlyStores = undefined;
  });
  earlyStores = s;
  const storeId = lastUsersStore();
  if ((path === '/board' || path === '/') && storeId) {
    const b = early(storeId, orders.board(storeId), () => {
      if (earlyBoard === b) earlyBoard = undefined;
    });
    earlyBoard = b;
  }
}

/** The early stores read if one is waiting, else a fresh one. */
export function storesAtStart(): Promise<Page<Store>> {
  const read = earlyStores?.read ?? stores.list();
  earlyStores = undefined;
  return read;
}

/** The early board read of this store if one is waiting, else a fresh one. */
export function boardAtStart(storeId: string): Promise<Board> {
  const read = earlyBoard?.key === storeId ? earlyBoard.read : orders.board(storeId);
  earlyBoard = undefined;
  return read;
}
