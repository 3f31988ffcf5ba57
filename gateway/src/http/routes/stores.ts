import { z } from 'zod';
import type { StoreCredentialService } from '../../services/setup/store-credentials.js';
import type { StoreService } from '../../services/setup/stores.js';
import {
  createStoreBody,
  credentialSchema,
  issuedCredentialSchema,
  listQuery,
  patchStoreBody,
  storeSchema,
} from '../management-schemas.js';
import { type AnyRoute, defineRoute } from '../route.js';
import { pageOf } from '../schemas.js';

const TAG = 'Stores';
const store = { 200: { description: 'The store', schema: storeSchema } };

export const storeRoutes = (stores: StoreService, credentials: StoreCredentialService): AnyRoute[] => [
  defineRoute({
    method: 'get',
    path: '/v1/stores',
    summary: 'The stores the caller may see, newest first',
    tag: TAG,
    auth: 'token',
    query: z.strictObject(listQuery),
    responses: { 200: { description: 'A page of stores', schema: pageOf(storeSchema) } },
    handle: async ({ principal, query }) => ({
      status: 200,
      body: await stores.list(principal, {
        includeInactive: query.include_inactive,
        limit: query.limit,
        cursor: query.cursor,
      }),
    }),
  }),
  defineRoute({
    method: 'post',
    path: '/v1/stores',
    summary: 'Open a store (stores.manage); a CNPJ must have valid check digits',
    tag: TAG,
    auth: 'token',
    body: createStoreBody,
    responses: { 201: { description: 'The store', schema: storeSchema } },
    handle: async ({ principal, body }) => ({ status: 201, body: await stores.create(principal, body) }),
  }),
  defineRoute({
    method: 'get',
    path: '/v1/stores/:id',
    summary: 'One store',
    tag: TAG,
    auth: 'token',
    ids: { id: 'sto' },
    responses: store,
    handle: async ({ principal, params }) => ({ status: 200, body: await stores.get(principal, params.id) }),
  }),
  defineRoute({
    method: 'patch',
    path: '/v1/stores/:id',
    summary: 'Edit a store; `active: false` closes it (its tills can no longer sign in or create orders)',
    tag: TAG,
    auth: 'token',
    ids: { id: 'sto' },
    body: patchStoreBody,
    responses: store,
    handle: async ({ principal, params, body }) => {
      const { manager_email, order_ref_required, ...plain } = body;
      const patch = {
        ...plain,
        ...(manager_email === undefined ? {} : { managerEmail: manager_email }),
        ...(order_ref_required === undefined ? {} : { orderRefRequired: order_ref_required }),
      };
      return { status: 200, body: await stores.update(principal, params.id, patch) };
    },
  }),
  defineRoute({
    method: 'get',
    path: '/v1/stores/:id/credentials',
    summary: "The store's current till credentials in this environment, without the secret (credentials.manage)",
    tag: TAG,
    auth: 'token',
    ids: { id: 'sto' },
    responses: { 200: { description: 'The access key', schema: credentialSchema } },
    handle: async ({ principal, params }) => ({
      status: 200,
      body: await credentials.current(principal, params.id),
    }),
  }),
  defineRoute({
    method: 'post',
    path: '/v1/stores/:id/credentials',
    summary:
      'Issue new till credentials (the secret is shown once); the old pair and every token issued with it stop working',
    tag: TAG,
    auth: 'token',
    ids: { id: 'sto' },
    responses: { 201: { description: 'The new pair', schema: issuedCredentialSchema } },
    handle: async ({ principal, params }) => ({
      status: 201,
      body: await credentials.rotate(principal, params.id),
    }),
  }),
];
