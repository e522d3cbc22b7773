/**
 * Prints straight to stdout (not through console.log, which Jest decorates with a stack trace),
 * so that the error counts of every phase show in the run, passed or failed.
 */
export function say(text: string): void {
  process.stdout.write(`${text}\n`);
}

/** An aligned table with a title line; nothing when there are no rows. */
export function printTable(title: string, rows: Record<string, string | number>[]): void {
  if (rows.length === 0) {
    say(`\n${title}: none`);
    return;
  }
  const columns = Object.keys(rows[0]);
  const widths = columns.map((c) => Math.max(c.length, ...rows.map((r) => String(r[c] ?? '').length)));
  const line = (cells: string[]) =>
    cells
      .map((cell, i) => cell.padEnd(widths[i]))
      .join('  ')
      .trimEnd();
  say(`\n${title}`);
  say(line(columns));
  say(line(widths.map((w) => '-'.repeat(w))));
  for (const row of rows) say(line(columns.map((c) => String(row[c] ?? ''))));
}
