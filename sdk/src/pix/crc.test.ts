import { describe, expect, it } from 'vitest';
import { crc16 } from './crc.js';

describe('crc16', () => {
  it('gives the CRC-16/CCITT-FALSE check value', () => {
    expect(crc16('123456789')).toBe('29B1');
  });

  it('gives 0xFFFF, the initial value, for empty text', () => {
    expect(crc16('')).toBe('FFFF');
  });

  // Expected values from Python's binascii.crc_hqx(data, 0xFFFF), an independent implementation.
  it('writes hex letters in uppercase and pads with leading zeros', () => {
    expect(crc16('A38')).toBe('019C');
    expect(crc16('A149')).toBe('0056');
  });

  it('covers the whole payload up to and including 6304', () => {
    const payload =
      '00020126580014br.gov.bcb.pix0136123e4567-e12b-12d1-a456-4266554400005204000053039865802BR5913Fulano de Tal6008BRASILIA62070503***6304';
    expect(crc16(payload)).toBe('1D3D');
  });
});
