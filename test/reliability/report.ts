/** Prints a suite's figures where a CI log shows them (Jest's console wrapper would bury them). */
export function report(title: string, rows: Record<string, string | number>): void {
  const width = Math.max(...Object.keys(rows).map((key) => key.length));
  const lines = Object.entries(rows).map(([key, value]) => `  ${key.padEnd(width)}  ${value}`);
  process.stdout.write(`\n${title}\n${lines.join('\n')}\n`);
}
