import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ingestSubmission } from '../../../functions/ingest-submission/ingestSubmission.js';
import { brokenFiles, uploadKeys } from '../../helpers/fuzzInputs.js';
import { memoryIngest, uploadOf } from '../../helpers/memoryIngest.js';

// CI runs a few hundred cases; `npx tsx bench/fuzz.ts --count 10000` runs the full count.
describe('any bytes give a report, never a throw', () => {
  it('reports every random or mutated file with a status', async () => {
    await fc.assert(
      fc.asyncProperty(brokenFiles, uploadKeys, async (bytes, key) => {
        const ports = memoryIngest(bytes);

        const summary = await ingestSubmission(
          uploadOf(key, bytes.length),
          ports.deps,
        );

        expect(['accepted', 'accepted-with-warnings', 'rejected']).toContain(
          summary.status,
        );
        expect(ports.report().status).toBe(summary.status);
        expect(ports.records).toHaveLength(1);
      }),
      { numRuns: 300 },
    );
  });
});
