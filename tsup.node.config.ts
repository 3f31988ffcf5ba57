import { copyFileSync, mkdirSync, readdirSync } from 'node:fs';
import path from 'node:path';
import type { Options } from 'tsup';

/** Files beside the code that modules read by a path relative to themselves (the rate limiter's Lua script, the embedded database's thread). */
const ASSETS = /\.(lua|mjs)$/;

/**
 * The server packages (gateway, simulator, demo) as plain JavaScript, so `pnpm start` runs no TypeScript
 * loader: `tsup --config ../tsup.node.config.ts` in a package transpiles each of its source files on its
 * own into dist/, which mirrors src/, so every path relative to a module (the panel's web/dist, a Lua
 * script) holds in both. Imports of the other packages resolve to their dist/ the same way (their
 * exports' `default`); development and tests keep the `source` condition and tsx. Type-checking stays
 * `pnpm typecheck`'s job.
 */
const config: Options = {
  entry: ['src/**/*.ts', '!src/**/*.test.ts'],
  bundle: false,
  format: ['esm'],
  platform: 'node',
  target: 'node20',
  outDir: 'dist',
  clean: true,
  async onSuccess() {
    for (const file of readdirSync('src', { recursive: true, encoding: 'utf8' })) {
      if (!ASSETS.test(file)) continue;
      mkdirSync(path.dirname(path.join('dist', file)), { recursive: true });
      copyFileSync(path.join('src', file), path.join('dist', file));
    }
  },
};

export default config;
