import { parseArgs } from 'node:util';
import { type Command, noteOnStderr, parseOrRefuse } from '../command.js';
import { parseMix } from '../play/mix.js';
import { COMMON_OPTIONS, COMMON_USAGE, parseCommon, parseDuration, parseWallet } from '../play/options.js';
import { summaryTable } from '../play/summary.js';
import { runDemo } from './run.js';

const USAGE = `tillgate-sim demo [options]
${COMMON_USAGE}
  --duration D         stop after 30s, 2m or seconds (default: at Ctrl-C)
  --mix M              fates by weight (default pay=60,expire=10,cancel=15,refund=15)
  --wallet W           wallet of every order (default: each till's wallets in turn)`;

function parseDemo(args: string[]) {
  const { values } = parseArgs({
    args,
    options: {
      ...COMMON_OPTIONS,
      duration: { type: 'string' },
      mix: { type: 'string', default: 'pay=60,expire=10,cancel=15,refund=15' },
      wallet: { type: 'string' },
    },
  });
  return {
    ...parseCommon(values),
    mix: parseMix(values.mix),
    ...(values.wallet ? { wallet: parseWallet(values.wallet) } : {}),
    ...(values.duration ? { durationMs: parseDuration(values.duration) } : {}),
  };
}

export const demoCommand: Command = {
  usage: USAGE,
  async run(args) {
    const { durationMs, ...options } = parseOrRefuse(() => parseDemo(args));
    const stopping = new AbortController();
    // The first Ctrl-C stops the tills and checks the run; a second one leaves at once.
    const onSigint = () => {
      if (stopping.signal.aborted) process.exit(130);
      stopping.abort();
    };
    process.on('SIGINT', onSigint);
    const timer = durationMs === undefined ? undefined : setTimeout(() => stopping.abort(), durationMs);
    const stop = stopping.signal;
    console.error(`demo: seed ${options.seed}; Ctrl-C stops the tills and checks the run`);
    const summary = await runDemo({ ...options, stop, note: noteOnStderr });
    process.off('SIGINT', onSigint);
    clearTimeout(timer);
    console.log(summaryTable(summary));
    return summary.violations.length > 0 ? 1 : 0;
  },
};
