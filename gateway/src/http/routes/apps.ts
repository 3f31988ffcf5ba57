import { z } from 'zod';
import { ApiError } from '../../services/errors.js';
import type { AppService } from '../../services/setup/apps.js';
import { APP_NAME, appSchema, createAppBody, issuedAppSchema } from '../management-schemas.js';
import { type AnyRoute, defineRoute } from '../route.js';

const TAG = 'Apps';

const appName = (raw: string | undefined): string => {
  if (!raw || !APP_NAME.test(raw)) throw new ApiError('not_found', `App ${raw} does not exist`);
  return raw;
};

export const appRoutes = (apps: AppService): AnyRoute[] => [
  defineRoute({
    method: 'get',
    path: '/v1/apps',
    summary: "The merchant environment's app credentials, without secrets (apps.manage)",
    tag: TAG,
    auth: 'token',
    responses: { 200: { description: 'The apps', schema: z.object({ data: z.array(appSchema) }) } },
    handle: async ({ principal }) => ({ status: 200, body: await apps.list(principal) }),
  }),
  defineRoute({
    method: 'post',
    path: '/v1/apps',
    summary: 'Create app credentials; the secret is shown in this answer only',
    tag: TAG,
    auth: 'token',
    body: createAppBody,
    responses: { 201: { description: 'The app with its secret', schema: issuedAppSchema } },
    handle: async ({ principal, body }) => ({ status: 201, body: await apps.create(principal, body.app_name) }),
  }),
  defineRoute({
    method: 'post',
    path: '/v1/apps/:app_name/secret',
    summary: 'Issue the app a new secret (shown once); the old one, its tokens and its WebSockets stop working',
    tag: TAG,
    auth: 'token',
    responses: { 201: { description: 'The app with its new secret', schema: issuedAppSchema } },
    handle: async ({ principal, params }) => ({
      status: 201,
      body: await apps.regenerateSecret(principal, appName(params.app_name)),
    }),
  }),
];
