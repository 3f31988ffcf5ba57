import { randomBytes, randomUUID } from 'node:crypto';
import { encodeBRCode } from '@tillgate/sdk/pix';
import { legacyError } from './errors.js';

/** A store as the Stores API answers it (`/users/{user_id}/stores`). */
export interface Store {
  id: number;
  name: string;
  date_creation: string;
  external_id: string;
  location?: Record<string, unknown>;
}

/** A point of sale (caixa) as `POST /pos` and `GET /pos/{id}` answer it, with the QR made for it. */
export interface Pos {
  id: number;
  qr: { image: string; template_document: string; template_image: string };
  status: 'active';
  date_created: string;
  date_last_updated: string;
  uuid: string;
  user_id: number;
  name: string;
  fixed_amount: boolean;
  category?: number;
  store_id: number;
  external_store_id: string;
  external_id: string;
  /** The QR's EMVCo text (`qr_code` in Mercado Pago's OpenAPI document): a reusable code pointing at the POS. */
  qr_code: string;
}

export interface PointsOfSaleOptions {
  userId: string;
  /** Where the emulator answers (`http://127.0.0.1:…`), for the QR files' addresses. */
  url: () => string;
  /** Host and path of the QR locations, as a payer scans them. */
  locationBase: () => string;
  merchantName: string;
  merchantCity: string;
  /** Store external ids registered at the account; empty accepts any (a store searched for is there). */
  storeIds: readonly string[];
  now: () => Date;
}

const ALNUM = /^[A-Za-z0-9]+$/;
const POS_FIELDS = new Set(['name', 'fixed_amount', 'store_id', 'external_store_id', 'external_id', 'category', 'url']);

/**
 * The account's stores and points of sale, each POS with its printed QR made when the POS is, and the order
 * that QR charges now: the newest `static` or `hybrid` order created at the POS (the reference: "a single QR
 * code associated with the previously created cash register receives the information from each generated
 * order"). An order created after it takes the QR over; the one before stays `created` (in hybrid mode its own
 * dynamic QR still pays it).
 */
export class PointsOfSale {
  private readonly stores = new Map<string, Store>();
  private readonly byExternalId = new Map<string, Pos>();
  private readonly locations = new Map<string, string>();
  private readonly current = new Map<string, string>();
  private nextStoreId = 30_163_646;
  private nextPosId = 2_711_382;

  constructor(private readonly options: PointsOfSaleOptions) {
    for (const externalId of options.storeIds) this.addStore({ name: externalId, external_id: externalId });
  }

  /** `POST /users/{user_id}/stores`: `name`, `external_id` (≤ 60 letters and digits) and a `location`. */
  createStore(body: unknown): Store {
    const b = objectOf(body);
    if (typeof b.name !== 'string' || b.name === '') throw legacyError(400, 'INVALID_NAME', 'name must be a string.');
    if (typeof b.external_id !== 'string' || !ALNUM.test(b.external_id) || b.external_id.length > 60)
      throw legacyError(400, 'INVALID_EXTERNAL_ID', 'external_id must be alphanumeric, up to 60 characters.');
    if (typeof b.location !== 'object' || b.location === null)
      throw legacyError(400, 'INVALID_LOCATION', 'location is required.');
    if (this.stores.has(b.external_id))
      throw legacyError(409, 'EXTERNAL_ID_ALREADY_EXISTS', 'A store with that external_id already exists.');
    return this.addStore({ name: b.name, external_id: b.external_id, location: b.location as Record<string, unknown> });
  }

  /** `GET /users/{user_id}/stores/search?external_id=`. */
  searchStores(externalId: string | null): Store[] {
    if (externalId === null) return [...this.stores.values()];
    const known = this.stores.get(externalId);
    if (known) return [known];
    if (this.options.storeIds.length > 0 || !ALNUM.test(externalId)) return [];
    return [this.addStore({ name: externalId, external_id: externalId })];
  }

