#!/usr/bin/env -S node --import tsx --conditions=source
/** `tillgate-sim`: plays tills and payers against a running gateway through the SDK. */
import { writeFileSync } from 'node:fs';
import { LOAD_USAGE, parseLoadCommand } from './load/options.js';
import { runLoad } from './load/run.js';
import { summaryTable } from './load/summary.js';

const USAGE = `tillgate-sim <command>\n\n${LOAD_USAGE}`;

async function main(argv: string[]): Promise<number> {
  const [command, ...args] = argv;
  if (command !== 'load') {
    console.error(command === undefined || command === '--help' ? USAGE : `unknown command "${command}"\n\n${USAGE}`);
    return command === '--help' ? 0 : 2;
  }
  let parsed: ReturnType<typeof parseLoadCommand>;
  try {
    parsed = parseLoadCommand(args);
  } catch (err) {
    console.error(`${(err as Error).message}\n\n${LOAD_USAGE}`);
    return 2;
  }
  const { options, json } = parsed;
  console.error(
    `load: ${options.tills} tills, ${options.rate} orders/s for ${options.durationMs / 1000} s, seed ${options.seed}`,
  );
  const summary = await runLoad({ ...options, progress: true });
  console.log(summaryTable(summary));
  if (json) writeFileSync(json, `${JSON.stringify(summary, null, 2)}\n`);
  return summary.violations.length > 0 ? 1 : 0;
}

main(process.argv.slice(2).filter((a) => a !== '--')).then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
