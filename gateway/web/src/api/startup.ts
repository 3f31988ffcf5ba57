import type { Page, Store } from '@tillgate/sdk/protocol';
import { stores } from './endpoints.js';

let early: Promise<Page<Store>> | undefined;

/**
 * Starts the stores read beside the session read when the panel loads, instead of after it: the board
 * needs both, and one after the other they cost a round trip before the first tile.
 */
export function readStoresEarly(): void {
  const read = stores.list();
  early = read;
  // Without a session it fails (the session read sends the visitor to the log-in): the shell after the log-in reads afresh.
  read.catch(() => {
    if (early === read) early = undefined;
  });
}

/** The early read if one is waiting (once), else a fresh one. */
export function storesAtStart(): Promise<Page<Store>> {
  const read = early ?? stores.list();
  early = undefined;
  return read;
}
