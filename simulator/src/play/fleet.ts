import { Tillgate } from '@tillgate/sdk';
import { type CredentialsFile, storesOf } from './credentials.js';

/** A till the simulator plays, able to open clients against any instance of the gateway. */
export interface FleetTill {
  tillId: string;
  /** The till's name, or its client id when the credentials give none. */
  name: string;
  /** 1-based position of its store in the credentials. */
  store: number;
  /** A client of the till; `maxRetries` absent, the SDK's default. */
  connect(baseUrl: string, maxRetries?: number): Tillgate;
}

export interface Fleet {
  tills: FleetTill[];
  /** Why fewer tills are played than asked, in one line; absent when every asked till is played. */
  shortfall?: string;
}

/** How many stores and tills per store a run asks for; absent: every one the credentials hold. */
export interface FleetAsk {
  stores?: number;
  tillsPerStore?: number;
}

/**
 * Picks the tills to play: up to `stores` stores of the credentials and up to `tillsPerStore` tills of
 * each. A larger ask than the credentials hold (`provisionFleet` could not complete them) plays what
 * exists and says so.
 */
export function chooseFleet(credentials: CredentialsFile, ask: FleetAsk): Fleet {
  const stores = storesOf(credentials);
  const chosen = stores.slice(0, ask.stores ?? stores.length);
  const tills = chosen.flatMap((store, s) =>
    store.tills.slice(0, ask.tillsPerStore ?? store.tills.length).map(
      (till): FleetTill => ({
        tillId: till.id,
        name: till.name ?? till.client_id,
        store: s + 1,
        connect: (baseUrl, maxRetries) =>
          new Tillgate({
            baseUrl,
            auth: { accessKey: store.access_key, secretKey: store.secret_key, clientId: till.client_id },
            ...(maxRetries === undefined ? {} : { maxRetries }),
          }),
      }),
    ),
  );
  if (tills.length === 0) throw new Error('the credentials name no tills');
  if (ask.stores === undefined && ask.tillsPerStore === undefined) return { tills };
  const asked = (ask.stores ?? stores.length) * (ask.tillsPerStore ?? Math.max(...stores.map((s) => s.tills.length)));
  if (tills.length >= asked) return { tills };
  const held = stores.map((s) => s.tills.length).join(' + ');
  return {
    tills,
    shortfall:
      `playing ${tills.length} of the ${asked} tills asked: the credentials hold ${stores.length} ` +
      `store${stores.length === 1 ? '' : 's'} with ${held} tills, and no app_name/app_secret to create ` +
      'the rest with',
  };
}
