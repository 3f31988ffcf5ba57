import { defineConfig } from 'tsup';

/** One build per platform of the client; the other entries are the same everywhere. */
export default defineConfig([
  {
    entry: {
      index: 'src/index.ts',
      pix: 'src/pix/index.ts',
      protocol: 'src/protocol/index.ts',
      qr: 'src/qr/index.ts',
      webhooks: 'src/webhooks/index.ts',
    },
    format: ['esm', 'cjs'],
    dts: true,
    platform: 'node',
    target: 'node20',
    sourcemap: true,
  },
  {
    entry: { browser: 'src/browser.ts' },
    format: ['esm'],
    dts: true,
    platform: 'browser',
    target: 'es2022',
    sourcemap: true,
  },
]);
