import type { SessionView, Store } from '@tillgate/sdk/protocol';
import { type Action, roleCan as can } from '@tillgate/sdk/protocol';
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { LiveConnection } from './live/connection.js';
import { DEFAULT_TIMEZONE } from './time.js';

/** What every screen behind the log-in knows: who, where, in which environment. */
export interface Shell {
  session: SessionView;
  setSession(session: SessionView): void;
  stores: Store[];
  reloadStores(): void;
  /** The one store of pages that show one: the header's store, or with every store chosen the remembered one. */
  storeId: string | undefined;
  /** The store of pages that can show every store: the header's choice, undefined for all of them. */
  storeFilter: string | undefined;
  /** The header's choice in words: the store's name or "Todas as lojas". */
  storeFilterName: string;
  /** Chooses a store, or every store with `ALL_STORES`, as the header does. */
  chooseStore(choice: string): void;
  live: LiveConnection;
}

export const ShellContext = createContext<Shell | undefined>(undefined);

export function useShell(): Shell & { can(action: Action): boolean; timezone: string } {
  const shell = useContext(ShellContext);
  if (!shell) throw new Error('useShell outside the shell');
  return {
    ...shell,
    can: (action) => can(shell.session.user.role, action),
    timezone: shell.session.merchant.timezone ?? DEFAULT_TIMEZONE,
  };
}
