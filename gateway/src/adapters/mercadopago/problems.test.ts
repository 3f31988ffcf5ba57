import { describe, expect, it } from 'vitest';
import { ProviderAuthFailed, ProviderRejected, ProviderUnavailable } from '../types.js';
import { errorFor, MercadopagoRefusal } from './problems.js';

const body = (code: string, message = 'what Mercado Pago says') => ({ errors: [{ code, message, details: ['d1'] }] });

describe('Mercado Pago errors', () => {
  it('keeps a refusal final, with its code and words', () => {
    const err = errorFor(400, body('refund_amount_exceeds', 'Refund amount exceeds'), 'POST /v1/orders/X/refund');
    expect(err).toBeInstanceOf(MercadopagoRefusal);
    expect(err).toBeInstanceOf(ProviderRejected);
    expect(err).toMatchObject({ status: 400, code: 'refund_amount_exceeds' });
    expect(err.message).toBe('POST /v1/orders/X/refund: refund_amount_exceeds – Refund amount exceeds; d1');
    expect(errorFor(409, body('idempotency_key_already_used'), 'x')).toBeInstanceOf(MercadopagoRefusal);
    expect(errorFor(404, { message: 'not found', error: 'not_found' }, 'x')).toMatchObject({ code: 'not_found' });
  });

  it('tells credentials from rules among 401 and 403', () => {
    expect(errorFor(401, body('unauthorized'), 'x')).toBeInstanceOf(ProviderAuthFailed);
    expect(errorFor(403, body('user_not_authorized'), 'x')).toBeInstanceOf(ProviderAuthFailed);
    expect(errorFor(403, body('partial_refund_forbidden_with_tips'), 'x')).toBeInstanceOf(MercadopagoRefusal);
  });

  it('calls an outage, a lock or a throttle unavailable, whatever the body', () => {
    for (const status of [408, 423, 429, 500, 502, 503]) {
      expect(errorFor(status, undefined, 'x'), String(status)).toBeInstanceOf(ProviderUnavailable);
      expect(errorFor(status, 'not json', 'x'), String(status)).toBeInstanceOf(ProviderUnavailable);
    }
  });
});
