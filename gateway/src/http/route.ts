import type { IncomingHttpHeaders } from 'node:http';
import type { Writable } from 'node:stream';
import type { Request, Response, Router } from 'express';
import { z } from 'zod';
import { fieldErrors } from '../field-errors.js';
import type { LimitKey, RateLimits } from '../limits/rate-limits.js';
import type { Principal } from '../services/accounts/principal.js';
import { ApiError } from '../services/errors.js';
import { textProblem } from './text-rules.js';

export type AuthMode = 'none' | 'token' | 'token-or-client-secret';

export interface Reply {
  status: number;
  body?: unknown;
  /** Content type for non-JSON bodies (a string or Buffer). */
  type?: string;
  headers?: Record<string, string>;
  /** A body written as it is made (a file), instead of `body`; it must end `out`. */
  stream?: (out: Writable) => Promise<void>;
}

/** The names of a path's `:params`: `'/v1/orders/:id/refunds/:refund_id'` gives `'id' | 'refund_id'`. */
type ParamNames<Path extends string> = Path extends `${string}:${infer Name}/${infer Rest}`
  ? Name | ParamNames<`/${Rest}`>
  : Path extends `${string}:${infer Name}`
    ? Name
    : never;

/** A route's path parameters, typed from its path; every one is present (express matched it). */
export type PathParams<Path extends string> = string extends Path
  ? Record<string, string>
  : { readonly [K in ParamNames<Path>]: string };

/** Who calls a route of this auth mode: nobody for `none`, else the authenticated principal. */
export type CallerOf<A extends AuthMode> = A extends 'none' ? undefined : Principal;

export interface RouteContext<B, Q, Path extends string = string, A extends AuthMode = AuthMode> {
  principal: CallerOf<A>;
  body: B;
  query: Q;
  params: PathParams<Path>;
  idempotencyKey: string | undefined;
  req: Request;
}

/** One endpoint: what it accepts, what it answers, and how; the OpenAPI document reads the same object. */
export interface RouteSpec<B = unknown, Q = unknown, Path extends string = string, A extends AuthMode = AuthMode> {
  method: 'get' | 'post' | 'patch' | 'delete';
  path: Path;
  summary: string;
  tag: string;
  auth: A;
  body?: z.ZodType<B>;
  query?: z.ZodType<Q>;
  /** Path parameters and the id prefix each must carry. */
  ids?: Record<string, string>;
  idempotent?: boolean;
  /** The body is raw bytes of the route's own types (a document), not JSON. */
  rawBody?: boolean;
  /**
   * An `<img src>` cannot send a header, so this read-only route takes the order's client secret from
   * `?client_secret=`; no other HTTP route reads a credential from its URL.
   */
  clientSecretInQuery?: boolean;
  /** The rate limits a request counts against, read after validation and before the handler writes anything. */
  limits?: (ctx: RouteContext<B, Q, Path, A>) => LimitKey[];
  responses: Record<number, { description: string; schema?: z.ZodType; contentType?: string }>;
  handle(ctx: RouteContext<B, Q, Path, A>): Promise<Reply>;
}

// biome-ignore lint/suspicious/noExplicitAny: a list of routes with different body, query, path and auth types
export type AnyRoute = RouteSpec<any, any, any, any>;

/** Marks an answer that a retry with the same Idempotency-Key got from the first request. */
export const replayHeaders = (replayed: boolean): Record<string, string> =>
  replayed ? { 'Idempotent-Replayed': 'true' } : {};

/** A route, its params typed from its path and its principal from its auth mode. */
export const defineRoute = <B, Q, const Path extends string, const A extends AuthMode>(
  spec: RouteSpec<B, Q, Path, A>,
): RouteSpec<B, Q, Path, A> => spec;

const ID_PATTERN = /^[a-z]{2,4}_[0-9A-Z]{26}$/;
const IDEMPOTENCY_KEY = /^[\x21-\x7E]{1,255}$/;

/** A request or a WebSocket upgrade, as far as authentication reads it. */
export interface Credentialed {
  headers: IncomingHttpHeaders;
  url?: string;
  method?: string;
}

/** Which credentials may come in the URL's query: the WebSocket upgrade's (both), one client secret, or none. */
export type QueryCredentials = 'token-or-client-secret' | 'client-secret' | 'none';

/** Reads the caller from a request or an upgrade, or throws the 401/403 problem. */
export type Authenticator = (
  req: Credentialed,
  mode: Exclude<AuthMode, 'none'>,
  fromQuery?: QueryCredentials,
) => Promise<Principal>;

