import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  finding,
  findingCatalogue,
} from '../../../../functions/shared/validation/codes.js';

const readme = readFileSync(
  new URL('../../../../README.md', import.meta.url),
  'utf8',
);

describe('finding codes', () => {
  it.each(findingCatalogue().map((c) => [c.type, c.severity]))(
    'documents %s (%s) in the README table',
    (type, severity) => {
      expect(readme).toMatch(new RegExp(`\\| \`${type}\` \\| ${severity} \\|`));
    },
  );

  it('fills the bilingual templates with the details', () => {
    expect(
      finding('type-error', {
        line: 14,
        field: 'tu_so',
        value: 'nhiều',
        expected: 'một số nguyên / an integer',
      }),
    ).toEqual({
      type: 'type-error',
      severity: 'error',
      rowNumber: 14,
      fieldName: 'tu_so',
      cell: 'nhiều',
      message: 'Dòng 14, cột "tu_so": cần một số nguyên, nhận được "nhiều"',
      messageEn: 'Line 14, column "tu_so": expected an integer, found "nhiều"',
      hint: expect.stringContaining('2.155.455'),
    });
  });
});
