import type { Finding } from '../codes.js';
import { finding, NO_FINDINGS } from '../codes.js';
import type { RowRule } from '../types.js';

/** The row's unit exists, is in force for the period and is the submitting unit. */
const unitValidForPeriod = (field: string): RowRule => {
  // A file names one or a few units: resolve each once, not on every row.
  const verdicts = new Map<string, (line: number) => readonly Finding[]>();
  const verdictOf: (
    ...args: Parameters<RowRule>
  ) => (line: number) => readonly Finding[] = (row, ctx) => {
    const code = row[field] ?? '';
    const details = { field, value: code };
    const resolution = ctx.units.resolve(code, ctx.period);
    if (resolution.status === 'unknown') {
      return (line) => [finding('unknown-unit', { ...details, line })];
    }
    if (resolution.status === 'not-valid-for-period') {
      return (line) => [
        finding('unit-not-valid-for-period', {
          ...details,
          line,
          expected: ctx.periodText,
        }),
      ];
    }
    if (code !== ctx.unitCode) {
      return (line) => [
        finding('unit-mismatch', { ...details, line, expected: ctx.unitCode }),
      ];
    }
    return () => NO_FINDINGS;
  };
  return (row, ctx) => {
    const code = row[field] ?? '';
    if (code === '') return NO_FINDINGS;
    let verdict = verdicts.get(code);
    if (!verdict) {
      verdict = verdictOf(row, ctx);
      verdicts.set(code, verdict);
    }
    return verdict(ctx.line);
  };
};

export { unitValidForPeriod };
