import { writeFileSync } from 'node:fs';
import { type Command, noteOnStderr, parseOrRefuse } from '../command.js';
import { summaryTable } from '../play/summary.js';
import { LOAD_USAGE, parseLoadCommand } from './options.js';
import { runLoad } from './run.js';

export const loadCommand: Command = {
  usage: LOAD_USAGE,
  async run(args) {
    const { options, json } = parseOrRefuse(() => parseLoadCommand(args));
    console.error(`load: ${options.rate} orders/s for ${options.durationMs / 1000} s, seed ${options.seed}`);
    const summary = await runLoad({ ...options, progress: true, note: noteOnStderr });
    console.log(summaryTable(summary));
    if (json) writeFileSync(json, `${JSON.stringify(summary, null, 2)}\n`);
    return summary.violations.length > 0 ? 1 : 0;
  },
};
