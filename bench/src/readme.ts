import { readFileSync, writeFileSync } from 'node:fs';

const START = '<!-- bench:table -->';
const END = '<!-- /bench:table -->';

/** Replaces the table between the README's bench markers; the README keeps its own prose around it. */
export function updateReadmeTable(readmePath: string, table: string, caption: string): boolean {
  const readme = readFileSync(readmePath, 'utf8');
  const start = readme.indexOf(START);
  const end = readme.indexOf(END);
  if (start < 0 || end < start) return false;
  writeFileSync(readmePath, `${readme.slice(0, start + START.length)}\n${caption}\n\n${table}\n${readme.slice(end)}`);
  return true;
}
