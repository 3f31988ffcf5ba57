import { describe, expect, it } from 'vitest';
import { stickerPdf } from './sticker-pdf.js';

const CODE =
  '00020126580014br.gov.bcb.pix2536pix.example.com/qr/v2/fixo0000000000000005204000053039865802BR5913Fulano de Tal6008BRASILIA62070503***6304ABCD';

describe('the printed QR sticker', () => {
  const pdf = stickerPdf({ storeName: 'Padaria São João', tillName: 'Caixa (1)', qrCodeText: CODE });
  const text = pdf.toString('latin1');

  it('is one A6 page whose cross-reference table points at each object', () => {
    expect(text.startsWith('%PDF-1.4\n')).toBe(true);
    expect(text).toContain('/MediaBox [0 0 297.64 419.53]');
    const xref = Number(/startxref\n(\d+)\n%%EOF\n$/.exec(text)?.[1]);
    expect(text.slice(xref, xref + 4)).toBe('xref');
    const offsets = [...text.slice(xref).matchAll(/^(\d{10}) 00000 n $/gm)].map((m) => Number(m[1]));
    expect(offsets).toHaveLength(6);
    offsets.forEach((offset, i) => {
      expect(text.slice(offset).startsWith(`${i + 1} 0 obj\n`)).toBe(true);
    });
  });

  it('says how to pay in Portuguese, names the store in WinAnsi, and escapes parentheses', () => {
    expect(text).toContain('(Pague com Pix) Tj');
    expect(text).toContain('(Padaria S\\343o Jo\\343o \\267 Caixa \\(1\\)) Tj');
    expect(text).toContain('Ler QR code');
  });

  it("tells a wallet's own code to be read with that wallet's app", () => {
    const mp = stickerPdf({ storeName: 'Padaria', tillName: 'Caixa', qrCodeText: CODE, wallet: 'mercadopago' });
    expect(mp.toString('latin1')).toContain('(Pague com Mercado Pago) Tj');
    expect(mp.toString('latin1')).toContain('(1. Abra o app do Mercado Pago.) Tj');
    expect(stickerPdf({ storeName: 'P', tillName: 'C', qrCodeText: CODE, wallet: 'pix' }).toString('latin1')).toContain(
      '(Pague com Pix) Tj',
    );
  });

  it('draws the QR as filled squares', () => {
    expect((text.match(/ re$/gm) ?? []).length).toBeGreaterThan(100);
  });
});
