import { ProviderAuthFailed, ProviderRejected, ProviderUnavailable } from '../types.js';

/** A PSP's 4xx answer: final, with the spec's error type (`CobOperacaoInvalida`, ...) kept for callers that branch on it. */
export class PspRefusal extends ProviderRejected {
  constructor(
    readonly status: number,
    readonly tipo: string,
    reason: string,
  ) {
    super(reason);
  }
}

interface Problem {
  type?: unknown;
  title?: unknown;
  detail?: unknown;
  violacoes?: Array<{ razao?: unknown; propriedade?: unknown }>;
}

/**
 * Turns a non-2xx answer into our typed error, keeping the PSP's own words: its error type, detail and
 * every violation (`razao` at `propriedade`).
 */
export function errorFor(status: number, body: unknown, what: string): Error {
  const p = (typeof body === 'object' && body !== null ? body : {}) as Problem;
  const tipo = typeof p.type === 'string' ? (p.type.split('/').pop() ?? p.type) : `HTTP ${status}`;
  const violations = Array.isArray(p.violacoes)
    ? p.violacoes.map((v) => (v.propriedade ? `${String(v.razao)} (${String(v.propriedade)})` : String(v.razao)))
    : [];
  const detail = [typeof p.detail === 'string' ? p.detail : typeof p.title === 'string' ? p.title : '', ...violations]
    .filter(Boolean)
    .join('; ');
  const reason = `${what}: ${tipo}${detail ? ` – ${detail}` : ''}`;
  if (status === 401 || status === 403) return new ProviderAuthFailed(reason);
  if (status === 408 || status === 429 || status >= 500) return new ProviderUnavailable(reason);
  return new PspRefusal(status, tipo, reason);
}
