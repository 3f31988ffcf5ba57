import { build } from 'esbuild';

/**
 * Bundles the page's script once, at start-up, into memory: the SDK's browser build and the QR
 * renderer go in with it, so the page loads nothing from anywhere else.
 */
export async function bundlePageScript(): Promise<string> {
  const { outputFiles } = await build({
    entryPoints: [new URL('./checkout.ts', import.meta.url).pathname],
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    // Inside this repository the SDK is bundled from its source, as the rest of the workspace runs it.
    conditions: ['source'],
    write: false,
  });
  return outputFiles[0]?.text ?? '';
}
