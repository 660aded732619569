import { Command, InvalidArgumentError } from 'commander';
import fc from 'fast-check';
import { ingestSubmission } from '../functions/ingest-submission/ingestSubmission.js';
import { brokenFiles, uploadKeys } from '../tests/helpers/fuzzInputs.js';
import { runHostileCampaign } from '../tests/helpers/hostileCampaign.js';
import { memoryIngest, uploadOf } from '../tests/helpers/memoryIngest.js';

// Feeds random and mutated files, then the hostile-input campaign, to the
// validator and counts the reports:
//   npm run fuzz -- [--count 10000] [--hostile 25] [--seed 16]
const whole = (min: number) => (value: string) => {
  const n = Number(value);
  if (!Number.isInteger(n) || n < min) {
    throw new InvalidArgumentError(`a whole number, ${min} or more`);
  }
  return n;
};
const { count, hostile, seed } = new Command('fuzz')
  .description(
    'Random, mutated and hostile files through the validator: one report each, no exception',
  )
  .option('--count <n>', 'how many random or mutated files', whole(0), 10_000)
  .option('--hostile <n>', 'how many hostile files of each kind', whole(0), 25)
  .option('--seed <n>', 'seed of the hostile campaign', whole(0), 16)
  .parse()
  .opts<{ count: number; hostile: number; seed: number }>();

const statuses = new Map<string, number>();
let thrown = 0;
const samples =
  count > 0 ? fc.sample(fc.tuple(brokenFiles, uploadKeys), count) : [];
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

const campaign =
  hostile > 0
    ? await runHostileCampaign(seed, hostile, (o, i) => {
        if (o.error)
          process.stderr.write(`hostile #${i} ${o.kind}: ${o.error}\n`);
      })
    : { outcomes: [], kinds: [] };
const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(1);
if (hostile > 0) {
  process.stdout.write(
    `\nHostile campaign, seed ${seed}, ${hostile} files of each kind\n\n` +
      '| kind | files | reports | statuses | worst time | worst heap | findings |\n' +
      '| --- | --- | --- | --- | --- | --- | --- |\n',
  );
  for (const k of campaign.kinds) {
    const largest = Math.max(
      0,
      ...campaign.outcomes.filter((o) => o.kind === k.kind).map((o) => o.bytes),
    );
    process.stdout.write(
      `| ${k.kind} (≤ ${mb(largest)} MB) | ${k.files} | ${k.reports} | ${Object.entries(
        k.statuses,
      )
        .map(([s, n]) => `${s} ${n}`)
        .join(
          ', ',
        )} | ${k.worstMs.toFixed(0)} ms | ${mb(k.worstHeapBytes)} MB | ${k.findings.map((f) => `\`${f}\``).join(' ')} |\n`,
    );
  }
}
const hostileFailures = campaign.outcomes.filter(
  (o) => o.error !== undefined || o.status === undefined || o.storedControl,
).length;
process.exitCode =
  thrown === 0 && reports === count && hostileFailures === 0 ? 0 : 1;
