import type { IncomingMessage, ServerResponse } from 'node:http';
import { PixProblem } from './problems.js';

/** A request as the emulator's routes see it. */
export interface Call {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingMessage['headers'];
  body: unknown;
}

/** What a route answers; `raw` bodies go out as they are (to play a PSP answering garbage). */
export interface Answer {
  status: number;
  body?: unknown;
  raw?: string;
}

export type Route = { method: string; pattern: RegExp; handle(call: Call, params: string[]): Promise<Answer> | Answer };

export async function readCall(req: IncomingMessage): Promise<Call> {
  const url = new URL(req.url ?? '/', 'http://emulator');
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  let body: unknown = text;
  if ((req.headers['content-type'] ?? '').includes('json') && text) {
    try {
      body = JSON.parse(text);
    } catch {
      throw new PixProblem(400, 'RequisicaoInvalida', 'Requisição inválida.', 'O corpo não é JSON válido.');
    }
  } else if ((req.headers['content-type'] ?? '').includes('x-www-form-urlencoded')) {
    body = Object.fromEntries(new URLSearchParams(text));
  }
  return { method: req.method ?? 'GET', path: url.pathname, query: url.searchParams, headers: req.headers, body };
}

export function send(res: ServerResponse, answer: Answer): void {
  if (answer.raw !== undefined) {
    res.writeHead(answer.status, { 'content-type': 'text/html' }).end(answer.raw);
    return;
  }
  if (answer.body === undefined) {
    res.writeHead(answer.status).end();
    return;
  }
  const type = answer.body instanceof PixProblem ? 'application/problem+json' : 'application/json';
  res.writeHead(answer.status, { 'content-type': type }).end(JSON.stringify(answer.body));
}

export function match(routes: readonly Route[], call: Call): { route: Route; params: string[] } | undefined {
  for (const route of routes) {
    if (route.method !== call.method) continue;
    const m = route.pattern.exec(call.path);
    if (m) return { route, params: m.slice(1).map(decodeURIComponent) };
  }
  return undefined;
}
