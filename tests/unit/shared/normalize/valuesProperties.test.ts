import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  parseDate,
  parseDecimal,
  parseInteger,
  parsePeriodText,
} from '../../../../functions/shared/normalize/values.js';
import { simpleDecimal } from '../../../../functions/shared/validation/normalizeCell.js';

const viGroups = (n: bigint) =>
  n.toString().replace(/\B(?=(\d{3})+(?!\d))/g, '.');
const ROMAN = ['I', 'II', 'III', 'IV'];

describe('value parsers, for any input', () => {
  it('read back any integer written plainly or with Vietnamese grouping', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 10n ** 15n }), (n) => {
        expect(parseInteger(n.toString())).toEqual({
          ok: true,
          value: n.toString(),
        });
        expect(parseInteger(viGroups(n))).toEqual({
          ok: true,
          value: n.toString(),
        });
      }),
    );
  });

  it('read back any decimal written with a decimal comma in a Vietnamese file', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 0n, max: 10n ** 9n }),
        fc.integer({ min: 1, max: 99 }),
        (whole, cents) => {
          const fraction = String(cents).padStart(2, '0').replace(/0$/, '');
          const text = `${viGroups(whole)},${String(cents).padStart(2, '0')}`;

          expect(parseDecimal(text, 'vi')).toMatchObject({
            ok: true,
            value: `${whole}.${fraction}`,
          });
        },
      ),
    );
  });

  it('read back any calendar date in every written form', () => {
    fc.assert(
      fc.property(
        fc.date({
          min: new Date('2000-01-01'),
          max: new Date('2099-12-31'),
          noInvalidDate: true,
        }),
        (date) => {
          const iso = date.toISOString().slice(0, 10);
          const [y, m, d] = iso.split('-').map(Number) as [
            number,
            number,
            number,
          ];

          for (const text of [
            iso,
            `${d}/${m}/${y}`,
            `${String(d).padStart(2, '0')}-${String(m).padStart(2, '0')}-${y}`,
          ]) {
            expect(parseDate(text)).toEqual({ ok: true, value: iso });
          }
        },
      ),
    );
  });

  it('read back any quarter in every written form', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2000, max: 2099 }),
        fc.integer({ min: 1, max: 4 }),
        (year, quarter) => {
          const expected = { ok: true, value: `${year}-Q${quarter}` };

          for (const text of [
            `${year}-Q${quarter}`,
            `Q${quarter}/${year}`,
            `Quý ${ROMAN[quarter - 1]}/${year}`,
            `quý ${quarter} năm ${year}`,
          ]) {
            expect(parsePeriodText(text)).toEqual(expected);
          }
        },
      ),
    );
  });

  it('never throw on any text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), (text) => {
        for (const parse of [
          parseInteger,
          parseDecimal,
          parseDate,
          parsePeriodText,
        ]) {
          expect(typeof parse(text).ok).toBe('boolean');
        }
      }),
    );
  });

  it('read a simple decimal on the fast path exactly as parseDecimal does', () => {
    fc.assert(
      fc.property(
        fc.stringMatching(/^[0-9]{0,6}[.,]?[0-9]{0,6}[.,]?[0-9]{0,2}$/),
        fc.constantFrom(undefined, 'vi' as const, 'en' as const),
        (text, style) => {
          const fast = simpleDecimal(text);
          if (fast) expect(fast).toEqual(parseDecimal(text, style));
        },
      ),
      { numRuns: 3000 },
    );
    expect(simpleDecimal('61.50')).toEqual({
      ok: true,
      value: '61.5',
      evidence: 'en',
    });
    expect(simpleDecimal('1.234')).toBeUndefined();
  });
});
