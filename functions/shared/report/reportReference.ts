import type { Bilingual } from '../schema/types.js';

/** A pillar (trụ cột) of the provincial plans, in the order the plans list them. */
export interface Pillar {
  readonly code: string;
  /** 1-based position: the Roman numeral of its group in the appendix. */
  readonly order: number;
  readonly name: Bilingual;
}

/** A provincial plan whose indicators the appendix reports. */
export interface Plan {
  readonly plan: string;
  readonly title: Bilingual;
  /** Issue date, `YYYY-MM-DD`, when known. */
  readonly issued?: string;
  readonly issuer: string;
}

/** Reference data the appendix needs beyond the indicator catalogue. */
export interface ReportReference {
  readonly pillars: ReadonlyMap<string, Pillar>;
  readonly plans: ReadonlyMap<string, Plan>;
  /** What a ratio indicator's numerator and denominator count (`thuê bao`), by indicator code. */
  readonly countUnits: ReadonlyMap<string, string>;
}

type Rows = readonly Record<string, string>[];

/** Builds the report reference from `pillars.csv`, `plans.csv` and `indicator-count-units.csv`. */
const reportReferenceFromRows = (tables: {
  readonly pillars: Rows;
  readonly plans: Rows;
  readonly countUnits: Rows;
}): ReportReference => ({
  pillars: new Map(
    tables.pillars.map((row) => [
      row.code ?? '',
      {
        code: row.code ?? '',
        order: Number(row.order),
        name: { vi: row.name_vi ?? '', en: row.name_en ?? '' },
      },
    ]),
  ),
  plans: new Map(
    tables.plans.map((row) => [
      row.plan ?? '',
      {
        plan: row.plan ?? '',
        title: { vi: row.title_vi ?? '', en: row.title_en ?? '' },
        ...(row.issued && { issued: row.issued }),
        issuer: row.issuer_vi ?? '',
      },
    ]),
  ),
  countUnits: new Map(
    tables.countUnits.map((row) => [row.code ?? '', row.count_unit ?? '']),
  ),
});

/** An empty reference: every pillar and plan is then named by its code. */
const EMPTY_REPORT_REFERENCE: ReportReference = {
  pillars: new Map(),
  plans: new Map(),
  countUnits: new Map(),
};

export { EMPTY_REPORT_REFERENCE, reportReferenceFromRows };
