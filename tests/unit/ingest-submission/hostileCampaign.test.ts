import { beforeAll, describe, expect, it } from 'vitest';
import { HOSTILE_KINDS } from '../../helpers/fuzzInputs.js';
import {
  type HostileOutcome,
  type KindSummary,
  runHostileCampaign,
} from '../../helpers/hostileCampaign.js';

let outcomes: HostileOutcome[];
let kinds: KindSummary[];

// CI runs 6 files of each kind from a fixed seed: 48 files, about 10 s here.
// The bound is the count; the timeout only keeps a stall from hanging CI.
// `npm run fuzz -- --hostile 50` runs more and prints the README's table.
beforeAll(async () => {
  ({ outcomes, kinds } = await runHostileCampaign(16, 6));
}, 180_000);

const ofKind = (kind: string) => outcomes.filter((o) => o.kind === kind);

describe('the hostile-input campaign', () => {
  it('gives every hostile file a report with a status, never an exception', () => {
    expect(
      kinds.map((k) => [k.kind, k.files, k.reports, k.exceptions]),
    ).toEqual(HOSTILE_KINDS.map((kind) => [kind, 6, 6, 0]));
    for (const outcome of outcomes) {
      expect(['accepted', 'accepted-with-warnings', 'rejected']).toContain(
        outcome.status,
      );
    }
  });

  it('stores no control character and keeps each file under 256 MB of heap', () => {
    for (const outcome of outcomes) {
      expect(outcome.storedControl).toBe(false);
      expect(outcome.heapBytes).toBeLessThan(256 * 1024 * 1024);
    }
  });

  it('finds every disguised identifier, refuses every binary file and every huge cell', () => {
    for (const o of ofKind('personal-data-in-disguise')) {
      expect(o.status).toBe('rejected');
      expect(o.findings).toContain('personal-data');
    }
    for (const o of ofKind('binary')) {
      expect(o.findings).toContain('encoding-error');
    }
    // The content decides (issue #13): a ZIP archive is opened as a workbook,
    // and one that is not a sound Excel workbook is refused as such; a gzip
    // file is still binary.
    for (const o of ofKind('zip-shaped')) {
      expect(o.status).toBe('rejected');
      expect(
        o.findings.some(
          (f) => f === 'encoding-error' || f.startsWith('workbook-'),
        ),
      ).toBe(true);
    }
    for (const o of ofKind('huge-cell')) expect(o.status).toBe('rejected');
    for (const o of ofKind('control-characters')) {
      expect(o.findings).toContain('control-characters-removed');
    }
  });
});
