import type { Wallet } from '@tillgate/sdk/protocol';
import QRCode from 'qrcode';

/** A6 in PDF points (105 × 148 mm). */
const WIDTH = 297.64;
const HEIGHT = 419.53;
const QR_SIZE = 200;
const MARGIN = 24;

/** The sticker speaks to the shop's payers, in Portuguese: a Pix code is read by any bank's app. */
const PIX = {
  title: 'Pague com Pix',
  steps: [
    '1. Abra o app do seu banco e escolha Pix.',
    '2. Toque em Ler QR code e aponte para este código.',
    '3. Confira o valor e o nome da loja e confirme.',
  ],
};
/** A wallet's own code (Mercado Pago's POS QR) is read by that wallet's app. */
const WALLET_APP: Partial<Record<Wallet, { title: string; steps: string[] }>> = {
  mercadopago: {
    title: 'Pague com Mercado Pago',
    steps: [
      '1. Abra o app do Mercado Pago.',
      '2. Toque em Ler QR code e aponte para este código.',
      '3. Confira o valor e o nome da loja e confirme.',
    ],
  },
};

/**
 * A till's printed QR as a one-page A6 PDF to stick on the counter: the store and till, the QR drawn as
 * vector squares (sharp at any printer), and how to pay. Written by hand: one page, two standard fonts.
 */
export function stickerPdf(input: {
  storeName: string;
  tillName: string;
  qrCodeText: string;
  wallet?: Wallet;
}): Buffer {
  const { title, steps } = (input.wallet && WALLET_APP[input.wallet]) || PIX;
  const content = [
    text('F2', 24, MARGIN, 372, title),
    text('F1', 11, MARGIN, 350, `${input.storeName} · ${input.tillName}`),
    qrSquares(input.qrCodeText, (WIDTH - QR_SIZE) / 2, 130),
    ...steps.map((step, i) => text('F1', 9, MARGIN, 100 - i * 14, step)),
  ].join('\n');
  return assemble([
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 ${WIDTH} ${HEIGHT}] /Contents 4 0 R /Resources << /Font << /F1 5 0 R /F2 6 0 R >> >> >>`,
    `<< /Length ${Buffer.byteLength(content, 'latin1')} >>\nstream\n${content}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>',
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>',
  ]);
}

function text(font: 'F1' | 'F2', size: number, x: number, y: number, value: string): string {
  return `BT /${font} ${size} Tf ${x} ${y} Td (${pdfString(value)}) Tj ET`;
}

/** A PDF literal string in WinAnsi: Latin-1 as octal escapes, anything beyond it a `?`. */
function pdfString(value: string): string {
  return [...value]
    .map((c) => {
      const code = c.codePointAt(0) ?? 63;
      if (c === '(' || c === ')' || c === '\\') return `\\${c}`;
      if (code >= 32 && code < 127) return c;
      return code <= 255 ? `\\${code.toString(8).padStart(3, '0')}` : '?';
    })
    .join('');
}

/** The QR's dark modules as filled rectangles, one per horizontal run, bottom-left at (x, y). */
function qrSquares(value: string, x: number, y: number): string {
  const { modules } = QRCode.create(value, { errorCorrectionLevel: 'M' });
  const n = modules.size;
  const cell = QR_SIZE / n;
  const rects: string[] = [];
  for (let row = 0; row < n; row++) {
    for (let col = 0; col < n; ) {
      if (!modules.get(row, col)) {
        col++;
        continue;
      }
      const start = col;
      while (col < n && modules.get(row, col)) col++;
      const top = y + QR_SIZE - (row + 1) * cell;
      rects.push(`${fmt(x + start * cell)} ${fmt(top)} ${fmt((col - start) * cell)} ${fmt(cell)} re`);
    }
  }
  return `0 g\n${rects.join('\n')}\nf`;
}

const fmt = (n: number): string => n.toFixed(2);

/** Numbers the objects from 1 and writes the cross-reference table with each one's byte offset. */
function assemble(objects: string[]): Buffer {
  let body = '%PDF-1.4\n%\xe2\xe3\xcf\xd3\n';
  const offsets: number[] = [];
  objects.forEach((object, i) => {
    offsets.push(Buffer.byteLength(body, 'latin1'));
    body += `${i + 1} 0 obj\n${object}\nendobj\n`;
  });
  const xref = Buffer.byteLength(body, 'latin1');
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  body += offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('');
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}
