import { readFileSync } from 'node:fs';

/** One store's till credentials: its access key and secret, and the tills they may act as. */
export interface StoreCredentials {
  access_key: string;
  secret_key: string;
  tills: Array<{ id: string; client_id: string; name?: string }>;
}

/**
 * What the simulator is given: the demo file `pnpm start` writes (one store's credentials at the top
 * level, with `pix_emulator_url`, every wallet's emulator under `emulators`, and the demo app's `app_name`/`app_secret`, which let the simulator
 * create the stores and tills a run asks beyond the file's), or `{ stores: [...] }` for several stores.
 */
export type CredentialsFile = (StoreCredentials | { stores: StoreCredentials[] }) & {
  pix_emulator_url?: string | null;
  /** Each demo wallet's emulator, by wallet. */
  emulators?: Record<string, string | null>;
  app_name?: string;
  app_secret?: string;
};

export function storesOf(file: CredentialsFile): StoreCredentials[] {
  return 'stores' in file ? file.stores : [file];
}

export function readCredentials(file: string): CredentialsFile {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as CredentialsFile;
  } catch (err) {
    throw new Error(`--credentials: cannot read ${file} (${(err as Error).message}); is pnpm start running?`);
  }
}
