/**
 * Prints what the browser client costs a page: the built browser entry bundled and minified as an app
 * would ship it, then gzipped. Run after `pnpm build`.
 */
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

const { outputFiles } = await build({
  stdin: {
    contents: "export { Tillgate } from './dist/browser.js';",
    resolveDir: new URL('..', import.meta.url).pathname,
    loader: 'js',
  },
  bundle: true,
  minify: true,
  format: 'esm',
  platform: 'browser',
  target: 'es2022',
  write: false,
});
const code = outputFiles[0]?.contents ?? new Uint8Array();
const kib = (n: number) => `${(n / 1024).toFixed(1)} KiB`;
console.log(
  `@tillgate/sdk browser core: ${kib(code.length)} minified, ${kib(gzipSync(code, { level: 9 }).length)} gzipped`,
);
