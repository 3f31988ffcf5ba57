import { z } from 'zod';
import { type FixedQr, ProviderRejected, ProviderUnavailable } from '../types.js';
import type { MercadopagoAccount } from './account.js';
import type { MercadopagoClient } from './client.js';
import { externalPosIdOf, externalStoreIdOf } from './mapper.js';
import { MercadopagoRefusal } from './problems.js';

/** `NAME_TOO_LONG`: "The NAME must be less than 45 characters". */
const POS_NAME_MAX = 44;

const posSchema = z.object({
  id: z.union([z.number(), z.string().min(1)]).transform(String),
  external_id: z.string().optional(),
  fixed_amount: z.boolean().optional(),
  uuid: z.string().optional(),
  qr: z
    .object({
      image: z.string().optional(),
      template_document: z.string().optional(),
      template_image: z.string().optional(),
    })
    .optional(),
  /** The printed QR's EMVCo text, as Mercado Pago's OpenAPI document names it ("QR code data string for this POS"). */
  qr_code: z.string().optional(),
});

const storeSchema = z.object({
  id: z.union([z.number(), z.string().min(1)]).transform(String),
  external_id: z.string().optional(),
});

/** `GET /pos` and `GET /users/{id}/stores/search`: `{ paging, results }` (the stores reference shows it inside an array). */
const searchSchema = z.union([
  z.object({ results: z.array(z.unknown()) }),
  z.tuple([z.object({ results: z.array(z.unknown()) })]).transform(([page]) => page),
]);

const userSchema = z.object({ id: z.union([z.number(), z.string().min(1)]).transform(String) });

export type MercadopagoPos = z.infer<typeof posSchema>;

/**
 * A till's printed QR at Mercado Pago: its point of sale (caixa), whose QR is made with it and never changes.
 * An order created at that POS with `config.qr.mode` `static` or `hybrid` is what the QR charges then. The POS is
 * found by its `external_id` (the till's, `externalPosIdOf`), else made once under the till's store at Mercado
 * Pago (`external_store_id`, `externalStoreIdOf`), which the merchant registers there: a store needs its address
 * and map position, which Tillgate does not keep.
 */
export class PointsOfSale {
  constructor(private readonly client: MercadopagoClient) {}

  async printedQr(
    account: MercadopagoAccount,
    till: { tillId: string; storeId: string; storeName: string },
  ): Promise<FixedQr> {
    const externalId = externalPosIdOf(till.tillId);
    let pos = (await this.find(account, externalId)) ?? (await this.create(account, externalId, till));
    // An open-amount POS lets the payer key in what to pay; an integrated one charges the order's amount.
    if (pos.fixed_amount === false)
      pos = readPos(
        await this.client.call(account, {
          method: 'PUT',
          path: `/pos/${encodeURIComponent(pos.id)}`,
          body: { fixed_amount: true },
        }),
      );
    return printedOf(pos);
  }

  /** `GET /pos?external_id=`: the POS made before (by us, by a racing instance, or by the merchant). */
  private async find(account: MercadopagoAccount, externalId: string): Promise<MercadopagoPos | undefined> {
    const answer = await this.client.call(account, {
      method: 'GET',
      path: `/pos?external_id=${encodeURIComponent(externalId)}`,
    });
    const found = resultsOf(answer, 'POS search')
      .map(readPos)
      .find((p) => p.external_id === undefined || p.external_id === externalId);
    if (!found || found.qr_code !== undefined) return found;
    // A search result may be brief: the POS itself says what its QR is.
    return readPos(await this.client.call(account, { method: 'GET', path: `/pos/${encodeURIComponent(found.id)}` }));
  }

  /**
   * `POST /pos` under the till's store. It carries no idempotency key (the POS API takes none), so it is not
   * retried: a second one would be refused for its `external_id` (409), and a refusal, or an answer lost,
   * is settled by finding the POS that exists.
   */
  private async create(
    account: MercadopagoAccount,
    externalId: string,
    till: { storeId: string; storeName: string },
  ): Promise<MercadopagoPos> {
    const store = await this.store(account, till.storeId);
    try {
      return readPos(
        await this.client.call(account, {
          method: 'POST',
          path: '/pos',
          body: {
            name: `Caixa ${externalId}`.slice(0, POS_NAME_MAX),
            // "For integrated models this value must be true": the order sets the amount, not the payer.
            fixed_amount: true,
            store_id: Number.isSafeInteger(Number(store.id)) ? Number(store.id) : store.id,
            external_store_id: store.externalId,
            external_id: externalId,
          },
        }),
      );
    } catch (err) {
      if (!(err instanceof ProviderUnavailable || (err instanceof MercadopagoRefusal && err.status === 409))) throw err;
      const made = await this.find(account, externalId).catch(() => undefined);
      if (made) return made;
      throw err;
    }
  }

  /** The store at Mercado Pago the till's POS goes under: `GET /users/me`, then `GET /users/{id}/stores/search`. */
  private async store(account: MercadopagoAccount, storeId: string): Promise<{ id: string; externalId: string }> {
    const externalId = externalStoreIdOf(storeId);
    const me = parse(userSchema, await this.client.call(account, { method: 'GET', path: '/users/me' }), 'user');
    const answer = await this.client.call(account, {
      method: 'GET',
      path: `/users/${encodeURIComponent(me.id)}/stores/search?external_id=${encodeURIComponent(externalId)}`,
    });
    const found = resultsOf(answer, 'store search')
      .map((s) => parse(storeSchema, s, 'store'))
      .find((s) => s.external_id === externalId);
    if (!found)
      throw new ProviderRejected(
        `Mercado Pago has no store with external_id ${externalId}: register store ${storeId} there under that id ` +
          '(POST /users/{user_id}/stores, with its address and map position) before its tills print a Mercado Pago QR',
      );
    return { id: found.id, externalId };
  }
}

/** The printed code: the POS's QR text; the POS id is kept as the fixed QR's reference. */
function printedOf(pos: MercadopagoPos): FixedQr {
  if (!pos.qr_code)
    throw new ProviderRejected(
      `Mercado Pago's POS ${pos.id} answered no qr_code text to print` +
        (pos.qr?.template_document ? `; its own sticker is at ${pos.qr.template_document}` : ''),
    );
  return { locationRef: pos.id, qrCodeText: pos.qr_code };
}

const readPos = (body: unknown): MercadopagoPos => parse(posSchema, body, 'POS');

function resultsOf(body: unknown, what: string): unknown[] {
  return parse(searchSchema, body, what).results;
}

function parse<T extends z.ZodType>(schema: T, body: unknown, what: string): z.output<T> {
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ProviderUnavailable(
      `Mercado Pago answered a ${what} we cannot read (${issue?.path.join('.')}: ${issue?.message})`,
    );
  }
  return parsed.data;
}
