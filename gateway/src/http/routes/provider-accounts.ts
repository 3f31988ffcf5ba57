import { z } from 'zod';
import { ApiError } from '../../services/errors.js';
import type { ProviderAccountService } from '../../services/setup/provider-accounts.js';
import {
  associateBody,
  associationSchema,
  createProviderAccountBody,
  providerAccountSchema,
} from '../management-schemas.js';
import { type AnyRoute, defineRoute } from '../route.js';

const TAG = 'Provider accounts';

const associationId = (raw: string | undefined): string => {
  if (!raw || !/^[1-9][0-9]{0,17}$/.test(raw))
    throw new ApiError('invalid_id', `${raw} is not an association id`, [
      { field: 'association_id', message: 'must be a positive integer' },
    ]);
  return raw;
};

export const providerAccountRoutes = (accounts: ProviderAccountService): AnyRoute[] => [
  defineRoute({
    method: 'get',
    path: '/v1/provider-accounts',
    summary: "The merchant environment's provider accounts and their associations; secrets never come back",
    tag: TAG,
    auth: 'token',
    responses: {
      200: { description: 'The accounts', schema: z.object({ data: z.array(providerAccountSchema) }) },
    },
    handle: async ({ principal }) => ({ status: 200, body: await accounts.list(principal) }),
  }),
  defineRoute({
    method: 'post',
    path: '/v1/provider-accounts',
    summary: "Register a bank's Pix account or a wallet account (providers.manage); secrets are kept encrypted",
    tag: TAG,
    auth: 'token',
    body: createProviderAccountBody,
    responses: { 201: { description: 'The account', schema: providerAccountSchema } },
    handle: async ({ principal, body }) => ({ status: 201, body: await accounts.create(principal, body) }),
  }),
  defineRoute({
    method: 'post',
    path: '/v1/provider-accounts/:id/test',
    summary: "Make one real call with the account's credentials (Pix: fetch an OAuth token from the bank)",
    tag: TAG,
    auth: 'token',
    ids: { id: 'pac' },
    responses: {
      200: { description: 'Whether it worked, in words', schema: z.object({ ok: z.boolean(), detail: z.string() }) },
    },
    handle: async ({ principal, params }) => ({
      status: 200,
      body: await accounts.test(principal, params.id),
    }),
  }),
  defineRoute({
    method: 'post',
    path: '/v1/provider-accounts/:id/associations',
    summary: "Offer one of the account's wallets at a store or a till (a till's own association wins)",
    tag: TAG,
    auth: 'token',
    ids: { id: 'pac' },
    body: associateBody,
    responses: { 201: { description: 'The association', schema: associationSchema } },
    handle: async ({ principal, params, body }) => ({
      status: 201,
      body: await accounts.associate(principal, params.id, body),
    }),
  }),
  defineRoute({
    method: 'delete',
    path: '/v1/provider-accounts/:id/associations/:association_id',
    summary: 'Stop offering the wallet there',
    tag: TAG,
    auth: 'token',
    ids: { id: 'pac' },
    responses: { 204: { description: 'Removed' } },
    handle: async ({ principal, params }) => {
      await accounts.dissociate(principal, params.id, associationId(params.association_id));
      return { status: 204 };
    },
  }),
];
