import { describe, expect, it } from 'vitest';
import { renderQR } from './index.js';

const order = { qr_code_text: '00020101021226580014br.gov.bcb.pix2536pix.example.com/qr/v2/cobv/ord_16304ABCD' };

describe('renderQR', () => {
  it('draws an SVG document and the same SVG as a data URL', async () => {
    const svg = await renderQR(order, { format: 'svg' });
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    const url = await renderQR(order, { format: 'dataurl' });
    expect(url.startsWith('data:image/svg+xml;base64,')).toBe(true);
    expect(atob(url.split(',')[1] ?? '')).toBe(svg);
  });

  it('draws a square code for a terminal, two module rows per line, with a quiet zone', async () => {
    const text = await renderQR(order, { format: 'terminal', margin: 2 });
    const lines = text.trimEnd().split('\n');
    const width = lines[0]?.length ?? 0;
    expect(lines.every((l) => l.length === width)).toBe(true);
    expect(lines.length).toBe(Math.ceil(width / 2));
    expect(lines[0]).toBe('█'.repeat(width));
    expect(text).toMatch(/[▀▄ ]/);
  });
});
