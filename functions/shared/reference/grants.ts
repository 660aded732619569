/**
 * An extra right a data steward grants a unit: to submit a dataset it is not
 * a declared submitter of, or (with `indicator`) to report an indicator it is
 * not responsible for. Rows of `schemas/reference/grants.csv`.
 */
export interface Grant {
  readonly unit: string;
  readonly dataset: string;
  /** The indicator the grant is limited to; undefined = the whole dataset. */
  readonly indicator?: string;
  /** First day in force, inclusive; undefined = since always. */
  readonly validFrom?: string;
  /** Last day in force, inclusive; undefined = until revoked. */
  readonly validTo?: string;
  readonly reason: string;
}

const optional = (value: string | undefined): string | undefined =>
  value === undefined || value.trim() === '' ? undefined : value.trim();

/** Maps rows of `schemas/reference/grants.csv` to grants. */
const grantsFromRows = (rows: readonly Record<string, string>[]): Grant[] =>
  rows.map((row) => {
    const indicator = optional(row.indicator);
    const validFrom = optional(row.valid_from);
    const validTo = optional(row.valid_to);
    return {
      unit: (row.unit ?? '').trim(),
      dataset: (row.dataset ?? '').trim(),
      ...(indicator && { indicator }),
      ...(validFrom && { validFrom }),
      ...(validTo && { validTo }),
      reason: (row.reason ?? '').trim(),
    };
  });

export { grantsFromRows };
