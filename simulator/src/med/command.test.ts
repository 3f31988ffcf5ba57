import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type PixEmulator, startPixEmulator } from '../emulators/pix/index.js';
import { medCommand } from './command.js';

const TXID = '01J0000000000000000000000A';

describe('tillgate-sim med', () => {
  let emulator: PixEmulator;
  beforeAll(async () => {
    emulator = await startPixEmulator();
    emulator.ledger.putCob(TXID, { calendario: { expiracao: 3600 }, valor: { original: '10.00' }, chave: 'k' });
    emulator.ledger.pay(TXID);
  });
  afterAll(() => emulator.close());

  it('plays a MED devolução of an order at the Pix emulator, and refuses a bad natureza', async () => {
    const ok = await medCommand.run([
      `ord_${TXID}`,
      '--valor',
      '4.00',
      '--natureza',
      'MED_OPERACIONAL',
      '--emulator',
      emulator.url,
    ]);
    expect(ok).toBe(0);
    expect(emulator.ledger.getCob(TXID).pix?.[0]?.devolucoes).toEqual([
      expect.objectContaining({ valor: '4.00', status: 'DEVOLVIDO', natureza: 'MED_OPERACIONAL' }),
    ]);
    expect(await medCommand.run([TXID, '--valor', '6.01', '--emulator', emulator.url])).toBe(1);
    await expect(medCommand.run([TXID, '--natureza', 'ORIGINAL', '--emulator', emulator.url])).rejects.toThrow(
      /natureza/,
    );
  });
});
