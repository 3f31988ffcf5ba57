import type { Onboarding } from '../../services/accounts/onboarding.js';
import type { PanelSessions } from '../../services/accounts/panel-sessions.js';
import type { Principal } from '../../services/accounts/principal.js';
import { ApiError } from '../../services/errors.js';
import { readCookie, SESSION_COOKIE } from '../cookies.js';
import { documentQuery, documentSchema, environmentBody, sessionSchema, termsBody } from '../panel-schemas.js';
import { type AnyRoute, defineRoute, type RouteContext } from '../route.js';
import { pageOf } from '../schemas.js';

const session = { 200: { description: 'The session', schema: sessionSchema } };

/** The cookie of a request the authenticator resolved to a panel user. */
function sessionToken({ principal, req }: RouteContext<unknown, unknown>): string {
  const token = readCookie(req.headers, SESSION_COOKIE);
  if ((principal as Principal).kind !== 'user' || !token)
    throw new ApiError('forbidden', 'This endpoint is for panel sessions');
  return token;
}

/** 'attachment' keeps a stored file from ever rendering as a page of the gateway's origin. */
const attachment = (name: string) => `attachment; filename*=UTF-8''${encodeURIComponent(name)}`;

export const panelSessionRoutes = (sessions: PanelSessions, onboarding: Onboarding): AnyRoute[] => [
  defineRoute({
    method: 'get',
    path: '/v1/panel/session',
    summary: 'The logged-in user, its merchant, environment, CSRF token and onboarding checklist',
    tag: 'Panel session',
    auth: 'token',
    responses: session,
    handle: async (ctx) => ({ status: 200, body: await sessions.view(sessionToken(ctx)) }),
  }),
  defineRoute({
    method: 'post',
    path: '/v1/panel/session/environment',
    summary: 'Switch the session between test and live',
    tag: 'Panel session',
    auth: 'token',
    body: environmentBody,
    responses: session,
    handle: async (ctx) => ({
      status: 200,
      body: await sessions.switchEnvironment(sessionToken(ctx), ctx.body.environment),
    }),
  }),
  defineRoute({
    method: 'post',
    path: '/v1/panel/onboarding/terms',
    summary: 'Accept the terms of service (admin)',
    tag: 'Panel session',
    auth: 'token',
    body: termsBody,
    responses: session,
    handle: async (ctx) => {
      const token = sessionToken(ctx);
      await onboarding.acceptTerms(ctx.principal);
      return { status: 200, body: await sessions.view(token) };
    },
  }),
  defineRoute({
    method: 'post',
    path: '/v1/panel/documents',
    summary: 'Upload a company document (PDF, PNG or JPEG, at most 5 MiB) as the raw body (admin)',
    tag: 'Panel session',
    auth: 'token',
    rawBody: true,
    query: documentQuery,
    responses: { 201: { description: 'The stored document', schema: documentSchema } },
    handle: async ({ principal, query, req }) => ({
      status: 201,
      body: await onboarding.upload(principal, {
        name: query.name,
        contentType: req.get('content-type'),
        bytes: req.body,
      }),
    }),
  }),
  defineRoute({
    method: 'get',
    path: '/v1/panel/documents',
    summary: "The merchant's documents",
    tag: 'Panel session',
    auth: 'token',
    responses: { 200: { description: 'The documents', schema: pageOf(documentSchema) } },
    handle: async ({ principal }) => ({ status: 200, body: await onboarding.list(principal) }),
  }),
  defineRoute({
    method: 'get',
    path: '/v1/panel/documents/:id',
    summary: "Download a document (another merchant's reads as missing)",
    tag: 'Panel session',
    auth: 'token',
    ids: { id: 'doc' },
    responses: { 200: { description: 'The file', contentType: 'application/octet-stream' } },
    handle: async ({ principal, params }) => {
      const document = await onboarding.download(principal, params.id);
      return {
        status: 200,
        type: document.contentType,
        body: document.bytes,
        headers: { 'Content-Disposition': attachment(document.name), 'X-Content-Type-Options': 'nosniff' },
      };
    },
  }),
];
