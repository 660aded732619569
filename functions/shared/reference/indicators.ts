/** One indicator of a provincial plan. */
export interface Indicator {
  readonly code: string;
  readonly pillar: string;
  readonly name: string;
  readonly unit: string;
  readonly targetOperator?: '>' | '>=';
  readonly targetValue?: number;
  readonly deadline?: string;
}

/** Maps rows of `indicators-2023-kh100.csv` to indicators `CDS-2023-NN`. */
const indicatorsFromPlan2023 = (
  rows: readonly Record<string, string>[],
): Indicator[] =>
  rows.map((row) => ({
    code: `CDS-2023-${(row.stt ?? '').padStart(2, '0')}`,
    pillar: row.pillar ?? '',
    name: row.name_vi ?? '',
    unit: row.unit ?? '',
    ...(row.target_operator && {
      targetOperator: row.target_operator as '>' | '>=',
      targetValue: Number(row.target_value),
    }),
    ...(row.deadline_2023 && { deadline: row.deadline_2023 }),
  }));

export { indicatorsFromPlan2023 };
