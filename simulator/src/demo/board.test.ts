import { describe, expect, it } from 'vitest';
import { boardLines, rowLine } from './board.js';

const NOW = 1_000_000;

describe('the demo board', () => {
  it('shows the order, the amount in reais, the wallet and a mm:ss countdown while pending', () => {
    const row = { till: 'Caixa 01', ref: 'DEMO-1', amount: 123456, wallet: 'pix', deadline: NOW + 61_500 } as const;
    expect(rowLine({ ...row, status: 'pending' }, NOW)).toMatch(/^Caixa 01 +DEMO-1 +R\$ 1234,56 +pix +01:02 +pending$/);
    expect(rowLine({ ...row, status: 'approved' }, NOW)).toMatch(/pix +approved$/);
    expect(rowLine({ ...row, status: 'pending' }, NOW + 90_000)).toMatch(/00:00 +pending$/);
  });

  it('colours only the status, so the columns stay aligned', () => {
    const [header, line] = boardLines([{ till: 'Caixa 01', status: 'expired' }], NOW, true);
    expect(header).toMatch(/^till +order +amount +wallet +left +status/);
    expect(line?.replace(/ {2,}/, ' ')).toBe('Caixa 01 \u001b[90mexpired\u001b[0m');
    expect(line?.indexOf('\u001b')).toBe(header?.indexOf('status'));
  });
});
