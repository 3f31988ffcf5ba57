import { parseArgs } from 'node:util';
import { parseMix } from '../play/mix.js';
import { COMMON_OPTIONS, COMMON_USAGE, parseCommon, parseDuration, parseWallet, positive } from '../play/options.js';
import type { LoadOptions } from './run.js';

export const LOAD_OPTIONS = {
  ...COMMON_OPTIONS,
  'watch-url': { type: 'string' },
  rate: { type: 'string', default: '10' },
  duration: { type: 'string', default: '30s' },
  mix: { type: 'string', default: 'pay=70,expire=10,cancel=10,refund=10' },
  wallet: { type: 'string', default: 'mercadopago' },
  'pix-emulator': { type: 'string' },
  json: { type: 'string' },
} as const;

export const LOAD_OPTIONS_USAGE = `${COMMON_USAGE}
  --watch-url URL      where the till watchers connect (default: --url; another instance tests the fan-out)
  --rate R             orders per second over all tills (default 10)
  --duration D         how long tills create orders: 30s, 2m or seconds (default 30s)
  --mix M              fates by weight (default pay=70,expire=10,cancel=10,refund=10)
  --wallet W           wallet of every order (default mercadopago: the sandbox)
  --json FILE          also write the summary as JSON`;

export const LOAD_USAGE = `tillgate-sim load [options]
${LOAD_OPTIONS_USAGE}
  --pix-emulator URL   pay Pix orders at this PSP emulator, as a payer's bank would (default: the sandbox route)`;

export interface LoadCommand {
  options: Omit<LoadOptions, 'progress'>;
  json?: string;
}

type LoadValues = ReturnType<typeof parseArgs<{ args: string[]; options: typeof LOAD_OPTIONS }>>['values'];

/** The load options out of parsed values; `chaos` takes the same ones. */
export function loadCommandOf(values: LoadValues): LoadCommand {
  return {
    options: {
      ...parseCommon(values),
      ...(values['watch-url'] ? { watchUrl: values['watch-url'] } : {}),
      ...(values['pix-emulator'] ? { pixEmulatorUrl: values['pix-emulator'] } : {}),
      rate: positive('rate', values.rate),
      durationMs: parseDuration(values.duration),
      mix: parseMix(values.mix),
      wallet: parseWallet(values.wallet),
    },
    ...(values.json ? { json: values.json } : {}),
  };
}

/** Parses `load`'s arguments and reads the credentials file; throws a one-line message on anything wrong. */
export function parseLoadCommand(args: string[]): LoadCommand {
  return loadCommandOf(parseArgs({ args, options: LOAD_OPTIONS }).values);
}
