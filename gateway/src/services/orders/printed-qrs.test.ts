import { expect, it } from 'vitest';
import { cityOf } from './printed-qrs.js';

it("reads the city of a Brazilian address for a printed code's tag 60, BRASIL when there is none", () => {
  expect(cityOf('Rua Augusta, 100, São Paulo - SP')).toBe('São Paulo');
  expect(cityOf('Av. Beira Mar, 10, Florianópolis-SC')).toBe('Florianópolis');
  expect(cityOf(null)).toBe('BRASIL');
  expect(cityOf('')).toBe('BRASIL');
});
