import { stringify } from 'csv-stringify/sync';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  csvLine,
  csvRows,
} from '../../../../functions/shared/csv/csvWriter.js';
import { csvOptions } from '../../../../functions/shared/publish/csvFormat.js';

// Cells made of what CSV quoting is about, and Vietnamese text around it.
const cell = fc.oneof(
  fc.constant(''),
  fc.stringMatching(/^[0-9.]{1,12}$/),
  fc
    .array(
      fc.constantFrom(
        'a',
        'Đ',
        'ố',
        'ệ',
        ' ',
        ',',
        ';',
        '"',
        '""',
        '\n',
        '\r',
        '\r\n',
        '\t',
        '=',
        "'",
        'Thanh Hóa',
        '2.155.455',
      ),
      { maxLength: 12 },
    )
    .map((parts) => parts.join('')),
);

describe('the hot-path CSV writer', () => {
  it('writes the same bytes as csv-stringify with the published options', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 6 }).chain((width) =>
          fc.tuple(
            fc.uniqueArray(fc.stringMatching(/^[a-z_]{1,8}$/), {
              minLength: width,
              maxLength: width,
            }),
            fc.array(fc.array(cell, { minLength: width, maxLength: width }), {
              maxLength: 8,
            }),
          ),
        ),
        ([columns, table]) => {
          const rows = table.map((cells) =>
            Object.fromEntries(columns.map((c, i) => [c, cells[i] ?? ''])),
          );
          const ours = csvLine(columns) + csvRows(rows, columns);
          expect(ours).toBe(stringify(rows, csvOptions(columns)));
        },
      ),
      { numRuns: 200 },
    );
  }, 60_000);

  it('quotes a cell with a delimiter, quote or line feed and doubles its quotes', () => {
    expect(csvLine(['a,b', 'say "hi"', 'x\ny', 'x\ry', '', 'Thanh Hóa'])).toBe(
      '"a,b","say ""hi""","x\ny",x\ry,,Thanh Hóa\n',
    );
  });
});
