import type { Request } from 'express';
import type { LimitKey } from '../../limits/rate-limits.js';
import type { AuthService } from '../../services/accounts/auth.js';
import { ApiError } from '../../services/errors.js';
import { type AnyRoute, clientIp, defineRoute } from '../route.js';
import { appCredentialsBody, tillCredentialsBody, tokenPairSchema } from '../schemas.js';

const tokens = { 200: { description: 'A token pair', schema: tokenPairSchema } };

/** A till's sign-in counts per address and per credential pair, whichever API it comes through. */
export const tillLoginLimits = ({
  req,
  body,
}: {
  req: Request;
  body: { access_key: string; client_id: string };
}): LimitKey[] => [
  { rule: 'auth_ip', key: clientIp(req) },
  { rule: 'auth_client', key: `till:${body.access_key}:${body.client_id}` },
];

export const authRoutes = (auth: AuthService): AnyRoute[] => [
  defineRoute({
    method: 'post',
    path: '/v1/auth/till',
    summary: "Sign a till in with its store's access key and secret and its client id",
    tag: 'Authentication',
    auth: 'none',
    body: tillCredentialsBody,
    limits: tillLoginLimits,
    responses: tokens,
    handle: async ({ body }) => ({ status: 200, body: await auth.tillLogin(body) }),
  }),
  defineRoute({
    method: 'post',
    path: '/v1/auth/app',
    summary: 'Sign a server-to-server app in (merchant-wide, one environment)',
    tag: 'Authentication',
    auth: 'none',
    body: appCredentialsBody,
    limits: ({ req, body }) => [
      { rule: 'auth_ip', key: clientIp(req) },
      { rule: 'auth_client', key: `app:${body.app_name}` },
    ],
    responses: tokens,
    handle: async ({ body }) => ({ status: 200, body: await auth.appLogin(body) }),
  }),
  defineRoute({
    method: 'post',
    path: '/v1/auth/refresh',
    summary: 'Trade a refresh token (as the bearer) for a new pair; each refresh token works once',
    tag: 'Authentication',
    auth: 'none',
    limits: ({ req }) => [{ rule: 'auth_ip', key: clientIp(req) }],
    responses: tokens,
    handle: async ({ req }) => {
      const [scheme, token] = (req.get('authorization') ?? '').split(' ');
      if (scheme?.toLowerCase() !== 'bearer' || !token)
        throw new ApiError('unauthenticated', 'Send the refresh token as Authorization: Bearer <refresh_token>');
      return { status: 200, body: await auth.refresh(token) };
    },
  }),
];
