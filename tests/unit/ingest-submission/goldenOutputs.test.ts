import { readdirSync, readFileSync } from 'node:fs';
import { join, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ingestFixture } from '../../helpers/ingestFixture.js';

// fixtures/expected/ingest/ holds, per fixture file, what the ingest made of
// it: report, ledger record (measures, lineage) and normalized CSV bytes.
// `npx tsx scripts/ingestSnapshot.ts` rewrites them when a change is meant
// to alter an output; the diff then shows exactly what changed.
const EXPECTED = fileURLToPath(
  new URL('../../../fixtures/expected/ingest/', import.meta.url),
);
const files = readdirSync(EXPECTED, { recursive: true, encoding: 'utf8' })
  .map((p) => p.split(sep).join('/'))
  .filter((p) => p.endsWith('.csv.json'))
  .sort();

describe('ingest outputs of every fixture file', () => {
  it('covers the fixtures', () => {
    expect(files.length).toBeGreaterThanOrEqual(100);
  });
  it.each(files)(
    'gives the recorded report, record and bytes for %s',
    async (expected) => {
      const file = expected.replace(/\.json$/, '');
      const before = JSON.parse(readFileSync(join(EXPECTED, expected), 'utf8'));
      const now = JSON.parse(JSON.stringify(await ingestFixture(file)));
      expect(now).toEqual(before);
    },
  );
});
