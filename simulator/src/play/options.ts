import type { ParseArgsConfig } from 'node:util';
import { WALLETS, type Wallet } from '@tillgate/sdk/protocol';
import { type CredentialsFile, readCredentials } from './credentials.js';
import type { FleetAsk } from './fleet.js';

/** The options every command takes, in `node:util` parseArgs form. */
export const COMMON_OPTIONS = {
  url: { type: 'string', default: 'http://127.0.0.1:3000' },
  credentials: { type: 'string', default: './.data/demo-credentials.json' },
  stores: { type: 'string' },
  tills: { type: 'string' },
  seed: { type: 'string' },
} as const satisfies ParseArgsConfig['options'];

export const COMMON_USAGE = `  --url URL            gateway (default http://127.0.0.1:3000)
  --credentials FILE   till credentials (default ./.data/demo-credentials.json, written by pnpm start)
  --stores N           stores to play (default: every store in the credentials; the demo has 1)
  --tills M            tills to play in each store (default: all; the demo store has 2)
  --seed S             replays the same decisions (default: random, printed)`;

export interface CommonOptions extends FleetAsk {
  url: string;
  credentials: CredentialsFile;
  seed: number;
}

type CommonValues = { url: string; credentials: string; stores?: string; tills?: string; seed?: string };

export function parseCommon(values: CommonValues): CommonOptions {
  return {
    url: values.url,
    credentials: readCredentials(values.credentials),
    ...(values.stores === undefined ? {} : { stores: positiveInt('stores', values.stores) }),
    ...(values.tills === undefined ? {} : { tillsPerStore: positiveInt('tills', values.tills) }),
    seed: values.seed === undefined ? Math.floor(Math.random() * 2 ** 31) : Math.trunc(Number(values.seed)),
  };
}

export function parseDuration(text: string): number {
  const m = /^(\d+(?:\.\d+)?)(ms|s|m)?$/.exec(text);
  if (!m) throw new Error(`--duration: "${text}" is not like 30s, 2m or 45`);
  const unit = { ms: 1, s: 1000, m: 60_000 }[(m[2] ?? 's') as 'ms' | 's' | 'm'];
  return Number(m[1]) * unit;
}

export function positive(name: string, text: string): number {
  const n = Number(text);
  if (!Number.isFinite(n) || n <= 0) throw new Error(`--${name}: "${text}" must be a number above 0`);
  return n;
}

function positiveInt(name: string, text: string): number {
  const n = positive(name, text);
  if (!Number.isInteger(n)) throw new Error(`--${name}: "${text}" must be a whole number`);
  return n;
}

export function parseWallet(text: string): Wallet {
  if (!WALLETS.includes(text as Wallet)) throw new Error(`--wallet: one of ${WALLETS.join(', ')}`);
  return text as Wallet;
}