/** The caller's address as express sees it (behind a proxy: per `TILLGATE_TRUST_PROXY`). */
export const clientIp = (req: Request): string => req.ip ?? req.socket.remoteAddress ?? 'unknown';

export function mountRoutes(
  router: Router,
  routes: readonly AnyRoute[],
  authenticate: Authenticator,
  limits: RateLimits,
): void {
  for (const route of routes) {
    router[route.method](route.path, async (req: Request, res: Response) => {
      // Answers may carry tokens, secrets or client secrets: no cache, shared or private, keeps one.
      res.set('Cache-Control', 'no-store');
      const principal =
        route.auth === 'none'
          ? undefined
          : await authenticate(req, route.auth, route.clientSecretInQuery ? 'client-secret' : 'none');
      // A body of another type is refused as such, before any field of the request is judged.
      if (!route.rawBody) checkJsonBody(req);
      for (const [name, prefix] of Object.entries(route.ids ?? {})) {
        const raw = req.params[name];
        const value = typeof raw === 'string' ? raw : '';
        if (!value.startsWith(`${prefix}_`) || !ID_PATTERN.test(value)) {
          throw new ApiError('invalid_id', `${value} is not a ${prefix}_ id`, [
            { field: name, code: 'invalid_id', message: `must be a ${prefix}_ id` },
          ]);
        }
      }
      const idempotencyKey = req.get('idempotency-key');
      if (idempotencyKey !== undefined && !IDEMPOTENCY_KEY.test(idempotencyKey)) {
        throw new ApiError('validation_failed', 'Idempotency-Key must be 1 to 255 visible ASCII characters', [
          { field: 'Idempotency-Key', message: 'must be 1 to 255 visible ASCII characters' },
        ]);
      }
      const text =
        textProblem(req.params, '') ??
        (route.rawBody ? undefined : textProblem(req.body, '')) ??
        textProblem(req.query, 'query');
      if (text) throw new ApiError('validation_failed', `${text.field} ${text.message}`, [text]);
      const ctx: RouteContext<unknown, unknown> = {
        principal,
        body: parse(route.body, req.body ?? {}, ''),
        query: parse(route.query, req.query, 'query'),
        params: req.params as Record<string, string>,
        idempotencyKey,
        req,
      };
      if (route.limits) res.set(await limits.take(route.limits(ctx)));
      const reply = await route.handle(ctx);
      res.status(reply.status).set(reply.headers ?? {});
      if (reply.stream) return streamReply(res, reply.type ?? 'application/octet-stream', reply.stream);
      if (reply.type) res.type(reply.type).send(reply.body);
      else if (reply.body === undefined) res.end();
      else res.json(reply.body);
    });
  }
}

/** A body that is not JSON (text, a form, XML) is refused as such rather than read as an empty object. */
function checkJsonBody(req: Request): void {
  const length = Number(req.get('content-length') ?? 0);
  const hasBody = req.get('transfer-encoding') !== undefined || length > 0;
  if (hasBody && !req.is(['application/json', 'application/*+json']))
    throw new ApiError('unsupported_media_type', 'Send the body as application/json (UTF-8)');
}

/** Once the first bytes are out a problem document cannot follow: a failure cuts the connection instead. */
async function streamReply(res: Response, type: string, write: (out: Writable) => Promise<void>): Promise<void> {
  res.type(type);
  try {
    await write(res);
  } catch (err) {
    if (!res.headersSent) throw err;
    res.destroy(err as Error);
  }
}

const compiledSchemas = new WeakMap<z.ZodType, z.ZodType>();

/**
 * A route's schema compiled on its first request and kept for every app after (the schemas are module
 * constants): a valid request is checked by generated code, an invalid one falls back to the ordinary
 * parser, so a caller sees the same errors. Routes never called never pay for compiling.
 */
function compiled<T>(schema: z.ZodType<T>): z.ZodType<T> {
  let found = compiledSchemas.get(schema);
  if (!found) {
    found = z.compile(schema);
    compiledSchemas.set(schema, found);
  }
  return found as z.ZodType<T>;
}

function parse<T>(schema: z.ZodType<T> | undefined, value: unknown, prefix: string): T {
  if (!schema) return undefined as T;
  // The input in each issue tells a missing field from a wrong one; only the codes and paths leave here.
  const result = compiled(schema).safeParse(value, { reportInput: true });
  if (!result.success)
    throw new ApiError('validation_failed', 'The request has invalid fields', fieldErrors(result.error, prefix));
  return result.data;
}
