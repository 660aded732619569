import { mayReportIndicator } from '../../reference/responsibility.js';
import { finding, NO_FINDINGS } from '../codes.js';
import type { RowRule } from '../types.js';

/**
 * The submitting unit is responsible for the row's indicator, or a steward
 * granted it; otherwise a warning: the row stays as the unit's own figure but
 * never counts in the province consolidation.
 */
const indicatorResponsible = (field: string): RowRule => {
  // A file reports a few dozen indicators: decide each once.
  const verdicts = new Map<string, boolean>();
  return (row, ctx) => {
    const code = row[field] ?? '';
    if (code === '' || !ctx.indicators.has(code)) return NO_FINDINGS;
    let allowed = verdicts.get(code);
    if (allowed === undefined) {
      allowed = mayReportIndicator(
        { indicators: ctx.indicators, grants: ctx.grants ?? [] },
        ctx.unitCode,
        ctx.schema['x-dataset'].id,
        code,
        ctx.period,
      );
      verdicts.set(code, allowed);
    }
    if (allowed) return NO_FINDINGS;
    return [
      finding('not-responsible', {
        line: ctx.line,
        field,
        value: code,
        expected: (ctx.indicators.get(code)?.responsible ?? []).join(', '),
        severity: 'warning',
      }),
    ];
  };
};

export { indicatorResponsible };
