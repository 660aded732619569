import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { consolidateIndicators } from '../../../../functions/shared/aggregate/consolidateIndicators.js';
import {
  quarterlyToYtd,
  remapThroughCrosswalk,
  rollUpHierarchy,
  ytdToQuarterly,
} from '../../../../functions/shared/aggregate/unitHierarchy.js';
import { percentOf } from '../../../../functions/shared/normalize/values.js';
import { parsePeriod } from '../../../../functions/shared/period.js';
import { catalogue } from '../../../helpers/catalogue.js';

const ratio = fc
  .tuple(
    fc.bigInt({ min: 0n, max: 10n ** 12n }),
    fc.bigInt({ min: 1n, max: 10n ** 12n }),
  )
  .map(([a, b]) => (a <= b ? { n: a, d: b } : { n: b, d: a }));

const measuresOf = (units: { n: bigint; d: bigint }[]) =>
  units.map(({ n, d }, i) => ({
    unitCode: `U${i}`,
    measures: { 'CDS-2023-01': { tu_so: String(n), mau_so: String(d) } },
  }));

describe('aggregation laws', () => {
  it('consolidates a ratio as the ratio of the sums, never the mean of ratios', () => {
    fc.assert(
      fc.property(fc.array(ratio, { minLength: 1, maxLength: 30 }), (units) => {
        const [row] = consolidateIndicators(
          '2023-Q3',
          measuresOf(units),
          catalogue.indicators,
        );
        const n = units.reduce((s, u) => s + u.n, 0n);
        const d = units.reduce((s, u) => s + u.d, 0n);

        expect(row).toMatchObject({
          tu_so: String(n),
          mau_so: String(d),
          gia_tri: percentOf(n, d),
        });
      }),
    );
  });

  it('gives the same consolidation whatever the order of submissions', () => {
    fc.assert(
      fc.property(
        fc.array(ratio, { minLength: 1, maxLength: 20 }).chain((units) =>
          fc.tuple(
            fc.constant(units),
            fc.shuffledSubarray(
              units.map((_, i) => i),
              { minLength: units.length },
            ),
          ),
        ),
        ([units, order]) => {
          const all = measuresOf(units);
          const shuffled = order.map((i) => all[i] as (typeof all)[number]);

          expect(
            consolidateIndicators('2023-Q3', shuffled, catalogue.indicators),
          ).toEqual(
            consolidateIndicators('2023-Q3', all, catalogue.indicators),
          );
        },
      ),
    );
  });

  it('sums communes to districts to the province associatively', () => {
    const communes = catalogue.units.listValid(
      'commune',
      parsePeriod('2023-Q3') ?? { year: 2023, quarter: 3 },
    );
    const parentOf = new Map(communes.map((c) => [c.code, c.parentCode]));
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(
            fc.constantFrom(...communes.map((c) => c.code)),
            fc.bigInt({ min: 0n, max: 10n ** 9n }),
          ),
          {
            maxLength: 200,
          },
        ),
        (pairs) => {
          const figures = pairs.map(([unitCode, value]) => ({
            unitCode,
            value,
          }));
          const districts = rollUpHierarchy(figures, (c) => parentOf.get(c));
          const province = rollUpHierarchy(
            [...districts.byParent].map(([unitCode, value]) => ({
              unitCode,
              value,
            })),
            () => '38',
          );

          expect(province.total).toBe(districts.total);
          expect(province.byParent.get('38') ?? 0n).toBe(
            figures.reduce((s, f) => s + f.value, 0n),
          );
        },
      ),
    );
  });

  it('round-trips year-to-date figures through quarterly flows', () => {
    fc.assert(
      fc.property(
        fc.array(fc.bigInt({ min: -(10n ** 9n), max: 10n ** 9n }), {
          minLength: 1,
          maxLength: 4,
        }),
        (values) => {
          const ytd = new Map(values.map((v, i) => [i + 1, v]));

          expect(quarterlyToYtd(ytdToQuarterly(ytd))).toEqual(ytd);
        },
      ),
    );
  });

  it('re-maps pre-reform commune figures onto current communes without losing or doubling any', () => {
    const old = [...new Set(catalogue.crosswalk.map((l) => l.oldCode))];
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(
            fc.constantFrom(...old),
            fc.bigInt({ min: 0n, max: 10n ** 9n }),
          ),
          { maxLength: 300 },
        ),
        (pairs) => {
          const figures = pairs.map(([unitCode, value]) => ({
            unitCode,
            value,
          }));
          const { mapped, unmapped } = remapThroughCrosswalk(
            figures,
            catalogue.crosswalk,
          );
          const total = (xs: Iterable<bigint>) =>
            [...xs].reduce((s, v) => s + v, 0n);

          expect(
            total(mapped.values()) + total(unmapped.map((u) => u.value)),
          ).toBe(total(figures.map((f) => f.value)));
          expect(unmapped).toEqual([]);
        },
      ),
    );
  });
});

describe('year-to-date indicators', () => {
  it('gives the quarter increase from the previous quarter consolidation', () => {
    const q2 = consolidateIndicators(
      '2024-Q2',
      [{ unitCode: 'TDTN', measures: { 'TDTN-2024-08': { tu_so: '900' } } }],
      catalogue.indicators,
    );
    const q3 = consolidateIndicators(
      '2024-Q3',
      [{ unitCode: 'TDTN', measures: { 'TDTN-2024-08': { tu_so: '1500' } } }],
      catalogue.indicators,
      new Map(q2.map((r) => [r.ma_chi_tieu ?? '', r])),
    );

    expect(q3[0]).toMatchObject({
      loai_chi_tieu: 'ytd',
      tu_so: '1500',
      tang_trong_quy: '600',
      muc_tieu: '>= 2000',
      danh_gia: 'chua_dat',
    });
  });

  it('maps a split commune to its main successor and lists where parts went', () => {
    const { mapped, partlyMoved } = remapThroughCrosswalk(
      [{ unitCode: '14758', value: 10n }],
      catalogue.crosswalk,
    );

    expect([...mapped]).toEqual([['14758', 10n]]);
    expect(partlyMoved).toEqual([{ oldCode: '14758', alsoTo: ['14797'] }]);
  });
});
