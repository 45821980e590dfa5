// Runs every benchmark and prints one Markdown table. Figures depend on the machine and on what
// else it is doing; they are measurements, not pass/fail tests, and never fail `npm test`.
// Usage: npm run bench [-- name-filter]
import { cpus, totalmem } from 'node:os';
import { BENCHMARKS } from './index';
import type { BenchRow } from './types';

function formatValue(value: number): string {
  return value.toLocaleString('en-US', { maximumFractionDigits: value < 10 ? 2 : value < 1000 ? 1 : 0 });
}

async function main(): Promise<void> {
  const filter = process.argv[2];
  const selected = BENCHMARKS.filter((benchmark) => !filter || benchmark.name.includes(filter));
  if (selected.length === 0) {
    const names = BENCHMARKS.map((benchmark) => `"${benchmark.name}"`).join(', ');
    console.error(filter ? `No benchmark matches "${filter}". The benchmarks are ${names}.` : 'No benchmarks registered.');
    process.exit(1);
  }
  const rows: BenchRow[] = [];
  for (const benchmark of selected) {
    console.error(`running ${benchmark.name}…`);
    rows.push(...(await benchmark.run()));
  }
  const cpu = cpus()[0]?.model ?? 'unknown CPU';
  console.log(`\nMachine: ${cpus().length} × ${cpu}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}\n`);
  console.log('| benchmark | value | unit | target | met |');
  console.log('| --- | ---: | --- | --- | --- |');
  for (const row of rows) {
    const met = row.met === undefined ? '' : row.met ? 'yes' : '**no**';
    console.log(`| ${row.benchmark} | ${formatValue(row.value)} | ${row.unit} | ${row.target ?? ''} | ${met} |`);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
