import type { TillService } from '../../services/setup/tills.js';
import {
  createTillBody,
  listTillsQuery,
  patchTillBody,
  tillQrQuery,
  tillQrSchema,
  tillSchema,
} from '../management-schemas.js';
import { qrImage } from '../qr-image.js';
import { type AnyRoute, defineRoute } from '../route.js';
import { pageOf } from '../schemas.js';
import { stickerPdf } from '../sticker-pdf.js';

const TAG = 'Tills';

export const tillRoutes = (tills: TillService): AnyRoute[] => [
  defineRoute({
    method: 'get',
    path: '/v1/tills',
    summary: 'The tills of the stores the caller may see, or of one store (`store_id`), newest first',
    tag: TAG,
    auth: 'token',
    query: listTillsQuery,
    responses: { 200: { description: 'A page of tills', schema: pageOf(tillSchema) } },
    handle: async ({ principal, query }) => ({
      status: 200,
      body: await tills.list(principal, {
        storeId: query.store_id,
        includeInactive: query.include_inactive,
        limit: query.limit,
        cursor: query.cursor,
      }),
    }),
  }),
  defineRoute({
    method: 'post',
    path: '/v1/tills',
    summary: 'Add a till to a store (tills.manage); its `client_id` is generated',
    tag: TAG,
    auth: 'token',
    body: createTillBody,
    responses: { 201: { description: 'The till', schema: tillSchema } },
    handle: async ({ principal, body }) => ({ status: 201, body: await tills.create(principal, body) }),
  }),
  defineRoute({
    method: 'patch',
    path: '/v1/tills/:id',
    summary:
      "Rename, recategorise, (de)activate a till or set its `qr_mode`; a deactivated till's tokens are refused from then on",
    tag: TAG,
    auth: 'token',
    ids: { id: 'till' },
    body: patchTillBody,
    responses: { 200: { description: 'The till', schema: tillSchema } },
    handle: async ({ principal, params, body }) => ({
      status: 200,
      body: await tills.update(principal, params.id, body),
    }),
  }),
  defineRoute({
    method: 'get',
    path: '/v1/tills/:id/qr',
    summary: "The till's printed QR for a wallet (`static`/`hybrid` tills), made at the provider the first time",
    tag: TAG,
    auth: 'token',
    ids: { id: 'till' },
    query: tillQrQuery,
    responses: { 200: { description: "The till's printed code", schema: tillQrSchema } },
    handle: async ({ principal, params, query }) => ({
      status: 200,
      body: (await tills.printedQr(principal, params.id, query.wallet)).qr,
    }),
  }),
  ...(['svg', 'png'] as const).map((format) =>
    defineRoute({
      method: 'get',
      path: `/v1/tills/:id/qr.${format}`,
      summary: `The till's printed QR as ${format.toUpperCase()}`,
      tag: TAG,
      auth: 'token',
      ids: { id: 'till' },
      query: tillQrQuery,
      responses: {
        200: {
          description: `${format.toUpperCase()} image`,
          contentType: format === 'svg' ? 'image/svg+xml' : 'image/png',
        },
      },
      handle: async ({ principal, params, query }) => {
        const { qr } = await tills.printedQr(principal, params.id, query.wallet);
        return qrImage(qr.qr_code_text, format, query.size);
      },
    }),
  ),
  defineRoute({
    method: 'get',
    path: '/v1/tills/:id/qr.pdf',
    summary: "The till's printed QR as an A6 PDF sticker: store and till, the QR, how to pay in pt-BR",
    tag: TAG,
    auth: 'token',
    ids: { id: 'till' },
    query: tillQrQuery,
    responses: { 200: { description: 'A6 PDF', contentType: 'application/pdf' } },
    handle: async ({ principal, params, query }) => {
      const { qr, till, storeName } = await tills.printedQr(principal, params.id, query.wallet);
      const pdf = stickerPdf({ storeName, tillName: till.name, qrCodeText: qr.qr_code_text, wallet: qr.wallet });
      return { status: 200, body: pdf, type: 'application/pdf' };
    },
  }),
];
