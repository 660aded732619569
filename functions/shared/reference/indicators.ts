/** How an indicator's values aggregate (DOMAIN.md, "What a value means"). */
export type MeasureKind = 'ratio' | 'stock' | 'flow' | 'ytd' | 'status';

/** One indicator of a provincial plan. */
export interface Indicator {
  readonly code: string;
  readonly plan: string;
  /** Its number in the plan (`STT`). */
  readonly stt: string;
  readonly pillar: string;
  readonly name: string;
  readonly nameEn: string;
  readonly unit: string;
  readonly measureKind: MeasureKind;
  readonly targetOperator?: '>' | '>=';
  readonly targetValue?: number;
  /** Quarter by which the target is due, `YYYY-Qn`. */
  readonly deadline?: string;
  /** Agency codes responsible for reporting it. */
  readonly responsible: readonly string[];
  /** First and last year in which the indicator can be reported. */
  readonly firstYear: number;
  readonly lastYear: number;
}

const yearOf = (text: string | undefined): number | undefined => {
  const match = /(\d{4})/.exec(text ?? '');
  return match ? Number(match[1]) : undefined;
};

/** Maps rows of `schemas/reference/indicators.csv` to indicators. */
const indicatorsFromRows = (
  rows: readonly Record<string, string>[],
): Indicator[] =>
  rows.map((row) => {
    const code = row.code ?? '';
    const firstYear = yearOf(code) ?? 0;
    return {
      code,
      plan: row.plan ?? '',
      stt: row.stt ?? '',
      pillar: row.pillar ?? '',
      name: row.name_vi ?? '',
      nameEn: row.name_en ?? '',
      unit: row.unit ?? '',
      measureKind: (row.measure_kind || 'status') as MeasureKind,
      ...(row.target_operator && {
        targetOperator: row.target_operator as '>' | '>=',
        targetValue: Number(row.target_value),
      }),
      ...(row.deadline && { deadline: row.deadline }),
      responsible: (row.responsible ?? '').split(';').filter(Boolean),
      firstYear,
      lastYear: Math.max(firstYear, yearOf(row.deadline) ?? firstYear),
    };
  });

export { indicatorsFromRows };
