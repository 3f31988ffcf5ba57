#!/usr/bin/env -S node --import tsx --conditions=source
/** `tillgate-sim`: plays tills and payers against a running gateway through the SDK. */
import { chaosCommand } from './chaos/command.js';
import { type Command, UsageError } from './command.js';
import { demoCommand } from './demo/command.js';
import { loadCommand } from './load/command.js';
import { medCommand } from './med/command.js';

const COMMANDS: Record<string, Command> = {
  demo: demoCommand,
  load: loadCommand,
  chaos: chaosCommand,
  med: medCommand,
};
const USAGE = `tillgate-sim <command>\n\n${Object.values(COMMANDS)
  .map((c) => c.usage)
  .join('\n\n')}`;

async function main(argv: string[]): Promise<number> {
  const [name, ...args] = argv;
  const command = name === undefined ? undefined : COMMANDS[name];
  if (!command) {
    const help = name === undefined || name === '--help';
    console.error(help ? USAGE : `unknown command "${name}"\n\n${USAGE}`);
    return name === '--help' ? 0 : 2;
  }
  try {
    return await command.run(args);
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    console.error(`${err.message}\n\n${command.usage}`);
    return 2;
  }
}

main(process.argv.slice(2).filter((a) => a !== '--')).then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
