import type { IncomingMessage, ServerResponse } from 'node:http';

/** A request as an emulator's routes see it; `raw` is the body's exact bytes. */
export interface Call {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingMessage['headers'];
  body: unknown;
  raw: Buffer;
}

/** What a route answers: `body` goes out as JSON (of `contentType`), `raw` as it is (a provider answering garbage). */
export interface Answer {
  status: number;
  body?: unknown;
  raw?: string;
  contentType?: string;
  headers?: Record<string, string>;
}

export type Route = { method: string; pattern: RegExp; handle(call: Call, params: string[]): Promise<Answer> | Answer };

/** A body that says it is JSON and is not; each emulator answers it in its provider's words. */
export class MalformedBody extends Error {
  override readonly name = 'MalformedBody';
}

export async function readCall(req: IncomingMessage): Promise<Call> {
  const url = new URL(req.url ?? '/', 'http://emulator');
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const raw = Buffer.concat(chunks);
  const text = raw.toString('utf8');
  const type = req.headers['content-type'] ?? '';
  let body: unknown = text;
  if (type.includes('json') && text) {
    try {
      body = JSON.parse(text);
    } catch {
      throw new MalformedBody('the body is not valid JSON');
    }
  } else if (type.includes('x-www-form-urlencoded')) {
    body = Object.fromEntries(new URLSearchParams(text));
  }
  return { method: req.method ?? 'GET', path: url.pathname, query: url.searchParams, headers: req.headers, body, raw };
}

export function send(res: ServerResponse, answer: Answer): void {
  const headers = answer.headers ?? {};
  if (answer.raw !== undefined) {
    res.writeHead(answer.status, { 'content-type': answer.contentType ?? 'text/html', ...headers }).end(answer.raw);
    return;
  }
  if (answer.body === undefined) {
    res.writeHead(answer.status, headers).end();
    return;
  }
  res
    .writeHead(answer.status, { 'content-type': answer.contentType ?? 'application/json', ...headers })
    .end(JSON.stringify(answer.body));
}

export function match(routes: readonly Route[], call: Call): { route: Route; params: string[] } | undefined {
  for (const route of routes) {
    if (route.method !== call.method) continue;
    const m = route.pattern.exec(call.path);
    if (m) return { route, params: m.slice(1).map(decodeURIComponent) };
  }
  return undefined;
}

/** A path pattern under a prefix, `:name` segments captured in order: `at('/v1', '/orders/:id')`. */
export function at(prefix: string, path: string): RegExp {
  const escaped = `${prefix}${path}`.replace(/[.+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`^${escaped.replace(/:[a-zA-Z_]+/g, '([^/]+)')}$`);
}
