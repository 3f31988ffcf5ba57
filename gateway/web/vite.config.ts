import { defineConfig } from 'vite';

export default defineConfig({
  // The SDK's protocol module is read from its sources, so the panel builds without building the SDK first.
  resolve: { conditions: ['source', 'browser', 'module', 'import', 'default'] },
  esbuild: { jsx: 'automatic', jsxImportSource: 'preact' },
  // Under /panel/, apart from the gateway's own /assets/wallets/.
  build: { outDir: 'dist', assetsDir: 'panel', emptyOutDir: true, target: 'es2022', assetsInlineLimit: 0 },
  server: { proxy: { '/v1': { target: 'http://127.0.0.1:3000', ws: true } } },
});
