import { PIX_PROFILE_IDS } from '@tillgate/gateway';
import { conformanceSuite } from './support/conformance.js';
import { pixProvider, sandboxProvider } from './support/providers.js';

// What reads the Pix emulator's ledger (BR Codes, devoluções, OAuth tokens) is in adapter-conformance-pix.test.ts.
await conformanceSuite('sandbox', async (t, token) => sandboxProvider(t, token), 'pix');
for (const profile of PIX_PROFILE_IDS)
  await conformanceSuite(
    `pix-bcb, ${profile} profile, against the Pix emulator`,
    (t) => pixProvider(t, profile),
    'pix',
  );
