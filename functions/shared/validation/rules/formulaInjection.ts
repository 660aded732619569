import { type Finding, finding, NO_FINDINGS } from '../codes.js';
import type { RowRule } from '../types.js';

const FORMULA_START = /^[=+\-@\t\r]/;

/** Warns about text cells a spreadsheet would run as a formula; publication neutralises them. */
const formulaInjection =
  (fields: readonly string[]): RowRule =>
  (row, ctx) => {
    let findings: Finding[] | undefined;
    for (const field of fields) {
      const text = row[field] ?? '';
      if (!FORMULA_START.test(text)) continue;
      findings ??= [];
      findings.push(
        finding('formula-injection', {
          line: ctx.line,
          field,
          value: text.slice(0, 40),
        }),
      );
    }
    return findings ?? NO_FINDINGS;
  };

export { FORMULA_START, formulaInjection };
