import { at, type Call, type Route } from '../kit/index.js';
import { badRequest, conflict, legacyError } from './errors.js';
import type { MercadopagoLedger, Order } from './ledger.js';
import type { OrderNotice } from './notifications.js';
import type { PointsOfSale } from './pos.js';

/** The Orders API for QR Code, and `GET /users/me` (what "test connection" reads). */
export function apiRoutes(
  ledger: MercadopagoLedger,
  account: {
    userId: string;
    notify(notice: OrderNotice): void;
    /** Refunds answer `processing` and settle later, through this; absent, they settle in the answer. */
    settleLater?: (orderId: string, refundId: string) => void;
  },
): Route[] {
  const keyed = idempotent();
  return [
    { method: 'POST', pattern: at('', '/v1/orders'), handle: keyed((call) => [201, ledger.create(call.body)]) },
    { method: 'GET', pattern: at('', '/v1/orders/:id'), handle: (_call, [id = '']) => ok(ledger.get(id)) },
    {
      method: 'POST',
      pattern: at('', '/v1/orders/:id/cancel'),
      handle: keyed((_call, [id = '']) => {
        const order = ledger.cancel(id);
        account.notify({ order, action: 'order.canceled' });
        return [200, order];
      }),
    },
    {
      method: 'POST',
      pattern: at('', '/v1/orders/:id/refund'),
      handle: keyed((call, [id = '']) => {
        const order = ledger.refund(id, call.body === '' ? undefined : call.body, !account.settleLater);
        const made = order.transactions.refunds?.at(-1);
        if (made?.status === 'processing') account.settleLater?.(id, made.id);
        else account.notify({ order, action: 'order.refunded' });
        return [201, order];
      }),
    },
    {
      method: 'GET',
      pattern: at('', '/users/me'),
      handle: () => ok({ id: Number(account.userId), nickname: 'TILLGATE_EMULATOR', site_id: 'MLB', country_id: 'BR' }),
    },
  ];
}

const ok = (body: unknown) => ({ status: 200, body });

/**
 * Stores and points of sale: `POST`/`GET /users/{user_id}/stores/search`, `POST /pos`, `GET /pos`,
 * `GET`/`PUT /pos/{id}`. Each POS answers its printed QR (`qr` files, `uuid`, `qr_code`).
 */
export function posRoutes(pointsOfSale: PointsOfSale, userId: string): Route[] {
  const page = (results: unknown[]) => ({ paging: { total: results.length, offset: 0, limit: 50 }, results });
  const owner = (id: string) => {
    if (!/^\d+$/.test(id)) throw legacyError(400, 'INVALID_USER_ID', 'USER_ID must be number.');
    if (id !== userId) throw legacyError(403, 'FORBIDDEN', 'The user does not belong to the Access Token.');
  };
  return [
    {
      method: 'POST',
      pattern: at('', '/users/:user_id/stores'),
      handle: (call, [id = '']) => {
        owner(id);
        return { status: 201, body: pointsOfSale.createStore(call.body) };
      },
    },
    {
      method: 'GET',
      pattern: at('', '/users/:user_id/stores/search'),
      handle: (call, [id = '']) => {
        owner(id);
        return ok(page(pointsOfSale.searchStores(call.query.get('external_id'))));
      },
    },
    { method: 'POST', pattern: at('', '/pos'), handle: (call) => ok(pointsOfSale.create(call.body)) },
    { method: 'GET', pattern: at('', '/pos'), handle: (call) => ok(page(pointsOfSale.search(call.query))) },
    { method: 'GET', pattern: at('', '/pos/:id'), handle: (_call, [id = '']) => ok(pointsOfSale.get(id)) },
    { method: 'PUT', pattern: at('', '/pos/:id'), handle: (call, [id = '']) => ok(pointsOfSale.update(id, call.body)) },
  ];
}

/**
 * `X-Idempotency-Key` on every write: required; a repeat of the same request answers what the first one did;
 * the same key on another request within the day is `idempotency_key_already_used`.
 */
function idempotent() {
  const answered = new Map<string, { request: string; status: number; body: string }>();
  return (write: (call: Call, params: string[]) => [number, Order]) => (call: Call, params: string[]) => {
    const key = call.headers['x-idempotency-key'];
    if (typeof key !== 'string' || key === '')
      throw badRequest('empty_required_header', 'The "X-Idempotency-Key" header is required and was not sent.');
    const request = `${call.method} ${call.path} ${call.raw.toString('utf8')}`;
    const previous = answered.get(key);
    if (previous) {
      if (previous.request !== request)
        throw conflict('idempotency_key_already_used', 'The idempotency key was already used with another request.');
      return { status: previous.status, body: JSON.parse(previous.body) };
    }
    const [status, order] = write(call, params);
    // A snapshot: a replay answers what the first request got, not what the order became since.
    answered.set(key, { request, status, body: JSON.stringify(order) });
    return { status, body: order };
  };
}