  /** `POST /pos`, with the reference's refusals (`NAME_TOO_LONG`, `INEXISTENT_EXTERNAL_STORE_ID`, ...). */
  create(body: unknown): Pos {
    const b = objectOf(body);
    const unknown = Object.keys(b).find((k) => !POS_FIELDS.has(k));
    if (unknown) throw legacyError(400, 'UNKNOWN_FIELD_EXCEPTION', `The field ${unknown} is unknown.`);
    if (typeof b.name !== 'string') throw legacyError(400, 'INVALID_NAME', 'NAME must be string.');
    if (b.name.length >= 45) throw legacyError(400, 'NAME_TOO_LONG', 'The NAME must be less than 45 characters.');
    if (typeof b.fixed_amount !== 'boolean')
      throw legacyError(400, 'INVALID_FIXED_AMOUNT', 'FIXED_AMOUNT must be boolean.');
    if (b.category !== undefined && typeof b.category !== 'number')
      throw legacyError(400, 'INVALID_CATEGORY', 'CATEGORY must be numeric.');
    const storeId = Number(b.store_id);
    if (b.store_id === undefined || !Number.isSafeInteger(storeId))
      throw legacyError(400, 'INVALID_STORE_ID', 'STORE_ID must be numeric.');
    if (typeof b.external_store_id !== 'string')
      throw legacyError(400, 'INVALID_EXTERNAL_STORE_ID', 'EXTERNAL_STORE_ID must be string.');
    const store = this.stores.get(b.external_store_id);
    if (!store)
      throw legacyError(
        400,
        'INEXISTENT_EXTERNAL_STORE_ID',
        'The EXTERNAL_STORE_ID does not refer to any existing store.',
      );
    if (store.id !== storeId)
      throw legacyError(
        400,
        'EXTERNAL_STORE_ID_NOT_MATCH',
        'The EXTERNAL_STORE_ID does not refer to the indicated STORE_ID.',
      );
    const externalId = b.external_id;
    if (typeof externalId !== 'string' || !ALNUM.test(externalId))
      throw legacyError(
        400,
        'INVALID_EXTERNAL_ID',
        'The EXTERNAL_ID field must be alphanumeric, only letters and numbers.',
      );
    if (externalId.length >= 40)
      throw legacyError(400, 'EXTERNAL_ID_TOO_LONG', 'The EXTERNAL_ID must be less than 40 characters.');
    if (this.byExternalId.has(externalId))
      throw legacyError(409, 'POS_ALREADY_EXISTS', 'A pos with that external_id already exists.');

    const id = this.nextPosId++;
    const uuid = randomBytes(32).toString('hex');
    const files = `${this.options.url()}/instore/merchant/qr/${id}`;
    // Short enough for tag 26.25 (77 characters), unlike the 64-character `uuid`.
    const location = `${this.options.locationBase()}/instore/pos/v2/${randomUUID()}`;
    const now = this.options.now().toISOString();
    const pos: Pos = {
      id,
      qr: {
        image: `${files}/${uuid}.png`,
        template_document: `${files}/template_${uuid}.pdf`,
        template_image: `${files}/template_${uuid}.png`,
      },
      status: 'active',
      date_created: now,
      date_last_updated: now,
      uuid,
      user_id: Number(this.options.userId),
      name: b.name,
      fixed_amount: b.fixed_amount,
      ...(typeof b.category === 'number' ? { category: b.category } : {}),
      store_id: store.id,
      external_store_id: store.external_id,
      external_id: externalId,
      // No `01` (point of initiation): a printed code is read again and again.
      qr_code: encodeBRCode({
        kind: 'dynamic',
        location,
        merchantName: this.options.merchantName,
        merchantCity: this.options.merchantCity,
      }),
    };
    this.byExternalId.set(externalId, pos);
    this.locations.set(location, externalId);
    return pos;
  }

  /** `PUT /pos/{id}`: the fields it names (`fixed_amount`, `name`, `category`). */
  update(id: string, body: unknown): Pos {
    const pos = this.get(id);
    const b = objectOf(body);
    if (b.fixed_amount !== undefined) {
      if (typeof b.fixed_amount !== 'boolean')
        throw legacyError(400, 'INVALID_FIXED_AMOUNT', 'FIXED_AMOUNT must be boolean.');
      pos.fixed_amount = b.fixed_amount;
    }
    if (typeof b.name === 'string') pos.name = b.name;
    pos.date_last_updated = this.options.now().toISOString();
    return pos;
  }

  get(id: string): Pos {
    if (!/^\d+$/.test(id))
      throw legacyError(400, 'INVALID_POS_ID', 'The ID of the pos is invalid, it must be numeric.');
    const pos = [...this.byExternalId.values()].find((p) => String(p.id) === id);
    if (!pos) throw legacyError(404, 'NOT_FOUND', `The POS ${id} does not exist.`);
    return pos;
  }

  /** `GET /pos?external_id=&external_store_id=&store_id=`. */
  search(query: URLSearchParams): Pos[] {
    const externalId = query.get('external_id');
    if (externalId !== null && externalId.length >= 40)
      throw legacyError(400, 'EXTERNAL_ID_TOO_LONG', 'The EXTERNAL_ID must be less than 40 characters.');
    return [...this.byExternalId.values()].filter(
      (p) =>
        (externalId === null || p.external_id === externalId) &&
        (query.get('external_store_id') === null || p.external_store_id === query.get('external_store_id')) &&
        (query.get('store_id') === null || String(p.store_id) === query.get('store_id')),
    );
  }

  /** The POS named by an order's `config.qr.external_pos_id`, if it was made. */
  pos(externalId: string): Pos | undefined {
    return this.byExternalId.get(externalId);
  }

  /** A `static` or `hybrid` order created at the POS: its QR charges this order from now on. */
  link(externalId: string, orderId: string): void {
    this.current.set(externalId, orderId);
  }

  /** The order a POS's QR charges now, by the QR's location; undefined when the location is no POS's. */
  orderAt(location: string): { pos: string; orderId: string | undefined } | undefined {
    const pos = this.locations.get(location);
    return pos === undefined ? undefined : { pos, orderId: this.current.get(pos) };
  }

  private addStore(fields: Omit<Store, 'id' | 'date_creation'>): Store {
    const store: Store = { id: this.nextStoreId++, date_creation: this.options.now().toISOString(), ...fields };
    this.stores.set(store.external_id, store);
    return store;
  }
}

function objectOf(body: unknown): Record<string, unknown> {
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    throw legacyError(400, 'MISSING_BODY', 'HTTP body is required.');
  return body as Record<string, unknown>;
}
