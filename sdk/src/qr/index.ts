import QRCode from 'qrcode';
import type { Order } from '../protocol/index.js';

export type QRFormat = 'svg' | 'dataurl' | 'terminal';

export interface RenderQROptions {
  format: QRFormat;
  /** Quiet-zone modules around the code; default 2. */
  margin?: number;
}

/**
 * Draws an order's QR (its `qr_code_text`, the Pix copia e cola) as an SVG document, an SVG data URL
 * for an `<img src>`, or text for a terminal. The same in Node and browsers.
 *
 * @example
 * ```ts
 * process.stdout.write(await renderQR(order, { format: 'terminal' }));
 * img.src = await renderQR(order, { format: 'dataurl' });
 * ```
 */
export async function renderQR(order: Pick<Order, 'qr_code_text'>, options: RenderQROptions): Promise<string> {
  const margin = options.margin ?? 2;
  if (options.format === 'terminal') return renderTerminal(order.qr_code_text, margin);
  const svg = await QRCode.toString(order.qr_code_text, { type: 'svg', margin, errorCorrectionLevel: 'M' });
  return options.format === 'svg' ? svg : `data:image/svg+xml;base64,${btoa(svg)}`;
}

/**
 * Two rows of modules per line with half blocks, drawn light-on-dark (light modules are the printed
 * ones) so the code reads dark-on-light on a dark terminal, as phone cameras expect.
 */
function renderTerminal(text: string, margin: number): string {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const size = modules.size;
  const light = (row: number, col: number) =>
    row < 0 || col < 0 || row >= size || col >= size || !modules.get(row, col);
  const lines: string[] = [];
  for (let row = -margin; row < size + margin; row += 2) {
    let line = '';
    for (let col = -margin; col < size + margin; col++) {
      const top = light(row, col);
      const bottom = row + 1 < size + margin && light(row + 1, col);
      line += top && bottom ? '█' : top ? '▀' : bottom ? '▄' : ' ';
    }
    lines.push(line);
  }
  return `${lines.join('\n')}\n`;
}
