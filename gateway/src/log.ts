import pino, { type DestinationStream, type Logger } from 'pino';

/**
 * Fields never written to the log, wherever a log call puts them (at the top or one level down, as in
 * `{ req: { headers } }` or `{ body: { password } }`): credentials, tokens and a person's identifiers.
 */
const SECRET_FIELDS = [
  'authorization',
  'cookie',
  'set-cookie',
  'x-csrf-token',
  'password',
  'secret',
  'secret_key',
  'app_secret',
  'client_secret',
  'access_token',
  'refresh_token',
  'token',
  'email',
  'to',
  'cpf',
  'cnpj',
  'cpf_cnpj',
  'buyer',
  'payer',
];
export const REDACTED_PATHS = SECRET_FIELDS.flatMap((f) => [`["${f}"]`, `*["${f}"]`, `*.headers["${f}"]`]);

/** What a database error carries about the query's values: knex's `bindings`, pg's `detail`, PGlite's `params`. */
const QUERY_DATA = new Set(['sql', 'bindings', 'parameters', 'params', 'query', 'queryOptions', 'detail', 'where']);
const EMAIL = /[^\s@"'<>(),;:]+@[^\s@"'<>(),;:]+\.[^\s@"'<>(),;:]+/g;
const CPF_CNPJ = /\b(\d{3}\.?\d{3}\.?\d{3}-?\d{2}|\d{2}\.?\d{3}\.?\d{3}\/?\d{4}-?\d{2})\b/g;

const scrubText = (text: string): string => text.replace(EMAIL, '[email]').replace(CPF_CNPJ, '[cpf/cnpj]');

/** The standard error serializer, then without query values, and with addresses and documents masked in its text. */
export function safeError(err: unknown): unknown {
  if (!(err instanceof Error)) return err;
  return scrub(pino.stdSerializers.err(err), 0);
}

function scrub(value: unknown, depth: number): unknown {
  if (typeof value === 'string') return scrubText(value);
  if (depth > 4 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((v) => scrub(v, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) if (!QUERY_DATA.has(key)) out[key] = scrub(v, depth + 1);
  return out;
}

/** The gateway's logger: JSON lines, secrets and personal data redacted by path, database errors without their values. */
export function createLogger(level: string, destination?: DestinationStream): Logger {
  const options = {
    level,
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    serializers: { err: safeError },
  };
  return destination ? pino(options, destination) : pino(options);
}
