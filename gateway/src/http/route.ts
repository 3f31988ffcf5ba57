import type { IncomingHttpHeaders } from 'node:http';
import type { Writable } from 'node:stream';
import type { Request, Response, Router } from 'express';
import type { z } from 'zod';
import { ApiError } from '../services/errors.js';
import type { Principal } from '../services/principal.js';
import { fieldErrors } from './problem.js';

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

export interface RouteContext<B, Q> {
  principal: Principal;
  body: B;
  query: Q;
  params: Record<string, string>;
  idempotencyKey: string | undefined;
  req: Request;
}

/** One endpoint: what it accepts, what it answers, and how; the OpenAPI document reads the same object. */
export interface RouteSpec<B = unknown, Q = unknown> {
  method: 'get' | 'post' | 'patch' | 'delete';
  path: string;
  summary: string;
  tag: string;
  auth: AuthMode;
  body?: z.ZodType<B>;
  query?: z.ZodType<Q>;
  /** Path parameters and the id prefix each must carry. */
  ids?: Record<string, string>;
  idempotent?: boolean;
  responses: Record<number, { description: string; schema?: z.ZodType; contentType?: string }>;
  handle(ctx: RouteContext<B, Q>): Promise<Reply>;
}

// biome-ignore lint/suspicious/noExplicitAny: a list of routes with different body types
export type AnyRoute = RouteSpec<any, any>;

/** Marks an answer that a retry with the same Idempotency-Key got from the first request. */
export const replayHeaders = (replayed: boolean): Record<string, string> =>
  replayed ? { 'Idempotent-Replayed': 'true' } : {};

export const defineRoute = <B, Q>(spec: RouteSpec<B, Q>): RouteSpec<B, Q> => spec;

const ID_PATTERN = /^[a-z]{2,4}_[0-9A-Z]{26}$/;
const IDEMPOTENCY_KEY = /^[\x21-\x7E]{1,255}$/;

/** A request or a WebSocket upgrade, as far as authentication reads it. */
export interface Credentialed {
  headers: IncomingHttpHeaders;
  url?: string;
  method?: string;
}

/** Reads the caller from a request or an upgrade, or throws the 401/403 problem. */
export type Authenticator = (req: Credentialed, mode: Exclude<AuthMode, 'none'>) => Promise<Principal>;

export function mountRoutes(router: Router, routes: readonly AnyRoute[], authenticate: Authenticator): void {
  for (const route of routes) {
    router[route.method](route.path, async (req: Request, res: Response) => {
      const principal =
        route.auth === 'none' ? (undefined as unknown as Principal) : await authenticate(req, route.auth);
      for (const [name, prefix] of Object.entries(route.ids ?? {})) {
        const raw = req.params[name];
        const value = typeof raw === 'string' ? raw : '';
        if (!value.startsWith(`${prefix}_`) || !ID_PATTERN.test(value)) {
          throw new ApiError('invalid_id', `${value} is not a ${prefix}_ id`, [
            { field: name, message: `must be a ${prefix}_ id` },
          ]);
        }
      }
      const idempotencyKey = req.get('idempotency-key');
      if (idempotencyKey !== undefined && !IDEMPOTENCY_KEY.test(idempotencyKey)) {
        throw new ApiError('validation_failed', 'Idempotency-Key must be 1 to 255 visible ASCII characters', [
          { field: 'Idempotency-Key', message: 'must be 1 to 255 visible ASCII characters' },
        ]);
      }
      const reply = await route.handle({
        principal,
        body: parse(route.body, req.body ?? {}, ''),
        query: parse(route.query, req.query, 'query'),
        params: req.params as Record<string, string>,
        idempotencyKey,
        req,
      });
      res.status(reply.status).set(reply.headers ?? {});
      if (reply.stream) return streamReply(res, reply.type ?? 'application/octet-stream', reply.stream);
      if (reply.type) res.type(reply.type).send(reply.body);
      else if (reply.body === undefined) res.end();
      else res.json(reply.body);
    });
  }
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

function parse<T>(schema: z.ZodType<T> | undefined, value: unknown, prefix: string): T {
  if (!schema) return undefined as T;
  const result = schema.safeParse(value);
  if (!result.success)
    throw new ApiError('validation_failed', 'The request has invalid fields', fieldErrors(result.error, prefix));
  return result.data;
}
