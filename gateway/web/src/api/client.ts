/** The gateway's JSON API, same origin, cookie session; every failure becomes an ApiError. */
import type { FieldError } from '@tillgate/sdk/protocol';

export type { FieldError };

/** A problem+json answer (or a network failure, `status` 0) as the panel shows it. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly detail: string,
    readonly errors: FieldError[] = [],
    readonly requestId?: string,
  ) {
    super(detail);
  }

  /** What the server said of one named field, if it named it: the `Field` shows it by its code. */
  field(name: string): FieldError | undefined {
    return this.errors.find((e) => e.field === name);
  }
}

let csrfToken: string | undefined;
let onUnauthenticated = (): void => {};

/** Non-GET calls carry it; the session view hands it out. */
export const setCsrfToken = (token: string | undefined): void => {
  csrfToken = token;
};
export const whenUnauthenticated = (handler: () => void): void => {
  onUnauthenticated = handler;
};

export interface CallOptions {
  body?: unknown;
  query?: Record<string, string | number | boolean | undefined>;
  /** A file sent as is, with its own content type. */
  file?: Blob;
  /** Writes that must happen once however often they are retried (refunds). */
  idempotencyKey?: string;
  /** Calls that need no session (log-in, sign-up…): a 401 there is an answer, not a lost session. */
  public?: boolean;
}

export async function call<T>(method: 'GET' | 'POST' | 'PATCH' | 'DELETE', path: string, options: CallOptions = {}) {
  const url = new URL(path, location.origin);
  for (const [k, v] of Object.entries(options.query ?? {}))
    if (v !== undefined && v !== '') url.searchParams.set(k, String(v));
  const headers: Record<string, string> = { accept: 'application/json' };
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  if (options.idempotencyKey) headers['idempotency-key'] = options.idempotencyKey;
  let body: BodyInit | undefined;
  if (options.file) {
    body = options.file;
    headers['content-type'] = options.file.type;
  } else if (options.body !== undefined) {
    body = JSON.stringify(options.body);
    headers['content-type'] = 'application/json';
  }
  let res: Response;
  try {
    res = await fetch(url, { method, headers, body, credentials: 'same-origin' });
  } catch {
    throw new ApiError(0, 'network_error', 'The gateway could not be reached');
  }
  if (res.status === 401 && !options.public) onUnauthenticated();
  if (!res.ok) throw await problemOf(res);
  // Answers without a body (204, 202) resolve to null, so a caller can tell success from failure.
  const text = await res.text();
  return (text ? JSON.parse(text) : null) as T;
}

async function problemOf(res: Response): Promise<ApiError> {
  try {
    const p = (await res.json()) as {
      code?: string;
      detail?: string;
      title?: string;
      errors?: FieldError[];
      request_id?: string;
    };
    return new ApiError(
      res.status,
      p.code ?? 'internal_error',
      p.detail ?? p.title ?? res.statusText,
      p.errors ?? [],
      p.request_id,
    );
  } catch {
    return new ApiError(res.status, 'internal_error', res.statusText);
  }
}
