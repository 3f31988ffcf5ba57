import { parseBRCode } from '@tillgate/sdk/pix';
import { describe, expect, it } from 'vitest';
import { PixLedger } from './ledger.js';
import { PixProblem } from './problems.js';

const ledger = () =>
  new PixLedger({
    locationBase: () => '127.0.0.1:9/pix/v2',
    merchantName: 'PADARIA',
    merchantCity: 'SAO PAULO',
    pixKeys: ['chave-da-padaria'],
    ispb: '99999008',
    now: () => new Date('2026-06-01T12:00:00Z'),
  });
const TXID = '01J0000000000000000000000A';
const cob = (valor = '19.90') => ({
  calendario: { expiracao: 3600 },
  valor: { original: valor },
  chave: 'chave-da-padaria',
});

const problemOf = (fn: () => unknown): Record<string, unknown> => {
  try {
    fn();
  } catch (err) {
    if (err instanceof PixProblem) return err.toJSON();
    throw err;
  }
  throw new Error('no problem raised');
};

describe('the emulated PSP ledger', () => {
  it('creates a charge once per txid, with a dynamic BR Code pointing at its location', () => {
    const l = ledger();
    const { cob: created, created: isNew } = l.putCob(TXID, cob());
    expect(isNew).toBe(true);
    expect(l.putCob(TXID, cob()).created).toBe(false);
    const parsed = parseBRCode(created.pixCopiaECola);
    expect(parsed).toMatchObject({ kind: 'dynamic', location: created.loc?.location });
    expect(created.location?.startsWith('127.0.0.1:9/pix/v2/qr/v2/')).toBe(true);
  });

  it('refuses txids outside [a-zA-Z0-9]{26,35}, foreign keys, and charges that are no longer active', () => {
    const l = ledger();
    expect(problemOf(() => l.putCob('short', cob()))).toMatchObject({
      type: 'https://pix.bcb.gov.br/api/v2/error/CobOperacaoInvalida',
      status: 400,
    });
    expect(problemOf(() => l.putCob(TXID, { ...cob(), chave: 'outra' })).violacoes).toEqual([
      expect.objectContaining({ propriedade: 'cob.chave' }),
    ]);
    l.putCob(TXID, cob());
    l.patchCob(TXID, { status: 'REMOVIDA_PELO_USUARIO_RECEBEDOR' });
    expect(problemOf(() => l.putCob(TXID, cob())).status).toBe(400);
  });

  it('keeps refunds within the Pix and refund ids unique per endToEndId', () => {
    const l = ledger();
    l.putCob(TXID, cob('10.00'));
    const pix = l.pay(TXID);
    expect(pix.endToEndId).toMatch(/^E99999008\d{12}[a-zA-Z0-9]{11}$/);
    l.requestRefund(pix.endToEndId, 'R1', { valor: '6.00' });
    expect(problemOf(() => l.requestRefund(pix.endToEndId, 'R1', { valor: '1.00' })).type).toMatch(
      /PixDevolucaoInvalida$/,
    );
    expect(problemOf(() => l.requestRefund(pix.endToEndId, 'R2', { valor: '4.01' })).status).toBe(400);
    expect(l.requestRefund(pix.endToEndId, 'R2', { valor: '4.00' }).devolucao.status).toBe('EM_PROCESSAMENTO');
    expect(l.settleRefund(pix.endToEndId, 'R2').devolucoes.map((d) => d.status)).toEqual([
      'EM_PROCESSAMENTO',
      'DEVOLVIDO',
    ]);
  });

  it('serves a fixed location to one linked charge at a time, and the payer pays whichever is linked', () => {
    const l = ledger();
    const fixed = l.locations.create({ fixed: true });
    const first = l.putCob(TXID, { ...cob('10.00'), loc: { id: fixed.id } }).cob;
    expect(first.loc?.id).toBe(fixed.id);
    // A printed code carries no single-use marker (tag 01 absent).
    expect(parseBRCode(first.pixCopiaECola)).toMatchObject({ kind: 'dynamic', location: fixed.location });
    expect(parseBRCode(first.pixCopiaECola).usage).toBeUndefined();
    expect(l.txidAt(fixed.location)).toBe(TXID);

    const second = '01J0000000000000000000000B';
    expect(problemOf(() => l.putCob(second, { ...cob('20.00'), loc: { id: fixed.id } }))).toMatchObject({
      status: 400,
      violacoes: [{ propriedade: 'cob.loc.id' }],
    });
    l.unlinkLocation(String(fixed.id));
    expect(l.getCob(TXID)).not.toHaveProperty('location');
    expect(problemOf(() => l.txidAt(fixed.location)).status).toBe(404);
    l.putCob(second, { ...cob('20.00'), loc: { id: fixed.id } });
    expect(l.txidAt(fixed.location)).toBe(second);
    expect(l.pay(l.txidAt(fixed.location)).valor).toBe('20.00');
  });

  it('plays a MED devolução the receiver did not ask for, never above what the Pix still holds', () => {
    const l = ledger();
    l.putCob(TXID, cob('10.00'));
    const pix = l.pay(TXID);
    l.requestRefund(pix.endToEndId, 'R1', { valor: '3.00' });
    expect(problemOf(() => l.med(TXID, { centavos: 701 })).status).toBe(400);
    const after = l.med(TXID, { natureza: 'MED_OPERACIONAL' });
    const med = after.devolucoes[1];
    expect(med).toMatchObject({ valor: '7.00', status: 'DEVOLVIDO', natureza: 'MED_OPERACIONAL' });
    expect(med?.id).toBe(med?.rtrId);
    expect(problemOf(() => l.med(TXID, { centavos: 1 })).status).toBe(400);
  });
});
