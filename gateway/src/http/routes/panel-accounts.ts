import type { SessionView } from '@tillgate/sdk/protocol';
import type { LimitKey } from '../../limits/rate-limits.js';
import type { Accounts } from '../../services/accounts/accounts.js';
import type { PanelSessions } from '../../services/accounts/panel-sessions.js';
import type { Mailer } from '../../services/delivery/mailer.js';
import { ApiError } from '../../services/errors.js';
import { clearedSessionCookie, readCookie, SESSION_COOKIE, sessionCookie } from '../cookies.js';
import { isLoopback } from '../loopback.js';
import {
  acceptInvitationBody,
  invitationSchema,
  logInBody,
  outboxSchema,
  resetConfirmBody,
  resetRequestBody,
  sessionSchema,
  signUpBody,
  signUpSchema,
  tokenBody,
} from '../panel-schemas.js';
import { type AnyRoute, clientIp, defineRoute, type Reply, type RouteContext } from '../route.js';

export interface PanelRouteDeps {
  accounts: Accounts;
  sessions: PanelSessions;
  mailer: Mailer;
  publicUrl: () => string;
}

/** Every route here is open to anyone, so each counts against its caller's address. */
const perIp = ({ req }: RouteContext<unknown, unknown>): LimitKey[] => [{ rule: 'panel_ip', key: clientIp(req) }];
const perIpAndEmail =
  (rule: 'login_email' | 'reset_email') =>
  (ctx: RouteContext<{ email: string }, unknown>): LimitKey[] => [
    ...perIp(ctx),
    { rule, key: ctx.body.email.trim().toLowerCase() },
  ];

const session = { 200: { description: 'The session, with its cookie set', schema: sessionSchema } };

/** Answers a new session's view and hands the browser its cookie. */
export const withSessionCookie = (opened: { token: string; view: SessionView }, publicUrl: () => string): Reply => ({
  status: 200,
  body: opened.view,
  headers: { 'Set-Cookie': sessionCookie(opened.token, publicUrl()) },
});

/** What a person does without a session: sign up, activate, log in and out, reset a password, accept an invitation. */
export const panelAccountRoutes = ({ accounts, sessions, mailer, publicUrl }: PanelRouteDeps): AnyRoute[] => [
  defineRoute({
    method: 'post',
    path: '/v1/panel/signup',
    summary: 'Create a merchant and its admin; emails the activation link',
    tag: 'Panel accounts',
    auth: 'none',
    limits: perIp,
    body: signUpBody,
    responses: { 201: { description: 'The merchant, waiting for activation', schema: signUpSchema } },
    handle: async ({ body }) => ({ status: 201, body: await accounts.signUp(body) }),
  }),
  defineRoute({
    method: 'post',
    path: '/v1/panel/activate',
    summary: 'Activate the account with the emailed link (24 h, once)',
    tag: 'Panel accounts',
    auth: 'none',
    limits: perIp,
    body: tokenBody,
    responses: { 200: { description: 'Activated' } },
    handle: async ({ body }) => ({ status: 200, body: await accounts.activate(body.token) }),
  }),
  defineRoute({
    method: 'post',
    path: '/v1/panel/unlock',
    summary: 'Lift a log-in lockout with the emailed link (1 h, once)',
    tag: 'Panel accounts',
    auth: 'none',
    limits: perIp,
    body: tokenBody,
    responses: { 200: { description: 'Unlocked: the email may log in again' } },
    handle: async ({ body }) => ({ status: 200, body: await accounts.unlock(body.token) }),
  }),
  defineRoute({
    method: 'post',
    path: '/v1/panel/login',
    summary: 'Log in to the panel; sets the tg_session cookie',
    tag: 'Panel accounts',
    auth: 'none',
    limits: perIpAndEmail('login_email'),
    body: logInBody,
    responses: session,
    handle: async ({ body }) => withSessionCookie(await accounts.logIn(body), publicUrl),
  }),
  defineRoute({
    method: 'post',
    path: '/v1/panel/logout',
    summary: 'End the session and clear its cookie',
    tag: 'Panel accounts',
    auth: 'none',
    responses: { 204: { description: 'Logged out' } },
    handle: async ({ req }) => {
      const token = readCookie(req.headers, SESSION_COOKIE);
      if (token) await sessions.end(token);
      return { status: 204, headers: { 'Set-Cookie': clearedSessionCookie(publicUrl()) } };
    },
  }),
  defineRoute({
    method: 'post',
    path: '/v1/panel/password-reset',
    summary: 'Email a one-time reset link (1 h); the answer is the same whether the address has an account or not',
    tag: 'Panel accounts',
    auth: 'none',
    limits: perIpAndEmail('reset_email'),
    body: resetRequestBody,
    responses: { 202: { description: 'Accepted' } },
    handle: async ({ body }) => {
      await accounts.requestPasswordReset(body.email);
      return { status: 202, body: { accepted: true } };
    },
  }),
  defineRoute({
    method: 'post',
    path: '/v1/panel/password-reset/confirm',
    summary: 'Set a new password with the emailed link; ends every session of the user',
    tag: 'Panel accounts',
    auth: 'none',
    limits: perIp,
    body: resetConfirmBody,
    responses: { 200: { description: 'The password is changed' } },
    handle: async ({ body }) => ({ status: 200, body: await accounts.confirmPasswordReset(body) }),
  }),
  defineRoute({
    method: 'post',
    path: '/v1/panel/invitations/lookup',
    summary: 'Whose team a pending invitation is for and its role now, leaving the link unused',
    tag: 'Panel accounts',
    auth: 'none',
    limits: perIp,
    body: tokenBody,
    responses: { 200: { description: 'The invitation', schema: invitationSchema } },
    handle: async ({ body }) => ({ status: 200, body: await accounts.readInvitation(body.token) }),
  }),
  defineRoute({
    method: 'post',
    path: '/v1/panel/invitations/accept',
    summary: 'Accept an invitation (7 days, once) with a name and password; logs in',
    tag: 'Panel accounts',
    auth: 'none',
    limits: perIp,
    body: acceptInvitationBody,
    responses: session,
    handle: async ({ body }) => withSessionCookie(await accounts.acceptInvitation(body), publicUrl),
  }),
  defineRoute({
    method: 'get',
    path: '/v1/panel/outbox',
    summary: 'The local outbox, newest first: only without SMTP_URL and only from loopback',
    tag: 'Panel accounts',
    auth: 'none',
    responses: { 200: { description: 'The emails the gateway wrote', schema: outboxSchema } },
    handle: async ({ req }) => {
      if (!mailer.outbox || !isLoopback(req.socket.remoteAddress))
        throw new ApiError('route_not_found', 'No such endpoint; see /docs');
      return { status: 200, body: { data: await mailer.outbox.list() } };
    },
  }),
];
