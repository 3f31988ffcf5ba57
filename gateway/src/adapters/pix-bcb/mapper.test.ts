import { expect, it } from 'vitest';
import { chargeRefOf, printedTxidOf, txidOf } from './mapper.js';

it("names a hybrid order's printed-QR charge apart, and reports its payments as the order's", () => {
  const orderId = 'ord_01J0000000000000000000000A';
  expect(printedTxidOf(orderId)).toMatch(/^[a-zA-Z0-9]{26,35}$/);
  expect(printedTxidOf(orderId)).not.toBe(txidOf(orderId));
  expect(chargeRefOf(printedTxidOf(orderId))).toBe(txidOf(orderId));
  expect(chargeRefOf(txidOf(orderId))).toBe(txidOf(orderId));
  // Another PSP's 30-character txid ending otherwise is left alone.
  expect(chargeRefOf('01J0000000000000000000000Axxxx')).toBe('01J0000000000000000000000Axxxx');
});
