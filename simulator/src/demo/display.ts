import { boardLines, rowLine, type TillRow } from './board.js';

export interface Display {
  /** A row changed. */
  changed(row: TillRow): void;
  stop(): void;
}

/**
 * On a terminal: the whole table redrawn in place every half second (the cursor goes back up and each
 * line is overwritten, so nothing flickers). Otherwise: the table once, then one plain line per change.
 */
export function openDisplay(rows: readonly TillRow[], out: NodeJS.WriteStream = process.stdout): Display {
  if (!out.isTTY) {
    out.write(`${boardLines(rows, Date.now(), false).join('\n')}\n`);
    return { changed: (row) => out.write(`${rowLine(row, Date.now())}\n`), stop: () => {} };
  }
  let drawn = 0;
  const draw = () => {
    const lines = boardLines(rows, Date.now(), true, (out.columns ?? 120) - 1);
    out.write(`${drawn > 0 ? `\u001b[${drawn}F` : ''}${lines.map((l) => `${l}\u001b[K`).join('\n')}\n`);
    drawn = lines.length;
  };
  out.write('\u001b[?25l');
  draw();
  const timer = setInterval(draw, 500);
  return {
    changed: () => {},
    stop: () => {
      clearInterval(timer);
      draw();
      out.write('\u001b[?25h');
    },
  };
}
