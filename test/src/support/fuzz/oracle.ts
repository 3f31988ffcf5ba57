import { ERROR_CATALOGUE, type ErrorCode } from '@tillgate/sdk/protocol';
import type { Knex } from 'knex';

/** A request as the fuzzer sent it; `text` is its escaped body and path, as a failure reports it. */
export interface SentRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: Buffer;
  contentEncoding?: string;
  /** The request's body was sent with a content type that is not JSON, to a route that takes JSON. */
  nonJsonBody?: boolean;
  /** A rule this request must be refused under, when the fuzzer broke it on purpose. */
  mustRefuse?: string;
  /** Statuses the route answers with a page for people (a signed link's "invalid link"), documented as HTML. */
  pages?: number[];
  text: string;
}

export interface Received {
  status: number;
  contentType: string;
  body: string;
}

export interface FuzzFailure {
  rule: string;
  status: number;
  detail: string;
  request: SentRequest;
}

/** Statuses above 499 a client may see: a provider that did not answer. Never 500. */
const UPSTREAM = new Set([502, 503]);

/** What is wrong with this answer to this request, by the rules every answer keeps. */
export function judge(req: SentRequest, res: Received, changedTables: readonly string[]): FuzzFailure[] {
  const failures: FuzzFailure[] = [];
  const fail = (rule: string, detail: string) => failures.push({ rule, status: res.status, detail, request: req });
  if (res.status >= 500 && !UPSTREAM.has(res.status)) fail('never a 500', res.body.slice(0, 300));
  // A person's page (a signed link's "invalid link"), as the route documents it, is not a problem for an API.
  const page = req.pages?.includes(res.status) && res.contentType.startsWith('text/html');
  if (res.status >= 400) {
    const fault = page ? undefined : problemFault(res);
    if (fault) fail('problem+json with a catalogued code', fault);
    if (changedTables.length) fail('no row written on a refused request', changedTables.join(', '));
  }
  if (req.nonJsonBody && res.status === 422) fail('non-JSON body is 415', res.body.slice(0, 200));
  if (req.mustRefuse && res.status < 400) fail(req.mustRefuse, `answered ${res.status}`);
  return failures;
}

/** What is wrong with a refusal's problem+json, if anything: its type, its code, or the code's status. */
function problemFault(res: Received): string | undefined {
  const problem = parse(res.body) as { code?: string; status?: number } | undefined;
  const entry = ERROR_CATALOGUE[problem?.code as ErrorCode] as { status: number } | undefined;
  if (!res.contentType.startsWith('application/problem+json') || !entry || problem?.status !== res.status)
    return `${res.contentType} ${res.body.slice(0, 200)}`;
  if (entry.status !== res.status) return `${problem.code} is not ${res.status}`;
  return undefined;
}

const parse = (text: string): unknown => {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
};

/** Counts the rows of every table of ours, in one query (the table list is read once). */
export function rowCounter(knex: Knex): () => Promise<Record<string, number>> {
  let sql: Promise<string> | undefined;
  const statement = async () => {
    const tables = (
      await knex('information_schema.tables')
        .where({ table_schema: 'public', table_type: 'BASE TABLE' })
        .whereNot('table_name', 'like', 'knex_%')
        .select('table_name')
    ).map((r: { table_name: string }) => r.table_name);
    return `SELECT ${tables.map((t) => `(SELECT count(*) FROM "${t}") AS "${t}"`).join(', ')}`;
  };
  return async () => {
    sql ??= statement();
    const row = (await knex.raw(await sql)).rows[0] as Record<string, string | number>;
    return Object.fromEntries(Object.entries(row).map(([k, v]) => [k, Number(v)]));
  };
}

export const changed = (before: Record<string, number>, after: Record<string, number>): string[] =>
  Object.keys(after)
    .filter((t) => after[t] !== before[t])
    .map((t) => `${t} ${before[t]}→${after[t]}`);
