import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { type Command, noteOnStderr, parseOrRefuse } from '../command.js';
import { LOAD_OPTIONS, LOAD_OPTIONS_USAGE, loadCommandOf } from '../load/options.js';
import { parseDuration } from '../play/options.js';
import { summaryTable } from '../play/summary.js';
import { type ChaosOptions, faultLines, runChaos } from './run.js';

const USAGE = `tillgate-sim chaos [options]   (a load run with faults; the load options, with --wallet pix by default)
${LOAD_OPTIONS_USAGE.split('\n')
  .filter((l) => !l.includes('--watch-url') && !l.includes('--wallet'))
  .join('\n')}
  --wallet W           the wallet every order takes (default pix); its provider's emulator plays the faults
  --emulator URL       that emulator (default: the wallet's under emulators in the credentials, which pnpm start
                       writes; for pix also --pix-emulator or pix_emulator_url)
  --late F             share of provider notifications sent late (default 0.15), --late-ms after how long (default 3000)
  --twice F            share sent twice (default 0.15)
  --lost F             share never sent (default 0.1): the gateway must find those payments itself
  --psp-errors F       share of provider calls answered 503 (default 0.05)
  --psp-slow F         share of provider calls answered --psp-slow-ms late (default 0.05, 800 ms)
  --cut-every D        drop every till watcher's WebSocket this often (default 3s)`;

const fraction = (name: string, text: string) => {
  const n = Number(text);
  if (!Number.isFinite(n) || n < 0 || n > 1) throw new Error(`--${name}: "${text}" must be between 0 and 1`);
  return n;
};

function parseChaos(args: string[]): { options: ChaosOptions; json?: string } {
  const { values } = parseArgs({
    args,
    options: {
      ...LOAD_OPTIONS,
      wallet: { type: 'string', default: 'pix' },
      emulator: { type: 'string' },
      late: { type: 'string', default: '0.15' },
      'late-ms': { type: 'string', default: '3000' },
      twice: { type: 'string', default: '0.15' },
      lost: { type: 'string', default: '0.1' },
      'psp-errors': { type: 'string', default: '0.05' },
      'psp-slow': { type: 'string', default: '0.05' },
      'psp-slow-ms': { type: 'string', default: '800' },
      'cut-every': { type: 'string', default: '3s' },
    },
  });
  const { options, json } = loadCommandOf(values);
  const { pixEmulatorUrl, ...load } = options;
  const pix = options.wallet === 'pix' ? (pixEmulatorUrl ?? options.credentials.pix_emulator_url) : undefined;
  const emulatorUrl = values.emulator ?? pix ?? options.credentials.emulators?.[options.wallet];
  if (!emulatorUrl)
    throw new Error(`--emulator: chaos needs the ${options.wallet} emulator (pnpm start runs one for every wallet)`);
  return {
    options: {
      ...load,
      emulatorUrl,
      progress: true,
      faults: {
        webhooks: {
          late: fraction('late', values.late),
          lateMs: parseDuration(`${values['late-ms']}ms`),
          twice: fraction('twice', values.twice),
          never: fraction('lost', values.lost),
        },
        errors: fraction('psp-errors', values['psp-errors']),
        slow: fraction('psp-slow', values['psp-slow']),
        slowMs: parseDuration(`${values['psp-slow-ms']}ms`),
      },
      cutEveryMs: parseDuration(values['cut-every']),
    },
    ...(json ? { json } : {}),
  };
}

export const chaosCommand: Command = {
  usage: USAGE,
  async run(args) {
    const { options, json } = parseOrRefuse(() => parseChaos(args));
    console.error(
      `chaos: ${options.rate} ${options.wallet} orders/s for ${options.durationMs / 1000} s, seed ${options.seed}, its provider at ${options.emulatorUrl}`,
    );
    const summary = await runChaos({ ...options, note: noteOnStderr });
    console.log(`${summaryTable(summary)}\n${faultLines(summary.faults)}`);
    if (json) writeFileSync(json, `${JSON.stringify(summary, null, 2)}\n`);
    return summary.violations.length > 0 ? 1 : 0;
  },
};
