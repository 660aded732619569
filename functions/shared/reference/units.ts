import { type Period, periodEnd } from '../period.js';

/** One validity interval of a reporting unit (an administrative unit or an agency). */
export interface UnitVersion {
  readonly code: string;
  readonly name: string;
  readonly kind: 'province' | 'district' | 'commune' | 'agency';
  readonly parentCode?: string;
  /** First day in force, inclusive; undefined = since before the records. */
  readonly validFrom?: string;
  /** Last day in force, inclusive; undefined = still in force. */
  readonly validTo?: string;
  /** Name without its type (`Viettel`, `Sở TT&TT`), when the reference gives one. */
  readonly shortName?: string;
}

/** How a unit code resolves as of a report period. */
export type UnitResolution =
  | { readonly status: 'valid'; readonly unit: UnitVersion }
  | { readonly status: 'unknown' }
  | {
      readonly status: 'not-valid-for-period';
      readonly versions: readonly UnitVersion[];
    };

/** Resolves unit codes as of a period; the key is (code, validFrom) because codes are reused. */
export interface UnitRegistry {
  resolve(code: string, period: Period): UnitResolution;
  /** Every unit of a kind in force for the period, by code. */
  listValid(kind: UnitVersion['kind'], period: Period): UnitVersion[];
}

const within = (unit: UnitVersion, date: string): boolean =>
  (unit.validFrom === undefined || unit.validFrom <= date) &&
  (unit.validTo === undefined || date <= unit.validTo);

/** Builds a registry; a unit is valid for a period when it is in force on the period's last day. */
const createUnitRegistry = (units: readonly UnitVersion[]): UnitRegistry => {
  const byCode = new Map<string, UnitVersion[]>();
  for (const unit of units) {
    const versions = byCode.get(unit.code) ?? [];
    versions.push(unit);
    byCode.set(unit.code, versions);
  }
  return {
    resolve(code, period) {
      const versions = byCode.get(code);
      if (!versions) return { status: 'unknown' };
      const date = periodEnd(period);
      const unit = versions.find((v) => within(v, date));
      return unit
        ? { status: 'valid', unit }
        : { status: 'not-valid-for-period', versions };
    },
    listValid(kind, period) {
      const date = periodEnd(period);
      return units
        .filter((u) => u.kind === kind && within(u, date))
        .sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
    },
  };
};

const optional = (value: string | undefined): string | undefined =>
  value === undefined || value === '' ? undefined : value;

/** Maps rows of `admin-units.csv` to unit versions. */
const adminUnitsFromRows = (
  rows: readonly Record<string, string>[],
): UnitVersion[] =>
  rows.map((row) => ({
    code: row.code ?? '',
    name: row.name ?? '',
    kind: (row.level ?? 'commune') as UnitVersion['kind'],
    parentCode: optional(row.parent_code),
    validFrom: optional(row.valid_from),
    validTo: optional(row.valid_to),
    shortName: optional(row.short_name),
  }));

/** Maps rows of `agencies.csv` to unit versions. */
const agenciesFromRows = (
  rows: readonly Record<string, string>[],
): UnitVersion[] =>
  rows.map((row) => ({
    code: row.code ?? '',
    name: row.name_vi ?? '',
    kind: 'agency',
    validFrom: optional(row.valid_from),
    validTo: optional(row.valid_to),
    shortName: optional(row.short_name),
  }));

export { adminUnitsFromRows, agenciesFromRows, createUnitRegistry };
