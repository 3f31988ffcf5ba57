import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { WALLETS, type Wallet } from '@tillgate/sdk/protocol';
import { parseMix } from './mix.js';
import type { LoadOptions, SimulatorCredentials } from './run.js';

export const LOAD_USAGE = `tillgate-sim load [options]
  --url URL            gateway (default http://127.0.0.1:3000)
  --watch-url URL      where the till watchers connect (default: --url; another instance tests the fan-out)
  --credentials FILE   demo credentials (default ./.data/demo-credentials.json, written by pnpm start)
  --stores N           stores to drive (the demo merchant has 1)
  --tills M            tills to drive (default: every till in the credentials; the demo has 2)
  --rate R             orders per second over all tills (default 10)
  --duration D         how long tills create orders: 30s, 2m or seconds (default 30s)
  --mix M              fates by weight (default pay=70,expire=10,cancel=10,refund=10)
  --seed S             replays the same decisions (default: random, printed)
  --wallet W           wallet of every order (default mercadopago: the sandbox)
  --json FILE          also write the summary as JSON`;

export interface LoadCommand {
  options: Omit<LoadOptions, 'progress'>;
  json?: string;
}

export function parseDuration(text: string): number {
  const m = /^(\d+(?:\.\d+)?)(ms|s|m)?$/.exec(text);
  if (!m) throw new Error(`--duration: "${text}" is not like 30s, 2m or 45`);
  const unit = { ms: 1, s: 1000, m: 60_000 }[(m[2] ?? 's') as 'ms' | 's' | 'm'];
  return Number(m[1]) * unit;
}

const positive = (name: string, text: string) => {
  const n = Number(text);
  if (!Number.isFinite(n) || n <= 0) throw new Error(`--${name}: "${text}" must be a number above 0`);
  return n;
};

/** Parses `load`'s arguments and reads the credentials file; throws a one-line message on anything wrong. */
export function parseLoadCommand(args: string[]): LoadCommand {
  const { values } = parseArgs({
    args,
    options: {
      url: { type: 'string', default: 'http://127.0.0.1:3000' },
      'watch-url': { type: 'string' },
      credentials: { type: 'string', default: './.data/demo-credentials.json' },
      stores: { type: 'string', default: '1' },
      tills: { type: 'string' },
      rate: { type: 'string', default: '10' },
      duration: { type: 'string', default: '30s' },
      mix: { type: 'string', default: 'pay=70,expire=10,cancel=10,refund=10' },
      seed: { type: 'string' },
      wallet: { type: 'string', default: 'mercadopago' },
      json: { type: 'string' },
    },
  });
  const credentials = readCredentials(values.credentials);
  if (positive('stores', values.stores) !== 1)
    throw new Error('--stores: the demo credentials hold one store; more stores need credentials for them');
  const tills = values.tills === undefined ? credentials.tills.length : positive('tills', values.tills);
  if (tills > credentials.tills.length)
    throw new Error(`--tills: the credentials hold ${credentials.tills.length} tills, not ${tills}`);
  if (!WALLETS.includes(values.wallet as Wallet)) throw new Error(`--wallet: one of ${WALLETS.join(', ')}`);
  return {
    options: {
      url: values.url,
      ...(values['watch-url'] ? { watchUrl: values['watch-url'] } : {}),
      credentials,
      tills,
      rate: positive('rate', values.rate),
      durationMs: parseDuration(values.duration),
      mix: parseMix(values.mix),
      seed: values.seed === undefined ? Math.floor(Math.random() * 2 ** 31) : Math.trunc(Number(values.seed)),
      wallet: values.wallet as Wallet,
    },
    ...(values.json ? { json: values.json } : {}),
  };
}

function readCredentials(file: string): SimulatorCredentials {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as SimulatorCredentials;
  } catch (err) {
    throw new Error(`--credentials: cannot read ${file} (${(err as Error).message}); is pnpm start running?`);
  }
}
