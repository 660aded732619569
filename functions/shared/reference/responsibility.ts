import type { SubmissionMeasures } from '../aggregate/measures.js';
import { type Period, periodEnd, periodStart } from '../period.js';
import type { DatasetSchema } from '../schema/types.js';
import type { Grant } from './grants.js';
import type { Indicator } from './indicators.js';
import type { UnitRegistry } from './units.js';

/** The reference data that says who reports what (a `Catalogue` is one). */
export interface ResponsibilityRefs {
  readonly schemas: ReadonlyMap<string, DatasetSchema>;
  readonly units: UnitRegistry;
  readonly indicators: ReadonlyMap<string, Indicator>;
  readonly grants: readonly Grant[];
}

/** Whether a date interval (inclusive, open ends allowed) overlaps the period. */
const overlaps = (period: Period, from?: string, to?: string): boolean =>
  !(from && periodEnd(period) < from) && !(to && periodStart(period) > to);

/** The steward's grants in force for a unit, dataset and period. */
const grantsOf = (
  grants: readonly Grant[],
  unitCode: string,
  datasetId: string,
  period: Period,
): Grant[] =>
  grants.filter(
    (g) =>
      g.unit === unitCode &&
      g.dataset === datasetId &&
      overlaps(period, g.validFrom, g.validTo),
  );

const isValid = (refs: ResponsibilityRefs, code: string, period: Period) =>
  refs.units.resolve(code, period).status === 'valid';

/** The units a dataset's `x-dataset.submitters` names for a period, in force then. */
const declaredSubmitters = (
  refs: ResponsibilityRefs,
  datasetId: string,
  period: Period,
): string[] => {
  const codes = new Set<string>();
  for (const entry of refs.schemas.get(datasetId)?.['x-dataset'].submitters ??
    []) {
    const s = typeof entry === 'string' ? { unit: entry } : entry;
    if (!overlaps(period, s.from, s.to)) continue;
    const level =
      s.level ??
      (s.unit === 'district' || s.unit === 'commune' ? s.unit : undefined);
    if (level) {
      for (const unit of refs.units.listValid(level, period)) {
        codes.add(unit.code);
      }
    } else if (s.unit) {
      codes.add(s.unit);
    }
  }
  return [...codes].filter((code) => isValid(refs, code, period)).sort();
};

/** The units responsible for an indicator, in force for the period. */
const responsibleUnits = (
  refs: Pick<ResponsibilityRefs, 'units' | 'indicators'>,
  indicatorCode: string,
  period: Period,
): string[] =>
  [...(refs.indicators.get(indicatorCode)?.responsible ?? [])]
    .filter((code) => refs.units.resolve(code, period).status === 'valid')
    .sort();

/** The field of a schema that names an indicator, if it has one. */
const indicatorFieldOf = (schema: DatasetSchema | undefined) =>
  schema?.fields.find((f) => f['x-role'] === 'indicator')?.name;

/**
 * The units expected to submit a dataset in a period: its declared
 * submitters and, for a dataset of indicator results, the units responsible
 * for an indicator reportable that year.
 */
const expectedSubmitters = (
  refs: ResponsibilityRefs,
  datasetId: string,
  period: Period,
): string[] => {
  const codes = new Set(declaredSubmitters(refs, datasetId, period));
  if (indicatorFieldOf(refs.schemas.get(datasetId))) {
    for (const indicator of refs.indicators.values()) {
      if (
        period.year < indicator.firstYear ||
        period.year > indicator.lastYear
      ) {
        continue;
      }
      for (const unit of indicator.responsible) codes.add(unit);
    }
  }
  return [...codes].filter((code) => isValid(refs, code, period)).sort();
};

/**
 * Why a unit may not submit a dataset for a period, or undefined when it may.
 * A dataset that declares its submitters is open to them and to units a
 * steward granted it; a dataset of indicator results is open to every unit
 * at file level, its rows being checked indicator by indicator.
 */
const datasetRefusal = (
  refs: ResponsibilityRefs,
  unitCode: string,
  datasetId: string,
  period: Period,
): { readonly expected: readonly string[] } | undefined => {
  const schema = refs.schemas.get(datasetId);
  if (!schema?.['x-dataset'].submitters) return undefined;
  const expected = declaredSubmitters(refs, datasetId, period);
  if (expected.includes(unitCode)) return undefined;
  if (grantsOf(refs.grants, unitCode, datasetId, period).length > 0) {
    return undefined;
  }
  return { expected };
};

/** Whether a unit may report an indicator: it is responsible for it, or a grant says so. */
const mayReportIndicator = (
  refs: Pick<ResponsibilityRefs, 'indicators' | 'grants'>,
  unitCode: string,
  datasetId: string,
  indicatorCode: string,
  period: Period,
): boolean =>
  (refs.indicators.get(indicatorCode)?.responsible ?? []).includes(unitCode) ||
  grantsOf(refs.grants, unitCode, datasetId, period).some(
    (g) => g.indicator === undefined || g.indicator === indicatorCode,
  );

/**
 * A submission's measures without the indicators its unit is not
 * responsible for: those stay in the unit-level dataset but never count in
 * the province consolidation.
 */
const responsibleMeasures = (
  refs: ResponsibilityRefs,
  datasetId: string,
  period: Period,
  unitCode: string,
  measures: SubmissionMeasures,
): SubmissionMeasures => {
  const field = indicatorFieldOf(refs.schemas.get(datasetId));
  if (!field) return measures;
  return Object.fromEntries(
    Object.entries(measures).filter(([, values]) =>
      mayReportIndicator(
        refs,
        unitCode,
        datasetId,
        values[field] ?? '',
        period,
      ),
    ),
  );
};

export {
  datasetRefusal,
  declaredSubmitters,
  expectedSubmitters,
  grantsOf,
  mayReportIndicator,
  responsibleMeasures,
  responsibleUnits,
};
