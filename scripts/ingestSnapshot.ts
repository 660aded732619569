/**
 * Runs the ingest on every fixture file with in-memory ports and a fixed
 * receipt time, and writes (or, with --check, compares against) one JSON per
 * file in fixtures/expected/ingest/: the report, the ledger record and the
 * normalized CSV bytes. Made before a change to the validation core and
 * checked after it, it shows that every report, normalized file and recorded
 * measure is the same.
 *
 *   tsx scripts/ingestSnapshot.ts [--check]
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ingestFixture } from '../tests/helpers/ingestFixture.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const FIXTURES = join(ROOT, 'fixtures');
const EXPECTED = join(FIXTURES, 'expected', 'ingest');

const files = readdirSync(FIXTURES, { recursive: true, encoding: 'utf8' })
  .map((p) => p.split(sep).join('/'))
  .filter((p) => /^(submissions|cases)\/.*\.csv$/.test(p))
  .sort();

const check = process.argv.includes('--check');
let differing = 0;
for (const file of files) {
  const snapshot = `${JSON.stringify(await ingestFixture(file), null, 2)}\n`;
  const target = join(EXPECTED, `${file}.json`);
  if (check) {
    let before = '';
    try {
      before = readFileSync(target, 'utf8');
    } catch {}
    if (before !== snapshot) {
      differing++;
      process.stdout.write(`differs: ${file}\n`);
    }
  } else {
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, snapshot);
  }
}
process.stdout.write(
  `${files.length} files, ${check ? `${differing} differing` : 'written'}\n`,
);
process.exitCode = differing > 0 ? 1 : 0;
