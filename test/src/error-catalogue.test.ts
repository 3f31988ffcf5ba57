import { readFileSync } from 'node:fs';
import { ERROR_CATALOGUE } from '@tillgate/sdk/protocol';
import { expect, it } from 'vitest';

it("documents exactly the SDK's error catalogue, with the same statuses, in the README", () => {
  const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
  const documented = Object.fromEntries(
    [...readme.matchAll(/^\|\s*`([a-z_]+)`\s*\|\s*(\d{3})\s*\|/gm)].map((m) => [m[1], Number(m[2])]),
  );
  const catalogue = Object.fromEntries(Object.entries(ERROR_CATALOGUE).map(([code, { status }]) => [code, status]));
  expect(documented).toEqual(catalogue);
});
