import { Command, InvalidArgumentError } from 'commander';
import fc from 'fast-check';
import { ingestSubmission } from '../functions/ingest-submission/ingestSubmission.js';
import { brokenFiles, uploadKeys } from '../tests/helpers/fuzzInputs.js';
import { memoryIngest, uploadOf } from '../tests/helpers/memoryIngest.js';

// Feeds random and mutated files to the validator and counts the reports:
//   npx tsx bench/fuzz.ts [--count 10000]
const positive = (value: string) => {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) {
    throw new InvalidArgumentError('a whole number of files, 1 or more');
  }
  return n;
};
const { count } = new Command('fuzz')
  .description(
    'Random and mutated files through the validator: one report each, no exception',
  )
  .option('--count <n>', 'how many files', positive, 10_000)
  .parse()
  .opts<{ count: number }>();
const statuses = new Map<string, number>();
let thrown = 0;
const samples = fc.sample(fc.tuple(brokenFiles, uploadKeys), count);
for (const [index, [bytes, key]] of samples.entries()) {
  try {
    const ports = memoryIngest(bytes);
    const summary = await ingestSubmission(
      uploadOf(key, bytes.length),
      ports.deps,
    );
    if (ports.report().status !== summary.status)
      throw new Error('report mismatch');
    statuses.set(summary.status, (statuses.get(summary.status) ?? 0) + 1);
  } catch (error) {
    thrown++;
    process.stderr.write(`#${index} ${key}: ${String(error)}\n`);
  }
  if ((index + 1) % 1000 === 0) process.stderr.write(`${index + 1}/${count}\n`);
}
const reports = [...statuses.values()].reduce((a, b) => a + b, 0);
process.stdout.write(
  `${count} files → ${reports} reports (${[...statuses].map(([s, n]) => `${s} ${n}`).join(', ')}), ${thrown} exceptions\n`,
);
process.exitCode = thrown === 0 && reports === count ? 0 : 1;
